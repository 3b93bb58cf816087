package dev.ring3.jit;

import java.util.ArrayList;
import java.util.List;

/**
 * An undo log of guest stores: each entry is an address and the bytes that were there before. Used by
 * {@link CoSim} to run a block interpreted, remember what it stored, put memory back, and run the same block
 * translated from the same state.
 */
public final class Journal {
    private final List<long[]> ranges = new ArrayList<>();   // {address, length}
    private final List<byte[]> before = new ArrayList<>();
    /** Bytes journaled so far; a bulk store larger than {@link #MAX_BYTES} makes the journal overflow. */
    private long bytes;
    private boolean overflow;
    /** The thread whose block is journaled. */
    private final Thread owner = Thread.currentThread();
    static final long MAX_BYTES = 64L << 20;

    /** Records the current bytes of {@code [a, a+len)} (nothing if the store would fault: it will not happen). */
    void save(GuestMemory mem, long a, long len) {
        // another thread's stores (the kernel writing for a thread in a system call) are not this block's
        if (len <= 0 || !mem.inWindow(a, len) || Thread.currentThread() != owner) return;
        if (overflow || bytes + len > MAX_BYTES) {
            overflow = true;
            return;
        }
        bytes += len;
        ranges.add(new long[] {a, len});
        before.add(mem.readBytes(a, (int) len));
    }

    /** True if a store was too large to journal: the block cannot be undone. */
    public boolean overflowed() { return overflow; }

    public boolean isEmpty() { return ranges.isEmpty(); }

    /** The bytes now at every journaled range (after the stores), in journal order. */
    List<byte[]> current(GuestMemory mem) {
        List<byte[]> out = new ArrayList<>(ranges.size());
        for (long[] r : ranges) out.add(mem.readBytes(r[0], (int) r[1]));
        return out;
    }

    /** Puts back what the journaled stores overwrote (newest first). */
    void undo(GuestMemory mem) {
        if (mem.journal == this) throw new IllegalStateException("undo while the journal is active");
        for (int k = ranges.size() - 1; k >= 0; k--) {
            long[] r = ranges.get(k);
            mem.writeBytes(r[0], before.get(k), 0, (int) r[1]);
        }
    }

    long address(int k) { return ranges.get(k)[0]; }

    int size() { return ranges.size(); }
}
