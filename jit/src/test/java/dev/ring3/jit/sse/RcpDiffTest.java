package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.FpSnippets.eight;
import static dev.ring3.jit.sse.FpSnippets.eightMem;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RCPPS RCPSS RSQRTPS RSQRTSS against the host CPU: every table entry (each 12-bit significand prefix, at both
 * exponent parities for RSQRT) with random low bits and exponents, the special operands, and random values. Skipped,
 * with the differences, on a host whose approximation tables are not the ones {@link Approx} holds.
 */
class RcpDiffTest {
    @TempDir Path dir;

    @Test
    void approximations() throws Exception {
        SplittableRandom r = new SplittableRandom(301);
        List<Long> values = new ArrayList<>();
        for (int k = 0; k < 8192; k++) {
            int e = 127 + (k >= 4096 ? 1 : 0) + 2 * (r.nextInt(120) - 60);
            long m = (long) (k & 4095) << 11 | r.nextInt(2048);
            values.add((long) e << 23 | m);
        }
        for (long v : FpInputs.EDGES_S) values.add(v);
        for (int k = 0; k < 600; k++) values.add(FpInputs.random(Fp.S, r));
        for (long v : new long[] {0x7E800000L, 0x7E7FFFFFL, 0x7E000000L, 0x7EFFFFFFL, 0x00FFFFFFL, 0xFE800000L}) values.add(v);
        // 32 values per state: 4 lanes of XMM8-15
        List<State> states = new ArrayList<>();
        for (int base = 0; base < values.size(); base += 32) {
            State s = new State();
            for (int k = 0; k < 32 && base + k < values.size(); k++) {
                int reg = 8 + k / 4, lane = k % 4;
                s.xmm[2 * reg + lane / 2] |= (values.get(base + k) & 0xFFFF_FFFFL) << (32 * (lane % 2));
            }
            for (int k = 0; k < 16; k++) s.xmm[k] = r.nextLong();
            State daz = s.copy();
            daz.mxcsr = 0xDFC0;
            states.add(s);
            if (base % 256 == 0) states.add(daz);
        }
        // the tables are the implementation's (the SDM fixes only an error bound): on a host whose tables differ
        // from the AMD Zen ones ring3 reproduces, say so and skip rather than fail
        try {
            new DiffBatch(dir).add(eight("rcpps $d, $s\nrsqrtps $s, $s"), states.subList(0, 8), 0).verify();
        } catch (AssertionFailedError e) {
            Assumptions.abort("this host's RCPPS/RSQRTPS tables differ from the AMD Zen tables ring3 reproduces:\n"
                    + e.getMessage());
        }
        DiffBatch b = new DiffBatch(dir);
        for (String op : new String[] {"rcp", "rsqrt"}) {
            b.add(eight(op + "ps $d, $s"), states, 0);
            b.add(eight(op + "ss $d, $s\npshufd $s, $s, 0x39\n" + op + "ss $d, $s"), states.subList(0, 60), 0);
            b.add(eightMem(op + "ps $d, $m", "movaps", "xmmword"), states.subList(0, 20), 0);
            b.add(eightMem(op + "ss $d, $m", "movss", "dword"), states.subList(0, 20), 0);
        }
        Runs.verify(b, "RcpDiffTest.approximations");
    }
}
