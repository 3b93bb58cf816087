package dev.ring3.jit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.translate.FloatOps;
import dev.ring3.jit.translate.FpRanges;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The translator's range rules ({@link FpRanges#result}) against the exact path ({@link FpArith#exact}, itself
 * checked against the host by the differential tests): for random exponent ranges, wherever the rules prove an
 * operation, every pair of operands drawn from the ranges (their extremes included: 2^lo exactly, the largest
 * value below 2^(hi+1), zeros) must give the host's result and raise no flag under the entry MXCSR, and the
 * result must lie in the range the rules claim. Also the run-time range test's boundaries.
 */
class FpRangesTest {
    private static final int ENTRY_MXCSR = 0x1FA0;
    private static final char[] OPS = {'+', '-', '*', '/'};

    @Test
    void provedOperationsRaiseNothingAndStayInRange() {
        Cpu c = new Cpu(null, null);
        SplittableRandom r = new SplittableRandom(2026);
        int proved = 0, refused = 0, checked = 0;
        StringBuilder report = new StringBuilder();
        int bad = 0;
        for (int n = 0; n < 200_000; n++) {
            char op = OPS[r.nextInt(4)];
            FpRanges.Range ra = randomRange(r), rb = randomRange(r);
            FpRanges.Range res = FpRanges.result(op, ra, rb);
            if (res == null) {
                refused++;
                continue;
            }
            proved++;
            for (int k = 0; k < 8; k++) {
                long a = sample(ra, r), b = sample(rb, r);
                double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
                long host = Double.doubleToRawLongBits(switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    default -> x / y;
                });
                c.mxcsr = ENTRY_MXCSR;
                long want = FpArith.exact(c, kind(op), Fp.D, a, b);
                checked++;
                String why = null;
                if (host != want || c.mxcsr != ENTRY_MXCSR) why = "flag or result";
                else if (res.valid() && !inRange(res, host)) why = "result outside the claimed range " + res;
                if (why != null && bad++ < 10) {
                    report.append(String.format("%s %s %c %s: a %x b %x: host %x exact %x MXCSR %x%n", why, ra, op, rb,
                            a, b, host, want, c.mxcsr));
                }
            }
        }
        if (bad > 0) fail(bad + " of " + checked + " proved operations were wrong:\n" + report);
        // the rules must prove the common case (ranges from the run-time test), not refuse everything
        assertTrue(proved > 50_000, "proved only " + proved + ", refused " + refused);
        FpRanges.Range t = FpRanges.tested(false);
        for (char op : new char[] {'+', '-', '*'}) assertTrue(FpRanges.result(op, t, t) != null, "tested " + op);
        assertTrue(FpRanges.result('/', t, FpRanges.tested(true)) != null);
        assertEquals(null, FpRanges.result('/', t, t), "a divisor that may be zero is never proved");
    }

    /**
     * A sum with one {@link FpRanges#WIDE} operand (zero, or 2^-K and more, infinities included) and one known range:
     * proved only when the known one is small enough, and then exact and flag-free for the extremes of the wide side
     * (MAX, infinities, the powers near where a sum would round to infinity) as for random values.
     */
    @Test
    void sumsWithAWideOperand() {
        Cpu c = new Cpu(null, null);
        SplittableRandom r = new SplittableRandom(7);
        long[] wide = {0, Long.MIN_VALUE, Double.doubleToRawLongBits(Double.MAX_VALUE),
            Double.doubleToRawLongBits(-Double.MAX_VALUE), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
            Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(Math.scalb(1.0, 1023)),
            Double.doubleToRawLongBits(Math.nextDown(Math.scalb(1.0, 1024 - 53))),
            Double.doubleToRawLongBits(Math.scalb(1.0, -FpRanges.K)), Double.doubleToRawLongBits(1.0)};
        int proved = 0;
        for (int n = 0; n < 20_000; n++) {
            FpRanges.Range known = randomRange(r);
            boolean wideFirst = r.nextBoolean();
            char op = r.nextBoolean() ? '+' : '-';
            FpRanges.Range res = wideFirst ? FpRanges.result(op, FpRanges.WIDE, known)
                    : FpRanges.result(op, known, FpRanges.WIDE);
            boolean small = known.empty() || known.hi() <= 968;
            assertEquals(small, res != null, known + " " + op);
            if (res == null) continue;
            assertFalse(res.valid() && !known.empty(), "a sum with a wide operand has no known range");
            proved++;
            for (int k = 0; k < 6; k++) {
                long w = r.nextInt(3) == 0 ? randomWide(r) : wide[r.nextInt(wide.length)];
                assertTrue(FloatOps.notTiny(w), Long.toHexString(w));
                long v = sample(known, r);
                long a = wideFirst ? w : v, b = wideFirst ? v : w;
                double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
                long host = Double.doubleToRawLongBits(op == '+' ? x + y : x - y);
                c.mxcsr = ENTRY_MXCSR;
                long want = FpArith.exact(c, kind(op), Fp.D, a, b);
                assertEquals(want, host, Long.toHexString(a) + " " + op + " " + Long.toHexString(b));
                assertEquals(ENTRY_MXCSR, c.mxcsr, Long.toHexString(a) + " " + op + " " + Long.toHexString(b));
            }
        }
        assertTrue(proved > 5_000, "proved " + proved);
        FpRanges.Range t = FpRanges.tested(false);
        assertEquals(null, FpRanges.result('*', t, FpRanges.WIDE), "0 * inf");
        assertEquals(null, FpRanges.result('*', FpRanges.ZERO, FpRanges.WIDE), "0 * inf");
        assertEquals(null, FpRanges.result('/', FpRanges.WIDE, FpRanges.tested(true)), "inf / x");
        assertEquals(null, FpRanges.result('+', FpRanges.WIDE, FpRanges.WIDE), "inf - inf");
    }

    /** A value notTiny admits: zero, infinity, or any normal of magnitude 2^-K and up. */
    private static long randomWide(SplittableRandom r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        return switch (r.nextInt(5)) {
            case 0 -> sign;
            case 1 -> sign | 0x7FF0_0000_0000_0000L;
            default -> sign | (long) (1023 - FpRanges.K + r.nextInt(2047 - (1023 - FpRanges.K))) << 52
                    | (r.nextLong() & ((1L << 52) - 1));
        };
    }

    @Test
    void rangeTestBoundaries() {
        int k = FpRanges.K;
        assertTrue(FloatOps.inRange(0L));
        assertTrue(FloatOps.inRange(Long.MIN_VALUE));
        assertFalse(FloatOps.inRangeNonZero(0L));
        assertFalse(FloatOps.inRangeNonZero(Long.MIN_VALUE));
        for (long sign : new long[] {0, Long.MIN_VALUE}) {
            long lowest = sign | Double.doubleToRawLongBits(Math.scalb(1.0, -k));
            long highest = sign | Double.doubleToRawLongBits(Math.nextDown(Math.scalb(1.0, k + 1)));
            for (long v : new long[] {lowest, highest}) {
                assertTrue(FloatOps.inRange(v), Long.toHexString(v));
                assertTrue(FloatOps.inRangeNonZero(v), Long.toHexString(v));
            }
            for (long v : new long[] {lowest - 1, highest + 1, sign | 1L, sign | 0x7FF0_0000_0000_0000L,
                    sign | 0x7FF8_0000_0000_0000L, sign | 0x000F_FFFF_FFFF_FFFFL, sign | 0x7FEF_FFFF_FFFF_FFFFL}) {
                assertFalse(FloatOps.inRange(v), Long.toHexString(v));
                assertFalse(FloatOps.inRangeNonZero(v), Long.toHexString(v));
            }
        }
    }

    /** Every exponent field, signs, NaN payloads, zero and full mantissas: the test admits exactly its definition. */
    @Test
    void rangeTestMatchesTheExponentField() {
        int k = FpRanges.K;
        for (long e = 0; e < 2048; e++) {
            for (long m : new long[] {0, 1, 0x8_0000_0000_0000L, 0xF_FFFF_FFFF_FFFFL}) {
                for (long sign : new long[] {0, Long.MIN_VALUE}) {
                    long v = sign | e << 52 | m;
                    boolean zero = e == 0 && m == 0;
                    boolean within = e >= 1023 - k && e <= 1023 + k;
                    assertEquals(zero || within, FloatOps.inRange(v), Long.toHexString(v));
                    assertEquals(within, FloatOps.inRangeNonZero(v), Long.toHexString(v));
                    boolean notTiny = zero || e >= 1023 - k && (e < 2047 || m == 0);
                    assertEquals(notTiny, FloatOps.notTiny(v), Long.toHexString(v));
                }
            }
        }
    }

    private static int kind(char op) {
        return switch (op) {
            case '+' -> FpArith.ADD;
            case '-' -> FpArith.SUB;
            case '*' -> FpArith.MUL;
            default -> FpArith.DIV;
        };
    }

    /** Ranges near the limits as often as in the middle: what the rules' arithmetic must get right. */
    private static FpRanges.Range randomRange(SplittableRandom r) {
        if (r.nextInt(10) == 0) return r.nextBoolean() ? FpRanges.ZERO : FpRanges.tested(r.nextBoolean());
        int lo = switch (r.nextInt(3)) {
            case 0 -> -1022 + r.nextInt(60);
            case 1 -> 1023 - r.nextInt(60);
            default -> r.nextInt(2046) - 1022;
        };
        int hi = Math.min(1023, lo + (r.nextBoolean() ? r.nextInt(4) : r.nextInt(600)));
        if (r.nextBoolean()) {
            int t = lo;
            lo = Math.max(-1022, hi - r.nextInt(600));
            hi = Math.max(t, hi);
        }
        return new FpRanges.Range(Math.min(lo, hi), Math.max(lo, hi), r.nextInt(3) == 0);
    }

    /** A value of the range: an extreme, or a random one; zero if the range allows it. */
    private static long sample(FpRanges.Range g, SplittableRandom r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        if (g.empty() || g.zero() && r.nextInt(8) == 0) return sign;
        int e = switch (r.nextInt(4)) {
            case 0 -> g.lo();
            case 1 -> g.hi();
            default -> g.lo() + r.nextInt(g.hi() - g.lo() + 1);
        };
        long mant = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> (1L << 52) - 1;
            default -> r.nextLong() & ((1L << 52) - 1) & (-1L << r.nextInt(53));
        };
        return sign | (long) (e + 1023) << 52 | mant;
    }

    private static boolean inRange(FpRanges.Range g, long bits) {
        if ((bits << 1) == 0) return g.zero();
        int e = Math.getExponent(Double.longBitsToDouble(bits));
        return e >= g.lo() && e <= g.hi();
    }
}
