package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signals reach threads blocked in host system calls (dev.ring3.kernel.proc.Interruptible): blocking.c's reads,
 * writes, accept and recv interrupted by a timer's signal, with and without SA_RESTART, a thread's read interrupted
 * by pthread_kill, a child blocked in a read killed by SIGALRM's default action, and exit while a thread waits in a
 * read, all as in the native run. ring3 runs as the launcher runs it (its own JVM with the launcher's system call
 * library, which holds the interruptible call); without it the first read waits for ever, so a short time limit
 * turns that into a failure.
 */
class BlockingCallsTest {
    @ParameterizedTest
    @EnumSource(value = Toolchain.class, names = {"GLIBC", "MUSL"})
    void sameAsNative(Toolchain tc) throws IOException {
        Path exe = GuestPrograms.c("blocking", LibcProgramsTest.source("blocking"), tc);
        Result expected = Runs.nativeRun(exe, List.of(), List.of("LANG=C"), null);
        Result actual = Runs.ring3(List.of(), exe, List.of(), List.of("LANG=C"), null, 60);
        assertEquals(expected.out(), actual.out(), "stdout\n" + actual);
        assertEquals(expected.err(), actual.err(), "stderr");
        assertEquals(7, expected.status());
        assertEquals(expected.status(), actual.status(), "status\n" + actual);
    }
}
