package dev.ring3.jit.x87;

import dev.ring3.jit.X87;

/**
 * The core of the software 80-bit floating point: encodings, operand classes, the one rounding routine every
 * result goes through, and the x87's NaN rules.
 *
 * <p>A value is a pair of primitives, never an object: a 64-bit significand with its explicit integer bit and a
 * 16-bit sign+biased exponent (SDM vol. 1 4.2.2, table 4-3). Operations take their operands as such pairs and
 * leave their result in the FPU's scratch latch: the significand is the return value, the sign and exponent go to
 * {@link X87#resSe}; the exception flags they raise (and C1, "rounded up") accumulate in {@link X87#exc}, for the
 * instruction to commit once its memory accesses have succeeded. Nothing here allocates.
 *
 * <p>Operands are worked on unpacked: a significand shifted left until its bit 63 is set and a biased exponent kept
 * as an {@code int}, which may fall below 1 (denormals) or rise above 0x7FFE in intermediate results; only
 * {@link #round} brings a value back into a format.
 */
public final class F80 {
    /** Status-word bits (SDM vol. 1 8.1.3). */
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40, ES = 0x80,
            C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, B = 0x8000;
    public static final int CC = C0 | C1 | C2 | C3;
    /**
     * Latch-only bit: a single- or double-precision memory operand was denormal. Its conversion to 80 bits is a
     * normal number, but the operation reports DE for it as for a denormal register (only once past the NaN checks).
     */
    static final int DENORMAL_OPERAND = 1 << 16;
    /** Latch-only bit: a store to memory was suppressed by an unmasked exception (PE and C1 are then not reported). */
    static final int SUPPRESSED = 1 << 17;
    /** The exponent bias adjustment of unmasked overflow and underflow responses on register results (SDM vol. 1 4.9.1.4). */
    static final int WRAP = 24576;
    public static final long INT_BIT = Long.MIN_VALUE;
    public static final long QUIET = 0x4000_0000_0000_0000L;
    /** The QNaN floating-point indefinite, significand and sign+exponent: the default NaN. */
    public static final long NAN_MANT = 0xC000_0000_0000_0000L;
    public static final int NAN_SE = 0xFFFF;
    public static final int BIAS = 16383, EMAX = 0x7FFE, EXP = 0x7FFF, SIGN = 0x8000;

    /** Operand classes. Pseudo-denormals count as denormals; unnormals, pseudo-infinities and pseudo-NaNs are unsupported. */
    public static final int ZERO = 0, DENORMAL = 1, NORMAL = 2, INF = 3, QNAN = 4, SNAN = 5, UNSUPPORTED = 6;

    /** Rounding control values (control word bits 10-11). */
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

    /** Significand widths selected by precision control (control word bits 8-9; 01 is reserved). */
    private static final int[] PRECISION = {24, 64, 53, 64};

    /**
     * Underflow is tininess and inexactness together when masked; x86 detects tininess after rounding (the result
     * rounded to the destination precision with an unbounded exponent is below the smallest normal).
     */
    static final boolean TININESS_AFTER_ROUNDING = true;

    private F80() {}

    /** The rounding control of the FPU's control word ({@link #RC_NEAREST} ... {@link #RC_ZERO}). */
    public static int rc(X87 f) { return (f.cw >>> 10) & 3; }

    /** The significand width precision control asks for (only the basic arithmetic and FSQRT obey it). */
    public static int pc(X87 f) { return PRECISION[(f.cw >>> 8) & 3]; }

    /** The class of an 80-bit value ({@link #ZERO} ... {@link #UNSUPPORTED}), as the x87 sees its encoding. */
    public static int classify(long m, int se) {
        int e = se & EXP;
        if (e == 0) return m == 0 ? ZERO : DENORMAL;
        if (m >= 0) return UNSUPPORTED;
        if (e == EXP) {
            if ((m << 1) == 0) return INF;
            return (m & QUIET) != 0 ? QNAN : SNAN;
        }
        return NORMAL;
    }

    static boolean isNaN(int cls) { return cls == QNAN || cls == SNAN; }

    /** Whether an operand of a two-operand operation is denormal (a register operand, or a converted memory one). */
    static boolean denormal(X87 f, int ca, int cb) {
        return ca == DENORMAL || cb == DENORMAL || (f.exc & DENORMAL_OPERAND) != 0;
    }

    /** Biased exponent of the value with its significand normalized (below 1 for denormals); not for zeros. */
    static int normExp(long m, int se) {
        int e = se & EXP;
        return e != 0 ? e : 1 - Long.numberOfLeadingZeros(m);
    }

    /** The significand shifted until bit 63 is set; not for zeros. */
    static long normMant(long m, int se) {
        return (se & EXP) != 0 ? m : m << Long.numberOfLeadingZeros(m);
    }

    /** Leaves the default NaN in the latch with IE raised. */
    static long invalid(X87 f) {
        f.exc |= IE;
        f.resSe = NAN_SE;
        return NAN_MANT;
    }

    /** A value put into the latch as is. */
    static long result(X87 f, long m, int se) {
        f.resSe = se;
        return m;
    }

    /**
     * The NaN result of an operation with operands a and b, at least one a NaN (SDM vol. 1 table 4-7): an SNaN
     * raises IE; of two NaNs a QNaN beats an SNaN and otherwise the larger significand wins; the result is quiet.
     */
    static long nanResult(X87 f, long am, int ase, int ca, long bm, int bse, int cb) {
        if (ca == SNAN || cb == SNAN) f.exc |= IE;
        boolean takeA;
        if (isNaN(ca) && isNaN(cb)) {
            if (ca != cb) takeA = ca == QNAN;
            else {
                int c = Long.compareUnsigned(am, bm);
                takeA = c > 0 || (c == 0 && ase <= bse);
            }
        } else {
            takeA = isNaN(ca);
        }
        f.resSe = takeA ? ase : bse;
        return (takeA ? am : bm) | QUIET;
    }

    /** A one-operand NaN result: quieted, IE if it was signalling. */
    static long nanResult(X87 f, long m, int se, int cls) {
        if (cls == SNAN) f.exc |= IE;
        f.resSe = se;
        return m | QUIET;
    }

    /**
     * Rounds a value to a format: sign ({@link #SIGN} or 0), biased exponent {@code e} (any int), significand
     * {@code hi:lo} with bit 63 of hi set and lo holding the bits below (a nonzero "sticky" bit anywhere in lo is
     * enough), to {@code prec} bits, in a format whose normal biased exponents run from 1 to {@code emax}, under
     * rounding control {@code rc}. Values below the normal range are denormalized first and rounded at the same bit
     * position, so the precision of a denormal shrinks. Raises PE (and C1 when the magnitude was rounded up), UE
     * (tiny and inexact: the masked response), OE with the masked overflow result (infinity or the largest finite
     * value, by rounding direction). For the 80-bit format (a register destination) with UE or OE unmasked, the
     * result is delivered with its exponent adjusted by {@link #WRAP} instead, as the hardware's unmasked response.
     *
     * @return the significand aligned at bit 63 (bit 63 clear for a denormal or zero); the sign and exponent field
     *         are left in {@link X87#resSe}
     */
    static long round(X87 f, int sign, int e, long hi, long lo, int prec, int emax, int rc) {
        int shift = 64 - prec;
        long unit = 1L << shift;
        long low = unit - 1;
        boolean tiny = false;
        boolean register = emax == EMAX;
        if (e < 1) {
            tiny = !TININESS_AFTER_ROUNDING || e < 0 || !carriesOut(sign, hi, lo, shift, rc);
        }
        if (tiny && (f.cw & UE) == 0) {
            f.exc |= UE;   // unmasked, underflow is tininess alone
            if (register) {
                e += WRAP;
                tiny = false;
            }
        }
        if (e < 1) {
            int d = 1 - e;
            if (d >= 128) {
                lo = (hi | lo) != 0 ? 1 : 0;
                hi = 0;
            } else if (d > 64) {
                long sticky = ((hi << (128 - d)) | lo) != 0 ? 1 : 0;
                lo = (hi >>> (d - 64)) | sticky;
                hi = 0;
            } else if (d == 64) {
                lo = hi | (lo != 0 ? 1 : 0);
                hi = 0;
            } else {
                long sticky = (lo << (64 - d)) != 0 ? 1 : 0;
                lo = (hi << (64 - d)) | (lo >>> d) | sticky;
                hi >>>= d;
            }
            e = 0;
        }
        if ((hi & low) != 0 || lo != 0) {
            boolean up = switch (rc) {
                case RC_NEAREST -> nearestUp(hi, lo, shift);
                case RC_DOWN -> sign != 0;
                case RC_UP -> sign == 0;
                default -> false;
            };
            hi &= ~low;
            f.exc |= PE;
            if (tiny) f.exc |= UE;
            if (up) {
                f.exc |= C1;
                hi += unit;
                if (hi == 0) {
                    hi = INT_BIT;
                    e++;
                } else if (e == 0 && hi < 0) {
                    e = 1;
                }
            }
        }
        if (e > emax) {
            if (!register || (f.cw & OE) != 0) return overflow(f, sign, prec, emax, rc);
            f.exc |= OE;
            e -= WRAP;
        }
        f.resSe = sign | e;
        return hi;
    }

    /** Whether rounding a normalized significand at bit {@code shift} would carry out of bit 63. */
    private static boolean carriesOut(int sign, long hi, long lo, int shift, int rc) {
        long low = (1L << shift) - 1;
        if ((hi | low) != -1L || ((hi & low) == 0 && lo == 0)) return false;
        return switch (rc) {
            case RC_NEAREST -> nearestUp(hi, lo, shift);
            case RC_DOWN -> sign != 0;
            case RC_UP -> sign == 0;
            default -> false;
        };
    }

    /** Round-to-nearest-even decision for discarding the bits of hi below {@code shift} and all of lo. */
    private static boolean nearestUp(long hi, long lo, int shift) {
        if (shift == 0) return lo < 0 && (lo != INT_BIT || (hi & 1) != 0);
        long half = 1L << (shift - 1);
        long rem = hi & ((1L << shift) - 1);
        if (rem != half) return rem > half;
        return lo != 0 || ((hi >>> shift) & 1) != 0;
    }

    private static long overflow(X87 f, int sign, int prec, int emax, int rc) {
        f.exc |= OE | PE;
        boolean toInfinity = rc == RC_NEAREST || (rc == RC_UP && sign == 0) || (rc == RC_DOWN && sign != 0);
        if (toInfinity) {
            f.exc |= C1;
            f.resSe = sign | (emax + 1);
            return INT_BIT;
        }
        f.exc &= ~C1;
        f.resSe = sign | emax;
        return -(1L << (64 - prec));
    }

    /**
     * Unsigned 128-by-64-bit division {@code hi:lo / d} for a normalized divisor (bit 63 set) and {@code hi < d},
     * so that the quotient fits 64 bits: long division in base 2^32 (Knuth, TAOCP vol. 2, 4.3.1, algorithm D).
     * The remainder is {@code lo - q * d} (mod 2^64).
     */
    static long div128(long hi, long lo, long d) {
        long dh = d >>> 32, dl = d & 0xFFFF_FFFFL;
        long q1 = digit(hi, lo >>> 32, dh, dl);
        long r = ((hi << 32) | (lo >>> 32)) - q1 * d;
        long q0 = digit(r, lo & 0xFFFF_FFFFL, dh, dl);
        return (q1 << 32) | q0;
    }

    /** One base-2^32 quotient digit of {@code (r * 2^32 + next) / (dh * 2^32 + dl)} where {@code r < d}. */
    private static long digit(long r, long next, long dh, long dl) {
        long q = Long.divideUnsigned(r, dh);
        long rem = r - q * dh;
        while (q >>> 32 != 0 || Long.compareUnsigned(q * dl, (rem << 32) | next) > 0) {
            q--;
            rem += dh;
            if (rem >>> 32 != 0) break;
        }
        return q;
    }
}
