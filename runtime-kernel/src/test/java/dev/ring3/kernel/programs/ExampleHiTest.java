package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example: examples/hi prints "Hi!" and exits 0, and is what examples/hi.s assembles to. */
class ExampleHiTest {
    static final Path HI = Runs.root().resolve("examples/hi");

    @Test
    void printsHi() {
        Result r = Runs.ring3(List.of(), HI, List.of(), List.of(), null);
        assertEquals("Hi!\n", r.out(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertEquals(0, r.status(), r.toString());
    }

    @Test
    void nativeAgrees() {
        Result r = Runs.nativeRun(HI, List.of(), List.of(), null);
        assertEquals("Hi!\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void shippedBinaryIsBuiltFromItsSource(@TempDir Path dir) throws Exception {
        Path obj = dir.resolve("hi.o"), exe = dir.resolve("hi");
        Process as = new ProcessBuilder("as", "-o", obj.toString(), Runs.root().resolve("examples/hi.s").toString())
                .inheritIO().start();
        assertEquals(0, as.waitFor());
        Process ld = new ProcessBuilder("ld", "-s", "-n", "-o", exe.toString(), obj.toString()).inheritIO().start();
        assertEquals(0, ld.waitFor());
        assertArrayEquals(Files.readAllBytes(exe), Files.readAllBytes(HI), "examples/hi differs from examples/hi.s "
                + "(rebuild: as -o hi.o hi.s && ld -s -n -o hi hi.o)");
    }
}
