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
 * The other encodings of the basic arithmetic against the host: memory operands (m32 and m64 floating point,
 * m16 and m32 integers, as ST(0) op m and reversed), the ST(i),ST(0) forms (DC) and the popping forms (DE).
 */
class ArithFormsDiffTest {
    @TempDir Path dir;

    private static final String[] NAMES = {"add", "sub", "subr", "mul", "div", "divr"};

    /** Double bit patterns: the binary64 classes at their edges, then random ones. */
    static List<Long> doubles(int random, long seed) {
        List<Long> out = new ArrayList<>(List.of(0L, Long.MIN_VALUE, 1L, 0x000F_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L,
                0x3FF0_0000_0000_0000L, 0xBFF8_0000_0000_0000L, 0x7FEF_FFFF_FFFF_FFFFL, 0x7FF0_0000_0000_0000L,
                0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, 0x7FF0_0000_0000_0001L, 0xFFF4_0000_1234_5678L,
                0x3FF0_0000_0000_0001L, 0x8000_0000_0000_0003L, 0x0000_0000_0080_0001L, 0x3F80_0000L, 0x7F80_0001L,
                0x8000_7FFFL, 0xFFFF_8000L, 0x7FFFL, 0x7F7F_FFFFL, 0x0040_0000L));
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < random; k++) {
            long v = r.nextLong();
            if (k % 3 == 0) v = (v & 0x800F_FFFF_FFFF_FFFFL) | ((long) (1023 - 40 + r.nextInt(80)) << 52);
            out.add(v);
        }
        return out;
    }

    @Test
    void memoryOperands() throws Exception {
        StringBuilder body = new StringBuilder();
        String[] mems = {"dword ptr", "qword ptr"};
        int slot = 0;
        for (String n : NAMES) {
            for (String form : new String[] {"f" + n + " dword ptr " + B, "f" + n + " qword ptr " + B,
                "fi" + n + " word ptr " + B, "fi" + n + " dword ptr " + B}) {
                if (slot > 0) body.append("fninit\nfldcw word ptr [0x20000040 + rcx*2]\n");
                body.append("fld tbyte ptr ").append(A).append('\n').append(form).append('\n');
                body.append("fnstsw word ptr [rbx+").append(16 * slot + 10).append("]\n");
                body.append("fstp tbyte ptr [rbx+").append(16 * slot).append("]\n");
                slot++;
            }
        }
        List<State> states = new ArrayList<>();
        List<long[]> exts = values(600, 30, 21);
        List<Long> ds = doubles(600, 22);
        SplittableRandom r = new SplittableRandom(23);
        for (long[] a : exts) states.add(state(a, new long[] {ds.get(r.nextInt(ds.size())), 0}));
        for (long d : ds) states.add(state(exts.get(r.nextInt(exts.size())), new long[] {d, 0}));
        DiffBatch b = new DiffBatch(dir);
        int[] cws = {0x37F, 0x77F, 0xB7F, 0xF7F, 0x27F, 0x07F, 0xE7F, 0x47F};
        b.add(perControlWord(cws, body.toString(), 16 * slot), states, 0);
        X87Diff.verify(b);
    }

    @Test
    void registerAndPoppingForms() throws Exception {
        // DC and DE with ST(1) as destination, written as bytes so each encoding is the one meant (SDM vol. 2 A-7)
        String[] ops = {"fadd st(1), st", "fmul st(1), st", "fsub st(1), st", "fsubr st(1), st", "fdiv st(1), st",
            "fdivr st(1), st", "faddp st(1), st", "fmulp st(1), st", "fsubp st(1), st", "fsubrp st(1), st",
            "fdivp st(1), st", "fdivrp st(1), st", ".byte 0xdc, 0xe1", ".byte 0xdc, 0xe9", ".byte 0xde, 0xf1",
            ".byte 0xde, 0xf9", "fadd st, st(0)", "fsub st(0), st", "fdivr st, st(2)", "fsubp st(2), st"};
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < ops.length; k++) {
            if (k > 0) body.append("fninit\nfldcw word ptr [0x20000040 + rcx*2]\n");
            body.append("fld tbyte ptr ").append(C).append("\nfld tbyte ptr ").append(B).append("\nfld tbyte ptr ")
                    .append(A).append('\n').append(ops[k]).append('\n');
            body.append("fnstsw word ptr [rbx+").append(32 * k + 10).append("]\n");
            body.append("fstp tbyte ptr [rbx+").append(32 * k).append("]\n");
            body.append("fstp tbyte ptr [rbx+").append(32 * k + 16).append("]\n");
        }
        List<long[]> xs = values(60, 20, 31);
        SplittableRandom r = new SplittableRandom(32);
        List<State> states = new ArrayList<>();
        for (long[] a : xs) states.add(state(a, xs.get(r.nextInt(xs.size())), xs.get(r.nextInt(xs.size()))));
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(new int[] {0x37F, 0xF7F, 0x27F, 0x67F}, body.toString(), 32 * ops.length), states, 0);
        X87Diff.verify(b);
    }
}
