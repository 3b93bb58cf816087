package dev.ring3.jit.x87;

import dev.ring3.jit.X87;

/**
 * A mutable binary floating-point number with a 128-bit significand, the working precision of the transcendental
 * instructions: value = ±(hi:lo / 2^127) * 2^exp, with bit 63 of hi set unless the value is zero. Operations are
 * truncating (errors of a few units in the 128th bit), which leaves some 60 bits of guard below an 80-bit result,
 * and jam a sticky 1 into the lowest bit when they drop nonzero bits, so that a result never looks exact (or
 * rounds the wrong way under directed rounding) because a tiny term fell off the end.
 * Instances are scratch registers ({@link F80Trans} keeps a few per thread); operations write their result into
 * {@code this} and may name {@code this} among their operands.
 */
final class Wide {
    boolean neg;
    int exp;
    long hi, lo;

    Wide set(Wide o) {
        neg = o.neg; exp = o.exp; hi = o.hi; lo = o.lo;
        return this;
    }

    /** ±(hi:lo) * 2^e for an unnormalized unsigned 128-bit integer hi:lo. */
    Wide setInt(long h, long l, int e, boolean negative) {
        neg = negative;
        if (h == 0 && l == 0) return zero();
        int lz = h != 0 ? Long.numberOfLeadingZeros(h) : 64 + Long.numberOfLeadingZeros(l);
        if (lz >= 64) {
            hi = l << (lz - 64);
            lo = 0;
        } else if (lz > 0) {
            hi = (h << lz) | (l >>> (64 - lz));
            lo = l << lz;
        } else {
            hi = h;
            lo = l;
        }
        exp = e + 127 - lz;
        return this;
    }

    Wide setLong(long v) { return setInt(0, v < 0 ? -v : v, 0, v < 0); }

    /** An 80-bit value (finite). */
    Wide setF80(long m, int se) {
        neg = (se & F80.SIGN) != 0;
        if ((se & F80.EXP) == 0 && m == 0) return zero();
        hi = F80.normMant(m, se);
        lo = 0;
        exp = F80.normExp(m, se) - F80.BIAS;
        return this;
    }

    Wide zero() {
        hi = lo = 0;
        exp = 0;
        return this;
    }

    boolean isZero() { return hi == 0; }

    Wide negate(boolean n) {
        neg ^= n;
        return this;
    }

    Wide scale(int k) {
        if (hi != 0) exp += k;
        return this;
    }

    /** Compares magnitudes. */
    int compareMagnitude(Wide o) {
        if (hi == 0 || o.hi == 0) return Boolean.compare(hi != 0, o.hi != 0);
        if (exp != o.exp) return Integer.compare(exp, o.exp);
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    Wide mul(Wide a, Wide b) {
        if (a.hi == 0 || b.hi == 0) {
            neg = a.neg ^ b.neg;
            return zero();
        }
        long hh = Math.unsignedMultiplyHigh(a.hi, b.hi), hl = a.hi * b.hi;
        long m1 = Math.unsignedMultiplyHigh(a.hi, b.lo), m2 = Math.unsignedMultiplyHigh(a.lo, b.hi);
        long l = hl + m1;
        long carry = Long.compareUnsigned(l, hl) < 0 ? 1 : 0;
        long l2 = l + m2;
        carry += Long.compareUnsigned(l2, l) < 0 ? 1 : 0;
        long h = hh + carry;
        int e = a.exp + b.exp;
        boolean n = a.neg ^ b.neg;
        long sticky = a.lo != 0 || b.lo != 0 ? 1 : 0;   // the product's lower half was dropped
        if (h < 0) {
            hi = h;
            lo = l2 | sticky;
            exp = e + 1;
        } else {
            hi = (h << 1) | (l2 >>> 63);
            lo = (l2 << 1) | sticky;
            exp = e;
        }
        neg = n;
        return this;
    }

    Wide add(Wide a, Wide b) { return addSigned(a, b, b.neg); }

    Wide sub(Wide a, Wide b) { return addSigned(a, b, !b.neg); }

    /** a + (±|b|) where {@code bNeg} is b's sign for this sum. */
    private Wide addSigned(Wide a, Wide b, boolean bNeg) {
        if (b.hi == 0) return set(a);
        if (a.hi == 0) {
            set(b);
            neg = bNeg;
            return this;
        }
        // x is the larger magnitude, y the smaller
        boolean aLarger = a.compareMagnitude(b) >= 0;
        Wide x = aLarger ? a : b, y = aLarger ? b : a;
        boolean xNeg = aLarger ? a.neg : bNeg, yNeg = aLarger ? bNeg : a.neg;
        // y aligned to x; bits shifted out are jammed into the lowest bit (a sticky bit), so that a tiny y still
        // moves the sum off x in the right direction
        int d = x.exp - y.exp;
        long yh, yl;
        if (d == 0) { yh = y.hi; yl = y.lo; }
        else if (d < 64) { yh = y.hi >>> d; yl = (y.lo >>> d) | (y.hi << (64 - d)) | ((y.lo << (64 - d)) != 0 ? 1 : 0); }
        else if (d == 64) { yh = 0; yl = y.hi | (y.lo != 0 ? 1 : 0); }
        else if (d < 128) { yh = 0; yl = (y.hi >>> (d - 64)) | ((y.hi << (128 - d)) != 0 || y.lo != 0 ? 1 : 0); }
        else { yh = 0; yl = 1; }
        long xh = x.hi, xl = x.lo;
        int e = x.exp;
        if (xNeg == yNeg) {
            long l = xl + yl;
            long c0 = Long.compareUnsigned(l, xl) < 0 ? 1 : 0;
            long h1 = xh + yh;
            long h = h1 + c0;
            boolean carry = Long.compareUnsigned(h1, xh) < 0 || Long.compareUnsigned(h, h1) < 0;
            if (carry) {
                lo = (l >>> 1) | (h << 63);
                hi = (h >>> 1) | Long.MIN_VALUE;
                exp = e + 1;
            } else {
                hi = h;
                lo = l;
                exp = e;
            }
            neg = xNeg;
            return this;
        }
        long l = xl - yl;
        long h = xh - yh - (Long.compareUnsigned(xl, yl) < 0 ? 1 : 0);
        return setInt(h, l, e - 127, xNeg);
    }

    /** a / n for a positive int n. */
    Wide divInt(Wide a, int n) {
        long h = Long.divideUnsigned(a.hi, n), r = Long.remainderUnsigned(a.hi, n);
        long t = (r << 32) | (a.lo >>> 32);
        long q1 = t / n;
        t = ((t % n) << 32) | (a.lo & 0xFFFF_FFFFL);
        long q0 = t / n;
        setInt(h, (q1 << 32) | q0, a.exp - 127, a.neg);
        if (t % n != 0) lo |= 1;
        return this;
    }

    /** a / b, by a reciprocal refined with Newton's iteration; uses the two scratch numbers. */
    Wide div(Wide a, Wide b, Wide t1, Wide t2) {
        if (a.hi == 0) {
            neg = a.neg ^ b.neg;
            return zero();
        }
        // r ~ 1/b to 53 bits, then r = r + r(1 - b r) twice
        double approx = 1.0 / (F80Arith.unsignedToDouble(b.hi) * 0x1p-63);
        t1.setInt(0, (long) (approx * 0x1p62), -62 - b.exp, b.neg);
        for (int k = 0; k < 2; k++) {
            t2.mul(b, t1);
            t2.sub(ONE, t2);
            t2.mul(t1, t2);
            t1.add(t1, t2);
        }
        // q = a r, corrected once: q + r(a - b q); every operation reads its operands before writing
        boolean n = a.neg ^ b.neg;
        t2.mul(a, t1);
        long qh = t2.hi, ql = t2.lo;
        int qe = t2.exp;
        boolean qn = t2.neg;
        t2.mul(b, t2);
        t2.sub(a, t2);
        t2.mul(t1, t2);
        setRaw(qn, qe, qh, ql);
        add(this, t2);
        neg = n;
        lo |= 1;   // an approximation: never exact
        return this;
    }

    private Wide setRaw(boolean n, int e, long h, long l) {
        neg = n; exp = e; hi = h; lo = l;
        return this;
    }

    /** Rounds to an 80-bit value under RC at 64-bit precision into the FPU's latch. */
    long toF80(X87 f) {
        if (hi == 0) return F80.result(f, 0, neg ? F80.SIGN : 0);
        return F80.round(f, neg ? F80.SIGN : 0, exp + F80.BIAS, hi, lo, 64, F80.EMAX, F80.rc(f));
    }

    /** Constant 1. */
    static final Wide ONE = new Wide().setLong(1);

    /** A constant from its 128-bit significand and exponent. */
    static Wide constant(long h, long l, int e) { return new Wide().setRaw(false, e, h, l); }

    @Override
    public String toString() {
        return (neg ? "-" : "+") + Long.toHexString(hi) + "_" + Long.toHexString(lo) + "p" + exp;
    }
}
