package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Mxcsr.*;

import dev.ring3.jit.Cpu;

/**
 * The IEEE 754 core of SSE floating point: binary32 ({@link #S}) and binary64 ({@link #D}) values as raw bits in a
 * {@code long} (binary32 in the low 32 bits, zero-extended), classified, unpacked, and rounded under MXCSR.
 *
 * <p>Every operation computes its exact result, or the result rounded to more bits than the format keeps plus a
 * "sticky" low bit that is set when anything nonzero was dropped, as a significand with its leading one at bit 62
 * and an unbounded exponent: value = sig * 2^(exp - 62). {@link #round} then rounds that once, under the rounding
 * control, and raises exactly the flags the SDM gives (vol. 1, 4.9.1 and 11.5.2): precision when bits are lost,
 * overflow when the rounded result exceeds the format, underflow when it is tiny (x86 judges tininess after
 * rounding, checked on this host) and inexact, or tiny at all when underflow is unmasked; flush to zero replaces
 * tiny results with zero and raises underflow and precision. With overflow or underflow unmasked, no result is
 * delivered (SDM vol. 1, 11.5.2.2) and the precision flag goes with them only if rounding to the format's precision
 * with an unbounded exponent is inexact (the host's behaviour). Flags go straight into {@link Cpu#mxcsr}, between
 * {@link Mxcsr#begin} and {@link Mxcsr#end}. Nothing allocates.
 */
final class Fp {
    private Fp() {}

    /** Formats. */
    static final int S = 0, D = 1;

    static int prec(int f) { return f == D ? 53 : 24; }
    static int emin(int f) { return f == D ? -1022 : -126; }
    static int emax(int f) { return f == D ? 1023 : 127; }
    static int bias(int f) { return f == D ? 1023 : 127; }
    static long signMask(int f) { return f == D ? Long.MIN_VALUE : 0x8000_0000L; }
    static long expMask(int f) { return f == D ? 0x7FF0_0000_0000_0000L : 0x7F80_0000L; }
    static long mantMask(int f) { return f == D ? 0x000F_FFFF_FFFF_FFFFL : 0x007F_FFFFL; }
    static long quietBit(int f) { return f == D ? 1L << 51 : 1L << 22; }
    /** The "real indefinite" QNaN an invalid operation returns (SDM vol. 1, table 4-3). */
    static long defaultNaN(int f) { return f == D ? 0xFFF8_0000_0000_0000L : 0xFFC0_0000L; }

    static boolean neg(int f, long x) { return (x & signMask(f)) != 0; }
    static boolean isNaN(int f, long x) { return (x & (expMask(f) | mantMask(f))) > expMask(f); }
    static boolean isSNaN(int f, long x) { return isNaN(f, x) && (x & quietBit(f)) == 0; }
    static boolean isInf(int f, long x) { return (x & (expMask(f) | mantMask(f))) == expMask(f); }
    static boolean isZero(int f, long x) { return (x & (expMask(f) | mantMask(f))) == 0; }
    static boolean isDenormal(int f, long x) { return (x & expMask(f)) == 0 && (x & mantMask(f)) != 0; }
    static long quiet(int f, long x) { return x | quietBit(f); }

    /** The operand as DAZ leaves it: a denormal becomes a zero of the same sign when MXCSR.DAZ is set. */
    static long daz(Cpu c, int f, long x) {
        return (c.mxcsr & DAZ) != 0 && isDenormal(f, x) ? x & signMask(f) : x;
    }

    /** Raises DE if either operand is denormal (operands already passed through {@link #daz}). */
    static void denormal(Cpu c, int f, long a, long b) {
        if (isDenormal(f, a) || isDenormal(f, b)) c.mxcsr |= DE;
    }

    /** The unbiased exponent of a finite nonzero value (denormals included, as if normalised). */
    static int exp(int f, long x) {
        int e = (int) ((x & expMask(f)) >>> (prec(f) - 1));
        if (e != 0) return e - bias(f);
        return emin(f) - (prec(f) - 1) + 63 - Long.numberOfLeadingZeros(x & mantMask(f));
    }

    /** The significand of a finite nonzero value with its leading one at bit 62. */
    static long sig(int f, long x) {
        long m = x & mantMask(f);
        if ((x & expMask(f)) != 0) m |= 1L << (prec(f) - 1);
        return m << (Long.numberOfLeadingZeros(m) - 1);
    }

    /** A significand from {@link #sig} (at most 53 significant bits) as a double in [1, 2). */
    static double unit(long sig) {
        return Double.longBitsToDouble(0x3FF0_0000_0000_0000L | ((sig >>> 10) & 0x000F_FFFF_FFFF_FFFFL));
    }

    /**
     * A double result q of an exactly rounded division or square root of {@link #unit} values, with the sign of its
     * exact residual, as a significand with a sticky bit; {@code q}'s exponent is added by the caller.
     * Such a q never lies next to a power of two on the far side of the exact value (a quotient of two
     * 53-bit significands cannot be within 2^-54 of 1 without being 1, and a square root of [1, 4) stays below
     * 2 - 2^-53), so subtracting the sticky bit never crosses a binade.
     */
    static long sticky(double q, double residual) {
        long s = ((Double.doubleToRawLongBits(q) & 0x000F_FFFF_FFFF_FFFFL) | 1L << 52) << 10;
        if (residual > 0) return s | 1;
        if (residual < 0) return s - 1;
        return s;
    }

    /** Shifts right, ORing everything shifted out into bit 0. */
    static long shiftRightJam(long sig, int n) {
        if (n <= 0) return sig;
        if (n >= 63) return sig != 0 ? 1 : 0;
        return (sig >>> n) | ((sig & ((1L << n) - 1)) != 0 ? 1 : 0);
    }

    /** The NaN result of a two-operand arithmetic instruction: the first NaN operand, quieted (SDM vol. 1, table 4-7). */
    static long nan2(Cpu c, int f, long a, long b) {
        if (isSNaN(f, a) || isSNaN(f, b)) c.mxcsr |= IE;
        return isNaN(f, a) ? quiet(f, a) : quiet(f, b);
    }

    /** An invalid operation: IE and the default NaN. */
    static long invalid(Cpu c, int f) {
        c.mxcsr |= IE;
        return defaultNaN(f);
    }

    /** Zero with a sign. */
    static long zero(int f, boolean neg) { return neg ? signMask(f) : 0; }

    /** Infinity with a sign. */
    static long inf(int f, boolean neg) { return (neg ? signMask(f) : 0) | expMask(f); }

    /**
     * Rounds value = sig * 2^(exp - 62) (sig's leading one at bit 62, bit 0 sticky) to format f under MXCSR's rounding
     * control and flush-to-zero, raising PE, UE and OE as the SDM specifies, and returns the packed result.
     */
    static long round(Cpu c, int f, boolean neg, int exp, long sig) {
        int p = prec(f);
        int shift = 63 - p;
        long mask = (1L << shift) - 1, half = 1L << (shift - 1);
        int mx = c.mxcsr;
        int rc = (mx >>> RC_SHIFT) & 3;
        long inc = rc == RN ? half : rc == RZ ? 0 : (rc == RD) == neg ? mask : 0;
        long sign = zero(f, neg);
        int emin = emin(f);
        boolean tiny = false;
        long fullRem = sig & mask;          // what rounding to full precision would drop (unbounded exponent)
        if (exp < emin) {
            // tiny after rounding: rounded to full precision with an unbounded exponent, still below 2^emin
            tiny = exp < emin - 1 || sig + inc >= 0;
            if (tiny && (mx & (FTZ | UM)) == (FTZ | UM)) {
                c.mxcsr |= UE | PE;
                return sign;
            }
            sig = shiftRightJam(sig, emin - exp);
            exp = emin;
        }
        long rem = sig & mask;
        long m = (sig + inc) >>> shift;
        if (rc == RN && rem == half) m &= ~1L;
        if ((m >>> p) != 0) {
            m >>>= 1;
            exp++;
        }
        // an unmasked overflow or underflow reports PE only if the result is inexact at full precision with an
        // unbounded exponent (no result is delivered, but that is what the host reports)
        if (exp > emax(f)) {
            c.mxcsr |= (mx & OM) != 0 || fullRem != 0 ? OE | PE : OE;
            boolean toInf = rc == RN || (rc == RU && !neg) || (rc == RD && neg);
            return sign | (toInf ? expMask(f) : expMask(f) - 1);
        }
        if (tiny && (mx & UM) == 0) c.mxcsr |= fullRem != 0 ? UE | PE : UE;
        else if (rem != 0) c.mxcsr |= tiny ? UE | PE : PE;
        return sign | (((long) (exp + bias(f) - 1) << (p - 1)) + m);
    }

    /** A finite nonzero value passed through {@link #round} (for results equal to an operand: FTZ may apply). */
    static long reround(Cpu c, int f, long x) { return round(c, f, neg(f, x), exp(f, x), sig(f, x)); }

    /** The value as a Java double (exact for both formats); for ordered comparisons. */
    static double value(int f, long x) {
        return f == D ? Double.longBitsToDouble(x) : Float.intBitsToFloat((int) x);
    }
}
