package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;
import static dev.ring3.jit.x87.X87Stack.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;
import dev.ring3.jit.X87;

/**
 * Data transfer (SDM vol. 1 8.3.3): FLD FST FSTP (32-, 64- and 80-bit memory, registers), FILD FIST FISTP FISTTP
 * (16-, 32-, 64-bit integers), FBLD FBSTP (packed BCD) and the constants FLD1 FLDZ FLDPI FLDL2E FLDLN2 FLDL2T
 * FLDLG2.
 */
final class X87Load {
    private X87Load() {}

    static void register(Semantics.Table t) {
        t.put(Op.FLD, X87Load::fld);
        t.put(Op.FST, (c, i) -> fst(c, i, false));
        t.put(Op.FSTP, (c, i) -> fst(c, i, true));
        t.put(Op.FILD, X87Load::fild);
        t.put(Op.FIST, (c, i) -> fist(c, i, false, false));
        t.put(Op.FISTP, (c, i) -> fist(c, i, true, false));
        t.put(Op.FISTTP, (c, i) -> fist(c, i, true, true));
        t.put(Op.FBLD, X87Load::fbld);
        t.put(Op.FBSTP, X87Load::fbstp);
        t.put(Op.FLD1, (c, i) -> constant(c, i, INT_BIT, 0, BIAS));
        t.put(Op.FLDZ, (c, i) -> constant(c, i, 0, 0, 0));
        t.put(Op.FLDPI, (c, i) -> constant(c, i, 0xC90FDAA22168C234L, 0xC4C6628B80DC1CD1L, BIAS + 1));
        t.put(Op.FLDL2E, (c, i) -> constant(c, i, 0xB8AA3B295C17F0BBL, 0xBE87FED0691D3E88L, BIAS));
        t.put(Op.FLDLN2, (c, i) -> constant(c, i, 0xB17217F7D1CF79ABL, 0xC9E3B39803F2F6AFL, BIAS - 1));
        t.put(Op.FLDL2T, (c, i) -> constant(c, i, 0xD49A784BCD1B8AFEL, 0x492BF6FF4DAFDB4CL, BIAS + 1));
        t.put(Op.FLDLG2, (c, i) -> constant(c, i, 0x9A209A84FBCFF798L, 0x8F8959AC0B7C9178L, BIAS - 2));
    }

    /** Pushes the latch, or the default NaN on stack overflow; commits with C1 (1 only on overflow). */
    private static void pushLatch(Cpu c, Insn i, long ea, long m) {
        X87 f = c.fpu;
        f.exc &= ~C1;
        if (pushOverflows(f)) {
            overflow(f);
            m = f.resMant;
        }
        int se = f.resSe;
        if (deliverable(f)) push(f, m, se);
        commit(f, C1);
        record(c, i, ea);
    }

    private static void fld(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long ea = -1, m;
        if (Operand.isMem(i.o0)) {
            ea = Operands.ea(c, i);
            m = switch (Operand.size(i.o0)) {
                case 4 -> F80Convert.fromFloat(f, (int) c.mem.read32(ea), true);
                case 8 -> F80Convert.fromDouble(f, c.mem.read64(ea), true);
                default -> result(f, c.mem.read64(ea), c.mem.read16(ea + 8));
            };
        } else {
            int r = Operand.reg(i.o0);
            if (isEmpty(f, r)) {
                underflow(f);
                m = result(f, NAN_MANT, NAN_SE);
            } else {
                m = result(f, mant(f, r), se(f, r));
            }
        }
        pushLatch(c, i, ea, m);
    }

    private static void fst(Cpu c, Insn i, boolean pop) {
        begin(c, i);
        X87 f = c.fpu;
        long m = NAN_MANT;
        int se = NAN_SE;
        if (isEmpty(f, 0)) underflow(f);
        else {
            m = mant(f, 0);
            se = se(f, 0);
        }
        long ea = -1;
        if (Operand.isMem(i.o0)) {
            ea = Operands.ea(c, i);
            switch (Operand.size(i.o0)) {
                case 4 -> {
                    int v = F80Convert.toFloat(f, m, se);
                    if (storable(f)) c.mem.write32(ea, v);
                }
                case 8 -> {
                    long v = F80Convert.toDouble(f, m, se);
                    if (storable(f)) c.mem.write64(ea, v);
                }
                default -> {
                    if (storable(f)) {
                        c.mem.write64(ea, m);
                        c.mem.write16(ea + 8, se);
                    }
                }
            }
        } else if (deliverable(f)) {
            write(f, Operand.reg(i.o0), m, se);
        }
        boolean ok = (f.exc & SUPPRESSED) == 0 && deliverable(f);
        commit(f, C1);
        if (pop && ok) pop(f);
        record(c, i, ea);
    }

    private static void fild(Cpu c, Insn i) {
        begin(c, i);
        long ea = Operands.ea(c, i);
        int size = Operand.size(i.o0);
        long v = Operands.sext(c.mem.read(ea, size), size);
        long m = F80Convert.fromInt(c.fpu, v);
        pushLatch(c, i, ea, m);
    }

    private static void fist(Cpu c, Insn i, boolean pop, boolean truncate) {
        begin(c, i);
        X87 f = c.fpu;
        long ea = Operands.ea(c, i);
        int size = Operand.size(i.o0);
        long v;
        if (isEmpty(f, 0)) {
            underflow(f);
            v = 1L << (size * 8 - 1);
        } else {
            v = F80Convert.toInt(f, mant(f, 0), se(f, 0), size * 8, truncate ? RC_ZERO : rc(f));
        }
        boolean ok = storable(f);
        if (ok) c.mem.write(ea, size, v);
        commit(f, C1);
        if (pop && ok) pop(f);
        record(c, i, ea);
    }

    private static void fbld(Cpu c, Insn i) {
        begin(c, i);
        long ea = Operands.ea(c, i);
        long low = c.mem.read64(ea);
        int high = c.mem.read16(ea + 8);
        long m = F80Convert.fromBcd(c.fpu, low, high);
        pushLatch(c, i, ea, m);
    }

    private static void fbstp(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long ea = Operands.ea(c, i);
        long low;
        if (isEmpty(f, 0)) {
            underflow(f);
            low = 0xC000_0000_0000_0000L;
            f.resSe = 0xFFFF;
        } else {
            low = F80Convert.toBcd(f, mant(f, 0), se(f, 0));
        }
        boolean ok = storable(f);
        if (ok) {
            c.mem.write64(ea, low);
            c.mem.write16(ea + 8, f.resSe);
        }
        commit(f, C1);
        if (ok) pop(f);
        record(c, i, ea);
    }

    /**
     * Pushes a constant held to 128 bits, rounded to 64 under RC (the hardware keeps them more precisely than the
     * register format and rounds by RC, without raising PE).
     */
    private static void constant(Cpu c, Insn i, long hi, long lo, int e) {
        begin(c, i);
        X87 f = c.fpu;
        long m = hi == 0 ? result(f, 0, 0) : round(f, 0, e, hi, lo, 64, EMAX, rc(f));
        f.exc = 0;
        pushLatch(c, i, -1, m);
    }
}
