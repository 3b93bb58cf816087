package dev.ring3.jit.translate;

import dev.ring3.jit.Block;
import java.util.List;

/**
 * Guest code translated as one JVM method: blocks reachable from the entry through direct branches that the
 * interpreter has already run (cold paths become exits), so that a hot loop and its body are one method and
 * HotSpot's C2 sees a real loop.
 */
public final class Region {
    public final long entry;
    public final List<Block> blocks;
    /** The translated code, or null if translation failed (the blocks keep being interpreted). */
    public Compiled code;
    /**
     * Per exit, at {@code 2 * exit} and {@code 2 * exit + 1}: the last two distinct blocks seen after it, to skip
     * the cache lookup (a return goes back to more than one caller).
     */
    public Block[] exitBlock;
    /**
     * Per exit with a fixed target: the entry of the region that translated code calls directly (exit chaining),
     * linked by the engine the first time the exit is taken; null until then or for exits whose target varies.
     * {@link #exitTarget} holds the fixed target or -1.
     */
    public Entry[] chain;
    public long[] exitTarget;
    /** With the profile: the kind of each dynamic exit (its branch), else null. */
    public String[] exitKinds;
    /** Lowest and highest guest address covered, for invalidation. */
    public final long low, high;
    public volatile boolean valid = true;
    /** Guest instructions translated. */
    public final int instructions;
    /** Size of the translated method's bytecode. */
    public int bytecodeSize;
    /** Instructions given a fault path (a bounds check of theirs can fail), for tests. */
    public int faultPaths;
    /** Side exits taken (an instruction whose fast path did not apply). */
    public int sideExits;
    /** True if the translation tests operand ranges (side exits may come from values outside them). */
    public boolean rangeTests;
    /** Times entered (counted with -Dring3.jit.profile only). */
    public long runs;

    /**
     * A region of one block whose every branch is an exit, even a branch back to itself: the co-simulation
     * harness runs exactly one block per step.
     */
    public static Region isolated(Block b) { return new Region(b.start, List.of(b), true); }

    /** True if no branch stays inside (see {@link #isolated}). */
    public final boolean isolated;

    Region(long entry, List<Block> blocks) { this(entry, blocks, false); }

    private Region(long entry, List<Block> blocks, boolean isolated) {
        this.isolated = isolated;
        this.entry = entry;
        this.blocks = List.copyOf(blocks);
        long lo = Long.MAX_VALUE, hi = 0;
        int n = 0;
        for (Block b : blocks) {
            lo = Math.min(lo, b.start);
            hi = Math.max(hi, b.end);
            n += b.insns.length;
        }
        this.low = lo;
        this.high = hi;
        this.instructions = n;
        boolean checking = false;
        for (Block b : blocks) checking |= b.selfChecking();
        this.selfChecking = checking;
    }

    /** True if some block was decoded from writable memory and must be checked before each entry. */
    public final boolean selfChecking;

    /** For self-checking regions: true if memory still holds the bytes every block was decoded from. */
    public boolean unchanged(dev.ring3.jit.GuestMemory mem) {
        for (Block b : blocks) if (!b.unchanged(mem)) return false;
        return true;
    }

    /** True if the region's code overlaps [start, end). */
    public boolean overlaps(long start, long end) {
        if (end <= low || start >= high) return false;
        for (Block b : blocks) if (b.start < end && b.end > start) return true;
        return false;
    }
}
