package dev.ring3.jit.x87;

import static dev.ring3.jit.testing.DiffBatch.STATUS;
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
 * Comparisons against the host: FCOM FCOMP FCOMPP FUCOM FUCOMP FUCOMPP FICOM FICOMP FTST (C0 C2 C3 and the
 * exceptions), FCOMI FCOMIP FUCOMI FUCOMIP (ZF PF CF, OF SF AF cleared), FXAM on every class and on an empty
 * register, FCMOVcc under every flag combination.
 */
class CompareDiffTest {
    @TempDir Path dir;

    @Test
    void conditionCodes() throws Exception {
        String[] ops = {"fcom st(1)", "fcomp st(1)", "fcompp", "fucom st(1)", "fucomp st(1)", "fucompp",
            "fcom dword ptr [0x20000010]", "fcom qword ptr [0x20000010]", "fcomp qword ptr [0x20000010]",
            "ficom word ptr [0x20000010]", "ficomp dword ptr [0x20000010]", "ftst", "fxam", "fcom st(3)",
            "fucom st(4)", "fxch st(1)\nfxam"};
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < ops.length; k++) {
            body.append("fninit\nfld1\nfchs\nfxam\n");   // C1 set beforehand
            body.append("fld tbyte ptr ").append(B).append("\nfld tbyte ptr ").append(A).append('\n');
            body.append(ops[k]).append('\n');
            body.append("fnstsw word ptr [rbx+").append(2 * k).append("]\n");
        }
        List<long[]> xs = values(40, 3, 61);
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(new int[] {0x37F}, body.toString(), 0), pairs(xs, xs), 0);
        X87Diff.verify(b);
    }

    @Test
    void eflagsForms() throws Exception {
        String[] ops = {"fcomi st, st(1)", "fcomip st, st(1)", "fucomi st, st(1)", "fucomip st, st(1)",
            "fcomi st, st(3)"};
        List<long[]> xs = values(30, 3, 62);
        List<State> states = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(63);
        for (State s : pairs(xs, xs)) states.add(s.flags(r.nextBoolean() ? 0x8D5 : 0));
        DiffBatch b = new DiffBatch(dir);
        for (String op : ops) {
            String asm = STORE_OPERANDS + "fld1\nfchs\nfxam\nfld tbyte ptr " + B + "\nfld tbyte ptr " + A + "\n" + op
                    + "\nfnstsw ax\nfninit";
            b.add(asm, states, STATUS);
        }
        X87Diff.verify(b);
    }

    @Test
    void conditionalMoves() throws Exception {
        String[] ccs = {"b", "e", "be", "u", "nb", "ne", "nbe", "nu"};
        List<State> states = new ArrayList<>();
        long[] a = {0xC000_0000_0000_0000L, 0x4000}, bb = {0x8000_0000_0000_0000L, 0xBFFF};
        for (int f = 0; f < 16; f++) {
            long flags = ((f & 1) != 0 ? 1 : 0) | ((f & 2) != 0 ? 0x40 : 0) | ((f & 4) != 0 ? 4 : 0) | ((f & 8) != 0 ? 0x880 : 0);
            states.add(state(a, bb).flags(flags));
        }
        DiffBatch b = new DiffBatch(dir);
        for (String cc : ccs) {
            b.add(STORE_OPERANDS + "fld tbyte ptr " + B + "\nfld tbyte ptr " + A + "\nfcmov" + cc
                    + " st, st(1)\nfnstsw ax\nfstp tbyte ptr [0x20000100]\nfstp tbyte ptr [0x20000110]", states, STATUS);
            // from an empty source register
            b.add(STORE_OPERANDS + "fld tbyte ptr " + A + "\nfcmov" + cc
                    + " st, st(1)\nfnstsw ax\nfstp tbyte ptr [0x20000100]\nfninit", states, STATUS);
        }
        X87Diff.verify(b);
    }
}
