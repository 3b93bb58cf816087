package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Fp.*;
import static dev.ring3.jit.sse.Mxcsr.*;

import dev.ring3.jit.Cpu;

/**
 * SSE arithmetic on one lane: ADD SUB MUL DIV SQRT MIN MAX, exactly rounded under MXCSR with the exception flags
 * the SDM gives (vol. 2 per instruction; vol. 1, 4.8.3 and 4.9.2 for special operands and their priority: an SNaN
 * or QNaN operand decides the result before invalid operations and divide by zero, which come before the
 * denormal-operand flag, which comes before the result-stage flags).
 *
 * <p>Operands pass through DAZ first. Sums and products are computed exactly on integer significands; quotients and
 * square roots use the host's correctly rounded double operation on significands scaled to [1, 4), plus the exact
 * residual from {@link Math#fma}, which is enough to round to either format in any mode ({@link Fp#sticky}).
 */
final class FpArith {
    private FpArith() {}

    /** Operation kinds for the lane dispatcher. */
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, SQRT = 6;

    /** One lane of a two-operand instruction: a op b (b is the source operand, a the destination). */
    static long op(Cpu c, int kind, int f, long a, long b) {
        if (FpFast.applies(c)) {
            long r = FpFast.op(c, kind, f, a, b);
            if (r != FpFast.SLOW) return r;
        }
        return exact(c, kind, f, a, b);
    }

    /** {@link #op} without the fast path. */
    static long exact(Cpu c, int kind, int f, long a, long b) {
        return switch (kind) {
            case ADD -> add(c, f, a, b, false);
            case SUB -> add(c, f, a, b, true);
            case MUL -> mul(c, f, a, b);
            case DIV -> div(c, f, a, b);
            case MIN -> minMax(c, f, a, b, false);
            case MAX -> minMax(c, f, a, b, true);
            default -> sqrt(c, f, b);
        };
    }

    static long add(Cpu c, int f, long a, long b, boolean subtract) {
        a = daz(c, f, a);
        b = daz(c, f, b);
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        if (subtract) b ^= signMask(f);
        boolean na = neg(f, a), nb = neg(f, b);
        boolean ia = isInf(f, a), ib = isInf(f, b);
        if (ia || ib) {
            if (ia && ib && na != nb) return invalid(c, f);
            denormal(c, f, a, b);
            return ia ? a : b;
        }
        denormal(c, f, a, b);
        boolean za = isZero(f, a), zb = isZero(f, b);
        if (za && zb) return na == nb ? a : zero(f, rc(c) == RD);
        if (za) return reround(c, f, b);
        if (zb) return reround(c, f, a);
        return sum(c, f, na, exp(f, a), sig(f, a), nb, exp(f, b), sig(f, b));
    }

    /** The rounded sum of two nonzero finite unpacked values. */
    private static long sum(Cpu c, int f, boolean na, int ea, long sa, boolean nb, int eb, long sb) {
        if (ea < eb || (ea == eb && sa < sb)) return sum(c, f, nb, eb, sb, na, ea, sa);
        long small = shiftRightJam(sb, ea - eb);
        if (na == nb) {
            long s = sa + small;
            if (s < 0) {          // carried into bit 63
                s = (s >>> 1) | (s & 1);
                ea++;
            }
            return round(c, f, na, ea, s);
        }
        // |a| >= |b|; when the exponents differ by 2 or more the difference keeps its top bit within one place,
        // so the sticky bit stays below the rounding position; otherwise nothing was shifted out
        long s = sa - small;
        if (s == 0) return zero(f, rc(c) == RD);
        int lz = Long.numberOfLeadingZeros(s) - 1;
        return round(c, f, na, ea - lz, s << lz);
    }

    static long mul(Cpu c, int f, long a, long b) {
        a = daz(c, f, a);
        b = daz(c, f, b);
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        boolean n = neg(f, a) != neg(f, b);
        boolean za = isZero(f, a), zb = isZero(f, b);
        if (isInf(f, a) || isInf(f, b)) {
            if (za || zb) return invalid(c, f);
            denormal(c, f, a, b);
            return inf(f, n);
        }
        denormal(c, f, a, b);
        if (za || zb) return zero(f, n);
        int e = exp(f, a) + exp(f, b);
        long sa = sig(f, a), sb = sig(f, b);
        long hi = Math.unsignedMultiplyHigh(sa, sb), lo = sa * sb;   // product in [2^124, 2^126)
        long s;
        if (hi >= 1L << 61) {
            s = (hi << 1) | (lo >>> 63) | ((lo << 1) != 0 ? 1 : 0);
            e++;
        } else {
            s = (hi << 2) | (lo >>> 62) | ((lo << 2) != 0 ? 1 : 0);
        }
        return round(c, f, n, e, s);
    }

    static long div(Cpu c, int f, long a, long b) {
        a = daz(c, f, a);
        b = daz(c, f, b);
        if (isNaN(f, a) || isNaN(f, b)) return nan2(c, f, a, b);
        boolean n = neg(f, a) != neg(f, b);
        boolean ia = isInf(f, a), ib = isInf(f, b), za = isZero(f, a), zb = isZero(f, b);
        if (ia && ib || za && zb) return invalid(c, f);
        if (zb && !ia) {           // finite nonzero / 0: divide by zero comes before the denormal check
            c.mxcsr |= ZE;
            return inf(f, n);
        }
        denormal(c, f, a, b);
        if (ia || zb) return inf(f, n);
        if (ib || za) return zero(f, n);
        double ma = unit(sig(f, a)), mb = unit(sig(f, b));
        double q = ma / mb;
        double r = Math.fma(-q, mb, ma);              // exact: the remainder of a rounded quotient is representable
        int qe = (int) (Double.doubleToRawLongBits(q) >>> 52) - 1023;   // 0 or -1
        return round(c, f, n, exp(f, a) - exp(f, b) + qe, sticky(q, r));
    }

    static long sqrt(Cpu c, int f, long x) {
        x = daz(c, f, x);
        if (isNaN(f, x)) {
            if (isSNaN(f, x)) c.mxcsr |= IE;
            return quiet(f, x);
        }
        if (isZero(f, x)) return x;
        if (neg(f, x)) return invalid(c, f);
        if (isInf(f, x)) return x;
        denormal(c, f, x, 0);
        int e = exp(f, x);
        double m = unit(sig(f, x));
        if ((e & 1) != 0) {
            m *= 2;
            e--;
        }
        double q = Math.sqrt(m);                      // in [1, 2)
        double r = Math.fma(-q, q, m);                // exact, as for division
        return round(c, f, false, e >> 1, sticky(q, r));
    }

    /**
     * MIN/MAX: the source (second) operand when either is a NaN (of any kind, raising IE) or both are zeros,
     * otherwise the smaller or larger; DAZ-flushed operands are returned flushed (SDM vol. 2, MINPS/MAXPS).
     */
    static long minMax(Cpu c, int f, long a, long b, boolean max) {
        a = daz(c, f, a);
        b = daz(c, f, b);
        if (isNaN(f, a) || isNaN(f, b)) {
            c.mxcsr |= IE;
            return b;
        }
        denormal(c, f, a, b);
        double x = value(f, a), y = value(f, b);
        return (max ? x > y : x < y) ? a : b;
    }
}
