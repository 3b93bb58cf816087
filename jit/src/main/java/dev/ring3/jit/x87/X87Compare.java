package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;
import static dev.ring3.jit.x87.X87Stack.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;
import dev.ring3.jit.X87;

/**
 * Comparison and classification (SDM vol. 1 8.3.6, 8.3.7): FCOM FCOMP FCOMPP FUCOM FUCOMP FUCOMPP FICOM FICOMP
 * FTST set C3 C2 C0; FCOMI FCOMIP FUCOMI FUCOMIP set ZF PF CF (and clear OF SF AF); FXAM classifies ST(0);
 * FCMOVcc moves on an EFLAGS condition.
 */
final class X87Compare {
    private X87Compare() {}

    static void register(Semantics.Table t) {
        t.put(Op.FCOM, (c, i) -> fcom(c, i, false, 0));
        t.put(Op.FCOMP, (c, i) -> fcom(c, i, false, 1));
        t.put(Op.FCOMPP, (c, i) -> fcom(c, i, false, 2));
        t.put(Op.FUCOM, (c, i) -> fcom(c, i, true, 0));
        t.put(Op.FUCOMP, (c, i) -> fcom(c, i, true, 1));
        t.put(Op.FUCOMPP, (c, i) -> fcom(c, i, true, 2));
        t.put(Op.FICOM, (c, i) -> fcom(c, i, false, 0));
        t.put(Op.FICOMP, (c, i) -> fcom(c, i, false, 1));
        t.put(Op.FTST, X87Compare::ftst);
        t.put(Op.FCOMI, (c, i) -> fcomi(c, i, false, false));
        t.put(Op.FCOMIP, (c, i) -> fcomi(c, i, false, true));
        t.put(Op.FUCOMI, (c, i) -> fcomi(c, i, true, false));
        t.put(Op.FUCOMIP, (c, i) -> fcomi(c, i, true, true));
        t.put(Op.FXAM, X87Compare::fxam);
        t.put(Op.FCMOVCC, X87Compare::fcmov);
    }

    /** Compares ST(0) with the operand (memory, ST(i), or ST(1) when there is none); condition codes into the latch. */
    private static void fcom(Cpu c, Insn i, boolean unordered, int pops) {
        begin(c, i);
        X87 f = c.fpu;
        long ea = -1, bm;
        int bse;
        boolean empty = isEmpty(f, 0);
        if (i.nops > 0 && Operand.isMem(i.o0)) {
            ea = Operands.ea(c, i);
            int size = Operand.size(i.o0);
            if (i.op == Op.FICOM || i.op == Op.FICOMP) bm = F80Convert.fromInt(f, Operands.sext(c.mem.read(ea, size), size));
            else if (size == 4) bm = F80Convert.fromFloat(f, (int) c.mem.read32(ea), false);
            else bm = F80Convert.fromDouble(f, c.mem.read64(ea), false);
            bse = f.resSe;
        } else {
            int r = i.nops > 0 ? Operand.reg(i.o0) : 1;
            empty |= isEmpty(f, r);
            bm = mant(f, r);
            bse = se(f, r);
        }
        if (empty) {
            underflow(f);
            f.exc |= C3 | C2 | C0;
        } else {
            F80Misc.compare(f, mant(f, 0), se(f, 0), bm, bse, unordered);
        }
        boolean ok = deliverable(f);
        commit(f, CC);
        if (ok) {
            for (int k = 0; k < pops; k++) pop(f);
        }
        record(c, i, ea);
    }

    private static void ftst(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        if (isEmpty(f, 0)) {
            underflow(f);
            f.exc |= C3 | C2 | C0;
        } else {
            F80Misc.compare(f, mant(f, 0), se(f, 0), 0, 0, false);
        }
        commit(f, CC);
        record(c, i, -1);
    }

    private static void fcomi(Cpu c, Insn i, boolean unordered, boolean pop) {
        begin(c, i);
        X87 f = c.fpu;
        int r = Operand.reg(i.o1);
        int order;
        if (isEmpty(f, 0) || isEmpty(f, r)) {
            underflow(f);
            order = 2;
        } else {
            order = F80Misc.compare(f, mant(f, 0), se(f, 0), mant(f, r), se(f, r), unordered);
        }
        boolean ok = deliverable(f);
        if (ok) {
            long flags = switch (order) {
                case -1 -> FlagBits.CF;
                case 0 -> FlagBits.ZF;
                case 1 -> 0;
                default -> FlagBits.ZF | FlagBits.PF | FlagBits.CF;
            };
            Flags.putAll(c, FlagBits.STATUS, flags);
        }
        commit(f, C1);
        if (pop && ok) pop(f);
        record(c, i, -1);
    }

    /** FXAM: C1 is the sign; C3 C2 C0 the class (SDM vol. 2 FXAM: unsupported, NaN, normal, infinity, zero, empty, denormal). */
    private static void fxam(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long m = mant(f, 0);
        int se = se(f, 0);
        int cc = (se & SIGN) != 0 ? C1 : 0;
        if (isEmpty(f, 0)) cc |= C3 | C0;
        else {
            cc |= switch (classify(m, se)) {
                case QNAN, SNAN -> C0;
                case NORMAL -> C2;
                case INF -> C2 | C0;
                case ZERO -> C3;
                case DENORMAL -> C3 | C2;
                default -> 0;
            };
        }
        f.exc = cc;
        commit(f, CC);
        record(c, i, -1);
    }

    private static void fcmov(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        int r = Operand.reg(i.o1);
        if (isEmpty(f, 0) || isEmpty(f, r)) {
            underflow(f);   // the masked response replaces ST(0) whatever the condition
            if (deliverable(f)) write(f, 0, NAN_MANT, NAN_SE);
        } else if (Flags.cond(c, i.cc)) {
            write(f, 0, mant(f, r), se(f, r));
        }
        commit(f, C1);
        record(c, i, -1);
    }
}
