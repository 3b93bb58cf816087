package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import dev.ring3.jit.X87;

/**
 * FRNDINT, FSCALE, FXTRACT, FPREM, FPREM1 and the comparisons, on 80-bit values (SDM vol. 2 under each
 * instruction). Condition codes they produce are returned in {@link X87#exc} as status-word bits C0-C3.
 */
public final class F80Misc {
    private F80Misc() {}

    /** FRNDINT: ST(0) rounded to an integer under RC; PE when inexact, C1 when rounded away from zero. */
    public static long roundInt(X87 f, long m, int se) {
        int c = classify(m, se);
        if (c == UNSUPPORTED) return invalid(f);
        if (isNaN(c)) return nanResult(f, m, se, c);
        if (c == ZERO || c == INF) return result(f, m, se);
        if (c == DENORMAL) f.exc |= DE;
        if (normExp(m, se) - BIAS >= 63) return result(f, m, se);
        long ip = F80Convert.roundToInteger(f, m, se, rc(f));
        int sign = se & SIGN;
        if (f.resSe != 0) return result(f, INT_BIT, sign | (BIAS + 64));
        if (ip == 0) return result(f, 0, sign);
        int lz = Long.numberOfLeadingZeros(ip);
        return result(f, ip << lz, sign | (BIAS + 63 - lz));
    }

    /** FSCALE: ST(0) * 2^trunc(ST(1)), rounded to 64 bits under RC. */
    public static long scale(X87 f, long am, int ase, long bm, int bse) {
        int ca = classify(am, ase), cb = classify(bm, bse);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) return invalid(f);
        if (isNaN(ca) || isNaN(cb)) return nanResult(f, am, ase, ca, bm, bse, cb);
        if (denormal(f, ca, cb)) f.exc |= DE;
        boolean bNeg = (bse & SIGN) != 0;
        if (cb == INF) {
            if (ca == ZERO && !bNeg) return invalid(f);
            if (ca == INF && bNeg) return invalid(f);
            if (ca == ZERO || ca == INF) return result(f, am, ase);
            return bNeg ? result(f, 0, ase & SIGN) : result(f, INT_BIT, (ase & SIGN) | EXP);
        }
        if (ca == ZERO || ca == INF) return result(f, am, ase);
        int n;
        if (cb == ZERO) n = 0;
        else {
            int e = normExp(bm, bse) - BIAS;
            long mn = normMant(bm, bse);
            long mag = e < 0 ? 0 : e >= 20 ? 1 << 20 : mn >>> (63 - e);
            n = (int) (bNeg ? -mag : mag);
        }
        return round(f, ase & SIGN, normExp(am, ase) + n, normMant(am, ase), 0, 64, EMAX, rc(f));
    }

    /**
     * FXTRACT's significand: the value with its exponent replaced by the bias (same sign); the unbiased exponent
     * is {@link #exponentOf}. Zero raises ZE; denormals raise DE and are normalized.
     */
    public static long significand(X87 f, long m, int se) {
        int c = classify(m, se);
        if (c == UNSUPPORTED) return invalid(f);
        if (isNaN(c)) return nanResult(f, m, se, c);
        if (c == ZERO) {
            f.exc |= ZE;
            return result(f, m, se);
        }
        if (c == INF) return result(f, m, se);
        if (c == DENORMAL) f.exc |= DE;
        return result(f, normMant(m, se), (se & SIGN) | BIAS);
    }

    /** FXTRACT's exponent part as an 80-bit value: -inf for zero, +inf for infinities, the NaN for NaNs. */
    public static long exponentOf(X87 f, long m, int se) {
        int c = classify(m, se);
        if (c == UNSUPPORTED) return invalid(f);
        if (isNaN(c)) return nanResult(f, m, se, c);
        if (c == ZERO) return result(f, INT_BIT, SIGN | EXP);
        if (c == INF) return result(f, INT_BIT, EXP);
        return F80Convert.fromInt(f, normExp(m, se) - BIAS);
    }

    /**
     * FPREM ({@code nearest} false: quotient truncated) and FPREM1 (quotient rounded to nearest even): the exact
     * remainder of ST(0) / ST(1). When the exponents differ by 64 or more the reduction is partial: C2 is set and
     * the dividend is reduced by a multiple of ST(1) * 2^(32 * (floor(D / 32) - 1)), as this hardware does (it
     * is one of the choices the SDM allows); otherwise C2 is clear and C0 C3 C1 are the quotient's bits 2 1 0.
     */
    public static long remainder(X87 f, long am, int ase, long bm, int bse, boolean nearest) {
        int ca = classify(am, ase), cb = classify(bm, bse);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) return invalid(f);
        if (isNaN(ca) || isNaN(cb)) return nanResult(f, am, ase, ca, bm, bse, cb);
        if (ca == INF || cb == ZERO) return invalid(f);
        if (denormal(f, ca, cb)) f.exc |= DE;
        if (ca == ZERO || cb == INF) return result(f, am, ase);
        int ea = normExp(am, ase), eb = normExp(bm, bse);
        long ma = normMant(am, ase), mb = normMant(bm, bse);
        int sign = ase & SIGN;
        int d = ea - eb;
        if (d >= 64) {
            int reduceTo = 32 * (d / 32 - 1);
            long r = reduce(ma, mb, d - reduceTo);
            f.exc |= C2;
            return normalized(f, sign, eb + reduceTo, r);
        }
        long q = 0, r = ma;
        int re = ea;
        if (d >= 0) {
            // long division of ma * 2^d by mb, one quotient bit per step
            if (Long.compareUnsigned(r, mb) >= 0) {
                r -= mb;
                q = 1;
            }
            for (int k = 0; k < d; k++) {
                boolean carry = r < 0;
                r <<= 1;
                q <<= 1;
                if (carry || Long.compareUnsigned(r, mb) >= 0) {
                    r -= mb;
                    q |= 1;
                }
            }
            re = eb;
            if (nearest) {
                // round the quotient up when the remainder is above half the divisor (ties to even)
                int cmp = r < 0 ? 1 : Long.compareUnsigned(r << 1, mb);
                if (cmp > 0 || (cmp == 0 && (q & 1) != 0)) {
                    q++;
                    r = mb - r;
                    sign ^= SIGN;
                }
            }
        } else if (d == -1 && nearest && Long.compareUnsigned(ma, mb) > 0) {
            q = 1;
            r = mb - (ma - mb);   // b - a in units of a's exponent: 2mb - ma
            sign ^= SIGN;
        }
        f.exc |= ((q & 4) != 0 ? C0 : 0) | ((q & 2) != 0 ? C3 : 0) | ((q & 1) != 0 ? C1 : 0);
        return normalized(f, sign, re, r);
    }

    /** ma * 2^steps mod mb by shift and subtract (ma, mb normalized). */
    private static long reduce(long ma, long mb, int steps) {
        long r = ma;
        if (Long.compareUnsigned(r, mb) >= 0) r -= mb;
        for (int k = 0; k < steps; k++) {
            boolean carry = r < 0;
            r <<= 1;
            if (carry || Long.compareUnsigned(r, mb) >= 0) r -= mb;
        }
        return r;
    }

    /** A remainder significand r (not normalized) at the scale of biased exponent e, exact. */
    private static long normalized(X87 f, int sign, int e, long r) {
        if (r == 0) return result(f, 0, sign);
        int lz = Long.numberOfLeadingZeros(r);
        return round(f, sign, e - lz, r << lz, 0, 64, EMAX, rc(f));
    }

    /**
     * Compares a with b: C3 C2 C0 = 000 greater, 001 less, 100 equal, 111 unordered (returned in {@link X87#exc}
     * with IE for SNaNs and unsupported operands, and for QNaNs too unless {@code unordered} (FUCOM)); DE for
     * denormals. Returns -1, 0, 1 or 2 (unordered).
     */
    public static int compare(X87 f, long am, int ase, long bm, int bse, boolean unordered) {
        int ca = classify(am, ase), cb = classify(bm, bse);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED || isNaN(ca) || isNaN(cb)) {
            if (ca == UNSUPPORTED || cb == UNSUPPORTED || ca == SNAN || cb == SNAN || !unordered) f.exc |= IE;
            f.exc |= C3 | C2 | C0;
            return 2;
        }
        if (denormal(f, ca, cb)) f.exc |= DE;
        int r = order(am, ase, ca, bm, bse, cb);
        f.exc |= r < 0 ? C0 : r == 0 ? C3 : 0;
        return r;
    }

    /** Order of two ordered values (zeros of either sign equal). */
    static int order(long am, int ase, int ca, long bm, int bse, int cb) {
        if (ca == ZERO && cb == ZERO) return 0;
        boolean na = (ase & SIGN) != 0, nb = (bse & SIGN) != 0;
        if (ca == ZERO) return nb ? 1 : -1;
        if (cb == ZERO) return na ? -1 : 1;
        if (na != nb) return na ? -1 : 1;
        int ea = ca == INF ? EXP : normExp(am, ase), eb = cb == INF ? EXP : normExp(bm, bse);
        int mag = ea != eb ? Integer.compare(ea, eb)
                : Long.compareUnsigned(ca == INF ? INT_BIT : normMant(am, ase), cb == INF ? INT_BIT : normMant(bm, bse));
        return na ? -mag : mag;
    }
}
