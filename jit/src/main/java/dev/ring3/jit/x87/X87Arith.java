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
 * Basic arithmetic (SDM vol. 1 8.3.5, 8.3.9): FADD FSUB FSUBR FMUL FDIV FDIVR with their popping and integer
 * forms, FSQRT FABS FCHS FRNDINT FSCALE FXTRACT FPREM FPREM1. Register forms name their destination first
 * ({@code ST0,STi} or {@code STi,ST0}); memory forms compute {@code ST(0) op m} (reversed: {@code m op ST(0)}).
 */
final class X87Arith {
    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    private X87Arith() {}

    static void register(Semantics.Table t) {
        t.put(Op.FADD, (c, i) -> binary(c, i, ADD, false, false));
        t.put(Op.FADDP, (c, i) -> binary(c, i, ADD, false, true));
        t.put(Op.FIADD, (c, i) -> binary(c, i, ADD, false, false));
        t.put(Op.FSUB, (c, i) -> binary(c, i, SUB, false, false));
        t.put(Op.FSUBP, (c, i) -> binary(c, i, SUB, false, true));
        t.put(Op.FISUB, (c, i) -> binary(c, i, SUB, false, false));
        t.put(Op.FSUBR, (c, i) -> binary(c, i, SUB, true, false));
        t.put(Op.FSUBRP, (c, i) -> binary(c, i, SUB, true, true));
        t.put(Op.FISUBR, (c, i) -> binary(c, i, SUB, true, false));
        t.put(Op.FMUL, (c, i) -> binary(c, i, MUL, false, false));
        t.put(Op.FMULP, (c, i) -> binary(c, i, MUL, false, true));
        t.put(Op.FIMUL, (c, i) -> binary(c, i, MUL, false, false));
        t.put(Op.FDIV, (c, i) -> binary(c, i, DIV, false, false));
        t.put(Op.FDIVP, (c, i) -> binary(c, i, DIV, false, true));
        t.put(Op.FIDIV, (c, i) -> binary(c, i, DIV, false, false));
        t.put(Op.FDIVR, (c, i) -> binary(c, i, DIV, true, false));
        t.put(Op.FDIVRP, (c, i) -> binary(c, i, DIV, true, true));
        t.put(Op.FIDIVR, (c, i) -> binary(c, i, DIV, true, false));
        t.put(Op.FSQRT, X87Arith::fsqrt);
        t.put(Op.FABS, (c, i) -> sign(c, i, false));
        t.put(Op.FCHS, (c, i) -> sign(c, i, true));
        t.put(Op.FRNDINT, X87Arith::frndint);
        t.put(Op.FSCALE, X87Arith::fscale);
        t.put(Op.FXTRACT, X87Arith::fxtract);
        t.put(Op.FPREM, (c, i) -> fprem(c, i, false));
        t.put(Op.FPREM1, (c, i) -> fprem(c, i, true));
    }

    private static boolean isInteger(Op op) {
        return op == Op.FIADD || op == Op.FISUB || op == Op.FISUBR || op == Op.FIMUL || op == Op.FIDIV
                || op == Op.FIDIVR;
    }

    private static void binary(Cpu c, Insn i, int kind, boolean reverse, boolean pop) {
        begin(c, i);
        X87 f = c.fpu;
        long ea = -1, am, bm;
        int ase, bse, dst, src;
        if (Operand.isMem(i.o0)) {
            ea = Operands.ea(c, i);
            int size = Operand.size(i.o0);
            if (isInteger(i.op)) bm = F80Convert.fromInt(f, Operands.sext(c.mem.read(ea, size), size));
            else if (size == 4) bm = F80Convert.fromFloat(f, (int) c.mem.read32(ea), false);
            else bm = F80Convert.fromDouble(f, c.mem.read64(ea), false);
            bse = f.resSe;
            dst = 0;
            src = 0;
        } else {
            dst = Operand.reg(i.o0);
            src = Operand.reg(i.o1);
            bm = mant(f, src);
            bse = se(f, src);
        }
        long m;
        int se;
        if (isEmpty(f, dst) || (ea == -1 && isEmpty(f, src))) {
            underflow(f);
            m = NAN_MANT;
            se = NAN_SE;
        } else {
            am = mant(f, dst);
            ase = se(f, dst);
            if (reverse) {
                long tm = am; am = bm; bm = tm;
                int ts = ase; ase = bse; bse = ts;
            }
            int prec = pc(f);
            m = switch (kind) {
                case ADD -> F80Arith.add(f, am, ase, bm, bse, false, prec);
                case SUB -> F80Arith.add(f, am, ase, bm, bse, true, prec);
                case MUL -> F80Arith.mul(f, am, ase, bm, bse, prec);
                default -> F80Arith.div(f, am, ase, bm, bse, prec);
            };
            se = f.resSe;
        }
        finish(c, i, ea, dst, m, se, pop, C1);
    }

    /** Writes ST(dst) unless an unmasked exception forbids it, commits the status, pops if asked, records. */
    private static void finish(Cpu c, Insn i, long ea, int dst, long m, int se, boolean pop, int ccMask) {
        X87 f = c.fpu;
        boolean ok = deliverable(f);
        if (ok) write(f, dst, m, se);
        commit(f, ccMask);
        if (pop && ok) pop(f);
        record(c, i, ea);
    }

    private static void fsqrt(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long m;
        if (isEmpty(f, 0)) {
            underflow(f);
            m = result(f, NAN_MANT, NAN_SE);
        } else {
            m = F80Arith.sqrt(f, mant(f, 0), se(f, 0), pc(f));
        }
        finish(c, i, -1, 0, m, f.resSe, false, C1);
    }

    private static void sign(Cpu c, Insn i, boolean negate) {
        begin(c, i);
        X87 f = c.fpu;
        long m = NAN_MANT;
        int se = NAN_SE;
        if (isEmpty(f, 0)) underflow(f);
        else {
            m = mant(f, 0);
            se = negate ? se(f, 0) ^ SIGN : se(f, 0) & ~SIGN;
        }
        finish(c, i, -1, 0, m, se, false, C1);
    }

    private static void frndint(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long m;
        if (isEmpty(f, 0)) {
            underflow(f);
            m = result(f, NAN_MANT, NAN_SE);
        } else {
            m = F80Misc.roundInt(f, mant(f, 0), se(f, 0));
        }
        finish(c, i, -1, 0, m, f.resSe, false, C1);
    }

    private static void fscale(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long m;
        if (isEmpty(f, 0) || isEmpty(f, 1)) {
            underflow(f);
            m = result(f, NAN_MANT, NAN_SE);
        } else {
            m = F80Misc.scale(f, mant(f, 0), se(f, 0), mant(f, 1), se(f, 1));
        }
        finish(c, i, -1, 0, m, f.resSe, false, C1);
    }

    private static void fxtract(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long em = NAN_MANT, sm = NAN_MANT;
        int ese = NAN_SE, sse = NAN_SE;
        if (isEmpty(f, 0)) underflow(f);
        else if (pushOverflows(f)) overflow(f);
        else {
            long m = mant(f, 0);
            int se = se(f, 0);
            sm = F80Misc.significand(f, m, se);
            sse = f.resSe;
            em = F80Misc.exponentOf(f, m, se);
            ese = f.resSe;
        }
        boolean ok = deliverable(f);
        if (ok) {
            write(f, 0, em, ese);
            push(f, sm, sse);
        }
        commit(f, C1);
        record(c, i, -1);
    }

    private static void fprem(Cpu c, Insn i, boolean nearest) {
        begin(c, i);
        X87 f = c.fpu;
        long m;
        if (isEmpty(f, 0) || isEmpty(f, 1)) {
            underflow(f);
            m = result(f, NAN_MANT, NAN_SE);
        } else {
            m = F80Misc.remainder(f, mant(f, 0), se(f, 0), mant(f, 1), se(f, 1), nearest);
        }
        // a NaN result clears C1 and C2 and leaves C0 and C3 as they were (as this hardware does)
        boolean nan = (f.resSe & EXP) == EXP && classify(m, f.resSe) != INF;
        finish(c, i, -1, 0, m, f.resSe, false, nan ? C1 | C2 : CC);
    }
}
