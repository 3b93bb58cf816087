package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The initial stack's auxiliary vector, as a program reads it with getauxval: every entry Linux gives that does
 * not depend on the machine or the run has the native value (page size, clock ticks, program headers, entry, ids,
 * AT_SECURE, AT_EXECFN's string, AT_PLATFORM's string), AT_RANDOM points at 16 bytes, AT_HWCAP is CPUID's EDX.
 */
class AuxvTest {
    static final String PROGRAM = """
            #include <stdio.h>
            #include <string.h>
            #include <sys/auxv.h>
            int main(int argc, char **argv) {
                unsigned long types[] = {AT_PAGESZ, AT_CLKTCK, AT_PHENT, AT_PHNUM, AT_PHDR, AT_ENTRY, AT_BASE, AT_FLAGS,
                                         AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE};
                const char *names[] = {"PAGESZ", "CLKTCK", "PHENT", "PHNUM", "PHDR", "ENTRY", "BASE", "FLAGS",
                                       "UID", "EUID", "GID", "EGID", "SECURE"};
                for (int i = 0; i < 13; i++) printf("%s=%lx\\n", names[i], getauxval(types[i]));
                printf("EXECFN=%s\\n", (const char *) getauxval(AT_EXECFN));
                printf("PLATFORM=%s\\n", (const char *) getauxval(AT_PLATFORM));
                printf("RANDOM_SET=%d\\n", getauxval(AT_RANDOM) != 0);
                printf("HWCAP=%lx\\n", getauxval(AT_HWCAP));
                return 0;
            }
            """;

    @Test
    void auxvAsLinuxGivesIt() {
        Path exe = GuestPrograms.c("auxv", PROGRAM, Toolchain.GLIBC);
        Map<String, String> nat = parse(Runs.nativeRun(exe, List.of(), List.of(), null));
        Result r = Runs.ring3(List.of(), exe, List.of(), List.of(), null);
        Map<String, String> ours = parse(r);
        for (String k : List.of("PAGESZ", "CLKTCK", "PHENT", "PHNUM", "PHDR", "ENTRY", "BASE", "FLAGS", "UID", "EUID",
                "GID", "EGID", "SECURE", "EXECFN", "PLATFORM", "RANDOM_SET", "HWCAP")) {
            assertEquals(nat.get(k), ours.get(k), "AT_" + k + "\n" + r);   // glibc's AT_HWCAP is its own constant
        }
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void hwcapIsRing3sCpu() {
        // musl's getauxval reads the vector itself: ring3's CPU is FPU TSC CX8 CMOV CLFSH MMX FXSR SSE SSE2
        Path exe = GuestPrograms.c("auxv", PROGRAM, Toolchain.MUSL);
        Result r = Runs.ring3(List.of(), exe, List.of(), List.of(), null);
        assertEquals(Long.toHexString(1 | 1 << 4 | 1 << 8 | 1 << 15 | 1 << 19 | 1 << 23 | 1 << 24 | 1 << 25 | 1 << 26),
                parse(r).get("HWCAP"), r.toString());
    }

    private static Map<String, String> parse(Result r) {
        Map<String, String> m = new HashMap<>();
        for (String line : r.out().lines().toList()) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }
}
