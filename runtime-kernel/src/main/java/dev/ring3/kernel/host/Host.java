package dev.ring3.kernel.host;

import dev.ring3.jit.HostMemory;
import dev.ring3.jit.NativeSyscall;
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
 * Raw host system calls. ring3 runs on x86-64 Linux, so file-system calls pass straight through to the host kernel
 * with guest buffers given as host pointers into the flat guest memory: struct layouts (stat, dirent64, termios...)
 * are identical, errno values are the kernel's own, and there is no copy. Results follow the kernel convention: a
 * negative value is -errno.
 *
 * <p>The call goes to ten bytes of machine code: in the tiny library of {@link NativeSyscall} through a JNI native
 * method when the launcher named it (no FFM linking at start-up: 25-35 ms less per run), else in an executable page
 * (the SysV arguments moved to the kernel's registers, SYSCALL, RET) through a plain downcall of the same shape as
 * mmap's ({@link HostMemory.Ffm#SEVEN_LONGS}, so its linkage is shared). Either way the result is the kernel's own,
 * with no errno to capture. libc's variadic {@code syscall(2)} with errno captured is the last fallback, where the
 * host refuses executable mappings; its downcall took the JVM about 28 ms to link.
 */
public final class Host {
    private Host() {}

    /** mov rax,rdi; mov rdi,rsi; mov rsi,rdx; mov rdx,rcx; mov r10,r8; mov r8,r9; mov r9,[rsp+8]; syscall; ret */
    private static final byte[] STUB = {
        0x48, (byte) 0x89, (byte) 0xf8, 0x48, (byte) 0x89, (byte) 0xf7, 0x48, (byte) 0x89, (byte) 0xd6,
        0x48, (byte) 0x89, (byte) 0xca, 0x4d, (byte) 0x89, (byte) 0xc2, 0x4d, (byte) 0x89, (byte) 0xc8,
        0x4c, (byte) 0x8b, 0x4c, 0x24, 0x08, 0x0f, 0x05, (byte) 0xc3,
    };

    /** The stub's downcall, or null when there is no executable page (then {@link Libc} serves). */
    private static final class Raw {
        static final MethodHandle RAW;

        static {
            MemorySegment code = HostMemory.executable(STUB);
            RAW = code == null ? null : Linker.nativeLinker().downcallHandle(code, HostMemory.Ffm.SEVEN_LONGS);
        }
    }

    /** syscall(nr, a...) returning the result or -errno. */
    public static long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (NativeSyscall.LOADED) return NativeSyscall.call(nr, a0, a1, a2, a3, a4, a5);
        MethodHandle raw = Raw.RAW;
        if (raw == null) return Libc.syscall(nr, a0, a1, a2, a3, a4, a5);
        try {
            return (long) raw.invokeExact(nr, a0, a1, a2, a3, a4, a5);
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

    /** The fallback: libc's syscall(2), errno captured. Linked only if used. */
    static final class Libc {
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

        static long syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
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

        private Libc() {}
    }
}
