package dev.ring3.jit;

import dev.ring3.decoder.Decoder;
import dev.ring3.decoder.Insn;
import dev.ring3.jit.translate.Entry;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Decoded blocks of one address space, by start address. Misses decode a new block; {@link #invalidate} drops
 * every block overlapping a range (munmap, mprotect, execve, writes by the kernel into code).
 *
 * <p>Shared by the threads of a process. The map and the region list change under this object's lock; what the
 * engine reads without one is either a single reference whose object it checks before use (a block's successor
 * caches, a region's exit caches: a stale one fails the check and is looked up again) or an immutable
 * {@link Entry} (a block's way into translated code, a region's chained calls), so no thread pairs one region's
 * method with another's block index. Run counts and target profiles are updated racily: a lost update delays a
 * translation or leaves a target out, nothing more.
 */
public final class CodeCache {
    /** Longest block, in instructions. */
    static final int MAX_BLOCK = 64;

    /**
     * Translate loops with a look at {@link Cpu#interrupted} on every back edge, so that a thread looping inside one
     * region still takes signals and other threads' exit_group (Go's scheduler preempts a goroutine that loops
     * without calls with a signal, and its collector waits for that). Set for every thread's cache once a process
     * has a second thread ({@link #enablePollLoops}); a single-threaded program's loops go without it.
     */
    public volatile boolean pollLoops;

    /**
     * Loops translated from now on look at {@link Cpu#interrupted}; the regions translated before go (their blocks
     * count to the threshold again), so that no thread of the process loops for ever in one that does not look.
     */
    public synchronized void enablePollLoops() {
        if (pollLoops) return;
        pollLoops = true;
        for (var r : regions) forget(r);
        regions.clear();
    }

    private final Long2ObjectHashMap<Block> blocks = new Long2ObjectHashMap<>();
    private final List<dev.ring3.jit.translate.Region> regions = new ArrayList<>();
    private final Decoder decoder = new Decoder();
    private final PageInfo pages;
    private final GuestMemory mem;
    /** Lowest and highest code address cached, to make invalidation of data ranges cheap. */
    private long low = Long.MAX_VALUE, high = Long.MIN_VALUE;

    public CodeCache(GuestMemory mem, PageInfo pages) {
        this.mem = mem;
        this.pages = pages;
    }

    public GuestMemory memory() { return mem; }

    /** The block starting at {@code rip}, decoding it if needed. Raises SIGSEGV if rip is not executable. */
    public synchronized Block lookup(long rip) {
        Block b = blocks.get(rip);
        if (b != null && b.valid && b.unchanged(mem)) return b;
        if (b != null) b.valid = false;
        b = decode(rip);
        blocks.put(rip, b);
        low = Math.min(low, b.start);
        high = Math.max(high, b.end);
        return b;
    }

    private Block decode(long rip) {
        if (!mem.inWindow(rip, 1) || !pages.executable(rip)) {
            throw GuestFault.segv(rip, rip, "instruction fetch from non-executable address");
        }
        List<Insn> list = new ArrayList<>();
        long pc = rip;
        while (list.size() < MAX_BLOCK) {
            Insn insn;
            try {
                if (pc != rip && ((pc & 0xFFF) == 0) && !pages.executable(pc)) break;
                insn = decoder.decode(mem, pc);
            } catch (IndexOutOfBoundsException e) {
                if (list.isEmpty()) throw GuestFault.segv(rip, rip, "instruction fetch out of range");
                break;
            }
            list.add(insn);
            pc = insn.next();
            if (insn.op.endsBlock) break;
        }
        Insn[] insns = list.toArray(new Insn[0]);
        Exec[] execs = new Exec[insns.length];
        for (int k = 0; k < insns.length; k++) execs[k] = Semantics.of(insns[k].op);
        long end = insns[insns.length - 1].next();
        byte[] snapshot = pages.writable(rip) || pages.writable(end - 1) ? Block.copyOf(mem, rip, end) : null;
        return new Block(insns, execs, snapshot);
    }

    /** The block starting at rip if one is cached and valid, without decoding. */
    public synchronized Block peek(long rip) {
        Block b = blocks.get(rip);
        return b != null && b.valid ? b : null;
    }

    /** The translated regions still valid (for profiles). */
    public synchronized List<dev.ring3.jit.translate.Region> regions() { return new ArrayList<>(regions); }

    /**
     * Makes a freshly translated region the way into its blocks (entered at {@code first}): recorded for
     * invalidation, and each block's {@link Entry} set, unless a block holds the region of another translation
     * still valid. Under this cache's lock, as invalidation is: if another thread invalidated some of the region's
     * blocks (munmap, mprotect, a store into code) while it was being translated, the region is dropped instead,
     * so that no block decoded afresh is given a translation of the old bytes. Returns false then.
     */
    public synchronized boolean publish(dev.ring3.jit.translate.Region r, Block first) {
        for (Block in : r.blocks) {
            if (!in.valid || !first.valid) {
                r.valid = false;
                r.code.valid = false;
                return false;
            }
        }
        regions.add(r);
        for (int k = 0; k < r.blocks.size(); k++) {
            Block in = r.blocks.get(k);
            Block cached = blocks.get(in.start);
            Block owner = cached != null && cached.valid ? cached : in;
            dev.ring3.jit.translate.Region held = owner.region();   // read once: other threads clear entries
            if (k > 0 && held != null && held.valid) continue;
            owner.entry = new Entry(r, k);
        }
        first.entry = new Entry(r, 0);
        return true;
    }

    /**
     * Drops every block and region overlapping [start, end) (munmap, mprotect, writes into code), and every
     * reference the remaining code holds to what was dropped, so that the dropped regions' hidden classes can be
     * unloaded while the rest runs on.
     */
    public synchronized void invalidate(long start, long end) {
        if (end <= low || start >= high || blocks.isEmpty()) return;
        boolean dropped = false;
        var rit = regions.iterator();
        while (rit.hasNext()) {
            var r = rit.next();
            if (r.overlaps(start, end)) {
                forget(r);
                rit.remove();
                dropped = true;
            }
        }
        var it = blocks.values().iterator();
        while (it.hasNext()) {
            Block b = it.next();
            if (b.start < end && b.end > start) {
                b.valid = false;
                b.entry = null;
                it.remove();
            }
        }
        if (dropped) unlinkDropped();
    }

    /**
     * Retires a region the engine has given up on (too many side exits: it is translated again): it goes from the
     * list, and the links other regions made to it go too.
     */
    public synchronized void retire(dev.ring3.jit.translate.Region r) {
        if (!regions.remove(r)) return;
        forget(r);
        unlinkDropped();
    }

    /** Marks a region invalid and takes it off the blocks that would enter it (any copy of them the cache holds). */
    private void forget(dev.ring3.jit.translate.Region r) {
        r.valid = false;
        if (r.code != null) r.code.valid = false;
        for (Block b : r.blocks) {
            unset(b, r);
            unset(blocks.get(b.start), r);
        }
    }

    /** A block that entered region r enters nothing and counts its runs to the threshold again. */
    private static void unset(Block b, dev.ring3.jit.translate.Region r) {
        if (b == null || b.entry == null || b.entry.region != r) return;
        b.entry = null;
        b.count = 0;
    }

    /** Removes the remaining regions' chained calls into invalid code (the engine links the exit anew if taken). */
    private void unlinkDropped() {
        for (var r : regions) {
            Entry[] chain = r.chain;
            if (chain == null) continue;
            for (int k = 0; k < chain.length; k++) if (chain[k] != null && !chain[k].code.valid) chain[k] = null;
        }
    }

    /**
     * Drops everything (execve, the end of an address space): no block or region is valid or held here afterwards,
     * so once the threads that ran them let go, the regions' hidden classes can be unloaded.
     * @return the number of translated regions dropped
     */
    public synchronized int clear() {
        int dropped = regions.size();
        for (var r : regions) {
            r.valid = false;
            if (r.code != null) r.code.valid = false;
        }
        regions.clear();
        for (Block b : blocks.values()) b.valid = false;
        blocks.clear();
        low = Long.MAX_VALUE;
        high = Long.MIN_VALUE;
        return dropped;
    }

    public synchronized int size() { return blocks.size(); }
}
