package dev.ring3.kernel;

import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Host path helpers that keep paths as byte strings ({@link ByteStrings}). */
public final class FsPaths {
    private FsPaths() {}

    /** The target of a symbolic link on the host, as a byte string, or null. */
    public static String readlink(String path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(4096);
            long n = Host.syscall(SyscallTable.READLINKAT, -100, ByteStrings.c(a, path).address(), buf.address(), 4096);
            if (n < 0) return null;
            return ByteStrings.of(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** True if {@code path} (relative to the host directory fd {@code dirfd}) is a symbolic link. */
    public static boolean isSymlink(int dirfd, String path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(1);
            return Host.syscall(SyscallTable.READLINKAT, dirfd, ByteStrings.c(a, path).address(), buf.address(), 1) >= 0;
        }
    }
}
