package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Static Go programs (the Go toolchain builds them; run-tests installs golang-go) give the native run's output and
 * status: the Go runtime starts threads at once (sysmon, the garbage collector's workers, one per busy goroutine),
 * so this needs clone with CLONE_THREAD, futex between threads, sigaltstack and signal masks per thread, epoll for
 * timers, and exit_group ending every thread; Go's net/http on the loopback (sockets through the netpoller); and
 * much of the standard library, with child processes started by os/exec.
 */
class GoProgramsTest {
    @Test
    void goroutinesGcTimersAndExit() throws IOException {
        Result expected = sameAsNative("goroutines");
        assertEquals(3, expected.status(), "the native run's status");
    }

    @Test
    void httpServerAndClientsOnTheLoopback() throws IOException {
        Result expected = sameAsNative("http");
        assertEquals(0, expected.status(), "the native run's status");
    }

    @Test
    void standardLibraryAndChildProcesses() throws IOException {
        Result expected = sameAsNative("stdlib");
        assertEquals(5, expected.status(), "the native run's status");
    }

    /** Builds programs/NAME.go, runs it natively and in ring3, compares; returns the native run. */
    private static Result sameAsNative(String name) throws IOException {
        String source;
        try (InputStream in = GoProgramsTest.class.getResourceAsStream("/programs/" + name + ".go")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path exe = GuestPrograms.go(name, source);
        assumeTrue(exe != null, "no Go toolchain");
        Result expected = Runs.nativeRun(exe, List.of(), List.of("LANG=C"), null);
        Result actual = Runs.inProcess(Runs.config(false), exe, List.of(), List.of("LANG=C"), null);
        assertEquals(expected.out(), actual.out(), "stdout\n" + actual);
        assertEquals(expected.err(), actual.err(), "stderr");
        assertEquals(expected.status(), actual.status(), "status\n" + actual);
        return expected;
    }
}
