package dev.ring3.jit.translate;

/**
 * What the translator knows, inside one block, about the binary64 value in each XMM lane: a range of binary
 * exponents {@code [lo, hi]} (every nonzero value v has {@code 2^lo <= |v| < 2^(hi+1)}) and whether it may be a
 * zero; or nothing. Known values are finite and never denormal.
 *
 * <p>Why: an SSE operation may raise no MXCSR flag but PE (which the region's entry check requires set already)
 * when its operands are finite, not denormal, and its exact result can neither overflow nor become tiny. With
 * ranges the translator proves that for a whole chain of operations from one run-time test per input value
 * ({@link FloatOps#inRange}: zero, or an exponent within {@code +-}{@link #K}) instead of testing both operands and
 * the result of every operation. Only where the ranges grow too wide does an operation fall back to its own test
 * ({@link FloatOps#addOk} and the others), whose result is then unknown again. The host's IEEE operation gives the
 * guest's result bit for bit (round to nearest, exceptions masked), so only the flags needed proving.
 *
 * <p>The rules, for nonzero operands a in [la, ha] and b in [lb, hb] (the largest values, (2 - 2^-52) 2^h, never
 * round up to the next power of two in these operations; FpRangesTest checks each bound is tight):
 * <ul>
 *   <li>a * b: [la + lb, ha + hb + 1]; zero if either may be.</li>
 *   <li>a / b (b known nonzero): [la - hb - 1, ha - lb]; zero if a may be.</li>
 *   <li>a +- b: at most max(ha, hb) + 1; a nonzero sum is a multiple of the smaller operand's unit in the last
 *   place, so at least 2^(min(la, lb) - 52), and exact whenever it is tiny (no UE; below 2^-1022 the value may be
 *   denormal and so is unknown after); may be zero.</li>
 * </ul>
 * An operation is proved when its result range stays within [-1022, 1023]. Ranges are forgotten at every block
 * start (any block may be entered from the engine or another path) and whenever an instruction the SSE emitters do
 * not track writes an XMM register.
 */
public final class FpRanges {
    /** Values a run-time test admits: zero or 2^-K <= |v| < 2^(K+1). Wide enough for physical constants. */
    public static final int K = 300;
    public static final int MIN_EXP = -1022, MAX_EXP = 1023;
    /** lo of a lane that can only be zero (no nonzero value). */
    private static final int EMPTY_LO = 4096, EMPTY_HI = -4096;

    private final boolean[] known = new boolean[32];
    private final int[] lo = new int[32], hi = new int[32];
    private final boolean[] zero = new boolean[32];
    /** False for conservative translations and for retranslations after the range tests failed too often. */
    final boolean enabled;
    /** True once a translation relied on a range test (the engine then knows a retranslation without helps). */
    boolean used;

    FpRanges(boolean enabled) { this.enabled = enabled; }

    /** A lane: XMM register x, low (0) or high (1) quadword. */
    static int lane(int x, int half) { return 2 * x + half; }

    void clear() { java.util.Arrays.fill(known, false); }

    void forget(int lane) { known[lane] = false; }

    /** Forgets both lanes of XMM register x. */
    void forgetRegister(int x) {
        known[lane(x, 0)] = false;
        known[lane(x, 1)] = false;
    }

    boolean known(int lane) { return lane >= 0 && known[lane]; }

    /** A value a run-time test admitted: [-K, K], maybe zero ({@code nonZero}: the divisor's test excludes it). */
    public static Range tested(boolean nonZero) { return new Range(-K, K, !nonZero); }

    public static final Range ZERO = new Range(EMPTY_LO, EMPTY_HI, true);

    /**
     * Exponent bound of {@link #WIDE}: above any finite value's.
     */
    public static final int WIDE_HI = MAX_EXP + 1;

    /**
     * A value only {@link FloatOps#notTiny} admitted: zero, or 2^-K <= |v|, infinities included (not NaN, not
     * denormal). Never a known range (not {@link Range#valid}); an operand of a sum or difference whose other operand
     * is known and small: such a sum raises no flag but PE, whatever the magnitude of this one (below).
     */
    public static final Range WIDE = new Range(-K, WIDE_HI, true);

    /**
     * The largest exponent of a summand that no finite value added to it can make overflow: |a| < 2^970 and
     * |b| <= MAX = 2^1024 - 2^971 give |a + b| < 2^1024 - 2^970, the least magnitude that rounds to infinity.
     */
    static final int SMALL_SUMMAND_HI = 968;

    Range get(int lane) { return known(lane) ? new Range(lo[lane], hi[lane], zero[lane]) : null; }

    void set(int lane, Range r) {
        if (r == null || !r.valid()) {
            known[lane] = false;
            return;
        }
        known[lane] = true;
        lo[lane] = r.lo;
        hi[lane] = r.hi;
        zero[lane] = r.zero;
    }

    void copy(int from, int to) { set(to, get(from)); }

    /**
     * True if an instruction the SSE emitters do not track may write an XMM register: any with an XMM operand,
     * FXRSTOR, and anything that leaves the block (a SYSCALL may return through rt_sigreturn).
     */
    static boolean mayWriteXmm(dev.ring3.decoder.Insn i) {
        if (i.op == dev.ring3.decoder.Op.FXRSTOR || i.op.endsBlock) return true;
        for (int k = 0; k < i.nops; k++) {
            if (dev.ring3.decoder.Operand.kind(i.operand(k)) == dev.ring3.decoder.Operand.XMM) return true;
        }
        return false;
    }

    /** Exponent range of nonzero values (empty if lo > hi: only zero) and whether zero is possible. */
    public record Range(int lo, int hi, boolean zero) {
        public boolean empty() { return lo > hi; }

        /** Finite, never denormal: a value later operations may use untested. */
        public boolean valid() { return empty() ? zero : lo >= MIN_EXP && hi <= MAX_EXP; }

    }

    /**
     * The result range of {@code a op b} (op one of '+', '-', '*', '/') for operands in these ranges, or null if the
     * operation might raise a flag other than PE (the caller then tests it at run time). The result may be an
     * invalid range (possibly denormal): the operation is safe but its result unknown.
     */
    public static Range result(char op, Range a, Range b) {
        // a WIDE operand may be infinite (0 * inf and inf / inf raise IE, a product may overflow): sums only
        if ((op == '*' || op == '/') && (a.hi > MAX_EXP || b.hi > MAX_EXP)) return null;
        switch (op) {
            case '*' -> {
                if (a.empty() || b.empty()) return ZERO;
                Range r = new Range(a.lo + b.lo, a.hi + b.hi + 1, a.zero || b.zero);
                return r.lo >= MIN_EXP && r.hi <= MAX_EXP ? r : null;
            }
            case '/' -> {
                if (b.zero) return null;                       // ZE, or IE for 0 / 0
                if (a.empty()) return ZERO;
                Range r = new Range(a.lo - b.hi - 1, a.hi - b.lo, a.zero);
                return r.lo >= MIN_EXP && r.hi <= MAX_EXP ? r : null;
            }
            default -> {
                if (a.empty()) return new Range(b.lo, b.hi, true);
                if (b.empty()) return new Range(a.lo, a.hi, true);
                if (a.hi > MAX_EXP || b.hi > MAX_EXP) {
                    // one operand WIDE: safe if the other is finite and small (an infinite operand gives an infinite
                    // sum and no flag; neither is NaN or denormal); the result is unknown
                    Range other = a.hi > MAX_EXP ? b : a;
                    return other.hi <= SMALL_SUMMAND_HI ? new Range(MIN_EXP, WIDE_HI, true) : null;
                }
                int hi = Math.max(a.hi, b.hi) + 1;
                if (hi > MAX_EXP) return null;                 // might overflow
                return new Range(Math.min(a.lo, b.lo) - 52, hi, true);   // below MIN_EXP: safe, result unknown
            }
        }
    }
}
