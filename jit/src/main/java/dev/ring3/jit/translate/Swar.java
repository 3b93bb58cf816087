package dev.ring3.jit.translate;

/**
 * SSE2 integer lanes on one 64-bit half of an XMM register, as small static methods translated code calls and
 * HotSpot inlines: bytes, words and dwords handled "SIMD within a register" where a carry-free form exists.
 */
public final class Swar {
    private Swar() {}

    private static final long B7F = 0x7F7F_7F7F_7F7F_7F7FL, B80 = 0x8080_8080_8080_8080L;
    private static final long W7F = 0x7FFF_7FFF_7FFF_7FFFL, W80 = 0x8000_8000_8000_8000L;

    public static long addB(long a, long b) { return ((a & B7F) + (b & B7F)) ^ ((a ^ b) & B80); }
    public static long addW(long a, long b) { return ((a & W7F) + (b & W7F)) ^ ((a ^ b) & W80); }
    public static long addD(long a, long b) { return ((a + b) & 0xFFFF_FFFFL) | ((a >>> 32) + (b >>> 32)) << 32; }

    public static long subB(long a, long b) { return ((a | B80) - (b & B7F)) ^ ((a ^ ~b) & B80); }
    public static long subW(long a, long b) { return ((a | W80) - (b & W7F)) ^ ((a ^ ~b) & W80); }
    public static long subD(long a, long b) { return ((a - b) & 0xFFFF_FFFFL) | ((a >>> 32) - (b >>> 32)) << 32; }

    /** 0xFF in each byte where a and b are equal. */
    public static long eqB(long a, long b) {
        long x = a ^ b;
        long nonzero = (((x & B7F) + B7F) | x) & B80;
        return ((B80 & ~nonzero) >>> 7) * 0xFF;
    }

    public static long eqW(long a, long b) {
        long x = a ^ b;
        long nonzero = (((x & W7F) + W7F) | x) & W80;
        return ((W80 & ~nonzero) >>> 15) * 0xFFFF;
    }

    public static long eqD(long a, long b) {
        long lo = (int) a == (int) b ? 0xFFFF_FFFFL : 0;
        long hi = (int) (a >>> 32) == (int) (b >>> 32) ? 0xFFFF_FFFF_0000_0000L : 0;
        return lo | hi;
    }

    /** Signed a > b per lane: all ones where true. */
    public static long gtB(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 8) if ((byte) (a >>> s) > (byte) (b >>> s)) r |= 0xFFL << s;
        return r;
    }

    public static long gtW(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) if ((short) (a >>> s) > (short) (b >>> s)) r |= 0xFFFFL << s;
        return r;
    }

    public static long gtD(long a, long b) {
        long lo = (int) a > (int) b ? 0xFFFF_FFFFL : 0;
        long hi = (int) (a >>> 32) > (int) (b >>> 32) ? 0xFFFF_FFFF_0000_0000L : 0;
        return lo | hi;
    }

    /** Unsigned byte minimum and maximum. */
    public static long minUB(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 8) r |= Math.min((a >>> s) & 0xFF, (b >>> s) & 0xFF) << s;
        return r;
    }

    public static long maxUB(long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 8) r |= Math.max((a >>> s) & 0xFF, (b >>> s) & 0xFF) << s;
        return r;
    }

    /** The top bit of each byte, gathered into 8 bits (PMOVMSKB of one half). */
    public static long maskB(long x) { return ((x & B80) * 0x0002_0408_1020_4081L) >>> 56; }

    /** Interleaves the low four bytes of a and b: a0 b0 a1 b1 a2 b2 a3 b3 (PUNPCKLBW of one half). */
    public static long interleaveB(long a, long b) {
        long r = 0;
        for (int k = 0; k < 4; k++) r |= ((a >>> (8 * k)) & 0xFF) << (16 * k) | ((b >>> (8 * k)) & 0xFF) << (16 * k + 8);
        return r;
    }

    /** Interleaves the low two words of a and b (PUNPCKLWD of one half). */
    public static long interleaveW(long a, long b) {
        return (a & 0xFFFF) | (b & 0xFFFF) << 16 | ((a >>> 16) & 0xFFFF) << 32 | ((b >>> 16) & 0xFFFF) << 48;
    }

    /** Interleaves the low dwords of a and b (PUNPCKLDQ of one half). */
    public static long interleaveD(long a, long b) { return (a & 0xFFFF_FFFFL) | b << 32; }
}
