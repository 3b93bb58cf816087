package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.kernel.ByteStrings;
import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Toolchain;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guest whose standard streams are a host socket sees a socket: getsockname and getpeername pass through to the
 * host (sockname.c, whose other answers LibcProgramsTest compares with the native run).
 */
class SocketStdioTest {
    @Test
    void standardStreamsThatAreASocketAnswerAsOne() throws Exception {
        Path exe = GuestPrograms.c("sockname", LibcProgramsTest.source("sockname"), Toolchain.MUSL);
        int[] pair = new int[2];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(8, 4);
            // socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds)
            assertEquals(0, Host.syscall(SyscallTable.SOCKETPAIR, 1, 1 | 02000000, 0, fds.address()));
            pair[0] = fds.get(ValueLayout.JAVA_INT, 0);
            pair[1] = fds.get(ValueLayout.JAVA_INT, 4);
        }
        String exePath = ByteStrings.fromText(exe.toString());
        int status = new Kernel(new Kernel.Config(false)).run(exePath, List.of(exePath), List.of(),
                new int[] {pair[0], pair[0], pair[0]});
        assertEquals(0, status);
        StringBuilder out = new StringBuilder();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(4096);
            long n;
            while ((n = Host.syscall(SyscallTable.READ, pair[1], buf.address(), 4096)) > 0) {
                out.append(new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
            }
        } finally {
            Host.syscall(SyscallTable.CLOSE, pair[1]);
        }
        assertEquals("""
                getpeername(0): ok
                getsockname(1): ok
                getpeername(2), bad pointers: EFAULT
                getpeername(99): EBADF
                """, out.toString());
    }
}
