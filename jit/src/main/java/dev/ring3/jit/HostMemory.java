package dev.ring3.jit;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Host mappings: the reservation behind guest memory, and executable pages for the few bytes of machine code ring3
 * calls directly (the host system call stub, when {@link NativeSyscall} is not loaded). With {@link NativeSyscall}
 * they are raw system calls; otherwise libc's functions through FFM downcalls ({@link Ffm}, linked on first use).
 * Linking a downcall of a new shape costs the JVM 10-25 ms (it spins a stub class and a dozen lambda forms), so
 * mmap, munmap and madvise are all linked with one shape, {@link Ffm#SEVEN_LONGS}: munmap's own shape (pointer and
 * length to int) cost every run ~12 ms at exit, when the guest window is given back.
 */
public final class HostMemory {
    private HostMemory() {}

    // <sys/mman.h>: PROT_READ 1, PROT_WRITE 2, PROT_EXEC 4; MAP_PRIVATE 2, MAP_ANONYMOUS 0x20, MAP_NORESERVE 0x4000;
    // MADV_DONTNEED 4. <asm/unistd_64.h>: mmap 9, munmap 11, madvise 28
    private static final int PROT_RW = 3, PROT_RWX = 7, FLAGS = 0x02 | 0x20 | 0x4000, MADV_DONTNEED = 4;
    private static final long SYS_MMAP = 9, SYS_MUNMAP = 11, SYS_MADVISE = 28;

    /**
     * Seven longs to a long: the shape of every downcall ring3 links (only when {@link NativeSyscall} is not
     * loaded). The FFM linker caches the code it spins per shape, so mmap (six arguments, called with a seventh it
     * ignores: SysV passes it on the stack, which the caller cleans) and the host system call stub (number and six
     * arguments) share one linkage, and the second costs a bind instead of ~20 ms of class spinning.
     */
    public static final class Ffm {
        private Ffm() {}

        public static final FunctionDescriptor SEVEN_LONGS = FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        private static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle MMAP = handle("mmap");

        static MethodHandle handle(String name) {
            return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), SEVEN_LONGS);
        }
    }

    /**
     * munmap and madvise through the shared shape: the unused arguments are ignored (SysV), and their int result is
     * the low half of RAX, so only {@code (int)} of the returned long is meaningful.
     */
    private static final class Unmap {
        static final MethodHandle MUNMAP = Ffm.handle("munmap");
    }

    private static final class Advise {
        static final MethodHandle MADVISE = Ffm.handle("madvise");
    }

    /** Reserves {@code size} bytes of zeroed, readable and writable memory (no swap reserved). */
    static MemorySegment reserve(long size) {
        MemorySegment m = map(size, PROT_RW);
        if (m == null) throw new OutOfMemoryError("cannot reserve " + size + " bytes for guest memory");
        return m;
    }

    /**
     * The given machine code in a fresh executable page, or null if the host refuses writable and executable
     * mappings (the caller then uses a slower way).
     */
    public static MemorySegment executable(byte[] code) {
        MemorySegment m = map(4096, PROT_RWX);
        if (m == null) return null;
        MemorySegment.copy(code, 0, m, ValueLayout.JAVA_BYTE, 0, code.length);
        return m;
    }

    private static MemorySegment map(long size, int prot) {
        long a = NativeSyscall.LOADED ? NativeSyscall.call(SYS_MMAP, 0L, size, prot, FLAGS, -1L, 0L)
                : libc(Ffm.MMAP, 0L, size, prot, FLAGS, -1L, 0L);
        // the raw call fails with -errno, libc's with -1 (MAP_FAILED)
        if (a < 0 && a > -4096 || a == 0) return null;
        return MemorySegment.ofAddress(a).reinterpret(size);
    }

    static void unmap(MemorySegment m) {
        long rc = NativeSyscall.LOADED ? NativeSyscall.call(SYS_MUNMAP, m.address(), m.byteSize(), 0, 0, 0, 0)
                : (int) libc(Unmap.MUNMAP, m.address(), m.byteSize(), 0, 0, 0, 0);
        if (rc != 0) throw new IllegalStateException("munmap failed");
    }

    /** Gives the pages covering [host, host + len) back to the host (they read as zero afterwards). */
    static void discard(long host, long len) {
        long start = host & ~4095L;
        long end = (host + len + 4095) & ~4095L;
        long rc = NativeSyscall.LOADED ? NativeSyscall.call(SYS_MADVISE, start, end - start, MADV_DONTNEED, 0, 0, 0)
                : (int) libc(Advise.MADVISE, start, end - start, MADV_DONTNEED, 0, 0, 0);
        if (rc != 0) throw new IllegalStateException("madvise failed");
    }

    /** A libc function linked with {@link Ffm#SEVEN_LONGS} (the seventh argument ignored). */
    private static long libc(MethodHandle h, long a0, long a1, long a2, long a3, long a4, long a5) {
        try {
            return (long) h.invokeExact(a0, a1, a2, a3, a4, a5, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
