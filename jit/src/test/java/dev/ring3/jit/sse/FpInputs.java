package dev.ring3.jit.sse;

import dev.ring3.jit.testing.State;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Floating-point operands for differential SSE tests: edge values of binary32 and binary64 (signed zeros,
 * denormals, the normal limits, infinities, quiet and signalling NaNs with payloads, integers and the conversion
 * limits 2^31 and 2^63 with their neighbours and halves) and seeded random values biased towards what breaks
 * arithmetic (extreme exponents, short significands that make exact results and ties, operands that nearly cancel).
 *
 * <p>States carry eight operand pairs at once: pair k is (XMMk, XMM(8+k)) in every lane, so a snippet can run an
 * instruction eight times and record MXCSR after each ({@link FpSnippets}).
 */
final class FpInputs {
    private FpInputs() {}

    static final long[] EDGES_D = {
        0L, 0x8000000000000000L, 1L, 0x8000000000000001L, 0x000FFFFFFFFFFFFFL, 0x0008000000000000L,
        0x8000123456789ABCL, 0x0010000000000000L, 0x8010000000000000L, 0x0010000000000001L, 0x7FEFFFFFFFFFFFFFL,
        0xFFEFFFFFFFFFFFFFL, 0x7FE0000000000000L, 0x7FF0000000000000L, 0xFFF0000000000000L, 0x7FF8000000000000L,
        0xFFF8000000000000L, 0x7FF8000000000123L, 0x7FF0000000000001L, 0xFFF4000000000000L, 0x7FF7FFFFFFFFFFFFL,
        0x3FF0000000000000L, 0xBFF0000000000000L, 0x3FF8000000000000L, 0x3FE0000000000000L, 0xC004000000000000L,
        0x400C000000000000L, 0x3FF0000000000001L, 0x3FEFFFFFFFFFFFFFL, 0x3FB999999999999AL, 0x3FD5555555555555L,
        0x41E0000000000000L, 0x41DFFFFFFFFFFFFFL, 0x41DFFFFFFFE00000L, 0x41DFFFFFFFF00000L, 0xC1E0000000000000L,
        0xC1E0000000100000L, 0xC1E0000000200000L, 0x43E0000000000000L, 0x43DFFFFFFFFFFFFFL, 0xC3E0000000000000L,
        0xC3E0000000000001L, 0x41F0000000000000L, 0x3CB0000000000000L, 0x0360000000000000L, 0x1FF0000000000000L,
        0x5FEFFFFFFFFFFFFFL, 0x380FFFFFF8000000L, 0x3810000000000000L, 0x36A0000000000000L, 0x47EFFFFFE0000000L,
        0x47EFFFFFF0000000L,
    };

    static final long[] EDGES_S = {
        0L, 0x80000000L, 1L, 0x80000001L, 0x007FFFFFL, 0x00400000L, 0x80123456L, 0x00800000L, 0x80800000L,
        0x00800001L, 0x7F7FFFFFL, 0xFF7FFFFFL, 0x7F000000L, 0x7F800000L, 0xFF800000L, 0x7FC00000L, 0xFFC00000L,
        0x7FC00123L, 0x7F800001L, 0xFFA00000L, 0x7FBFFFFFL, 0x3F800000L, 0xBF800000L, 0x3FC00000L, 0x3F000000L,
        0xC0200000L, 0x40600000L, 0x3F800001L, 0x3F7FFFFFL, 0x3DCCCCCDL, 0x3EAAAAABL, 0x4F000000L, 0x4EFFFFFFL,
        0xCF000000L, 0xCF000001L, 0x5F000000L, 0x5EFFFFFFL, 0xDF000000L, 0xDF000001L, 0x4F800000L, 0x34000000L,
        0x0C800000L, 0x5F7FFFFFL, 0x3E800000L, 0x1F800000L,
    };

    static long[] edges(int f) { return f == Fp.D ? EDGES_D : EDGES_S; }

    /** A random value of format f, biased towards hard cases. */
    static long random(int f, SplittableRandom r) {
        int p = f == Fp.D ? 53 : 24, ebits = f == Fp.D ? 11 : 8;
        long emaxField = (1L << ebits) - 1, bias = emaxField >> 1;
        long sign = r.nextBoolean() ? 1L << (p - 1 + ebits) : 0;
        long exp = switch (r.nextInt(8)) {
            case 0 -> r.nextInt(3);                                      // denormal, min normal
            case 1 -> emaxField - 1 - r.nextInt(3);                      // near overflow
            case 2 -> emaxField;                                         // inf or NaN
            case 3 -> bias + r.nextInt(64) - 2;                          // integers, conversion range
            case 4 -> bias - p - r.nextInt(4);                           // around the ulp of 1
            default -> bias + r.nextInt(41) - 20;                        // ordinary
        };
        long mant = switch (r.nextInt(4)) {
            case 0 -> r.nextLong() & ((1L << (p - 1)) - 1) & (-1L << (p - 1 - r.nextInt(6)));   // short
            case 1 -> (1L << (p - 1)) - 1 - r.nextInt(4);                                          // all ones
            default -> r.nextLong() & ((1L << (p - 1)) - 1);
        };
        if (exp == emaxField && r.nextInt(3) == 0) mant = 0;
        return sign | exp << (p - 1) | mant;
    }

    /** All pairs of edge values of format f plus {@code random} random pairs, as {a, b} arrays. */
    static List<long[]> pairs(int f, int random, long seed) {
        List<long[]> out = new ArrayList<>();
        for (long a : edges(f)) for (long b : edges(f)) out.add(new long[] {a, b});
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < random; k++) {
            long a = random(f, r), b;
            switch (r.nextInt(4)) {
                case 0 -> b = a ^ (r.nextLong() & (f == Fp.D ? 0xFFFL : 0x7L));           // nearly equal
                case 1 -> b = (a ^ (f == Fp.D ? Long.MIN_VALUE : 0x80000000L)) + r.nextInt(3) - 1; // nearly cancel
                default -> b = random(f, r);
            }
            if (f == Fp.S) b &= 0xFFFF_FFFFL;
            out.add(new long[] {a, b});
        }
        return out;
    }

    /**
     * States holding the pairs eight at a time (pair k of a state in XMMk lane 0 and XMM(8+k) lane 0), the other
     * lanes filled with other pairs, each state run under every MXCSR value given.
     */
    static List<State> states(int f, List<long[]> pairs, int... mxcsrs) {
        List<State> out = new ArrayList<>();
        int n = pairs.size();
        int lanes = f == Fp.D ? 2 : 4;
        for (int base = 0; base < n; base += 8) {
            State s = new State();
            for (int k = 0; k < 8; k++) {
                for (int lane = 0; lane < lanes; lane++) {
                    long[] p = pairs.get((base + k + lane * (n / lanes + 3)) % n);
                    put(s, k, lane, f, p[0]);
                    put(s, 8 + k, lane, f, p[1]);
                }
            }
            for (int m : mxcsrs) {
                State t = s.copy();
                t.mxcsr = m;
                out.add(t);
            }
        }
        return out;
    }

    private static void put(State s, int reg, int lane, int f, long v) {
        if (f == Fp.D) {
            s.xmm[2 * reg + lane] = v;
        } else {
            int q = 2 * reg + (lane >> 1), sh = 32 * (lane & 1);
            s.xmm[q] = (s.xmm[q] & ~(0xFFFF_FFFFL << sh)) | (v & 0xFFFF_FFFFL) << sh;
        }
    }

    /** MXCSR values: the four rounding modes with all exceptions masked. */
    static final int[] ROUNDING = {0x1F80, 0x3F80, 0x5F80, 0x7F80};
    /** FTZ, DAZ and both, in round-to-nearest and toward zero. */
    static final int[] FLUSH = {0x9F80, 0x1FC0, 0x9FC0, 0xFFC0};
}
