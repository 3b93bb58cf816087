package dev.ring3.jit.translate;

/**
 * Chooses how many guest instructions the engine puts in a region, so that few translations overshoot the method
 * limit and are thrown away (an attempt that fails costs most of a translation).
 *
 * <p>A region whose instruction count alone makes it too large ({@link Translator#likelyTooLarge}) is built at
 * half the size. A region whose instructions would, at this program's bytecode per instruction so far, come to
 * more than the limit is built at the size expected to fit instead of being tried: SQLite's code takes 49 bytes
 * per instruction (zlib's 42, lua's 45), so most of its regions built at 128 instructions were too large (66 of
 * its 85 failed attempts, 280 ms of 1.06 s of translation) and then ended at 64. The rate test is at the average,
 * not below it, because region shapes matter more than a failed attempt: zlib's regions, at 42 bytes per
 * instruction, keep the shapes halving gave them (at a size sized for a denser region, its hottest loop was split
 * differently and zlib ran 5% slower).
 */
public final class RegionSizer {
    /** The rate assumed before anything has been translated, as instructions and bytes (40 per instruction). */
    static final long PRIOR_INSNS = 64, PRIOR_BYTES = 40 * PRIOR_INSNS;

    private long insns = PRIOR_INSNS, bytes = PRIOR_BYTES;

    /** Counts a successful translation into the rate. */
    public void translated(Region r) {
        insns += r.instructions;
        bytes += r.bytecodeSize;
    }

    /** Bytes of bytecode per guest instruction so far (the prior until translations come in). */
    public double rate() { return (double) bytes / insns; }

    /** How many instructions a region may hold to be expected to fit the method limit at this rate. */
    public int fitting() { return Math.max(1, (int) (Translator.METHOD_LIMIT / rate())); }

    /**
     * The size to build region {@code r} (built with at most {@code max} instructions) at instead, or
     * {@code max} itself if it should be translated as it is. A size returned instead is always below
     * {@code max}, so the engine's retries end.
     */
    public int resize(Region r, int max) {
        if (r.instructions <= 1) return max;
        if (Translator.likelyTooLarge(r)) return Math.max(1, max / 2);
        int fit = fitting();
        if (r.instructions <= fit) return max;
        return Math.max(1, Math.min(fit, Math.min(max, r.instructions) - 1));
    }
}
