package dev.ring3.kernel.host;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Raw host system calls through libc's {@code syscall(2)} (FFM downcall, errno captured). ring3 runs on x86-64
 * Linux, so file-system calls pass straight through to the host kernel with guest buffers given as host pointers
 * into the flat guest memory: struct layouts (stat, dirent64, termios...) are identical, errno values are the
 * kernel's own, and there is no copy. Results follow the kernel convention: a negative value is -errno.
 */
public final class Host {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SYSCALL = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("syscall"),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));

    /** Per-thread errno capture buffer (no allocation per call). */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private Host() {}

    /** syscall(nr, a...) returning the result or -errno. */
    public static long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        MemorySegment st = STATE.get();
        try {
            long r = (long) SYSCALL.invokeExact(st, nr, a0, a1, a2, a3, a4, a5);
            return r == -1 ? -(int) ERRNO.get(st, 0L) : r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long syscall(long nr) { return syscall(nr, 0, 0, 0, 0, 0, 0); }
    public static long syscall(long nr, long a0) { return syscall(nr, a0, 0, 0, 0, 0, 0); }
    public static long syscall(long nr, long a0, long a1) { return syscall(nr, a0, a1, 0, 0, 0, 0); }
    public static long syscall(long nr, long a0, long a1, long a2) { return syscall(nr, a0, a1, a2, 0, 0, 0); }
    public static long syscall(long nr, long a0, long a1, long a2, long a3) { return syscall(nr, a0, a1, a2, a3, 0, 0); }
    public static long syscall(long nr, long a0, long a1, long a2, long a3, long a4) {
        return syscall(nr, a0, a1, a2, a3, a4, 0);
    }
}
