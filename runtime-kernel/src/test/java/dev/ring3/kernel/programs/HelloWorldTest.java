package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Acceptance: a C hello world built with glibc and musl, static and static-pie, runs under ring3 (its own JVM,
 * started as the launcher starts it) with stdout, stderr and exit status identical to the native run, arguments and
 * environment passed through in order.
 */
class HelloWorldTest {
    static final String HELLO = """
            #include <stdio.h>
            #include <stdlib.h>
            extern char **environ;
            int main(int argc, char **argv) {
                printf("Hello, world! argc=%d\\n", argc);
                for (int i = 0; i < argc; i++) printf("argv[%d] = \\"%s\\"\\n", i, argv[i]);
                for (char **e = environ; *e; e++) printf("env: %s\\n", *e);
                fprintf(stderr, "to stderr: %s\\n", getenv("GREETING"));
                return argc + 40;
            }
            """;

    @ParameterizedTest
    @EnumSource(Toolchain.class)
    void sameAsNative(Toolchain tc) {
        Path exe = GuestPrograms.c("hello", HELLO, tc);
        List<String> args = List.of("one", "two words", "", "ünïcødé");
        List<String> env = List.of("GREETING=bonjour", "ZED=last?", "A=first", "MULTI=line1\nline2");
        Result expected = Runs.nativeRun(exe, args, env, null);
        Result actual = Runs.ring3(List.of(), exe, args, env, null);
        assertEquals(45, expected.status(), "native run: " + expected);
        assertEquals(expected.out(), actual.out(), "stdout\n" + actual);
        assertEquals(expected.err(), actual.err(), "stderr\n" + actual);
        assertEquals(expected.status(), actual.status(), "exit status\n" + actual);
        assertArrayEquals(expected.stdout(), actual.stdout());
    }
}
