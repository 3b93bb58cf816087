package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import dev.ring3.jit.X87;

/**
 * The two-operand transcendentals on ordered operands (no NaN, no unsupported encoding): the special-value tables
 * of FPATAN, FYL2X and FYL2XP1 (SDM vol. 2, tables 3-29, 3-57, 3-58), and {@link F80Trans} for the rest. y is
 * ST(1), x is ST(0).
 */
final class X87TransSpecial {
    private X87TransSpecial() {}

    /** A 128-bit constant rounded into the latch with a sign (the hardware rounds pi and its fractions by RC). */
    private static long constant(X87 f, Wide k, boolean negative) {
        F80Trans.Regs t = F80Trans.regs();
        return t.out.set(k).negate(negative).toF80(f);
    }

    private static long zero(X87 f, boolean negative) { return result(f, 0, negative ? SIGN : 0); }

    private static long infinity(X87 f, boolean negative) { return result(f, INT_BIT, (negative ? SIGN : 0) | EXP); }

    /** FPATAN: atan2(y, x), in (-pi, pi]. */
    static long atan2(X87 f, long ym, int yse, int cy, long xm, int xse, int cx) {
        boolean yNeg = (yse & SIGN) != 0, xNeg = (xse & SIGN) != 0;
        F80Trans.Regs t = F80Trans.regs();
        if (cy == INF) {
            if (cx == INF) {
                if (!xNeg) return constant(f, F80Trans.PI_4, yNeg);
                Wide threeQuarters = t.out.set(F80Trans.PI_4).sub(F80Trans.PI, t.out);
                return threeQuarters.negate(yNeg).toF80(f);
            }
            return constant(f, F80Trans.PI_2, yNeg);
        }
        if (cy == ZERO) return xNeg ? constant(f, F80Trans.PI, yNeg) : zero(f, yNeg);
        if (cx == ZERO) return constant(f, F80Trans.PI_2, yNeg);
        if (cx == INF) return xNeg ? constant(f, F80Trans.PI, yNeg) : zero(f, yNeg);
        t.y.setF80(ym, yse);
        t.x.setF80(xm, xse);
        return F80Trans.atan2(t.y, t.x, t.out, t).toF80(f);
    }

    /** FYL2X: y * log2(x). */
    static long yl2x(X87 f, long ym, int yse, int cy, long xm, int xse, int cx) {
        boolean yNeg = (yse & SIGN) != 0, xNeg = (xse & SIGN) != 0;
        if (xNeg && cx != ZERO) return invalid(f);
        if (cx == ZERO) {
            if (cy == ZERO) return invalid(f);
            if (cy != INF) f.exc |= ZE;
            return infinity(f, !yNeg);
        }
        boolean one = xm == INT_BIT && (xse & EXP) == BIAS;
        if (cx == INF) {
            if (cy == ZERO) return invalid(f);
            return infinity(f, yNeg);
        }
        if (one) {
            if (cy == INF) return invalid(f);
            return zero(f, yNeg);
        }
        boolean below1 = (xse & EXP) < BIAS || (cx == DENORMAL);
        if (cy == INF) return infinity(f, yNeg ^ below1);
        if (cy == ZERO) return zero(f, yNeg ^ below1);
        F80Trans.Regs t = F80Trans.regs();
        Wide l = F80Trans.log2(xm, xse, t.out, t);
        long r = l.mul(l, t.y.setF80(ym, yse)).toF80(f);
        f.exc |= PE;   // the hardware reports inexact even when log2(x) is an integer and the product exact
        return r;
    }

    /** FYL2XP1: y * log2(1 + x). */
    static long yl2xp1(X87 f, long ym, int yse, int cy, long xm, int xse, int cx) {
        boolean yNeg = (yse & SIGN) != 0, xNeg = (xse & SIGN) != 0;
        if (cx == ZERO) {
            if (cy == INF) return invalid(f);
            return zero(f, yNeg ^ xNeg);
        }
        if (cx == INF) {
            if (xNeg || cy == ZERO) return invalid(f);
            return infinity(f, yNeg);
        }
        if (xNeg && (xse & EXP) >= BIAS) {
            // x <= -1, outside the domain: this hardware leaves x as the result (inexact, no IE)
            f.exc |= PE;
            return result(f, xm, xse);
        }
        if (cy == INF) return infinity(f, yNeg ^ xNeg);
        if (cy == ZERO) return zero(f, yNeg ^ xNeg);
        F80Trans.Regs t = F80Trans.regs();
        Wide l = F80Trans.log2p1(xm, xse, t.out, t);
        long r = l.mul(l, t.y.setF80(ym, yse)).toF80(f);
        f.exc |= PE;   // reported even when the result is exact, as FYL2X
        return r;
    }
}
