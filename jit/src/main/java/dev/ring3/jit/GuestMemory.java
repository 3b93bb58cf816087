package dev.ring3.jit;

import dev.ring3.decoder.CodeSource;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A guest address space's memory: one flat host reservation seen as a {@link MemorySegment}
 * (DESIGN.md decision 2).
 *
 * <p>Guest address {@code a} is segment offset {@code a - BASE}. {@link #BASE} is Linux's {@code mmap_min_addr}
 * (64 KiB): nothing may be mapped below it, so a null or small-integer pointer gives a negative offset and the
 * segment's own bounds check throws; so do addresses above the window, which include the whole kernel half and
 * every non-canonical address. That exception is the guest's SIGSEGV, at no cost on the hot path: every access is
 * one bounds-checked load or store, with no page-table walk. Whether a page inside the window is mapped and with
 * what protection is the kernel's side table, consulted on slow paths only (syscall copy-in/out, mprotect).
 *
 * <p>The reservation is {@code mmap(PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE)}: host memory
 * is committed page by page as the guest touches it, and {@link #discard} gives it back (and zeroes it) when the
 * guest unmaps.
 *
 * <p>Multi-byte accesses are unaligned little-endian, as on x86. Atomic accesses (LOCK prefix) use VarHandles,
 * which need natural alignment; misaligned locked accesses (split locks) fall back to a global lock.
 */
public final class GuestMemory implements CodeSource {
    /** Lowest guest address that can be mapped (Linux's default vm.mmap_min_addr). */
    public static final long BASE = 0x10000;

    /** Access layouts (little-endian, unaligned), also used by translated code. */
    public static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final VarHandle A32 = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle A64 = ValueLayout.JAVA_LONG.varHandle();
    private static final Object SPLIT_LOCK = new Object();

    /** The window: guest addresses [BASE, limit). */
    public final MemorySegment seg;
    /** One past the highest guest address. */
    public final long limit;
    /** Host address of guest address {@link #BASE}. */
    public final long hostBase;
    /**
     * For translated code's bounds checks: the highest valid segment offset for an access of 1, 2, 4, 8 and 16
     * bytes (compared unsigned, so an address below BASE, which wraps to a huge offset, fails too).
     */
    public final long limit1, limit2, limit4, limit8, limit16;

    private GuestMemory(MemorySegment seg) {
        this.seg = seg;
        this.limit = BASE + seg.byteSize();
        this.hostBase = seg.address();
        long size = seg.byteSize();
        this.limit1 = size - 1;
        this.limit2 = size - 2;
        this.limit4 = size - 4;
        this.limit8 = size - 8;
        this.limit16 = size - 16;
    }

    /** Reserves a window reaching up to guest address {@code limit} (exclusive). */
    public static GuestMemory reserve(long limit) {
        long size = limit - BASE;
        MemorySegment m = HostMemory.reserve(size);
        return new GuestMemory(m);
    }

    /** Releases the reservation; the memory must not be used afterwards. */
    public void release() { HostMemory.unmap(seg); }

    /** Gives the host pages of a guest range back; they read as zero afterwards. */
    public void discard(long addr, long len) { HostMemory.discard(seg.address() + (addr - BASE), len); }

    /** True if {@code [addr, addr+len)} lies inside the window. */
    public boolean inWindow(long addr, long len) {
        return addr >= BASE && len >= 0 && addr + len <= limit && addr + len >= addr;
    }

    /** Host address of a guest address (for passing guest buffers straight to host system calls). */
    public long host(long addr) { return hostBase + (addr - BASE); }

    public int read8(long a) { return seg.get(U8, a - BASE) & 0xff; }
    public int read16(long a) { return seg.get(U16, a - BASE) & 0xffff; }
    public long read32(long a) { return seg.get(U32, a - BASE) & 0xFFFF_FFFFL; }
    public long read64(long a) { return seg.get(U64, a - BASE); }
    public void write8(long a, long v) {
        if (journal != null) journal.save(this, a, 1);
        seg.set(U8, a - BASE, (byte) v);
    }

    public void write16(long a, long v) {
        if (journal != null) journal.save(this, a, 2);
        seg.set(U16, a - BASE, (short) v);
    }

    public void write32(long a, long v) {
        if (journal != null) journal.save(this, a, 4);
        seg.set(U32, a - BASE, (int) v);
    }

    public void write64(long a, long v) {
        if (journal != null) journal.save(this, a, 8);
        seg.set(U64, a - BASE, v);
    }

    /**
     * While set, the interpreter's stores record what they overwrite (the co-simulation harness runs a block
     * interpreted, undoes it, and runs it translated). Translated code never consults it. Stores that bypass the
     * write methods (bulk string copies) call {@link #willWrite}.
     */
    public Journal journal;
    /**
     * Co-simulation runs one guest thread of an address space at a time: the journal is the memory's, and a block
     * compared must see no other thread's stores. Held by {@link CoSim#run} while it runs blocks, let go during
     * system calls ({@link SyscallGate#syscall} implementations) and every 256 blocks when another thread waits.
     */
    public final java.util.concurrent.locks.ReentrantLock cosimLock =
            new java.util.concurrent.locks.ReentrantLock(true);

    /** Announces a store of {@code len} bytes at {@code a} made without the write methods. */
    public void willWrite(long a, long len) {
        if (journal != null) journal.save(this, a, len);
    }

    /** Zero-extended read of 1, 2, 4 or 8 bytes. */
    public long read(long a, int size) {
        return switch (size) {
            case 1 -> read8(a);
            case 2 -> read16(a);
            case 4 -> read32(a);
            default -> read64(a);
        };
    }

    public void write(long a, int size, long v) {
        switch (size) {
            case 1 -> write8(a, v);
            case 2 -> write16(a, v);
            case 4 -> write32(a, v);
            default -> write64(a, v);
        }
    }

    /** Atomic compare-and-exchange; returns the old value (zero-extended). */
    public long cmpxchg(long a, int size, long expect, long update) {
        if (journal != null) journal.save(this, a, size);
        long off = a - BASE;
        if ((a & (size - 1)) != 0) {
            synchronized (SPLIT_LOCK) {
                long old = read(a, size);
                if (old == (expect & mask(size))) write(a, size, update);
                return old;
            }
        }
        return switch (size) {
            case 1, 2 -> narrowCmpxchg(a, size, expect, update);
            case 4 -> (int) A32.compareAndExchange(seg, off, (int) expect, (int) update) & 0xFFFF_FFFFL;
            default -> (long) A64.compareAndExchange(seg, off, expect, update);
        };
    }

    /**
     * Byte and naturally aligned 16-bit compare-and-exchange. Memory-segment VarHandles offer no atomic update for
     * bytes and shorts, so this is a 32-bit compare-and-exchange on the aligned word that contains the operand,
     * retried while only the neighbouring bytes changed.
     */
    private long narrowCmpxchg(long a, int size, long expect, long update) {
        long word = (a & ~3L) - BASE;
        int shift = (int) (a & 3) * 8;
        int m = (int) mask(size) << shift;
        int e = ((int) expect << shift) & m, u = ((int) update << shift) & m;
        while (true) {
            int cur = (int) A32.getVolatile(seg, word);
            if ((cur & m) != e) return ((cur & m) >>> shift) & mask(size);
            if ((int) A32.compareAndExchange(seg, word, cur, (cur & ~m) | u) == cur) return expect & mask(size);
        }
    }

    /** Atomic exchange; returns the old value (zero-extended). */
    public long xchg(long a, int size, long v) {
        while (true) {
            long old = read(a, size);
            if (cmpxchg(a, size, old, v) == old) return old;
        }
    }

    /** Atomic fetch-and-add; returns the old value (zero-extended). */
    public long fetchAdd(long a, int size, long delta) {
        if (journal != null) journal.save(this, a, size);
        long off = a - BASE;
        if ((a & (size - 1)) == 0) {
            switch (size) {
                case 4: return (int) A32.getAndAdd(seg, off, (int) delta) & 0xFFFF_FFFFL;
                case 8: return (long) A64.getAndAdd(seg, off, delta);
                default: break;
            }
        }
        while (true) {
            long old = read(a, size);
            if (cmpxchg(a, size, old, old + delta) == old) return old;
        }
    }

    /** Full fence, for MFENCE and LOCK-prefixed operations done as read-modify-write loops. */
    public static void fence() { VarHandle.fullFence(); }

    public static long mask(int size) { return size == 8 ? -1L : (1L << (size * 8)) - 1; }

    @Override
    public int u8(long addr) { return read8(addr); }

    /*
     * Array copies go segment to segment (the array wrapped): MemorySegment's array overloads find the array's
     * element layout with a switch over its class, which the JVM bootstraps at first use by spinning a class the
     * AOT cache does not keep (4 ms of every start).
     */

    /** Copies guest bytes into a new array. */
    public byte[] readBytes(long addr, int len) {
        byte[] b = new byte[len];
        MemorySegment.copy(seg, addr - BASE, MemorySegment.ofArray(b), 0, len);
        return b;
    }

    public void writeBytes(long addr, byte[] b, int off, int len) {
        if (journal != null) journal.save(this, addr, len);
        MemorySegment.copy(MemorySegment.ofArray(b), off, seg, addr - BASE, len);
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes (UTF-8), or null if no NUL is found. */
    public String readCString(long addr, int max) {
        for (int n = 0; n < max; n++) {
            if (read8(addr + n) == 0) return new String(readBytes(addr, n), java.nio.charset.StandardCharsets.UTF_8);
        }
        return null;
    }


}
