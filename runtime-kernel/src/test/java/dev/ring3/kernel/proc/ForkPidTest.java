package dev.ring3.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pids fork gives (which no native run can be compared with): the child's getpid is what fork returned to the
 * parent, the child's getppid is the parent's getpid, two children get two pids, and every one is above the host's
 * pid_max, so that a kill aimed at a ring3 child can never reach a host process.
 */
class ForkPidTest {
    static final String SOURCE = """
            #include <stdio.h>
            #include <sys/wait.h>
            #include <unistd.h>
            int main(void) {
                setvbuf(stdout, NULL, _IONBF, 0);
                for (int k = 0; k < 2; k++) {
                    pid_t p = fork();
                    if (p == 0) {
                        printf("child %d %d\\n", (int) getpid(), (int) getppid());
                        _exit(0);
                    }
                    int st;
                    waitpid(p, &st, 0);
                    printf("parent %d %d\\n", (int) p, (int) getpid());
                }
                return 0;
            }
            """;

    @Test
    void childPidsAreForkResultsAboveTheHostsPidMax() throws Exception {
        Path exe = GuestPrograms.c("forkpid", SOURCE, Toolchain.GLIBC);
        Result r = Runs.inProcess(Runs.config(false), exe, List.of(), List.of(), null);
        assertEquals(0, r.status(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.toString());
        int pidMax;
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/kernel/pid_max"))) {
            pidMax = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
        int[] child = new int[2];
        for (int k = 0; k < 2; k++) {
            String[] c = lines[2 * k].split(" "), p = lines[2 * k + 1].split(" ");
            assertEquals("child", c[0]);
            assertEquals(c[1], p[1], "the child's getpid is fork's result");
            assertEquals(c[2], p[2], "the child's getppid is the parent's getpid");
            child[k] = Integer.parseInt(c[1]);
            assertTrue(child[k] > pidMax, child[k] + " is above pid_max " + pidMax);
        }
        assertNotEquals(child[0], child[1]);
    }
}
