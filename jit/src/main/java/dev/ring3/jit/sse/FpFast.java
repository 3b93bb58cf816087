package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Mxcsr.PE;

import dev.ring3.jit.Cpu;

/**
 * The common case of SSE arithmetic done with the host's own IEEE operations: MXCSR as programs leave it (round to
 * nearest, no FTZ or DAZ, every exception masked) and operands and result well inside the normal range. Java's
 * double and float operations round to nearest even, exactly as SSE does then; the only flag such an operation can
 * raise is PE, found from the exact residual (TwoSum for sums, {@link Math#fma} for products, quotients and square
 * roots, or a check in double precision for binary32). Anything else (NaN, infinity, denormal operands, results
 * that overflow or come near the denormal range) returns {@link #SLOW} and takes the exact path in {@link FpArith}.
 *
 * <p>Binary32 operations are computed in double and rounded once more to float: with 53 >= 2 * 24 + 2 bits that
 * double rounding is innocuous for +, -, *, / and square root (Figueroa, "When is double rounding innocuous?",
 * SIGNUM 1995), so the result is the correctly rounded binary32 one.
 */
public final class FpFast {
    private FpFast() {}

    /** Returned when the fast path does not apply (an SNaN pattern, which no fast result can be). */
    public static final long SLOW = 0x7FF4_0000_0000_0BADL;

    /** MXCSR bits that must read {@link #FAST_MXCSR} (RC, FTZ, DAZ and the masks) for the fast path. */
    public static final int FAST_MASK = 0xFFC0, FAST_MXCSR = 0x1F80;

    /** Results or dividends below this (2^-969) might have unrepresentable residuals or be tiny: slow path. */
    private static final double TINY_D = 0x1p-969;

    /** True if c's MXCSR allows the fast path. */
    public static boolean applies(Cpu c) { return (c.mxcsr & FAST_MASK) == FAST_MXCSR; }

    /** Binary64 with a biased exponent in [1, 2046], or a zero. */
    private static boolean plainD(long x) {
        long e = (x >>> 52) & 0x7FF;
        return (e != 0 && e != 0x7FF) || (x << 1) == 0;
    }

    /** Binary32 (low 32 bits) normal or zero. */
    private static boolean plainS(long x) {
        long e = (x >>> 23) & 0xFF;
        return (e != 0 && e != 0xFF) || (x & 0x7FFF_FFFF) == 0;
    }

    static long op(Cpu c, int kind, int f, long a, long b) {
        return f == Fp.D ? opD(c, kind, a, b) : opS(c, kind, a, b);
    }

    private static long opD(Cpu c, int kind, long a, long b) {
        return switch (kind) {
            case FpArith.ADD -> addD(c, a, b);
            case FpArith.SUB -> subD(c, a, b);
            case FpArith.MUL -> mulD(c, a, b);
            case FpArith.DIV -> divD(c, a, b);
            case FpArith.SQRT -> sqrtD(c, b);
            case FpArith.MIN -> minD(a, b);
            case FpArith.MAX -> maxD(a, b);
            default -> SLOW;
        };
    }

    // One method per binary64 operation, small enough for C2 to inline where translated code calls them: each
    // returns the result (raising PE when inexact) or SLOW when the exact path must decide. The caller checks
    // applies(c) first (translated code does it once per instruction, HotSpot hoists it out of loops).

    public static long addD(Cpu c, long a, long b) {
        if (!plainD(a) || !plainD(b)) return SLOW;
        return sumD(c, Double.longBitsToDouble(a), Double.longBitsToDouble(b));
    }

    public static long subD(Cpu c, long a, long b) {
        if (!plainD(a) || !plainD(b)) return SLOW;
        return sumD(c, Double.longBitsToDouble(a), -Double.longBitsToDouble(b));
    }

    private static long sumD(Cpu c, double x, double y) {
        double r = x + y;
        if (Double.isInfinite(r)) return SLOW;
        double bv = r - x;
        if ((x - (r - bv)) + (y - bv) != 0) c.mxcsr |= PE;   // TwoSum: exact, and the result is exact when tiny
        return Double.doubleToRawLongBits(r);
    }

    public static long mulD(Cpu c, long a, long b) {
        if (!plainD(a) || !plainD(b)) return SLOW;
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        double r = x * y;
        if (x == 0 || y == 0) return Double.doubleToRawLongBits(r);
        if (!(Math.abs(r) >= TINY_D) || Double.isInfinite(r)) return SLOW;
        if (Math.fma(x, y, -r) != 0) c.mxcsr |= PE;
        return Double.doubleToRawLongBits(r);
    }

    public static long divD(Cpu c, long a, long b) {
        if (!plainD(a) || !plainD(b)) return SLOW;
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        if (y == 0) return SLOW;
        double r = x / y;
        if (x == 0) return Double.doubleToRawLongBits(r);
        // the remainder x - r*y is representable only if neither it nor x is near the denormal range
        if (!(Math.abs(r) >= TINY_D) || Math.abs(x) < TINY_D || Double.isInfinite(r)) return SLOW;
        if (Math.fma(-r, y, x) != 0) c.mxcsr |= PE;
        return Double.doubleToRawLongBits(r);
    }

    public static long sqrtD(Cpu c, long b) {
        if (!plainD(b)) return SLOW;
        double y = Double.longBitsToDouble(b);
        if (y < 0 || (y != 0 && y < 0x1p-900)) return SLOW;
        double r = Math.sqrt(y);
        if (y != 0 && Math.fma(-r, r, y) != 0) c.mxcsr |= PE;
        return Double.doubleToRawLongBits(r);
    }

    public static long minD(long a, long b) {
        if (!plainD(a) || !plainD(b)) return SLOW;
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? a : b;
    }

    public static long maxD(long a, long b) {
        if (!plainD(a) || !plainD(b)) return SLOW;
        return Double.longBitsToDouble(a) > Double.longBitsToDouble(b) ? a : b;
    }

    private static long opS(Cpu c, int kind, long a, long b) {
        if (!plainS(b) || (kind != FpArith.SQRT && !plainS(a))) return SLOW;
        double x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
        double exact;
        float r;
        boolean inexact;
        switch (kind) {
            case FpArith.ADD, FpArith.SUB -> {
                if (kind == FpArith.SUB) y = -y;
                exact = x + y;
                r = (float) exact;
                double bv = exact - x;
                inexact = r != exact || (x - (exact - bv)) + (y - bv) != 0;
            }
            case FpArith.MUL -> {
                exact = x * y;                        // exact: 48 significant bits
                r = (float) exact;
                inexact = r != exact;
            }
            case FpArith.DIV -> {
                if (y == 0) return SLOW;
                r = (float) (x / y);
                exact = x;
                inexact = (double) r * y != x;        // the product of two binary32 values is exact in double
            }
            case FpArith.SQRT -> {
                if (y < 0) return SLOW;
                r = (float) Math.sqrt(y);
                exact = y;
                inexact = (double) r * r != y;
            }
            case FpArith.MIN -> {
                return x < y ? a : b;
            }
            case FpArith.MAX -> {
                return x > y ? a : b;
            }
            default -> {
                return SLOW;
            }
        }
        // overflow, or a result near the denormal range (even the smallest normal one may be tiny before rounding
        // to the bounded exponent range): the exact path decides
        float m = Math.abs(r);
        if (m == Float.POSITIVE_INFINITY || (exact != 0 && m < 0x1p-125f)) return SLOW;
        if (inexact) c.mxcsr |= PE;
        return Float.floatToRawIntBits(r) & 0xFFFF_FFFFL;
    }
}
