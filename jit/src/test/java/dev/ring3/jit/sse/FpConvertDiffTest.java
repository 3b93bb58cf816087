package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.FpArithDiffTest.every;
import static dev.ring3.jit.sse.FpSnippets.eight;
import static dev.ring3.jit.sse.FpSnippets.eightMem;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.Inputs;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversions against the host CPU: integer to float from 32- and 64-bit general registers and memory,
 * float to integer rounded and truncated at the edges of the integer range (and NaN, infinity, out of range), between
 * precisions, and the packed forms including the MMX ones, in every rounding mode and with FTZ/DAZ.
 */
class FpConvertDiffTest {
    @TempDir Path dir;

    private static final int[] MODES = {0x1F80, 0x3F80, 0x5F80, 0x7F80, 0x9FC0, 0xFFC0};

    /** States whose eight integer registers hold edge and random integers, in each rounding mode. */
    private static List<State> integers(long seed) {
        List<State> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        long[] e = Inputs.EDGES;
        int n = e.length * 2 + 400;
        for (int base = 0; base < n; base += 8) {
            State s = new State();
            for (int k = 0; k < 8; k++) {
                int idx = base + k;
                long v = idx < e.length ? e[idx] : idx < 2 * e.length ? -e[idx - e.length] : random(r);
                s.set(FpSnippets.GPR64[k], v);
                s.xmm[2 * (8 + k)] = v;
                s.xmm[2 * (8 + k) + 1] = r.nextLong() >> r.nextInt(64);
            }
            for (int m : MODES) {
                State t = s.copy();
                t.mxcsr = m;
                out.add(t);
            }
        }
        return out;
    }

    /** Random integers of every magnitude, many just past 2^24 or 2^53 where halves and ties appear. */
    private static long random(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> ((1L << (24 + r.nextInt(3))) + r.nextInt(9) - 4) * (r.nextBoolean() ? 1 : -1);
            case 1 -> ((1L << (53 + r.nextInt(3))) + r.nextInt(9) - 4) * (r.nextBoolean() ? 1 : -1);
            default -> r.nextLong() >> r.nextInt(64);
        };
    }

    @Test
    void integerToFloat() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> ints = integers(61);
        for (String op : new String[] {"cvtsi2sd", "cvtsi2ss"}) {
            b.add(eight(op + " $d, $g"), ints, 0);
            b.add(eight(op + " $d, $e"), ints, 0);
            b.add(eight("mov [rsp-0x300], $g\n" + op + " $d, qword ptr [rsp-0x300]"), ints, 0);
            b.add(eight("mov [rsp-0x300], $g\n" + op + " $d, dword ptr [rsp-0x300]"), ints, 0);
        }
        b.add(eight("cvtdq2ps $d, $s"), ints, 0);
        b.add(eight("cvtdq2pd $d, $s"), ints, 0);
        b.add(eightMem("cvtdq2ps $d, $m", "movaps", "xmmword"), ints, 0);
        b.add(eightMem("cvtdq2pd $d, $m", "movsd", "qword"), ints, 0);
        b.add(eight("movdq2q mm$k, $s\ncvtpi2ps $d, mm$k\nemms"), ints, 0);
        b.add(eight("movdq2q mm$k, $s\ncvtpi2pd $d, mm$k\nemms"), ints, 0);
        b.add(eightMem("cvtpi2ps $d, $m", "movsd", "qword"), ints, 0);
        b.add(eightMem("cvtpi2pd $d, $m", "movsd", "qword"), ints, 0);
        Runs.verify(b, "FpConvertDiffTest.integerToFloat");
    }

    @Test
    void floatToInteger() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int f : new int[] {Fp.S, Fp.D}) {
            String p = f == Fp.D ? "sd" : "ss";
            List<State> in = FpInputs.states(f, FpInputs.pairs(f, 400, 71 + f), MODES);
            List<State> some = every(in, 5);
            for (String t : new String[] {"", "t"}) {
                b.add(eight("cvt" + t + p + "2si $g, $s"), in, 0);
                b.add(eight("cvt" + t + p + "2si $e, $s"), in, 0);
                b.add(eightMem("cvt" + t + p + "2si $g, $m", "movs" + p.charAt(1), f == Fp.D ? "qword" : "dword"), some, 0);
                b.add(eightMem("cvt" + t + p + "2si $e, $m", "movs" + p.charAt(1), f == Fp.D ? "qword" : "dword"), some, 0);
                String packed = f == Fp.D ? "pd" : "ps";
                b.add(eight("cvt" + t + packed + "2dq $d, $s"), some, 0);
                b.add(eightMem("cvt" + t + packed + "2dq $d, $m", "movaps", "xmmword"), every(some, 4), 0);
                b.add(eight("cvt" + t + packed + "2pi mm$k, $s\nmovq2dq $d, mm$k\nemms"), some, 0);
                String mem = f == Fp.D ? "movaps" : "movsd", size = f == Fp.D ? "xmmword" : "qword";
                b.add(eightMem("cvt" + t + packed + "2pi mm$k, $m\nmovq2dq $d, mm$k\nemms", mem, size), every(some, 4), 0);
            }
        }
        Runs.verify(b, "FpConvertDiffTest.floatToInteger");
    }

    @Test
    void precision() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int f : new int[] {Fp.S, Fp.D}) {
            List<State> in = FpInputs.states(f, FpInputs.pairs(f, 400, 81 + f), MODES);
            if (f == Fp.D) {
                b.add(eight("cvtsd2ss $d, $s"), in, 0);
                b.add(eight("cvtpd2ps $d, $s"), every(in, 2), 0);
                b.add(eightMem("cvtsd2ss $d, $m", "movsd", "qword"), every(in, 6), 0);
                b.add(eightMem("cvtpd2ps $d, $m", "movaps", "xmmword"), every(in, 6), 0);
            } else {
                b.add(eight("cvtss2sd $d, $s"), in, 0);
                b.add(eight("cvtps2pd $d, $s"), every(in, 2), 0);
                b.add(eightMem("cvtss2sd $d, $m", "movss", "dword"), every(in, 6), 0);
                b.add(eightMem("cvtps2pd $d, $m", "movsd", "qword"), every(in, 6), 0);
            }
        }
        Runs.verify(b, "FpConvertDiffTest.precision");
    }
}
