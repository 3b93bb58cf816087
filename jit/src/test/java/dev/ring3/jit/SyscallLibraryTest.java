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
    private static final long READ = 0, OPEN = 2, CLOSE = 3, MMAP = 9, MUNMAP = 11, PIPE = 22, GETPID = 39,
            GETTID = 186, TGKILL = 234;

    @TempDir
    static Path dir;

    static Path lib;

    @BeforeAll
    static void load() throws Exception {
        lib = dir.resolve("libring3-syscall.so");
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
    void interruptibleCallsPassEverythingAndStopAtTheFlag() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment flag = a.allocate(4);
            assertEquals(ProcessHandle.current().pid(), NativeSyscall.interruptible(flag.address(), GETPID, 0, 0, 0, 0, 0, 0));
            // all six arguments: an anonymous mapping at a fixed hint, protection, flags, fd -1 and offset 0
            long at = NativeSyscall.interruptible(flag.address(), MMAP, 0, 4096, 3, 0x22 /* PRIVATE|ANONYMOUS */, -1, 0);
            assertTrue(at > 0, "mmap: " + at);
            assertEquals(0, NativeSyscall.call(MUNMAP, at, 4096, 0, 0, 0, 0));
            // with the flag set the call does not reach the kernel: the descriptor stays open
            Path file = dir.resolve("kept");
            Files.write(file, new byte[1]);
            long fd = NativeSyscall.call(OPEN, a.allocateFrom(file.toString()).address(), 0, 0, 0, 0, 0);
            flag.set(ValueLayout.JAVA_INT, 0, 1);
            assertEquals(-4 /* EINTR */, NativeSyscall.interruptible(flag.address(), CLOSE, fd, 0, 0, 0, 0, 0));
            assertEquals(0, NativeSyscall.call(CLOSE, fd, 0, 0, 0, 0, 0));
        }
    }

    /**
     * One kick (flag, then the signal) per blocking read, sent at a random moment once the reader has cleared its
     * flag and said it is about to call: every read returns EINTR, wherever the signal found the thread (before its
     * look at the flag, between that look and SYSCALL, where the handler moves it on, or in the kernel). A lost kick
     * would leave the reader waiting on a pipe nobody writes.
     */
    @Test
    void aKickEndsEveryBlockingRead() throws Exception {
        assertEquals(0, NativeSyscall.installKick(NativeSyscall.KICK_SIGNAL));
        int rounds = 3000;
        try (Arena a = Arena.ofShared()) {
            MemorySegment fds = a.allocate(8);
            assertEquals(0, NativeSyscall.call(PIPE, fds.address(), 0, 0, 0, 0, 0));
            int rfd = fds.get(ValueLayout.JAVA_INT, 0);
            MemorySegment flag = a.allocate(4), buf = a.allocate(16);
            java.util.concurrent.atomic.AtomicInteger round = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicLong tid = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean inCall = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ConcurrentLinkedQueue<Long> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
            Thread reader = new Thread(() -> {
                tid.set(NativeSyscall.call(GETTID, 0, 0, 0, 0, 0, 0));
                for (int k = 0; k < rounds; k++) {
                    flag.set(ValueLayout.JAVA_INT, 0, 0);
                    inCall.set(true);
                    results.add(NativeSyscall.interruptible(flag.address(), READ, rfd, buf.address(), 16, 0, 0, 0));
                    inCall.set(false);
                    round.incrementAndGet();
                }
            });
            reader.setDaemon(true);
            reader.start();
            java.util.Random random = new java.util.Random(7);
            long pid = ProcessHandle.current().pid();
            for (int k = 0; k < rounds; k++) {
                while (!inCall.get() || round.get() != k) Thread.onSpinWait();
                for (int spin = random.nextInt(2000); spin > 0; spin--) Thread.onSpinWait();
                flag.set(ValueLayout.JAVA_INT, 0, 1);
                assertEquals(0, NativeSyscall.call(TGKILL, pid, tid.get(), NativeSyscall.KICK_SIGNAL, 0, 0, 0));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (round.get() == k) {
                    assertTrue(System.nanoTime() < deadline, "read " + k + " was not interrupted");
                    Thread.onSpinWait();
                }
            }
            reader.join();
            assertEquals(rounds, results.size());
            for (long r : results) assertEquals(-4 /* EINTR */, r);
        }
    }

    /**
     * The handler itself, called with a made-up ucontext: a thread interrupted from its look at the flag up to the
     * SYSCALL instruction (not yet executed) is moved to the EINTR return; anywhere else it is left where it was.
     */
    @Test
    void theHandlerMovesOnlyAThreadAboutToEnterTheKernel() throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            long base = java.lang.foreign.SymbolLookup.libraryLookup(lib, a)
                    .findOrThrow(SyscallLibrary.SYMBOLS[1]).address();
            var handler = java.lang.foreign.Linker.nativeLinker().downcallHandle(
                    MemorySegment.ofAddress(base + SyscallLibrary.KICK_HANDLER),
                    java.lang.foreign.FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS));
            long check = base + SyscallLibrary.KICK_CHECK, sys = base + SyscallLibrary.KICK_SYS;
            long interrupted = base + SyscallLibrary.KICK_INTERRUPTED;
            long[] rips = {check - 1, check, check + 4, sys, sys + 2, interrupted, 0x1234};
            long[] want = {check - 1, interrupted, interrupted, interrupted, sys + 2, interrupted, 0x1234};
            MemorySegment uc = a.allocate(1024, 16);
            for (int k = 0; k < rips.length; k++) {
                uc.set(ValueLayout.JAVA_LONG, 168, rips[k]);   // uc_mcontext.rip
                handler.invokeExact(NativeSyscall.KICK_SIGNAL, MemorySegment.NULL, uc);
                assertEquals(want[k], uc.get(ValueLayout.JAVA_LONG, 168), "rip " + Long.toHexString(rips[k]));
            }
        }
    }

    @Test
    void errorsAreNegativeErrno() {
        assertEquals(-9 /* EBADF */, NativeSyscall.call(CLOSE, -1, 0, 0, 0, 0, 0));
    }

    @Test
    void imageIsThreeSymbolsAndTwoPages() {
        byte[] image = SyscallLibrary.image();
        assertEquals(0x7f, image[0]);
        assertEquals("ELF", new String(image, 1, 3, StandardCharsets.US_ASCII));
        assertTrue(image.length > 4096 && image.length < 8192, "length " + image.length);
        String text = new String(image, StandardCharsets.ISO_8859_1);
        for (String symbol : SyscallLibrary.SYMBOLS) assertTrue(text.contains("\0" + symbol + "\0"), symbol);
        byte[] code = new byte[SyscallLibrary.CALL.length + SyscallLibrary.KICK.length];
        System.arraycopy(SyscallLibrary.CALL, 0, code, 0, SyscallLibrary.CALL.length);
        System.arraycopy(SyscallLibrary.KICK, 0, code, SyscallLibrary.CALL.length, SyscallLibrary.KICK.length);
        assertTrue(text.contains(new String(code, StandardCharsets.ISO_8859_1)));
    }
}
