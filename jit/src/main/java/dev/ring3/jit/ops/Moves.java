package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/**
 * Data movement: MOV (and segment-register moves), MOVZX, MOVSX, MOVSXD, LEA, XCHG, XADD, CMPXCHG,
 * CBW/CWDE/CDQE, CWD/CDQ/CQO, SETcc, CMOVcc, XLAT, MOVBE, MOVNTI; CMPXCHG8B/16B live in {@link WideCmpxchg}.
 */
public final class Moves {
    private Moves() {}

    /** Selector values a 64-bit Linux process sees: CS 0x33, SS 0x2b, DS ES FS GS 0. */
    private static final int[] SELECTORS = {0, 0x33, 0x2b, 0, 0, 0};

    public static void register(Semantics.Table t) {
        t.put(Op.MOV, Moves::mov);
        t.put(Op.MOV_SREG, Moves::movSreg);
        t.put(Op.MOVZX, (c, i) -> write(c, i, i.o0, read(c, i, i.o1)));
        t.put(Op.MOVSX, (c, i) -> write(c, i, i.o0, sext(read(c, i, i.o1), Operand.size(i.o1))));
        t.put(Op.MOVSXD, (c, i) -> write(c, i, i.o0, sext(read(c, i, i.o1, 4), 4)));
        t.put(Op.LEA, Moves::lea);
        t.put(Op.XCHG, Moves::xchg);
        t.put(Op.XADD, Moves::xadd);
        t.put(Op.CMPXCHG, Moves::cmpxchg);
        t.put(Op.CBW, Moves::cbw);
        t.put(Op.CWD, Moves::cwd);
        t.put(Op.SETCC, (c, i) -> write(c, i, i.o0, Flags.cond(c, i.cc) ? 1 : 0));
        t.put(Op.CMOVCC, Moves::cmov);
        t.put(Op.XLAT, Moves::xlat);
        t.put(Op.MOVBE, (c, i) -> write(c, i, i.o0, swap(read(c, i, i.o1), i.osize)));
        t.put(Op.MOVNTI, (c, i) -> write(c, i, i.o0, read(c, i, i.o1)));   // the non-temporal hint has no effect here
        WideCmpxchg.register(t);
    }

    private static void mov(Cpu c, Insn i) {
        write(c, i, i.o0, read(c, i, i.o1, Operand.size(i.o0)));
    }

    private static void movSreg(Cpu c, Insn i) {
        if (Operand.kind(i.o1) == Operand.SEG) {
            write(c, i, i.o0, SELECTORS[Operand.reg(i.o1) % 6]);
        } else {
            read(c, i, i.o1); // a load of a segment register: the access happens, the value is ignored
        }
    }

    private static void lea(Cpu c, Insn i) {
        long a = i.disp;
        if (i.base >= 0) a += c.r[i.base];
        if (i.index >= 0) a += c.r[i.index] << i.scale;
        if (i.asize == 4) a &= 0xFFFF_FFFFL;
        setReg(c, Operand.reg(i.o0), i.osize, a);
    }

    private static void xchg(Cpu c, Insn i) {
        int size = i.osize;
        if (Operand.isMem(i.o0)) {
            long v = getReg(c, Operand.reg(i.o1), size);
            long old = c.mem.xchg(ea(c, i), size, v);   // XCHG with memory is always locked
            setReg(c, Operand.reg(i.o1), size, old);
        } else {
            long a = read(c, i, i.o0), b = read(c, i, i.o1);
            write(c, i, i.o0, b);
            write(c, i, i.o1, a);
        }
    }

    private static void xadd(Cpu c, Insn i) {
        int size = i.osize;
        int src = Operand.reg(i.o1);
        long b = getReg(c, src, size);
        long a;
        if (Operand.isMem(i.o0)) {
            a = c.mem.fetchAdd(ea(c, i), size, b);
        } else {
            a = read(c, i, i.o0);
            setReg(c, src, size, a);
            write(c, i, i.o0, a + b);
            Flags.set(c, Flags.op(Flags.ADD, size), (a + b) & mask(size), a, b);
            return;
        }
        setReg(c, src, size, a);
        Flags.set(c, Flags.op(Flags.ADD, size), (a + b) & mask(size), a, b);
    }

    private static void cmpxchg(Cpu c, Insn i) {
        int size = i.osize;
        long expect = getReg(c, Cpu.RAX, size);
        long update = getReg(c, Operand.reg(i.o1), size);
        long old;
        if (Operand.isMem(i.o0)) {
            long addr = ea(c, i);
            // The hardware writes the old value back on failure, inside the locked cycle; a separate store here
            // could undo another thread's store made in between, and is invisible otherwise, so there is none.
            old = c.mem.cmpxchg(addr, size, expect, update);
        } else {
            old = read(c, i, i.o0);
            if (old == expect) write(c, i, i.o0, update);
        }
        Flags.set(c, Flags.op(Flags.SUB, size), (expect - old) & mask(size), expect, old);
        if (old != expect) setReg(c, Cpu.RAX, size, old);
    }

    private static void cbw(Cpu c, Insn i) {
        int size = i.osize;
        setReg(c, Cpu.RAX, size, sext(c.r[Cpu.RAX], size / 2));
    }

    private static void cwd(Cpu c, Insn i) {
        int size = i.osize;
        long sign = sext(c.r[Cpu.RAX], size) < 0 ? -1L : 0;
        setReg(c, Cpu.RDX, size, sign);
    }

    private static void cmov(Cpu c, Insn i) {
        long v = read(c, i, i.o1);  // the source is read (and may fault) whatever the condition
        if (Flags.cond(c, i.cc)) write(c, i, i.o0, v);
        else if (i.osize == 4) setReg(c, Operand.reg(i.o0), 4, c.r[Operand.reg(i.o0)]); // 32-bit form zero-extends anyway
    }

    /** XLAT: AL = [RBX + AL] (EBX + AL with a 67 prefix), in DS or the overriding FS/GS. */
    private static void xlat(Cpu c, Insn i) {
        long a = c.r[Cpu.RBX] + (c.r[Cpu.RAX] & 0xff);
        if (i.asize == 4) a &= 0xFFFF_FFFFL;
        if (i.seg == Prefix.SEG_FS) a += c.fsBase;
        else if (i.seg == Prefix.SEG_GS) a += c.gsBase;
        setReg(c, Cpu.RAX, 1, c.mem.read8(a));
    }

    /** The low {@code size} bytes of v in reverse order (MOVBE). */
    static long swap(long v, int size) {
        return switch (size) {
            case 2 -> Short.reverseBytes((short) v) & 0xffffL;
            case 4 -> Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
            default -> Long.reverseBytes(v);
        };
    }
}
