package dev.ring3.kernel;

import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * ring3's own messages (errors, --strace, --stats): written to a duplicate of the host's stderr taken at start-up,
 * so they still reach the user after the guest closes or redirects its fd 2, and never through System.out/err.
 */
public final class Diag {
    private static final int FD;

    static {
        long fd = Host.syscall(SyscallTable.FCNTL, 2, 1030 /* F_DUPFD_CLOEXEC */, 100);
        FD = fd >= 0 ? (int) fd : 2;
    }

    private Diag() {}

    /** Takes the duplicate of stderr (the class's initialisation) if not yet taken. */
    public static void open() {}

    private static final java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Writes a line the first time it is asked to (what ring3 cannot do, named once per run). */
    public static void once(String s) {
        if (said.add(s)) line(s);
    }

    /** Writes a line (a newline is added). */
    public static void line(String s) { write(s + "\n"); }

    public static void write(String s) { write(FD, s); }

    /** Writes to standard output (--help and --version only; never while a guest runs). */
    public static void stdout(String s) { write(1, s); }

    private static synchronized void write(int fd, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(Math.max(1, b.length));
            MemorySegment.copy(b, 0, m, ValueLayout.JAVA_BYTE, 0, b.length);
            long off = 0;
            while (off < b.length) {
                long n = Host.syscall(SyscallTable.WRITE, fd, m.address() + off, b.length - off);
                if (n <= 0) break;
                off += n;
            }
        }
    }

    /** The file descriptor ring3 writes its messages to. */
    public static int fd() { return FD; }
}
