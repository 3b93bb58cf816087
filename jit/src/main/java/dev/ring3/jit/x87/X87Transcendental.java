package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;
import static dev.ring3.jit.x87.X87Stack.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Semantics;
import dev.ring3.jit.X87;

/**
 * The transcendental instructions (SDM vol. 1 8.3.8-8.3.10): FSIN FCOS FSINCOS FPTAN on |x| < 2^63 (C2 set and
 * ST(0) left alone beyond), FPATAN, FYL2X, FYL2XP1, F2XM1, with the special-operand tables of their SDM vol. 2
 * pages; finite results come from {@link F80Trans}.
 */
final class X87Transcendental {
    private static final int SIN = 0, COS = 1, TAN = 2, SINCOS = 3;

    private X87Transcendental() {}

    static void register(Semantics.Table t) {
        t.put(Op.FSIN, (c, i) -> trig(c, i, SIN));
        t.put(Op.FCOS, (c, i) -> trig(c, i, COS));
        t.put(Op.FPTAN, (c, i) -> trig(c, i, TAN));
        t.put(Op.FSINCOS, (c, i) -> trig(c, i, SINCOS));
        t.put(Op.FPATAN, (c, i) -> binary(c, i, Op.FPATAN));
        t.put(Op.FYL2X, (c, i) -> binary(c, i, Op.FYL2X));
        t.put(Op.FYL2XP1, (c, i) -> binary(c, i, Op.FYL2XP1));
        t.put(Op.F2XM1, X87Transcendental::f2xm1);
    }

    private static void trig(Cpu c, Insn i, int kind) {
        begin(c, i);
        X87 f = c.fpu;
        boolean pushes = kind == TAN || kind == SINCOS;
        long m = mant(f, 0), r1, r2 = INT_BIT;
        int se = se(f, 0), s1, s2 = BIAS;
        int cls = classify(m, se);
        if (isEmpty(f, 0)) {
            underflow(f);
            r1 = result(f, NAN_MANT, NAN_SE);
            r2 = NAN_MANT;
            s2 = NAN_SE;
        } else if (cls == NORMAL && (se & EXP) >= BIAS + 63) {
            f.exc |= C2;   // out of range: nothing changes
            commit(f, C1 | C2);
            record(c, i, -1);
            return;
        } else if (pushes && pushOverflows(f)) {
            overflow(f);
            r1 = NAN_MANT;
            s1 = NAN_SE;
            r2 = NAN_MANT;
            s2 = NAN_SE;
            f.resSe = s1;
        } else if (cls == UNSUPPORTED || cls == INF) {
            r1 = invalid(f);
            r2 = NAN_MANT;
            s2 = NAN_SE;
        } else if (isNaN(cls)) {
            r1 = nanResult(f, m, se, cls);
            r2 = r1;
            s2 = f.resSe;
        } else if (cls == ZERO) {
            r1 = kind == COS ? result(f, INT_BIT, BIAS) : result(f, m, se);
            if (kind == SINCOS) {
                r2 = INT_BIT;
                s2 = BIAS;
            }
        } else {
            if (cls == DENORMAL) f.exc |= DE;
            F80Trans.Regs t = F80Trans.regs();
            F80Trans.reduce(m, se, t);
            int q = t.quadrant;
            boolean neg = (se & SIGN) != 0;
            Wide sin = F80Trans.sin(t.r, t.y, t), cos = F80Trans.cos(t.r, t.x, t);
            if (kind == TAN) {
                // tan = sin r / cos r in even quadrants, -cos r / sin r in odd ones
                Wide tan = (q & 1) == 0 ? t.out.div(sin, cos, t.t1, t.t2) : t.out.div(cos, sin, t.t1, t.t2).negate(true);
                r1 = tan.negate(neg).toF80(f);
            } else {
                // sin(k pi/2 + r) is sin r, cos r, -sin r, -cos r; cos(k pi/2 + r) is cos r, -sin r, -cos r, sin r
                Wide s = ((q & 1) == 0 ? sin : cos).negate((q >= 2) ^ neg);
                Wide co = ((q & 1) == 0 ? cos : sin).negate(q == 1 || q == 2);
                if (kind == COS) r1 = co.toF80(f);
                else if (kind == SIN) r1 = s.toF80(f);
                else {
                    r2 = co.toF80(f);
                    s2 = f.resSe;
                    f.exc &= ~C1;   // C1 tells how the sine was rounded (as this hardware reports it)
                    r1 = s.toF80(f);
                }
            }
        }
        s1 = f.resSe;
        if (deliverable(f)) {
            write(f, 0, r1, s1);
            if (pushes) push(f, r2, s2);
        }
        commit(f, C1 | C2);
        record(c, i, -1);
    }

    private static void f2xm1(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        long m = mant(f, 0), r;
        int se = se(f, 0);
        int cls = classify(m, se);
        if (isEmpty(f, 0)) {
            underflow(f);
            r = result(f, NAN_MANT, NAN_SE);
        } else if (cls == UNSUPPORTED) r = invalid(f);
        else if (isNaN(cls)) r = nanResult(f, m, se, cls);
        else if (cls == ZERO) r = result(f, m, se);
        else if (cls == INF) r = (se & SIGN) != 0 ? result(f, INT_BIT, SIGN | BIAS) : result(f, m, se);
        else if ((se & EXP) >= BIAS && (m != INT_BIT || (se & EXP) != BIAS)) {
            // |x| > 1, outside the domain: this hardware leaves ST(0) as it is, reporting an inexact result
            r = result(f, m, se);
            f.exc |= PE;
        } else if (m == INT_BIT && (se & EXP) == BIAS) {
            // 2^1 - 1 and 2^-1 - 1 are exact, yet reported inexact (and 1 as rounded up), as this hardware does
            boolean minus = (se & SIGN) != 0;
            r = minus ? result(f, INT_BIT, SIGN | (BIAS - 1)) : result(f, INT_BIT, BIAS);
            f.exc |= minus ? PE : PE | C1;
        } else {
            if (cls == DENORMAL) f.exc |= DE;
            F80Trans.Regs t = F80Trans.regs();
            r = F80Trans.exp2m1(m, se, t.out, t).toF80(f);
            f.exc |= PE;
        }
        int rse = f.resSe;
        if (deliverable(f)) write(f, 0, r, rse);
        commit(f, C1);
        record(c, i, -1);
    }

    /** FPATAN, FYL2X, FYL2XP1: ST(1) = g(ST(1), ST(0)), then pop. */
    private static void binary(Cpu c, Insn i, Op op) {
        begin(c, i);
        X87 f = c.fpu;
        long xm = mant(f, 0), ym = mant(f, 1), r;
        int xse = se(f, 0), yse = se(f, 1);
        if (isEmpty(f, 0) || isEmpty(f, 1)) {
            underflow(f);
            r = result(f, NAN_MANT, NAN_SE);
        } else {
            int cx = classify(xm, xse), cy = classify(ym, yse);
            if (cx == UNSUPPORTED || cy == UNSUPPORTED) r = invalid(f);
            else if (isNaN(cx) || isNaN(cy)) r = nanResult(f, ym, yse, cy, xm, xse, cx);
            else {
                if (cx == DENORMAL || cy == DENORMAL) f.exc |= DE;
                r = switch (op) {
                    case FPATAN -> X87TransSpecial.atan2(f, ym, yse, cy, xm, xse, cx);
                    case FYL2X -> X87TransSpecial.yl2x(f, ym, yse, cy, xm, xse, cx);
                    default -> X87TransSpecial.yl2xp1(f, ym, yse, cy, xm, xse, cx);
                };
            }
        }
        int rse = f.resSe;
        boolean ok = deliverable(f);
        if (ok) write(f, 1, r, rse);
        commit(f, C1);
        if (ok) pop(f);
        record(c, i, -1);
    }
}
