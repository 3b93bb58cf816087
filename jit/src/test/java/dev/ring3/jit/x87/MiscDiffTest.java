package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.X87Values.*;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FSQRT (under every RC x PC), FRNDINT, FSCALE, FXTRACT, FPREM, FPREM1, FABS, FCHS against the host. Each
 * operation runs after FXAM has set C0-C3 from ST(0), so what it does to condition codes it leaves "undefined"
 * shows too.
 */
class MiscDiffTest {
    @TempDir Path dir;

    private static String twoResults(String[] ops) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < ops.length; k++) {
            if (k > 0) s.append("fninit\nfldcw word ptr [0x20000040 + rcx*2]\n");
            s.append("fld tbyte ptr ").append(B).append("\nfld tbyte ptr ").append(A).append("\nfxam\n");
            s.append(ops[k]).append('\n');
            s.append("fnstsw word ptr [rbx+").append(32 * k + 10).append("]\n");
            s.append("fstp tbyte ptr [rbx+").append(32 * k).append("]\n");
            s.append("fstp tbyte ptr [rbx+").append(32 * k + 16).append("]\n");
        }
        return s.toString();
    }

    @Test
    void sqrtAllControlWords() throws Exception {
        List<long[]> xs = values(1000, 100, 51);
        SplittableRandom r = new SplittableRandom(52);
        for (int k = 0; k < 100; k++) xs.add(random(r, 0));
        // perfect squares and their neighbours
        for (int k = 0; k < 40; k++) {
            long root = r.nextLong() >>> 33 | 1L << 30;
            long sq = root * root;
            int lz = Long.numberOfLeadingZeros(sq);
            xs.add(new long[] {sq << lz, 0x3FFF + 63 - lz});
            xs.add(new long[] {(sq << lz) + 1, 0x3FFF + 63 - lz});
        }
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(allRoundingAndPrecision(), twoResults(new String[] {"fsqrt"}), 32), singles(xs), 0);
        X87Diff.verify(b);
    }

    @Test
    void unaryAndScale() throws Exception {
        String[] ops = {"frndint", "fabs", "fchs", "fscale", "fxtract", "fprem", "fprem1"};
        List<long[]> xs = values(500, 80, 53);
        // values around integers and halves, and scale factors of every kind
        long[][] more = {{0xC000_0000_0000_0000L, 0x4000}, {0xA000_0000_0000_0000L, 0x4000},
            {0xE000_0000_0000_0000L, 0x4000}, {0x8000_0000_0000_0000L, 0x3FFE}, {0x8000_0000_0000_0001L, 0x3FFE},
            {0xFFFF_FFFF_FFFF_FFFFL, 0x403D}, {0xFFFF_FFFF_FFFF_FFFFL, 0x403E}, {0x8000_0000_0000_0000L, 0x400F},
            {0x9000_0000_0000_0000L, 0xC00C}, {0x8000_0000_0000_0000L, 0x40CE}, {0xC000_0000_0000_0000L, 0x3FF0}};
        xs.addAll(List.of(more));
        SplittableRandom r = new SplittableRandom(54);
        List<State> states = new ArrayList<>();
        for (long[] a : xs) {
            states.add(state(a, xs.get(r.nextInt(xs.size()))));
            states.add(state(a, more[r.nextInt(more.length)]));
        }
        // FPREM operands: exponent differences around 0, 63, 64 and far beyond
        for (int k = 0; k < 150; k++) {
            long[] a = random(r, 0);
            int d = k < 60 ? r.nextInt(8) - 2 : k < 100 ? 60 + r.nextInt(8) : r.nextInt(3000);
            int eb = Math.max(1, Math.min(0x7FFE, (int) (a[1] & 0x7FFF) - d));
            long[] bb = {r.nextLong() | Long.MIN_VALUE, eb | (r.nextBoolean() ? 0x8000 : 0)};
            states.add(state(a, bb));
        }
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(roundingModes(), twoResults(ops), 32 * ops.length), states, 0);
        X87Diff.verify(b);
    }
}
