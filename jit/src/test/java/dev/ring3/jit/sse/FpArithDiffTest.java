package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.FpSnippets.eight;
import static dev.ring3.jit.sse.FpSnippets.eightMem;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADD SUB MUL DIV MIN MAX SQRT in their SS SD PS PD forms against the host CPU: every pair of edge values and
 * random pairs, in all four rounding modes and with FTZ and DAZ, comparing results and MXCSR after each instruction.
 */
class FpArithDiffTest {
    @TempDir Path dir;

    private static final String[] OPS = {"add", "sub", "mul", "div", "min", "max", "sqrt"};

    @Test
    void scalarDouble() throws Exception {
        scalar(Fp.D, "sd", "movsd", "qword");
    }

    @Test
    void scalarSingle() throws Exception {
        scalar(Fp.S, "ss", "movss", "dword");
    }

    private void scalar(int f, String suffix, String store, String size) throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<long[]> pairs = FpInputs.pairs(f, 600, 11 + f);
        List<State> rounding = FpInputs.states(f, pairs, FpInputs.ROUNDING);
        List<State> flush = FpInputs.states(f, FpInputs.pairs(f, 300, 21 + f), FpInputs.FLUSH);
        for (String op : OPS) {
            String insn = op + suffix + " $d, $s";
            b.add(eight(insn), rounding, 0);
            b.add(eight(insn), flush, 0);
            b.add(eightMem(op + suffix + " $d, $m", store, size), flush.subList(0, 40), 0);
        }
        Runs.verify(b, "FpArithDiffTest.scalar " + suffix);
    }

    @Test
    void packed() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int f : new int[] {Fp.S, Fp.D}) {
            String suffix = f == Fp.D ? "pd" : "ps";
            List<State> rounding = FpInputs.states(f, FpInputs.pairs(f, 800, 31 + f), FpInputs.ROUNDING);
            List<State> flush = FpInputs.states(f, FpInputs.pairs(f, 200, 41 + f), FpInputs.FLUSH);
            for (String op : OPS) {
                String insn = op + suffix + " $d, $s";
                b.add(eight(insn), every(rounding, 3), 0);
                b.add(eight(insn), every(flush, 3), 0);
                b.add(eightMem(op + suffix + " $d, $m", "movaps", "xmmword"), flush.subList(0, 40), 0);
            }
        }
        Runs.verify(b, "FpArithDiffTest.packed");
    }

    /** Every n-th state. */
    static List<State> every(List<State> in, int n) {
        List<State> out = new java.util.ArrayList<>();
        for (int k = 0; k < in.size(); k += n) out.add(in.get(k));
        return out;
    }
}
