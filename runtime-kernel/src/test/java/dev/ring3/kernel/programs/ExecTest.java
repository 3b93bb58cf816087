package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * execve beyond what exec.c's output shows (LibcProgramsTest compares that with the native run): each exec releases
 * the old program's translations with its address space; --strace prints the call as strace does; ring3's own
 * command line runs "#!" scripts as the host kernel does, and stops an interpreter loop as it does.
 */
class ExecTest {
    @TempDir Path dir;

    @Test
    void eachExecReleasesTheTranslationsOfTheProgramItReplaces() throws IOException {
        Path exe = GuestPrograms.c("exec", LibcProgramsTest.source("exec"), Toolchain.GLIBC);
        Kernel kernel = new Kernel(new Kernel.Config(false, true, 1));   // everything translated
        Result r = Runs.inProcess(kernel, exe, List.of(), List.of(), null);
        assertEquals(Runs.nativeRun(exe, List.of(), List.of(), null).out(), r.out(), r.toString());
        assertEquals(7, r.status(), r.toString());
        assertEquals(4, kernel.execs.get(), "successful execs (the child, the script, by descriptor, by /proc path)");
        // the programs replaced each ran far more than a few dozen translated regions
        assertTrue(kernel.regionsReleased.get() > 100, "regions released: " + kernel.regionsReleased.get());
    }

    @Test
    void straceShowsExecveAsStraceDoes() throws IOException {
        Path exe = GuestPrograms.c("exec", LibcProgramsTest.source("exec"), Toolchain.MUSL);
        Result r = Runs.ring3(List.of("--strace"), exe, List.of(), List.of(), null);
        assertEquals(7, r.status(), r.toString());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("execve(")).toList();
        assertEquals(10, lines.size(), r.err());
        assertTrue(lines.get(0).matches("execve\\(\"/no/such/program\", \\[\"x\"\\], 0x[0-9a-f]+ /\\* 0 vars \\*/\\) = -1 ENOENT"),
                lines.get(0));
        assertTrue(lines.get(5).matches("execve\\(\"[^\"]+\", 0x8, 0x[0-9a-f]+ /\\* 0 vars \\*/\\) = -1 EFAULT"), lines.get(5));
        assertTrue(lines.get(7).matches("execve\\(\"/proc/self/exe\", \\[\"exec-child\", \"child\", \"3\", \"4\", \"[0-9]+\"\\], "
                + "0x[0-9a-f]+ /\\* 2 vars \\*/\\) = 0"), lines.get(7));
        assertTrue(lines.get(8).matches("execve\\(\"[^\"]+/script\", \\[\"ignored-argv0\", \"one\", \"two\"\\], 0x[0-9a-f]+ "
                + "/\\* 2 vars \\*/\\) = 0"), lines.get(8));
        assertTrue(lines.get(9).matches("execve\\(\"/proc/self/fd/[0-9]+\", \\[\"by-path\", \"proc-fd\"\\], 0x[0-9a-f]+ "
                + "/\\* 0 vars \\*/\\) = 0"), lines.get(9));
        List<String> at = r.err().lines().filter(l -> l.startsWith("execveat(")).toList();
        assertEquals(List.of("execveat(4, \"\", [\"by-fd\", \"fexecve\"], "), at.stream().map(l -> l.replaceAll("0x[0-9a-f]+ /\\*.*", "")).toList());
        assertTrue(at.get(0).endsWith(" /* 0 vars */, 0x1000) = 0"), at.get(0));
    }

    @Test
    void scriptsRunTheirInterpreterAsTheHostKernelDoes() throws IOException {
        Path script = script("hi-script", "#!" + ExampleHiTest.HI + "\nignored\n");
        Result expected = Runs.nativeRun(script, List.of("a"), List.of(), null);
        assertEquals("Hi!\n", expected.out());
        Result r = Runs.ring3(List.of(), script, List.of("a"), List.of(), null);
        assertEquals(expected.out(), r.out(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertEquals(expected.status(), r.status(), r.toString());
    }

    @Test
    void anInterpreterLoopStopsWithEloop() throws IOException {
        Path loop = dir.resolve("loop");
        script("loop", "#!" + loop + "\n");
        IOException e = assertThrows(IOException.class, () -> new ProcessBuilder(loop.toString()).start());
        assertTrue(e.getMessage().matches(".*error[=:] ?40.*"), "the host says ELOOP: " + e.getMessage());
        Result r = Runs.ring3(List.of(), loop, List.of(), List.of(), null);
        assertEquals(126, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("too many levels of interpreters"), r.toString());
    }

    private Path script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
