package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.X87Values.*;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FADD FSUB FSUBR FMUL FDIV FDIVR on 80-bit operands against the host: every pair of edge values and random pairs,
 * under all sixteen RC x PC control words; results stored with FSTP m80 and the status word with FNSTSW.
 * Output layout per control word: six 16-byte slots (result, then the status word at +10) in the order of OPS.
 */
class ArithDiffTest {
    @TempDir Path dir;

    static final String[] OPS = {"fadd st, st(1)", "fsub st, st(1)", "fsubr st, st(1)", "fmul st, st(1)",
        "fdiv st, st(1)", "fdivr st, st(1)"};

    static String body(String[] ops) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < ops.length; k++) {
            if (k > 0) s.append("fninit\nfldcw word ptr [0x20000040 + rcx*2]\n");
            s.append("fld tbyte ptr ").append(B).append("\nfld tbyte ptr ").append(A).append('\n');
            s.append(ops[k]).append('\n');
            s.append("fnstsw word ptr [rbx+").append(16 * k + 10).append("]\n");
            s.append("fstp tbyte ptr [rbx+").append(16 * k).append("]\n");
        }
        return s.toString();
    }

    @Test
    void edgePairsAllControlWords() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<long[]> vals = values(0, 0, 0);
        List<State> states = pairs(vals, vals);
        b.add(perControlWord(allRoundingAndPrecision(), body(OPS), 16 * OPS.length), states, 0);
        X87Diff.verify(b);
    }

    @Test
    void randomPairsAllControlWords() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<long[]> xs = values(2000, 70, 11).subList(EDGES.length, EDGES.length + 2000);
        List<long[]> ys = values(2000, 70, 12).subList(EDGES.length, EDGES.length + 2000);
        List<State> states = new java.util.ArrayList<>();
        for (int k = 0; k < xs.size(); k++) states.add(state(xs.get(k), ys.get(k)));
        // full exponent range: overflow and underflow
        List<long[]> wx = values(1500, 0, 13), wy = values(1500, 0, 14);
        for (int k = EDGES.length; k < wx.size(); k++) states.add(state(wx.get(k), wy.get(k)));
        b.add(perControlWord(allRoundingAndPrecision(), body(OPS), 16 * OPS.length), states, 0);
        X87Diff.verify(b);
    }

    /** Sums and differences that land exactly on, just below and just above a rounding midpoint at each precision. */
    @Test
    void midpoints() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(15);
        List<State> states = new java.util.ArrayList<>();
        for (int k = 0; k < 900; k++) {
            int prec = new int[] {64, 53, 24}[k % 3];
            long am = r.nextLong() | Long.MIN_VALUE;
            if (prec < 64) am &= -(1L << (64 - prec));   // a representable at that precision
            int ae = 0x3FFF + r.nextInt(40) - 20;
            long bm = new long[] {Long.MIN_VALUE, 0xC000_0000_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0001L}[r.nextInt(4)];
            int be = ae - prec - r.nextInt(3) + 1;
            if (k % 7 == 0) be = 1 + r.nextInt(70);                 // near the bottom of the range: denormal results
            if (k % 7 == 0) ae = be + prec - 1;
            states.add(state(new long[] {am, ae | (r.nextBoolean() ? 0x8000 : 0)},
                    new long[] {bm, be | (r.nextBoolean() ? 0x8000 : 0)}));
        }
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(allRoundingAndPrecision(), body(OPS), 16 * OPS.length), states, 0);
        X87Diff.verify(b);
    }
}
