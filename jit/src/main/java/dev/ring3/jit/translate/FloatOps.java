package dev.ring3.jit.translate;

/**
 * The tests of SSE2 double arithmetic's fast paths (ADD SUB MUL DIV, one lane), called by translated code and
 * inlined by C2: true when the host's operation gives the result and no MXCSR flag but PE (which the region's entry
 * check requires already set) could be raised; false if an operand is denormal (DE) or the result could overflow
 * (OE), underflow (UE), be invalid (IE) or divide by zero (ZE), and the caller takes its slow path to the exact
 * semantics. The caller computes the result itself, and C2 shares the operation.
 *
 * <p>Why calls: inline checks made each lane about 80 bytes of bytecode, which kept floating-point loops from
 * fitting one translated method; a call is 3 bytes and C2 inlines it. Nothing here may call out of line: a call
 * in a loop makes C2 spill every register around it (returning a sentinel result and calling a slow helper for
 * zeros took matmul from 2.5 to 2.8 s). Each test compares the value's magnitude with constants (a NaN or
 * infinite operand passes the operand test, but always gives a NaN or infinite result, which the result test
 * rejects); testing the bits instead (shifts and small constants) moved every tested value from its XMM register
 * to a general one and kept C2 from loading lanes as doubles (matmul 40 2.86 to 2.33 s with lanes in double
 * locals). The tests branch: folding them into one value with conditional moves (an unsigned minimum) put them on
 * the dependency chain of the result, and n-body took 8% longer.
 */
public final class FloatOps {
    private FloatOps() {}

    /**
     * True if x is a zero or normal, or NaN or infinite (false for denormals and, conservatively, for the two
     * values +-2^-1022). Every test here works on the double, not its bits: the value stays in its XMM register and
     * the constants are memory operands, so no general register is taken in a loop (see {@link #inRange}).
     */
    private static boolean ordinary(long x) {
        double a = Math.abs(d(x));
        return !(a <= Double.MIN_NORMAL) || a == 0;
    }

    /** Not infinite or NaN. Sums are exact when tiny: only this matters. */
    private static boolean finite(long r) { return Math.abs(d(r)) <= Double.MAX_VALUE; }

    /**
     * A normal result of magnitude 2^-1021 or more: a result just above the smallest normal may be a tiny result
     * rounded up, and x86 then sets UE (tininess before rounding), so it takes the exact path (zero, denormal,
     * infinite and NaN are not normal).
     */
    private static boolean normal(long r) {
        double a = Math.abs(d(r));
        return a >= 0x1p-1021 && a <= Double.MAX_VALUE;
    }

    public static boolean addOk(long a, long b) {
        return ordinary(a) && ordinary(b) && finite(bits(d(a) + d(b)));
    }

    public static boolean subOk(long a, long b) {
        return ordinary(a) && ordinary(b) && finite(bits(d(a) - d(b)));
    }

    /** A normal product, or an exact zero: 0 * y, x * 0 (an infinite or NaN y gives NaN, not zero). */
    public static boolean mulOk(long a, long b) {
        if (!ordinary(a) || !ordinary(b)) return false;
        long r = bits(d(a) * d(b));
        return normal(r) || d(r) == 0 && (d(a) == 0 || d(b) == 0);
    }

    /** A normal quotient, or an exact zero: 0 / y with y not zero (x / 0 is ZE or IE). */
    public static boolean divOk(long a, long b) {
        if (!ordinary(a) || !ordinary(b)) return false;
        long r = bits(d(a) / d(b));
        return normal(r) || d(r) == 0 && d(a) == 0 && d(b) != 0;
    }

    /**
     * Zero, or an exponent within {@link FpRanges#K} of 0 (2^-K <= |x| < 2^(K+1)): finite, not denormal, and a value
     * the translator can track through a chain of operations ({@link FpRanges}). Tested on the double, not on its
     * bits: the value stays in a host XMM register (C2 loads a lane used only as a double with a double load and
     * stores it with a double store), and the comparisons take their constants from memory, so the test holds no
     * general register in a loop. NaN compares false, infinities are above the bound and denormals below.
     */
    public static boolean inRange(long x) {
        double a = Math.abs(d(x));
        return a < RANGE_HIGH && (a >= RANGE_LOW || a == 0);
    }

    /**
     * Zero, or 2^-{@link FpRanges#K} <= |x|, infinities included: {@link #inRange}'s lower bound alone, one
     * comparison and one branch instead of two ({@link FpRanges#WIDE}). NaN compares false.
     */
    public static boolean notTiny(long x) {
        double a = Math.abs(d(x));
        return a >= RANGE_LOW || a == 0;
    }

    /** As {@link #inRange}, but not zero (a divisor). */
    public static boolean inRangeNonZero(long x) {
        double a = Math.abs(d(x));
        return a < RANGE_HIGH && a >= RANGE_LOW;
    }

    /** 2^(K+1) and 2^-K: the bounds of {@link #inRange}. */
    private static final double RANGE_HIGH = Math.scalb(1.0, FpRanges.K + 1), RANGE_LOW = Math.scalb(1.0, -FpRanges.K);

    private static double d(long x) { return Double.longBitsToDouble(x); }

    private static long bits(double x) { return Double.doubleToRawLongBits(x); }
}
