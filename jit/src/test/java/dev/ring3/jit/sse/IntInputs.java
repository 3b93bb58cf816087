package dev.ring3.jit.sse;

import dev.ring3.jit.testing.State;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * States for packed-integer and data-movement tests: all sixteen XMM registers filled lane by lane with values
 * chosen at a random lane width (8, 16, 32 or 64 bits) from the signed and unsigned limits of that width and random
 * bits, the integer registers random, and the scratch memory below the stack random, so loads see real data.
 */
final class IntInputs {
    private IntInputs() {}

    private static final long[] EDGES = {0, 1, -1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFFL,
        0x8000_0000L, 0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE};

    static long lanes(SplittableRandom r) {
        int bits = 8 << r.nextInt(4);
        long v = 0;
        for (int s = 0; s < 64; s += bits) {
            long x = r.nextInt(3) == 0 ? r.nextLong() : EDGES[r.nextInt(EDGES.length)];
            if (r.nextInt(4) == 0) x = -x;
            long m = bits == 64 ? -1L : (1L << bits) - 1;
            v |= (x & m) << s;
        }
        return v;
    }

    static List<State> states(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<State> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            State s = new State();
            for (int x = 0; x < 32; x++) s.xmm[x] = lanes(r);
            if (k % 4 == 1) for (int x = 16; x < 32; x++) s.xmm[x] = s.xmm[x - 16];   // equal operands
            for (String g : FpSnippets.GPR64) s.set(g, r.nextInt(3) == 0 ? lanes(r) : r.nextLong());
            for (int b = 0; b < State.MEM - 0x100; b += 8) s.mem64(b, lanes(r));
            out.add(s);
        }
        return out;
    }

    /** The instruction with $d/$s/$g/$e/$k substituted for k = 0..7 (no MXCSR records). */
    static String eight(String insn) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 8; k++) s.append(FpSnippets.subst(insn, k)).append('\n');
        return s.toString();
    }
}
