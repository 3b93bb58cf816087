package dev.ring3.jit.translate;

/**
 * A way into translated code: a region, its method and the index of the block it is entered at, as one immutable
 * object. The threads of a process share one code cache, so a block's way in ({@code Block.entry}) and a region's
 * chained calls ({@link Region#chain}) are read by threads that did not write them; with the method and the index
 * in separate fields a thread could pair a new method with an old index and run the wrong block. Final fields make
 * the pair, and the region built before it, visible as one (JLS 17.5), with no lock or fence on the way in.
 *
 * <p>{@code code.valid} (volatile) is the test whether the entry may still be taken: invalidation clears it before
 * it takes the entry off its block.
 */
public final class Entry {
    public final Region region;
    public final Compiled code;
    /** The block's index in the region: {@link Compiled#run}'s {@code entry} argument, at depth 0. */
    public final int index;
    /** The region checks its code's bytes before it is entered ({@link Region#selfChecking}). */
    public final boolean selfChecking;

    public Entry(Region region, int index) {
        this.region = region;
        this.code = region.code;
        this.index = index;
        this.selfChecking = region.selfChecking;
    }
}
