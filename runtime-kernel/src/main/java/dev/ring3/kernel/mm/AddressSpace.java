package dev.ring3.kernel.mm;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A guest address space: the flat {@link GuestMemory} window, the table of mappings ({@link Vma}s) that says what
 * is mapped and how, the program break, and the decoded code of the space ({@link CodeCache}).
 *
 * <p>Layout (guest addresses), like Linux's with the top scaled down to fit the window:
 * <pre>
 *   0x10000            lowest mappable address (below: the null guard, outside the window)
 *   0x400000           non-PIE executables, then the heap (brk)
 *   0x55_5555_4000     static-PIE executables
 *   ... mmap area, allocated top-down from below the stack
 *   0x7f_ff00_0000     top of the main stack (8 MiB)
 *   0x80_0000_0000     end of the window: 512 GiB of reservation, committed only as touched
 * </pre>
 * No randomization: runs are reproducible (AT_RANDOM still gives random bytes).
 *
 * <p>Protections live here, not in host page tables: guest loads and stores are not checked against them (see
 * {@link GuestMemory}); system calls check them ({@link #check}) and return EFAULT, code fetches check them (NX),
 * and changes to executable mappings invalidate decoded code.
 */
public final class AddressSpace implements PageInfo {
    public static final long PAGE = 4096;
    public static final long LIMIT = 0x80_0000_0000L;
    public static final long STACK_TOP = 0x7F_FF00_0000L;
    public static final long STACK_SIZE = 8L << 20;
    public static final long PIE_BASE = 0x55_5555_4000L;
    /** mmap allocations start below the stack and its guard gap. */
    public static final long MMAP_TOP = STACK_TOP - STACK_SIZE - (1L << 30);

    // <asm-generic/mman-common.h>, <asm-generic/mman.h>, <linux/mman.h>
    public static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
            MAP_GROWSDOWN = 0x100, MAP_NORESERVE = 0x4000, MAP_FIXED_NOREPLACE = 0x100000;

    public final GuestMemory mem;
    /**
     * The decoded blocks and translations of this address space, shared by all its threads (clone with
     * CLONE_THREAD): a thread runs what another has translated, and the JVM compiles each region once. The engine
     * publishes what threads read without a lock as immutable objects ({@link dev.ring3.jit.translate.Entry}).
     */
    public final CodeCache code;
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    private long brkStart, brk;

    public AddressSpace() {
        this.mem = GuestMemory.reserve(LIMIT);
        this.code = new CodeCache(mem, this);
    }

    /**
     * A second thread starts: from now on translated loops look at their thread's interrupt flag on every back
     * edge ({@link CodeCache#enablePollLoops}).
     */
    public void threadsStarted() { code.enablePollLoops(); }

    /**
     * Code to invalidate once the mapping table's lock is let go: a code cache's lookup holds the cache's lock
     * while it asks the table whether its page is executable, so the table's lock is never held while taking a
     * cache's (two threads deadlocked that way, one in mprotect, one decoding). Guarded by this.
     */
    private long invStart = Long.MAX_VALUE, invEnd = Long.MIN_VALUE;

    private void invalidateLater(long start, long end) {
        invStart = Math.min(invStart, start);
        invEnd = Math.max(invEnd, end);
    }

    private void flushCode() {
        long start, end;
        synchronized (this) {
            start = invStart;
            end = invEnd;
            invStart = Long.MAX_VALUE;
            invEnd = Long.MIN_VALUE;
        }
        if (start < end) invalidateCode(start, end);
    }

    /** Drops the translations of [start, end) (munmap, mprotect, writes into code). */
    public void invalidateCode(long start, long end) { code.invalidate(start, end); }

    public static long pageUp(long v) { return (v + PAGE - 1) & -PAGE; }
    public static long pageDown(long v) { return v & -PAGE; }

    // ---- mapping table ------------------------------------------------------------------------------------------

    /** The mapping containing addr, or null. */
    public synchronized Vma find(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        return e != null && e.getValue().end > addr ? e.getValue() : null;
    }

    /** True if [addr, addr+len) is all mapped with at least the protection bits in {@code prot}. */
    public synchronized boolean check(long addr, long len, int prot) {
        if (len == 0) return true;
        if (!mem.inWindow(addr, len)) return false;
        long end = addr + len;
        long at = addr;
        while (at < end) {
            Vma v = find(at);
            if (v == null || (v.prot & prot) != prot) return false;
            at = v.end;
        }
        return true;
    }

    /**
     * fork: a new address space with the same mappings and the same contents, copied now (the window is not
     * copy-on-write). Only pages that hold something are copied: a page that reads as zero is left to the new
     * window, which reads as zero where nothing was written, so a large mapping touched in few places costs reads
     * of its pages, not memory. Mappings without any access (PROT_NONE: guard pages, reservations such as Go's
     * heap arenas) are not copied at all: the guest cannot read them, and should it make one accessible again later
     * the child sees zeros there where the parent sees what it wrote before (a difference from Linux). Shared
     * mappings kept by the host ({@link SharedFile}) are mapped again in the child, and stay shared.
     */
    public synchronized AddressSpace forkCopy() {
        AddressSpace child = new AddressSpace();
        child.brkStart = brkStart;
        child.brk = brk;
        Map<SharedFile, SharedFile> files = new java.util.HashMap<>();
        for (Vma v : vmas.values()) {
            if (v.backing != null) {   // the child maps the same file: the pages stay shared
                SharedFile f = files.computeIfAbsent(v.backing, b -> SharedFile.dup(b.fd));
                if (f != null && f.map(child.mem.host(v.start), v.end - v.start, v.offset) >= 0) {
                    child.vmas.put(v.start, v.withBacking(f));
                    continue;
                }
            }
            child.vmas.put(v.start, v.backing == null ? v : v.withBacking(null));
            if (v.prot == 0) continue;
            for (long at = v.start; at < v.end; at += PAGE) {
                java.lang.foreign.MemorySegment page = mem.seg.asSlice(at - GuestMemory.BASE, PAGE);
                if (page.mismatch(ZERO_PAGE) < 0) continue;
                child.mem.seg.asSlice(at - GuestMemory.BASE, PAGE).copyFrom(page);
            }
        }
        return child;
    }

    private static final java.lang.foreign.MemorySegment ZERO_PAGE =
            java.lang.foreign.MemorySegment.ofArray(new byte[(int) PAGE]);

    /** All mappings in address order. */
    public synchronized List<Vma> mappings() { return new ArrayList<>(vmas.values()); }

    private boolean free(long start, long end) {
        Map.Entry<Long, Vma> e = vmas.lowerEntry(end);
        return e == null || e.getValue().end <= start;
    }

    /** Removes [start, end) from the table, splitting mappings at the edges. */
    private void cut(long start, long end) {
        List<Vma> hit = new ArrayList<>();
        Map.Entry<Long, Vma> e = vmas.lowerEntry(end);
        while (e != null && e.getValue().end > start) {
            hit.add(e.getValue());
            e = vmas.lowerEntry(e.getKey());
        }
        for (Vma v : hit) {
            vmas.remove(v.start);
            if (v.start < start) vmas.put(v.start, v.slice(v.start, start));
            if (v.end > end) vmas.put(end, v.slice(end, v.end));
        }
    }

    private void insert(Vma v) {
        vmas.put(v.start, v);
    }

    /**
     * Maps [addr, addr+len) (page-aligned, already checked free or to be replaced) as fresh zero memory.
     * Used by the loader and by mmap.
     */
    public void mapFixed(long addr, long len, int prot, int flags, String name, long offset) {
        synchronized (this) {
            mapFixedLocked(addr, len, prot, flags, name, offset);
        }
        flushCode();
    }

    private void mapFixedLocked(long addr, long len, int prot, int flags, String name, long offset) {
        long end = addr + len;
        if (!free(addr, end)) clear(addr, end);
        insert(new Vma(addr, end, prot, flags, name, offset));
    }

    /**
     * Takes [start, end) out of the table and gives its host pages back: zero memory again, also where a file was
     * mapped shared (the host's anonymous memory put back over it), whose descriptor is closed once no mapping of
     * this space uses it.
     */
    private void clear(long start, long end) {
        List<SharedFile> files = new ArrayList<>();
        Map.Entry<Long, Vma> e = vmas.lowerEntry(end);
        while (e != null && e.getValue().end > start) {
            if (e.getValue().backing != null) files.add(e.getValue().backing);
            e = vmas.lowerEntry(e.getKey());
        }
        cut(start, end);
        if (files.isEmpty()) {
            mem.discard(start, end - start);
        } else {
            long rc = Host.syscall(SyscallTable.MMAP, mem.host(start), end - start, 3,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
            if (rc < 0) throw new IllegalStateException("cannot put anonymous memory back over a shared mapping");
            for (SharedFile f : files) if (!inUse(f)) f.close();
        }
        invalidateLater(start, end);
    }

    private boolean inUse(SharedFile f) {
        for (Vma v : vmas.values()) if (v.backing == f) return true;
        return false;
    }

    /**
     * mmap of a shared mapping kept by the host ({@link SharedFile}): placed as {@link #map} places it, then the
     * host's MAP_SHARED mapping of {@code hostFd} from {@code offset} put there. Returns the address or -errno (the
     * host's, such as EACCES).
     */
    public long mapShared(long addr, long len, int prot, int flags, String name, long offset, int hostFd) {
        long r;
        synchronized (this) {
            SharedFile f = SharedFile.dup(hostFd);
            if (f == null) return -Errno.ENFILE;
            r = mapLocked(addr, len, prot, flags, name, offset);
            if (r >= 0) {
                long rc = f.map(mem.host(r), pageUp(len), offset);
                if (rc < 0) {
                    clear(r, r + pageUp(len));
                    r = rc;
                } else {
                    vmas.put(r, vmas.get(r).withBacking(f));
                }
            }
            if (r < 0) f.close();
        }
        flushCode();
        return r;
    }

    /**
     * mmap's placement: a fixed address, a hint, or the highest free range below {@link #MMAP_TOP}.
     * Returns the address or -errno. The memory is fresh (zero); file contents are the caller's to copy in.
     */
    public long map(long addr, long len, int prot, int flags, String name, long offset) {
        long r;
        synchronized (this) {
            r = mapLocked(addr, len, prot, flags, name, offset);
        }
        flushCode();
        return r;
    }

    private long mapLocked(long addr, long len, int prot, int flags, String name, long offset) {
        if (len <= 0) return -Errno.EINVAL;
        len = pageUp(len);
        if (len <= 0) return -Errno.ENOMEM;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & (PAGE - 1)) != 0) return -Errno.EINVAL;
            if (!mem.inWindow(addr, len)) return -Errno.ENOMEM;
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !free(addr, addr + len)) return -Errno.EEXIST;
            mapFixedLocked(addr, len, prot, flags, name, offset);
            return addr;
        }
        long hint = pageDown(addr);
        if (hint != 0 && mem.inWindow(hint, len) && free(hint, hint + len)) {
            mapFixedLocked(hint, len, prot, flags, name, offset);
            return hint;
        }
        long at = findFree(len);
        if (at < 0) return -Errno.ENOMEM;
        mapFixedLocked(at, len, prot, flags, name, offset);
        return at;
    }

    /** The highest free, page-aligned range of {@code len} bytes below {@link #MMAP_TOP}, or -1. */
    private long findFree(long len) {
        long top = MMAP_TOP;
        Map.Entry<Long, Vma> e = vmas.lowerEntry(top);
        while (true) {
            long floor = e == null ? GuestMemory.BASE : e.getValue().end;
            if (floor < top && top - floor >= len) return top - len;
            if (e == null) return -1;
            top = Math.min(top, e.getValue().start);
            e = vmas.lowerEntry(e.getKey());
        }
    }

    /** munmap: returns 0 or -errno. */
    public int unmap(long addr, long len) {
        int r;
        synchronized (this) {
            r = unmapLocked(addr, len);
        }
        flushCode();
        return r;
    }

    private int unmapLocked(long addr, long len) {
        if ((addr & (PAGE - 1)) != 0 || len <= 0) return -Errno.EINVAL;
        len = pageUp(len);
        if (!mem.inWindow(addr, len)) return addr >= GuestMemory.BASE ? 0 : -Errno.EINVAL;
        long end = addr + len;
        if (!free(addr, end)) clear(addr, end);
        return 0;
    }

    /** mprotect: returns 0 or -errno (ENOMEM if part of the range is unmapped, as Linux). */
    public int protect(long addr, long len, int prot) {
        int r;
        synchronized (this) {
            r = protectLocked(addr, len, prot);
        }
        flushCode();
        return r;
    }

    private int protectLocked(long addr, long len, int prot) {
        if ((addr & (PAGE - 1)) != 0) return -Errno.EINVAL;
        if (len == 0) return 0;
        len = pageUp(len);
        long end = addr + len;
        if (!mem.inWindow(addr, len)) return -Errno.ENOMEM;
        for (long at = addr; at < end; ) {
            Vma v = find(at);
            if (v == null) return -Errno.ENOMEM;
            at = v.end;
        }
        List<Vma> pieces = new ArrayList<>();
        for (long at = addr; at < end; ) {
            Vma v = find(at);
            long to = Math.min(end, v.end);
            pieces.add(v.slice(at, to).withProt(prot));
            at = to;
        }
        cut(addr, end);
        for (Vma v : pieces) insert(v);
        invalidateLater(addr, end);
        return 0;
    }

    // ---- program break --------------------------------------------------------------------------------------------

    /** Sets where the heap starts (just past the executable's bss). */
    public synchronized void initBrk(long start) {
        brkStart = brk = pageUp(start);
    }

    /** brk(2): returns the new break, or the old one if the request cannot be met. */
    public long brk(long want) {
        long r;
        synchronized (this) {
            r = brkLocked(want);
        }
        flushCode();
        return r;
    }

    private long brkLocked(long want) {
        if (want < brkStart) return brk;
        long oldTop = pageUp(brk), newTop = pageUp(want);
        if (newTop > oldTop) {
            if (!free(oldTop, newTop) || !mem.inWindow(oldTop, newTop - oldTop)) return brk;
            mapFixedLocked(oldTop, newTop - oldTop, Vma.PROT_READ | Vma.PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, "[heap]", 0);
        } else if (newTop < oldTop) {
            unmapLocked(newTop, oldTop - newTop);
        }
        brk = want;
        return brk;
    }

    // ---- PageInfo for the code cache -------------------------------------------------------------------------------

    @Override
    public boolean executable(long addr) {
        Vma v = find(addr);
        return v != null && v.executable();
    }

    @Override
    public boolean writable(long addr) {
        Vma v = find(addr);
        return v != null && v.writable();
    }

    /**
     * Releases the host reservation and the translations of its code (the space must not be used afterwards).
     * @return the number of translated regions dropped
     */
    public int release() {
        int regions = code.clear();
        synchronized (this) {
            for (Vma v : vmas.values()) if (v.backing != null) v.backing.close();
        }
        mem.release();
        return regions;
    }
}
