package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.FpSnippets.eight;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long random differential run (tagged slow: run with -Pslow): every floating-point arithmetic, comparison and
 * conversion instruction on many more random operand pairs, under every rounding mode and FTZ/DAZ setting and
 * with all exceptions masked (unmasked ones are {@link FaultDiffTest}'s).
 */
@Tag("slow")
class FpRandomDiffTest {
    @TempDir Path dir;

    private static final int[] MODES = {0x1F80, 0x3F80, 0x5F80, 0x7F80, 0x9F80, 0x1FC0, 0xBFC0, 0xFFC0};

    @Test
    void random() throws Exception {
        for (int f : new int[] {Fp.S, Fp.D}) {
            String s = f == Fp.D ? "sd" : "ss", p = f == Fp.D ? "pd" : "ps";
            List<State> in = FpInputs.states(f, FpInputs.pairs(f, 12_000, 500 + f), MODES);
            List<State> few = FpArithDiffTest.every(in, 4);
            for (String op : new String[] {"add", "sub", "mul", "div", "min", "max", "sqrt"}) {
                // one batch per operation keeps the state files small
                Runs.verify(new DiffBatch(dir).add(eight(op + s + " $d, $s"), in, 0).add(eight(op + p + " $d, $s"), few, 0), "FpRandomDiffTest " + op + s);
            }
            DiffBatch b = new DiffBatch(dir);
            b.add(eight("cmp" + s + " $d, $s, 2"), few, 0);
            b.add(eight("ucomi" + s + " $d, $s\npushfq\npop rax\nmov [rsp-0x100-8*$k], rax"), few, DiffBatch.STATUS);
            b.add(eight("cvt" + s + "2si $g, $s"), few, 0);
            b.add(eight("cvtt" + s + "2si $e, $s"), few, 0);
            b.add(eight(f == Fp.D ? "cvtsd2ss $d, $s" : "cvtss2sd $d, $s"), few, 0);
            b.add(eight(f == Fp.D ? "cvtpd2dq $d, $s" : "cvtps2dq $d, $s"), few, 0);
            b.add(eight(f == Fp.D ? "cvtsi2sd $d, $g" : "cvtsi2ss $d, $g"), few, 0);
            Runs.verify(b, "FpRandomDiffTest.random");
        }
    }
}
