package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;

/**
 * A translated region: one hidden class implementing this, whose {@link #run} executes guest code from block
 * {@code entry} of the region (any of its blocks can be entered: a block belongs to one region only) until control
 * leaves the region, leaves {@link Cpu} complete (registers, lazy flags, {@code rip} = the next guest instruction)
 * and returns the index of the exit taken, which the engine uses to find the next block without a cache lookup
 * (a per-exit inline cache); side exits return the complement of their index. The region that took the exit is
 * {@code Cpu.exitRegion}: after a chained call into another region, the callee's exit index is returned as is.
 */
public abstract class Compiled {
    /** An abstract class, not an interface: the engine's call is then a virtual call (vtable), cheaper than an
     * interface call (itable search) at a call site that sees every region. */
    protected Compiled() {}

    /** Cleared when the region is invalidated: chained calls from other regions check it. */
    public volatile boolean valid = true;

    /** How deep region-to-region calls may nest before control goes back to the engine. */
    public static final int MAX_CHAIN = 64;

    /**
     * {@code entry} of {@link #run}: the block's index in its low 16 bits ({@code entry & ENTRY_MASK}), and above
     * them ({@code entry >>> DEPTH_SHIFT}) how many region calls are in progress below this one (0 from the
     * engine). A chained call passes its own depth + 1 and stops at {@link #MAX_CHAIN}: the bound costs a register
     * compare, where a depth kept in the Cpu cost a load, an increment and a store before each chained call and a
     * decrement after it.
     */
    public static final int ENTRY_MASK = 0xFFFF, DEPTH_SHIFT = 16;

    /**
     * Returned instead of a side exit's index when the region was entered under an MXCSR other than the one its
     * floating-point fast paths assume (nothing has run): the engine interprets the block, which is not the
     * region's slow path being taken, so it does not count towards translating the region again with its slow
     * paths inline. A guest that clears the sticky flags at every call (feclearexcept, or a fresh thread's MXCSR)
     * would otherwise turn its regions into exact-path translations for good after a thousand such entries.
     */
    public static final int MXCSR_EXIT = Integer.MIN_VALUE;

    public abstract int run(Cpu c, int entry);
}
