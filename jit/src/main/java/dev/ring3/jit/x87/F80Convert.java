package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import dev.ring3.jit.X87;

/**
 * Conversions between 80-bit values and the memory formats of FLD, FST, FILD, FIST, FISTTP, FBLD and FBSTP
 * (SDM vol. 1 4.2, 4.7, 4.8.3): single and double precision (exact on load, rounded by RC on store, NaN payloads
 * truncated and quieted), signed 16/32/64-bit integers (the integer indefinite when out of range), and 18-digit
 * packed BCD. Loads return the 80-bit value in the latch; stores return the memory image.
 */
public final class F80Convert {
    private F80Convert() {}

    /**
     * Double precision to 80 bits, exactly; denormals raise DE. A load ({@code quiet}) quiets an SNaN and raises
     * IE; an arithmetic operand keeps it signalling, for the operation's own NaN rules.
     */
    public static long fromDouble(X87 f, long v, boolean quiet) {
        return fromBinary(f, v, 11, 1023, quiet);
    }

    /** Single precision to 80 bits, as {@link #fromDouble}. */
    public static long fromFloat(X87 f, int v, boolean quiet) {
        return fromBinary(f, (long) v << 32, 8, 127, quiet);
    }

    /** A binary format held in the top bits of {@code v}: sign, {@code eBits} of exponent, then the fraction. */
    private static long fromBinary(X87 f, long v, int eBits, int bias, boolean quiet) {
        int sign = v < 0 ? SIGN : 0;
        int emax = (1 << eBits) - 1;
        int e = (int) (v >>> (63 - eBits)) & emax;
        long frac = (v << (1 + eBits)) >>> 1;   // fraction at bits 62 down, under an empty integer bit
        if (e == emax) {
            if (frac == 0) return result(f, INT_BIT, sign | EXP);
            if (!quiet) return result(f, INT_BIT | frac, sign | EXP);
            if ((frac & QUIET) == 0) f.exc |= IE;
            return result(f, INT_BIT | QUIET | frac, sign | EXP);
        }
        if (e == 0) {
            if (frac == 0) return result(f, 0, sign);
            f.exc |= quiet ? DE : DENORMAL_OPERAND;
            int lz = Long.numberOfLeadingZeros(frac);
            return result(f, frac << lz, sign | (1 - bias + BIAS - lz));
        }
        return result(f, INT_BIT | frac, sign | (e - bias + BIAS));
    }

    /** 80 bits to double precision under RC. */
    public static long toDouble(X87 f, long m, int se) {
        return toBinary(f, m, se, 11, 53, 1023);
    }

    /** 80 bits to single precision under RC. */
    public static int toFloat(X87 f, long m, int se) {
        return (int) (toBinary(f, m, se, 8, 24, 127) >>> 32);
    }

    /** The binary format image in the top bits of a long (sign, exponent, fraction without its integer bit). */
    private static long toBinary(X87 f, long m, int se, int eBits, int prec, int bias) {
        long sign = (se & SIGN) != 0 ? Long.MIN_VALUE : 0;
        int emax = (1 << eBits) - 1;
        long expField = (long) emax << (63 - eBits);
        int c = classify(m, se);
        switch (c) {
            case ZERO: return sign;
            case INF: return sign | expField;
            case UNSUPPORTED: f.exc |= IE; return Long.MIN_VALUE | expField | (QUIET >>> eBits);
            case QNAN, SNAN:
                if (c == SNAN) f.exc |= IE;
                return sign | expField | ((((m | QUIET) << 1) >>> (1 + eBits)) & -(1L << (64 - prec - eBits)));
            default: break;
        }
        int e = normExp(m, se) - BIAS + bias;   // a denormal source raises no DE on a store
        long r = round(f, se & SIGN, e, normMant(m, se), 0, prec, emax - 1, rc(f));
        long ef = f.resSe & EXP;
        return sign | (ef << (63 - eBits)) | ((r << 1) >>> (1 + eBits));
    }

    /** A signed integer to 80 bits: always exact. */
    public static long fromInt(X87 f, long v) {
        if (v == 0) return result(f, 0, 0);
        long a = v < 0 ? -v : v;
        int lz = Long.numberOfLeadingZeros(a);
        return result(f, a << lz, (v < 0 ? SIGN : 0) | (BIAS + 63 - lz));
    }

    /**
     * 80 bits to a signed integer of {@code bits} (16, 32, 64) under rounding control {@code rc} (RC_ZERO for
     * FISTTP). NaNs, infinities, unsupported encodings and values out of range raise IE and give the integer
     * indefinite (only the sign bit set); inexact results raise PE, and C1 when rounded away from zero.
     */
    public static long toInt(X87 f, long m, int se, int bits, int rc) {
        long indefinite = 1L << (bits - 1);
        int c = classify(m, se);
        if (c == ZERO) return 0;
        if (c == UNSUPPORTED || c == INF || isNaN(c)) {
            f.exc |= IE;
            return indefinite;
        }
        long ip = roundToInteger(f, m, se, rc);
        if (ip == -1L && f.resSe == 1) {   // beyond 64 bits
            f.exc = (f.exc & ~(PE | C1)) | IE;
            return indefinite;
        }
        boolean neg = (se & SIGN) != 0;
        long limit = neg ? indefinite : indefinite - 1;
        if (Long.compareUnsigned(ip, limit) > 0) {
            f.exc = (f.exc & ~(PE | C1)) | IE;
            return indefinite;
        }
        return neg ? -ip : ip;
    }

    /**
     * The magnitude of a finite nonzero value rounded to an integer under {@code rc}, as an unsigned 64-bit number;
     * raises PE (and C1 when the magnitude grew). When it does not fit 64 bits, returns -1 with {@link X87#resSe}
     * set to 1 (otherwise 0).
     */
    static long roundToInteger(X87 f, long m, int se, int rc) {
        f.resSe = 0;
        int e = normExp(m, se) - BIAS;
        long mn = normMant(m, se);
        if (e >= 64) {
            f.resSe = 1;
            return -1L;
        }
        long ip, frac;
        if (e == 63) { ip = mn; frac = 0; }
        else if (e >= 0) { ip = mn >>> (63 - e); frac = mn << (e + 1); }
        else if (e == -1) { ip = 0; frac = mn; }
        else if (e >= -64) { ip = 0; frac = (mn >>> (-e - 1)) | ((mn << (65 + e)) != 0 ? 1 : 0); }
        else { ip = 0; frac = 1; }
        if (frac == 0) return ip;
        f.exc |= PE;
        boolean neg = (se & SIGN) != 0;
        boolean up = switch (rc) {
            case RC_NEAREST -> frac < 0 && (frac != INT_BIT || (ip & 1) != 0);
            case RC_DOWN -> neg;
            case RC_UP -> !neg;
            default -> false;
        };
        if (!up) return ip;
        f.exc |= C1;
        if (ip == -1L) {
            f.resSe = 1;
            return -1L;
        }
        return ip + 1;
    }

    /** Largest 18-digit packed BCD magnitude. */
    static final long BCD_MAX = 999_999_999_999_999_999L;

    /**
     * 80 bits to packed BCD under RC: returns the low 8 bytes (digits 0-15) and leaves the top two bytes (digits
     * 16-17, sign byte) in {@link X87#resSe}. Out of range: IE and the BCD indefinite.
     */
    public static long toBcd(X87 f, long m, int se) {
        int c = classify(m, se);
        int signByte = (se & SIGN) != 0 ? 0x80 : 0;
        if (c == ZERO) {
            f.resSe = signByte << 8;
            return 0;
        }
        long ip = -1;
        if (c != UNSUPPORTED && c != INF && !isNaN(c)) {
            ip = roundToInteger(f, m, se, rc(f));
            if (f.resSe != 0) ip = -1;
        }
        if (ip < 0 || ip > BCD_MAX) {
            f.exc = (f.exc & ~(PE | C1)) | IE;
            f.resSe = 0xFFFF;
            return 0xC000_0000_0000_0000L;
        }
        long lowDigits = 0;
        for (int k = 0; k < 16; k++) {
            lowDigits |= (ip % 10) << (4 * k);
            ip /= 10;
        }
        int high = (int) (ip % 10) | (int) (ip / 10) << 4;
        f.resSe = (signByte << 8) | high;
        return lowDigits;
    }

    /** Packed BCD (low 8 bytes, then the byte of digits 16-17 and the sign byte) to 80 bits: exact. */
    public static long fromBcd(X87 f, long low, int high) {
        long v = 0;
        for (int k = 1; k >= 0; k--) v = v * 10 + ((high >>> (4 * k)) & 0xF);
        for (int k = 15; k >= 0; k--) v = v * 10 + ((low >>> (4 * k)) & 0xF);
        int sign = (high & 0x8000) != 0 ? SIGN : 0;
        if (v == 0) return result(f, 0, sign);
        long r = fromInt(f, v);
        f.resSe |= sign;
        return r;
    }
}
