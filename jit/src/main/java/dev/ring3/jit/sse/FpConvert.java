package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Fp.*;
import static dev.ring3.jit.sse.Mxcsr.*;

import dev.ring3.jit.Cpu;

/**
 * One lane of the SSE conversions (SDM vol. 2, CVT*): integer to floating point rounded under MXCSR.RC,
 * floating point to integer rounded or truncated, and between the two formats.
 *
 * <p>To integer: a NaN, an infinity, or a value whose rounded result does not fit raises IE and gives the
 * "integer indefinite" (the most negative integer of the destination size); otherwise PE when the value was not an
 * integer.
 */
final class FpConvert {
    private FpConvert() {}

    /** A signed integer (an int32 passed sign-extended) to format f. */
    static long fromInt(Cpu c, int f, long v) {
        if (v == 0) return 0;
        boolean n = v < 0;
        long m = n ? -v : v;                          // Long.MIN_VALUE stays 2^63 as unsigned
        int top = 63 - Long.numberOfLeadingZeros(m);
        long sig = top == 63 ? (m >>> 1) | (m & 1) : m << (62 - top);
        return round(c, f, n, top, sig);
    }

    /**
     * Format f to a signed integer of 32 or 64 bits ({@code wide}), rounded under MXCSR.RC or truncated; the
     * result is returned sign-extended (a 32-bit indefinite as 0xFFFFFFFF80000000).
     */
    static long toInt(Cpu c, int f, long x, boolean wide, boolean truncate) {
        long indefinite = wide ? Long.MIN_VALUE : Integer.MIN_VALUE;
        x = daz(c, f, x);
        if (isNaN(f, x) || isInf(f, x)) {
            c.mxcsr |= IE;
            return indefinite;
        }
        if (isZero(f, x)) return 0;
        boolean n = neg(f, x);
        int e = exp(f, x);
        long sig = sig(f, x);
        if (e >= 63) {
            if (wide && e == 63 && n && sig == 1L << 62) return Long.MIN_VALUE;
            c.mxcsr |= IE;
            return indefinite;
        }
        // integer part and the fraction left-aligned in 64 bits (unsigned)
        long ip, frac;
        if (e >= 0) {
            ip = sig >>> (62 - e);
            frac = e == 62 ? 0 : sig << (e + 2);
        } else {
            ip = 0;
            frac = e >= -2 ? sig << (e + 2) : shiftRightJam(sig, -e - 2);
        }
        int rc = truncate ? RZ : rc(c);
        boolean up = switch (rc) {
            case RN -> frac < 0 && (frac != Long.MIN_VALUE || (ip & 1) != 0);
            case RD -> n && frac != 0;
            case RU -> !n && frac != 0;
            default -> false;
        };
        long mag = ip + (up ? 1 : 0);
        long v = n ? -mag : mag;
        if (!wide && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            c.mxcsr |= IE;
            return indefinite;
        }
        if (frac != 0) c.mxcsr |= PE;
        return v;
    }

    /** Between formats: binary32 to binary64 is exact; binary64 to binary32 rounds under MXCSR. */
    static long convert(Cpu c, int from, int to, long x) {
        x = daz(c, from, x);
        boolean n = neg(from, x);
        if (isNaN(from, x)) {
            if (isSNaN(from, x)) c.mxcsr |= IE;
            long payload = x & mantMask(from);
            payload = to == D ? payload << 29 : payload >>> 29;
            return zero(to, n) | expMask(to) | quietBit(to) | payload;
        }
        if (isInf(from, x)) return inf(to, n);
        if (isZero(from, x)) return zero(to, n);
        if (isDenormal(from, x)) c.mxcsr |= DE;
        return round(c, to, n, exp(from, x), sig(from, x));
    }
}
