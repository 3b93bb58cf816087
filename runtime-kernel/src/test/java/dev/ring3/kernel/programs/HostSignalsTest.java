package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signals the host sends ring3 itself (dev.ring3.kernel.cli.HostSignals): hostsignals.c's handlers run for
 * SIGINT, SIGTERM, SIGHUP and SIGUSR1 sent to the ring3 process while the guest waits in a read, as when the same
 * binary runs natively (the JVM used to end at once on the first three); a signal ignored by ring3's parent starts
 * ignored in the guest; and a guest ended by a signal ends ring3 by that signal, which the parent sees (dash
 * reports "Hangup" for both runs).
 */
class HostSignalsTest {
    private static final int[] SIGNALS = {2, 15, 1, 10};

    @Test
    void handlersRunForSignalsSentToRing3() throws Exception {
        Path exe = GuestPrograms.c("hostsignals", LibcProgramsTest.source("hostsignals"), Toolchain.GLIBC);
        List<String> expected = drive(List.of(exe.toString()));
        assertEquals(List.of("ready", "caught 2", "caught 15", "caught 1", "caught 10", "read 0", "status 5"),
                expected);
        assertEquals(expected, drive(Runs.ring3Command(List.of(), exe, List.of())));
    }

    @Test
    void ignoredAtStartAndDeathBySignalAsNatively() throws IOException {
        Path exe = GuestPrograms.c("hostsignals", LibcProgramsTest.source("hostsignals"), Toolchain.GLIBC);
        Path sh = Path.of("/bin/sh");
        for (String trap : List.of("trap '' HUP; ", "")) {
            String script = trap + "\"$@\"; echo status $?";
            Result n = Runs.nativeRun(sh, List.of("-c", script, "sh", exe.toString(), "dispositions"), List.of(), null);
            List<String> args = new ArrayList<>(List.of("-c", script, "sh"));
            args.addAll(Runs.ring3Command(List.of(), exe, List.of("dispositions")));
            Result r = Runs.nativeRun(sh, args, List.of(), null);
            assertEquals(n.out(), r.out(), "stdout with \"" + trap + "\"\n" + r);
            assertEquals(n.err(), r.err(), "stderr with \"" + trap + "\"");
        }
        assertTrue(Runs.nativeRun(sh, List.of("-c", "\"$@\"", "sh", exe.toString(), "dispositions"), List.of(), null)
                .err().contains("Hangup"), "the shell reports the death");
    }

    /** Runs cmd, sends the signals one at a time (each once the line of the last has come), then ends its stdin. */
    private static List<String> drive(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) lines.add(l);
            } catch (IOException e) {
                lines.add("! " + e);
            }
        });
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            seen.add(next(lines));
            for (int sig : SIGNALS) {
                assertEquals(0, Host.syscall(SyscallTable.KILL, p.pid(), sig), "kill");
                seen.add(next(lines));
            }
            p.getOutputStream().close();
            seen.add(next(lines));
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ended");
            seen.add("status " + p.exitValue());
        } finally {
            p.destroyForcibly();
            reader.join(5000);
        }
        return seen;
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String l = lines.poll(30, TimeUnit.SECONDS);
        assertNotNull(l, "a line within 30 s");
        return l;
    }
}
