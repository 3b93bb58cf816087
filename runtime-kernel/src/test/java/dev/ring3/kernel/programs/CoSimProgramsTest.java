package dev.ring3.kernel.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CoSim;
import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.testing.GuestPrograms;
import dev.ring3.kernel.testing.Result;
import dev.ring3.kernel.testing.Runs;
import dev.ring3.kernel.testing.Toolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Co-simulation of whole programs ({@code --jit=cosim}): the libc test programs run with every block executed by
 * the interpreter and by its translation from the same state; the full CPU state and the stored memory must agree
 * after every block, and the output must still be the native one.
 */
class CoSimProgramsTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.ring3.kernel.programs.LibcProgramsTest#cases")
    void tiersAgreeAtEveryBlock(String program, Toolchain tc) throws IOException {
        Path exe = GuestPrograms.c(program, LibcProgramsTest.source(program), tc);
        Result expected = Runs.nativeRun(exe, List.of(), List.of("LANG=C"), null);
        Kernel kernel = new Kernel(new Kernel.Config(false, true, 1, true));
        Result actual = Runs.inProcess(kernel, exe, List.of(), List.of("LANG=C"), null);
        assertEquals(expected.out(), actual.out(), "stdout of " + program + "\n" + actual);
        assertEquals(expected.status(), actual.status(), "status of " + program + "\n" + actual);
        long compared = 0;
        StringBuilder reports = new StringBuilder();
        for (CoSim c : kernel.cosims) {
            compared += c.compared;
            reports.append(c.report());
            assertEquals(List.of(), c.divergences, reports.toString());
        }
        System.out.print(program + " " + tc + ": " + reports);
        assertTrue(compared > 1000, "only " + compared + " blocks compared");
    }
}
