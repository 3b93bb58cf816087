package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Shifts by CL, rotates, BSWAP, bit scans and counts, ADC/SBB, MUL/IMUL (one operand) and DIV/IDIV of 32 and 64
 * bits. Where an instruction's flag behaviour is awkward to keep lazily (a shift by a count that may be 0 leaves
 * the flags alone; rotates and bit scans change single flags), the direct code is used only when the flags it
 * writes are dead, which is nearly always so in compiled code; otherwise {@link Translator#fallback} runs it.
 * Division takes the direct path when the dividend fits in 64 bits, else a side exit to the exact semantics
 * (which also raise #DE).
 */
final class BitEmitters {
    private BitEmitters() {}

    /** Emits the instruction if this class handles it in the current context; returns null if not. */
    static Boolean emit(Translator t, Insn i) {
        boolean flagsDead = !t.live(i.op.flagsWritten);
        switch (i.op) {
            case SHL, SHR, SAR -> { return Operand.kind(i.o1) == Operand.GPR && gprOrMem(i) ? shiftCl(t, i, !flagsDead) : null; }
            case ROL, ROR -> { return gprOrMem(i) ? rotate(t, i, !flagsDead) : null; }
            case BSWAP -> { return i.osize >= 4 ? bswap(t, i) : null; }
            case BT -> { return Operand.isGpr(i.o0) && i.osize >= 2 ? bitTest(t, i, !flagsDead) : null; }
            case BSF, BSR -> { return i.osize >= 4 ? scan(t, i, !flagsDead) : null; }
            case TZCNT, LZCNT, POPCNT -> { return flagsDead && i.osize >= 4 ? scan(t, i, false) : null; }
            case ADC, SBB -> { return flagsDead && !Operand.isMem(i.o0) ? adcSbb(t, i) : null; }
            case MUL, IMUL1 -> { return i.osize >= 4 ? mul(t, i) : null; }
            case DIV, IDIV -> { return i.osize >= 4 && !t.conservative ? div(t, i) : null; }
            default -> { return null; }
        }
    }

    private static boolean gprOrMem(Insn i) { return Operand.isGpr(i.o0) || Operand.isMem(i.o0); }

    /** Reads the destination (register or memory, address kept in addr[0]) into a new local. */
    private static int readDest(Translator t, Insn i, int size, int[] addr) {
        Gen g = t.g;
        int a = g.newLong();
        if (Operand.isMem(i.o0)) {
            addr[0] = g.addressLocal(i);
            g.loadAt(addr[0], 0, size);
        } else {
            g.readReg(Operand.reg(i.o0), size);
        }
        g.lstore(a);
        return a;
    }

    private static void writeDest(Translator t, Insn i, int size, int[] addr, int value) {
        Gen g = t.g;
        if (Operand.isMem(i.o0)) g.storeAt(addr[0], 0, value, size);
        else {
            g.lload(value);
            g.writeReg(Operand.reg(i.o0), size);
        }
    }

    /**
     * SHL/SHR/SAR by CL: count 0 changes nothing (but a 32-bit register is still written). With flags live (a shift
     * at a region's exit, say), the flags go to the Cpu first and a non-zero count records the shift's lazy flags
     * there as the interpreter does; a region otherwise fell back to the interpreter's semantics for it.
     */
    private static boolean shiftCl(Translator t, Insn i, boolean liveFlags) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        if (liveFlags) t.flagsToCpu();   // what follows changes single flags there
        int[] addr = {-1};
        int a = readDest(t, i, size, addr);
        int n = g.newInt(), d = g.newLong();
        g.readReg(Operand.reg(i.o1), 1);
        mv.visitInsn(L2I);
        g.iconst(size == 8 ? 63 : 31);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, n);
        g.lload(a);
        if (i.op == Op.SAR) g.sext(size);
        mv.visitVarInsn(ILOAD, n);
        mv.visitInsn(i.op == Op.SHL ? LSHL : i.op == Op.SHR ? LUSHR : LSHR);
        g.zext(size);
        g.lstore(d);
        writeDest(t, i, size, addr, d);   // with count 0 this writes the same value
        if (liveFlags) {
            Label same = new Label();
            mv.visitVarInsn(ILOAD, n);
            mv.visitJumpInsn(IFEQ, same);
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            g.iconst(Flags.op(i.op == Op.SHL ? Flags.SHL : i.op == Op.SHR ? Flags.SHR : Flags.SAR, size));
            g.lload(d);
            g.lload(a);
            mv.visitVarInsn(ILOAD, n);
            mv.visitInsn(I2L);
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "set", "(L" + Gen.CPU + ";IJJJ)V", false);
            mv.visitLabel(same);
        }
        return Operand.isMem(i.o0);
    }

    /**
     * ROL/ROR by an immediate or CL. With CF and OF live (a rotate just before a region's cut, say), the flags go to
     * the Cpu first and a masked count that is not 0 sets CF and OF there as the interpreter does; a region
     * otherwise fell back to the interpreter's semantics for it (SHA-3's rotates in busybox: 1.7 million times for
     * 10 MB).
     */
    private static boolean rotate(Translator t, Insn i, boolean liveFlags) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize, bits = size * 8;
        if (liveFlags) t.flagsToCpu();   // what follows changes single flags there
        int[] addr = {-1};
        int a = readDest(t, i, size, addr);
        int n = g.newInt(), masked = g.newInt(), d = g.newLong();
        if (Operand.kind(i.o1) == Operand.IMM) g.iconst((int) (i.imm & (size == 8 ? 63 : 31)));
        else {
            g.readReg(Operand.reg(i.o1), 1);
            mv.visitInsn(L2I);
            g.iconst(size == 8 ? 63 : 31);
            mv.visitInsn(IAND);
        }
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, masked);
        g.iconst(bits - 1);
        mv.visitInsn(IAND);                  // the effective rotation, modulo the operand width
        if (i.op == Op.ROR) {                // ror n == rol (bits - n)
            mv.visitInsn(INEG);
            g.iconst(bits - 1);
            mv.visitInsn(IAND);
        }
        mv.visitVarInsn(ISTORE, n);
        switch (size) {
            case 8 -> {
                g.lload(a);
                mv.visitVarInsn(ILOAD, n);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateLeft", "(JI)J", false);
            }
            case 4 -> {
                g.lload(a);
                mv.visitInsn(L2I);
                mv.visitVarInsn(ILOAD, n);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateLeft", "(II)I", false);
                mv.visitInsn(I2L);
                g.zext(4);
            }
            default -> {                     // (a << n | a >>> (bits - n)) & mask; n = 0 gives a
                g.lload(a);
                mv.visitVarInsn(ILOAD, n);
                mv.visitInsn(LSHL);
                g.lload(a);
                g.iconst(bits);
                mv.visitVarInsn(ILOAD, n);
                mv.visitInsn(ISUB);
                mv.visitInsn(LUSHR);
                mv.visitInsn(LOR);
                g.zext(size);
            }
        }
        g.lstore(d);
        writeDest(t, i, size, addr, d);
        if (liveFlags) {
            Label same = new Label();
            mv.visitVarInsn(ILOAD, masked);
            mv.visitJumpInsn(IFEQ, same);
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            g.iconst(i.op == Op.ROR ? 1 : 0);
            g.lload(d);
            g.iconst(bits);
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/ops/Shifts", "rotateFlags", "(L" + Gen.CPU + ";ZJI)V",
                    false);
            mv.visitLabel(same);
        }
        return Operand.isMem(i.o0);
    }

    /**
     * BT of a register (bit offset an immediate or a register, taken modulo the width): only CF changes. With CF
     * live the flags go to the Cpu and CF is set there, as the interpreter does; with it dead BT does nothing.
     */
    private static boolean bitTest(Translator t, Insn i, boolean liveFlags) {
        if (!liveFlags) return false;
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        t.flagsToCpu();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.iconst(FlagBits.CF);
        g.readReg(Operand.reg(i.o0), size);
        g.read(i, i.o1, size);
        mv.visitInsn(L2I);
        g.iconst(size * 8 - 1);
        mv.visitInsn(IAND);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IAND);
        mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "put", "(L" + Gen.CPU + ";IZ)V", false);
        return false;
    }

    private static boolean bswap(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int r = Operand.reg(i.o0);
        g.readReg(r, i.osize);
        if (i.osize == 8) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
        } else {
            mv.visitInsn(L2I);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
            mv.visitInsn(I2L);
        }
        g.writeReg(r, i.osize);
        return false;
    }

    /**
     * BSF BSR (zero source: destination unchanged), TZCNT LZCNT POPCNT, with the flags dead; BSF and BSR also with
     * them live (as in glibc's string functions, whose BSF is the last instruction before RET): ZF is then set in
     * the Cpu as the interpreter sets it, the other flags left as they were.
     */
    private static boolean scan(Translator t, Insn i, boolean liveFlags) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        if (liveFlags) t.flagsToCpu();   // what follows changes single flags there
        int v = g.newLong();
        g.read(i, i.o1, size);
        g.lstore(v);
        Label done = new Label();
        if (i.op == Op.BSF || i.op == Op.BSR) {
            g.lload(v);
            g.lconst(0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, done);
        }
        switch (i.op) {
            case BSF, TZCNT -> {
                g.lload(v);
                if (i.op == Op.TZCNT && size == 4) {   // tzcnt of a 32-bit zero is 32
                    g.lconst(1L << 32);
                    mv.visitInsn(LOR);
                }
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfTrailingZeros", "(J)I", false);
            }
            case BSR -> {
                g.iconst(63);
                g.lload(v);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfLeadingZeros", "(J)I", false);
                mv.visitInsn(ISUB);
            }
            case LZCNT -> {
                g.lload(v);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "numberOfLeadingZeros", "(J)I", false);
                if (size == 4) {
                    g.iconst(32);
                    mv.visitInsn(ISUB);
                }
            }
            default -> {
                g.lload(v);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "bitCount", "(J)I", false);
            }
        }
        mv.visitInsn(I2L);
        g.writeReg(Operand.reg(i.o0), size);
        mv.visitLabel(done);
        if (liveFlags) {
            Label nonZero = new Label(), put = new Label();
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            g.iconst(FlagBits.ZF);
            g.lload(v);
            g.lconst(0);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, nonZero);
            mv.visitInsn(ICONST_1);
            mv.visitJumpInsn(GOTO, put);
            mv.visitLabel(nonZero);
            mv.visitInsn(ICONST_0);
            mv.visitLabel(put);
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "put", "(L" + Gen.CPU + ";IZ)V", false);
        }
        return Operand.isMem(i.o1);
    }

    /** ADC/SBB to a register with the flags dead: CF from the current flag state in, result out. */
    private static boolean adcSbb(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        int cf = g.newLong(), d = g.newLong();
        Emitters.carry(t);
        mv.visitInsn(I2L);
        g.lstore(cf);
        g.readReg(Operand.reg(i.o0), size);
        g.read(i, i.o1, size);
        mv.visitInsn(i.op == Op.ADC ? LADD : LSUB);
        g.lload(cf);
        mv.visitInsn(i.op == Op.ADC ? LADD : LSUB);
        g.zext(size);
        g.lstore(d);
        g.lload(d);
        g.writeReg(Operand.reg(i.o0), size);
        return Operand.isMem(i.o1);
    }

    /** MUL/IMUL r/m32 and r/m64: RDX:RAX (EDX:EAX) = rAX * source; CF = OF = the high half is significant. */
    private static boolean mul(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        boolean signed = i.op == Op.IMUL1;
        int a = g.newLong(), b = g.newLong(), lo = g.newLong(), hi = g.newLong(), ovf = g.newLong();
        g.readReg(Cpu.RAX, size);
        if (signed) g.sext(size);
        g.lstore(a);
        g.read(i, i.o0, size);
        if (signed) g.sext(size);
        g.lstore(b);
        if (size == 8) {
            g.lload(a);
            g.lload(b);
            mv.visitInsn(LMUL);
            g.lstore(lo);
            g.lload(a);
            g.lload(b);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", signed ? "multiplyHigh" : "unsignedMultiplyHigh", "(JJ)J", false);
            g.lstore(hi);
        } else {
            int p = g.newLong();
            g.lload(a);
            g.lload(b);
            mv.visitInsn(LMUL);
            g.lstore(p);
            g.lload(p);
            g.zext(4);
            g.lstore(lo);
            g.lload(p);
            g.iconst(32);
            mv.visitInsn(signed ? LSHR : LUSHR);
            g.zext(4);
            g.lstore(hi);
        }
        // overflow: unsigned, the high half is nonzero; signed, it is not the sign extension of the low half
        g.lload(hi);
        if (signed) {
            g.lload(lo);
            g.sext(size);
            g.iconst(63);
            mv.visitInsn(LSHR);
            g.zext(size);
        } else {
            g.lconst(0);
        }
        mv.visitInsn(LCMP);
        Label same = new Label(), set = new Label();
        mv.visitJumpInsn(IFEQ, same);
        g.lconst(1);
        mv.visitJumpInsn(GOTO, set);
        mv.visitLabel(same);
        g.lconst(0);
        mv.visitLabel(set);
        g.lstore(ovf);
        g.lload(lo);
        g.writeReg(Cpu.RAX, size);
        g.lload(hi);
        g.writeReg(Cpu.RDX, size);
        t.produced(Flags.op(Flags.MUL, size), lo, t.zeroLocal, ovf, FlagBits.STATUS);
        return Operand.isMem(i.o0);
    }

    /**
     * DIV/IDIV r/m32 and r/m64 when the quotient is an ordinary 64-bit division: divisor nonzero, the dividend's
     * high half only the extension of its low half (64-bit forms), and the quotient in range. Anything else (a
     * 128-bit dividend, #DE) is a side exit to the exact semantics. The flags are left as they were.
     */
    private static boolean div(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        boolean signed = i.op == Op.IDIV;
        Label slow = new Label(), done = new Label();
        int d = g.newLong(), n = g.newLong(), q = g.newLong(), r = g.newLong();
        g.read(i, i.o0, size);
        if (signed) g.sext(size);
        g.lstore(d);
        g.lload(d);
        g.lconst(0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, slow);
        if (size == 8) {
            // RDX must be 0 (unsigned) or RAX's sign extension (signed)
            g.readReg(Cpu.RDX, 8);
            if (signed) {
                g.readReg(Cpu.RAX, 8);
                g.iconst(63);
                mv.visitInsn(LSHR);
            } else {
                g.lconst(0);
            }
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, slow);
            g.readReg(Cpu.RAX, 8);
            g.lstore(n);
            if (signed) {   // MIN / -1 overflows
                g.lload(d);
                g.lconst(-1);
                mv.visitInsn(LCMP);
                Label fine = new Label();
                mv.visitJumpInsn(IFNE, fine);
                g.lload(n);
                g.lconst(Long.MIN_VALUE);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFEQ, slow);
                mv.visitLabel(fine);
            }
        } else {
            // EDX:EAX as one 64-bit dividend
            g.readReg(Cpu.RDX, 4);
            g.iconst(32);
            mv.visitInsn(LSHL);
            g.readReg(Cpu.RAX, 4);
            mv.visitInsn(LOR);
            g.lstore(n);
        }
        g.lload(n);
        g.lload(d);
        if (signed) mv.visitInsn(LDIV);
        else mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "divideUnsigned", "(JJ)J", false);
        g.lstore(q);
        g.lload(n);
        g.lload(q);
        g.lload(d);
        mv.visitInsn(LMUL);
        mv.visitInsn(LSUB);
        g.lstore(r);
        if (size == 4) {    // the quotient must fit in 32 bits
            g.lload(q);
            if (signed) {
                g.lload(q);
                g.sext(4);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFNE, slow);
            } else {
                g.iconst(32);
                mv.visitInsn(LUSHR);
                g.lconst(0);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFNE, slow);
            }
        }
        g.lload(q);
        g.writeReg(Cpu.RAX, size);
        g.lload(r);
        g.writeReg(Cpu.RDX, size);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        t.sideExit(i);
        mv.visitLabel(done);
        return Operand.isMem(i.o0);
    }
}
