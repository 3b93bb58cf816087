package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * XCHG with memory (always locked), and CMPXCHG and XADD with memory, with or without LOCK: the atomic operations of
 * {@link dev.ring3.jit.GuestMemory} (VarHandle compare-and-exchange on the flat window), called with the guest
 * registers in locals; before, the region stored its registers and ran the interpreter's semantics for them. The
 * operand's bounds check comes first and gives the access its fault path (the interpreter then raises SIGSEGV
 * naming the instruction). libc's locks (stdio's, malloc's) are these instructions: busybox grep and sed took
 * two per input line.
 */
final class AtomicEmitters {
    private AtomicEmitters() {}

    /** Emits the instruction if this class handles it; returns null if not (true: it may fault on memory). */
    static Boolean emit(Translator t, Insn i) {
        if (!Operand.isMem(i.o0) || !Operand.isGpr(i.o1)) return null;
        return switch (i.op) {
            case XCHG -> xchg(t, i);
            case CMPXCHG -> cmpxchg(t, i);
            case XADD -> xadd(t, i);
            default -> null;
        };
    }

    /** Local of the operand's address, bounds-checked: a bad address takes the fault path. */
    private static int checkedAddress(Translator t, Insn i, int size) {
        int addr = t.g.addressLocal(i);
        t.g.checkAccess(addr, size);
        return addr;
    }

    private static void memory(Translator t) {
        t.mv.visitVarInsn(ALOAD, Gen.L_CPU);
        t.mv.visitFieldInsn(GETFIELD, Gen.CPU, "mem", "L" + Gen.MEMORY + ";");
    }

    private static boolean xchg(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize, reg = Operand.reg(i.o1);
        int addr = checkedAddress(t, i, size);
        memory(t);
        g.lload(addr);
        g.iconst(size);
        g.readReg(reg, size);
        t.mv.visitMethodInsn(INVOKEVIRTUAL, Gen.MEMORY, "xchg", "(JIJ)J", false);
        g.writeReg(reg, size);
        return true;
    }

    /** XADD with memory (atomic whether locked or not, as the interpreter does it): reg = old; flags of old + reg. */
    private static boolean xadd(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize, reg = Operand.reg(i.o1);
        int b = g.newLong(), old = g.newLong();
        g.readReg(reg, size);
        g.lstore(b);
        int addr = checkedAddress(t, i, size);
        memory(t);
        g.lload(addr);
        g.iconst(size);
        g.lload(b);
        t.mv.visitMethodInsn(INVOKEVIRTUAL, Gen.MEMORY, "fetchAdd", "(JIJ)J", false);
        g.lstore(old);
        g.lload(old);
        g.writeReg(reg, size);
        if (t.live(FlagBits.STATUS)) {   // (a lazy producer's result is a - b: a CMP's)
            int sum = g.newLong();
            g.lload(old);
            g.lload(b);
            t.mv.visitInsn(LADD);
            g.zext(size);
            g.lstore(sum);
            t.produced(Flags.op(Flags.ADD, size), sum, old, b, FlagBits.STATUS);
        }
        return true;
    }

    /** As the interpreter: flags of CMP rAX, old; rAX = old only if they differ. */
    private static boolean cmpxchg(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        int expect = g.newLong(), old = g.newLong();
        g.readReg(Cpu.RAX, size);
        g.lstore(expect);
        int addr = checkedAddress(t, i, size);
        memory(t);
        g.lload(addr);
        g.iconst(size);
        g.lload(expect);
        g.readReg(Operand.reg(i.o1), size);
        mv.visitMethodInsn(INVOKEVIRTUAL, Gen.MEMORY, "cmpxchg", "(JIJJ)J", false);
        g.lstore(old);
        Label same = new Label();
        g.lload(old);
        g.lload(expect);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, same);
        g.lload(old);
        g.writeReg(Cpu.RAX, size);
        mv.visitLabel(same);
        t.producedLazy(Flags.op(Flags.SUB, size), expect, old, FlagBits.STATUS);
        return true;
    }
}
