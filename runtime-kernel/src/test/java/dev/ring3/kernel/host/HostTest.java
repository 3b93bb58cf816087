package dev.ring3.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * The host system call stub against libc's syscall(2) (the fallback) and against what the JVM knows: both give the
 * kernel's results, -errno for failures, and pass all six arguments.
 */
class HostTest {
    // <asm/unistd_64.h>: read 0, close 3, getpid 39, pread64 17; <asm-generic/errno-base.h>: EBADF 9
    private static final long READ = 0, CLOSE = 3, PREAD64 = 17, GETPID = 39, EBADF = 9;

    @Test
    void resultsAndErrorsAsTheKernelGivesThem() {
        long pid = ProcessHandle.current().pid();
        assertEquals(pid, Host.syscall(GETPID));
        assertEquals(pid, Host.Libc.syscall(GETPID, 0, 0, 0, 0, 0, 0));
        assertEquals(-EBADF, Host.syscall(CLOSE, -1));
        assertEquals(-EBADF, Host.Libc.syscall(CLOSE, -1, 0, 0, 0, 0, 0));
        assertEquals(-EBADF, Host.syscall(READ, 1 << 30, 0, 0));
    }

    @Test
    void allArgumentsReachTheKernel() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("ring3-host", ".bin");
        try {
            byte[] data = new byte[8192];
            System.arraycopy("0123456789".getBytes(), 0, data, 0, 10);
            data[4096] = 'p';
            data[4097] = 'g';
            java.nio.file.Files.write(f, data);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment path = a.allocateFrom(f.toString());
                // <asm/unistd_64.h>: openat 257; <fcntl.h>: AT_FDCWD -100, O_RDONLY 0
                long fd = Host.syscall(257, -100, path.address(), 0, 0);
                assertTrue(fd >= 0, "openat: " + fd);
                MemorySegment buf = a.allocate(4);
                assertEquals(4, Host.syscall(PREAD64, fd, buf.address(), 4, 6));   // the 4th argument: offset 6
                assertEquals("6789", new String(buf.toArray(ValueLayout.JAVA_BYTE)));
                // mmap: fd in the 5th argument, the page offset in the 6th (passed on the stack to the stub)
                // <asm/unistd_64.h>: mmap 9, munmap 11; <sys/mman.h>: PROT_READ 1, MAP_PRIVATE 2
                long m = Host.syscall(9, 0, 4096, 1, 2, fd, 4096);
                assertTrue(m > 0, "mmap: " + m);
                MemorySegment page = MemorySegment.ofAddress(m).reinterpret(4096);
                assertEquals('p', page.get(ValueLayout.JAVA_BYTE, 0));
                assertEquals('g', page.get(ValueLayout.JAVA_BYTE, 1));
                assertEquals(0, Host.syscall(11, m, 4096));
                assertEquals(0, Host.syscall(CLOSE, fd));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
