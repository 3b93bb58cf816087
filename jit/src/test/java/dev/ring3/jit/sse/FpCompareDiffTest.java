package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.FpArithDiffTest.every;
import static dev.ring3.jit.sse.FpSnippets.eight;
import static dev.ring3.jit.sse.FpSnippets.eightMem;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CMPPS CMPPD CMPSS CMPSD with the eight predicates, and COMISS COMISD UCOMISS UCOMISD (EFLAGS recorded after each
 * with PUSHFQ, from states with no status flags and with all of them set), against the host CPU.
 */
class FpCompareDiffTest {
    @TempDir Path dir;

    @Test
    void compares() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int f : new int[] {Fp.S, Fp.D}) {
            String p = f == Fp.D ? "d" : "s";
            List<State> all = FpInputs.states(f, FpInputs.pairs(f, 300, 51 + f), 0x1F80, 0x1FC0);
            List<State> some = every(all, 4);
            for (int pred = 0; pred < 8; pred++) {
                b.add(eight("cmps" + p + " $d, $s, " + pred), all, 0);
                b.add(eight("cmpp" + p + " $d, $s, " + pred), some, 0);
            }
            b.add(eightMem("cmps" + p + " $d, $m, 1", "movs" + p, f == Fp.D ? "qword" : "dword"), some, 0);
            b.add(eightMem("cmpp" + p + " $d, $m, 6", "movaps", "xmmword"), some, 0);
            List<State> flagged = new ArrayList<>(all);
            for (State s : every(all, 3)) flagged.add(s.copy().flags(0x8D5));
            for (String op : new String[] {"comis", "ucomis"}) {
                String rec = "\npushfq\npop rax\nmov [rsp-0x100-8*$k], rax";
                b.add(eight(op + p + " $d, $s" + rec), flagged, DiffBatch.STATUS);
                b.add(eightMem(op + p + " $d, $m" + rec, "movs" + p, f == Fp.D ? "qword" : "dword"), some,
                        DiffBatch.STATUS);
            }
        }
        Runs.verify(b, "FpCompareDiffTest.compares");
    }
}
