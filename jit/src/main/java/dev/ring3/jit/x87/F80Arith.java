package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import dev.ring3.jit.X87;

/**
 * Addition, subtraction, multiplication, division and square root of 80-bit values, correctly rounded to the
 * precision control's width and the rounding control's direction (SDM vol. 1 4.8, 8.1.5), with the x87's special
 * cases: unsupported encodings and invalid operations give the default NaN with IE, NaNs propagate by table 4-7,
 * denormal operands raise DE, exact zero sums are +0 except when rounding down. Results land in the latch as
 * {@link F80} describes.
 */
public final class F80Arith {
    private F80Arith() {}

    /** a + b, or a - b when {@code negateB}, rounded to {@code prec} bits. */
    public static long add(X87 f, long am, int ase, long bm, int bse, boolean negateB, int prec) {
        int ca = classify(am, ase), cb = classify(bm, bse);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) return invalid(f);
        if (isNaN(ca) || isNaN(cb)) return nanResult(f, am, ase, ca, bm, bse, cb);
        if (negateB) bse ^= SIGN;
        if (denormal(f, ca, cb)) f.exc |= DE;
        if (ca == INF || cb == INF) {
            if (ca == INF && cb == INF && ((ase ^ bse) & SIGN) != 0) return invalid(f);
            return ca == INF ? result(f, am, ase) : result(f, bm, bse);
        }
        int rc = rc(f);
        if (ca == ZERO && cb == ZERO) {
            int sign = (ase & bse & SIGN) | (((ase ^ bse) & SIGN) != 0 && rc == RC_DOWN ? SIGN : 0);
            return result(f, 0, sign);
        }
        if (ca == ZERO) return round(f, bse & SIGN, normExp(bm, bse), normMant(bm, bse), 0, prec, EMAX, rc);
        if (cb == ZERO) return round(f, ase & SIGN, normExp(am, ase), normMant(am, ase), 0, prec, EMAX, rc);
        int ea = normExp(am, ase), eb = normExp(bm, bse);
        long ma = normMant(am, ase), mb = normMant(bm, bse);
        int sa = ase & SIGN, sb = bse & SIGN;
        if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) {
            int t = ea; ea = eb; eb = t;
            long u = ma; ma = mb; mb = u;
            t = sa; sa = sb; sb = t;
        }
        // b's significand aligned to a's exponent, as 128 bits hi:lo with the bits shifted out kept as sticky
        int d = ea - eb;
        long bh, bl;
        if (d == 0) { bh = mb; bl = 0; }
        else if (d < 64) { bh = mb >>> d; bl = mb << (64 - d); }
        else if (d == 64) { bh = 0; bl = mb; }
        else if (d < 128) { bh = 0; bl = (mb >>> (d - 64)) | ((mb << (128 - d)) != 0 ? 1 : 0); }
        else { bh = 0; bl = 1; }
        if (sa == sb) {
            long lo = bl;
            long hi = ma + bh;
            boolean carry = Long.compareUnsigned(hi, ma) < 0;
            if (carry) {
                lo = (lo >>> 1) | (hi << 63) | (lo & 1);
                hi = (hi >>> 1) | INT_BIT;
                ea++;
            }
            return round(f, sa, ea, hi, lo, prec, EMAX, rc);
        }
        long lo = -bl;
        long hi = ma - bh - (bl != 0 ? 1 : 0);
        if (hi == 0 && lo == 0) return result(f, 0, rc == RC_DOWN ? SIGN : 0);
        int lz = hi != 0 ? Long.numberOfLeadingZeros(hi) : 64 + Long.numberOfLeadingZeros(lo);
        if (lz >= 64) {
            hi = lo << (lz - 64);
            lo = 0;
        } else if (lz > 0) {
            hi = (hi << lz) | (lo >>> (64 - lz));
            lo <<= lz;
        }
        return round(f, sa, ea - lz, hi, lo, prec, EMAX, rc);
    }

    /** a * b rounded to {@code prec} bits. */
    public static long mul(X87 f, long am, int ase, long bm, int bse, int prec) {
        int ca = classify(am, ase), cb = classify(bm, bse);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) return invalid(f);
        if (isNaN(ca) || isNaN(cb)) return nanResult(f, am, ase, ca, bm, bse, cb);
        int sign = (ase ^ bse) & SIGN;
        if (ca == INF || cb == INF) {
            if (ca == ZERO || cb == ZERO) return invalid(f);
            if (denormal(f, ca, cb)) f.exc |= DE;
            return result(f, INT_BIT, sign | EXP);
        }
        if (denormal(f, ca, cb)) f.exc |= DE;
        if (ca == ZERO || cb == ZERO) return result(f, 0, sign);
        long ma = normMant(am, ase), mb = normMant(bm, bse);
        int e = normExp(am, ase) + normExp(bm, bse) - BIAS;
        long hi = Math.unsignedMultiplyHigh(ma, mb), lo = ma * mb;
        if (hi < 0) e++;
        else {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
        }
        return round(f, sign, e, hi, lo, prec, EMAX, rc(f));
    }

    /** a / b rounded to {@code prec} bits. */
    public static long div(X87 f, long am, int ase, long bm, int bse, int prec) {
        int ca = classify(am, ase), cb = classify(bm, bse);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) return invalid(f);
        if (isNaN(ca) || isNaN(cb)) return nanResult(f, am, ase, ca, bm, bse, cb);
        int sign = (ase ^ bse) & SIGN;
        if (ca == INF) {
            if (cb == INF) return invalid(f);
            if (denormal(f, ca, cb)) f.exc |= DE;
            return result(f, INT_BIT, sign | EXP);
        }
        if (cb == INF) {
            if (denormal(f, ca, cb)) f.exc |= DE;
            return result(f, 0, sign);
        }
        if (cb == ZERO) {
            if (ca == ZERO) return invalid(f);
            f.exc |= ZE;   // division by zero outranks a denormal dividend: no DE

            return result(f, INT_BIT, sign | EXP);
        }
        if (denormal(f, ca, cb)) f.exc |= DE;
        if (ca == ZERO) return result(f, 0, sign);
        long ma = normMant(am, ase), mb = normMant(bm, bse);
        int e = normExp(am, ase) - normExp(bm, bse) + BIAS;
        long nh, nl;
        if (Long.compareUnsigned(ma, mb) >= 0) {
            nh = ma >>> 1;
            nl = ma << 63;
        } else {
            nh = ma;
            nl = 0;
            e--;
        }
        long q1 = div128(nh, nl, mb);
        long r1 = nl - q1 * mb;
        long q2 = div128(r1, 0, mb);
        long r2 = -q2 * mb;
        return round(f, sign, e, q1, q2 | (r2 != 0 ? 1 : 0), prec, EMAX, rc(f));
    }

    /** The square root rounded to {@code prec} bits; -0 stays -0, other negatives are invalid. */
    public static long sqrt(X87 f, long m, int se, int prec) {
        int c = classify(m, se);
        if (c == UNSUPPORTED) return invalid(f);
        if (isNaN(c)) return nanResult(f, m, se, c);
        if (c == ZERO) return result(f, 0, se);
        if ((se & SIGN) != 0) return invalid(f);
        if (c == INF) return result(f, m, se);
        if (c == DENORMAL) f.exc |= DE;
        long mn = normMant(m, se);
        int unbiased = normExp(m, se) - BIAS;
        long nh, nl;
        if ((unbiased & 1) == 0) {
            nh = mn >>> 1;
            nl = mn << 63;
        } else {
            nh = mn;
            nl = 0;
        }
        long r = isqrt(nh, nl);
        // remainder N - r*r, at most 2r: compare with r to know whether the root's fraction is above one half
        long sqLo = r * r, sqHi = Math.unsignedMultiplyHigh(r, r);
        long remLo = nl - sqLo;
        long remHi = nh - sqHi - (Long.compareUnsigned(nl, sqLo) < 0 ? 1 : 0);
        long lo;
        if (remHi == 0 && remLo == 0) lo = 0;
        else if (remHi != 0 || Long.compareUnsigned(remLo, r) > 0) lo = 0xC000_0000_0000_0000L;
        else lo = 0x4000_0000_0000_0000L;
        int e = Math.floorDiv(unbiased, 2) + BIAS;
        return round(f, 0, e, r, lo, prec, EMAX, rc(f));
    }

    /** floor(sqrt(hi:lo)) for {@code hi >= 2^62}: Newton's iteration in integers, from above the root. */
    static long isqrt(long hi, long lo) {
        if (hi >>> 1 == Long.MAX_VALUE) return hi == -1L || lo != 0 ? -1L : -2L;   // root within 2 of 2^64
        // a double estimate is within 2^12 of the root; start above it so that every step stays above the root
        double approx = Math.sqrt(unsignedToDouble(hi) * 0x1p64 + unsignedToDouble(lo));
        long base = approx >= 0x1p64 ? -1L : (long) (approx * 0.5) << 1;
        long x = base + (1L << 13);
        if (Long.compareUnsigned(x, base) < 0) x = -1L;
        while (true) {
            long q = div128(hi, lo, x);
            long y = (x >>> 1) + (q >>> 1) + (x & q & 1);
            if (Long.compareUnsigned(y, x) >= 0) return x;
            x = y;
        }
    }

    static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }
}
