package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real static programs from Debian (busybox-static, bash-static; run-tests installs them) give the native run's
 * output and status: applets reading files and stdin, the shells' own arithmetic and loops, and exec from a shell
 * (which needs execve, futex for bash's start-up, and getpeername on its standard input); and the shells running
 * other programs: pipelines, command substitution, subshells and their statuses (fork, pipe2, wait4, execve).
 */
class RealProgramsTest {
    static final Path BUSYBOX = Path.of("/bin/busybox"), BASH = Path.of("/bin/bash-static");
    static final Path README = Runs.root().resolve("README.md");

    static List<Arguments> cases() {
        return List.of(
                Arguments.of(BUSYBOX, List.of("seq", "3", "12")),
                Arguments.of(BUSYBOX, List.of("sha256sum", README.toString())),
                Arguments.of(BUSYBOX, List.of("wc", README.toString())),
                Arguments.of(BUSYBOX, List.of("sort", "-r")),
                Arguments.of(BUSYBOX, List.of("sh", "-c", "for i in 1 2 3; do echo \"$i $((i * i))\"; done; exit 3")),
                Arguments.of(BUSYBOX, List.of("sh", "-c", "echo before; exec /bin/busybox echo replaced; echo not reached")),
                Arguments.of(BASH, List.of("-c", "x=$((6 * 7)); echo \"$x ${#BASH_VERSINFO[@]}\"; exec /bin/busybox basename /a/b/c")),
                Arguments.of(BASH, List.of("-c", "f() { local n=$1 r=1; while ((n > 1)); do ((r *= n--)); done; echo $r; }; "
                        + "f 20; s=hello-world; echo ${s^^} ${s//o/0} ${#s}; exit 4")),
                Arguments.of(BUSYBOX, List.of("sh", "-c", PIPELINES)),
                Arguments.of(BASH, List.of("-c", PIPELINES)));
    }

    /**
     * Pipelines of applets, command substitution, a subshell's and a child shell's statuses, a sorted stdin,
     * SIGPIPE (pipefail), a background job waited for (SIGCHLD to the shell's handler) and a read loop (poll).
     */
    static final String PIPELINES = "echo $(echo hi) | busybox cat; for i in 1 2 3; do echo $i; done | busybox tr 1 x; "
            + "x=$(busybox seq 3 | busybox wc -l); echo \"x=$x\"; busybox true && echo ok; (exit 3); echo \"st=$?\"; "
            + "busybox sh -c 'exit 4'; echo \"sh=$?\"; busybox seq 1000 | busybox sort -rn | busybox head -3; "
            + "busybox sort | busybox tr a-z A-Z; set -o pipefail; busybox yes | busybox head -2; echo \"pipe=$?\"; "
            + "busybox sleep 0.1 & wait; echo \"bg=$?\"; busybox seq 3 | while read l; do echo \"read:$l\"; done; "
            + "exit 5";

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sameAsNative(Path program, List<String> args) {
        assumeTrue(Files.isExecutable(program), program + " is not installed");
        byte[] stdin = "pear\napple\nfig\n".getBytes(StandardCharsets.UTF_8);
        Result expected = Runs.nativeRun(program, args, List.of("LANG=C", "PATH=/bin"), stdin);
        Result actual = Runs.inProcess(Runs.config(false), program, args, List.of("LANG=C", "PATH=/bin"), stdin);
        assertEquals(expected.out(), actual.out(), "stdout\n" + actual);
        assertEquals(expected.err(), actual.err(), "stderr\n" + actual);
        assertEquals(expected.status(), actual.status(), "status\n" + actual);
    }
}
