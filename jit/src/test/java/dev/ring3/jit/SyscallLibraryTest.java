package dev.ring3.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library ring3 writes for {@link NativeSyscall}: the host's dynamic loader accepts it, JNI finds its symbol,
 * and its stub hands all six arguments and the number to the kernel in the right registers (checked against the
 * kernel itself: getpid's answer, a file mapping whose address, length, protection, flags, descriptor and offset
 * must all arrive intact, and an error returned as a negative errno).
 */
class SyscallLibraryTest {
    // <asm/unistd_64.h>
    private static final long OPEN = 2, CLOSE = 3, MMAP = 9, MUNMAP = 11, GETPID = 39;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws Exception {
        Path lib = dir.resolve("libring3-syscall.so");
        SyscallLibrary.write(lib);
        System.load(lib.toString());
    }

    @Test
    void getpidIsThisProcess() {
        assertEquals(ProcessHandle.current().pid(), NativeSyscall.call(GETPID, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void sixArgumentsReachTheKernel() throws Exception {
        Path file = dir.resolve("pages");
        byte[] data = new byte[8192];
        for (int k = 0; k < data.length; k++) data[k] = (byte) (k * 7 + (k >> 12));
        Files.write(file, data);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment path = a.allocateFrom(file.toString(), StandardCharsets.UTF_8);
            long fd = NativeSyscall.call(OPEN, path.address(), 0 /* O_RDONLY */, 0, 0, 0, 0);
            assertTrue(fd >= 0, "open: " + fd);
            try {
                // mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096): the second page of the file
                long at = NativeSyscall.call(MMAP, 0, 4096, 1, 2, fd, 4096);
                assertTrue(at > 0, "mmap: " + at);
                byte[] seen = MemorySegment.ofAddress(at).reinterpret(4096).toArray(ValueLayout.JAVA_BYTE);
                byte[] want = java.util.Arrays.copyOfRange(data, 4096, 8192);
                assertArrayEquals(want, seen);
                assertEquals(0, NativeSyscall.call(MUNMAP, at, 4096, 0, 0, 0, 0));
            } finally {
                assertEquals(0, NativeSyscall.call(CLOSE, fd, 0, 0, 0, 0, 0));
            }
        }
    }

    @Test
    void errorsAreNegativeErrno() {
        assertEquals(-9 /* EBADF */, NativeSyscall.call(CLOSE, -1, 0, 0, 0, 0, 0));
    }

    @Test
    void imageIsOneSymbolAndTwoPages() {
        byte[] image = SyscallLibrary.image();
        assertEquals(0x7f, image[0]);
        assertEquals("ELF", new String(image, 1, 3, StandardCharsets.US_ASCII));
        assertTrue(image.length > 4096 && image.length < 8192, "length " + image.length);
        String text = new String(image, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(SyscallLibrary.SYMBOL + "\0"));
        assertTrue(text.contains(new String(SyscallLibrary.CODE, StandardCharsets.ISO_8859_1)));
    }
}
