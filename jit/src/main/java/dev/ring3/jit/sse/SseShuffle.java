package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Simd.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Semantics;

/**
 * Floating-point shuffles and unpacks (SDM vol. 2): SHUFPS SHUFPD UNPCKLPS UNPCKHPS UNPCKLPD UNPCKHPD. They move
 * lanes without looking at them, so no floating-point exception is possible.
 */
final class SseShuffle {
    private SseShuffle() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    static void register(Semantics.Table t) {
        t.put(Op.SHUFPS, SseShuffle::shufps);
        t.put(Op.SHUFPD, (c, i) -> {
            long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
            int d = x(i.o0);
            long r0 = (i.imm & 1) == 0 ? c.xmm[2 * d] : c.xmm[2 * d + 1];
            set(c, d, r0, (i.imm & 2) == 0 ? bl : bh);
        });
        t.put(Op.UNPCKLPS, (c, i) -> {
            long b = lo(c, i, i.o1);
            hi(c, i, i.o1);          // reads (and checks) the whole 16-byte operand, as the hardware does
            int d = x(i.o0);
            long a = c.xmm[2 * d];
            set(c, d, (a & LOW32) | b << 32, (a >>> 32) | (b & ~LOW32));
        });
        t.put(Op.UNPCKHPS, (c, i) -> {
            long b = hi(c, i, i.o1);
            int d = x(i.o0);
            long a = c.xmm[2 * d + 1];
            set(c, d, (a & LOW32) | b << 32, (a >>> 32) | (b & ~LOW32));
        });
        t.put(Op.UNPCKLPD, (c, i) -> {
            long b = lo(c, i, i.o1);
            hi(c, i, i.o1);
            int d = x(i.o0);
            c.xmm[2 * d + 1] = b;
        });
        t.put(Op.UNPCKHPD, (c, i) -> {
            long b = hi(c, i, i.o1);
            int d = x(i.o0);
            set(c, d, c.xmm[2 * d + 1], b);
        });
    }

    /** SHUFPS: the low two result lanes from the destination, the high two from the source, each picked by 2 bits. */
    private static void shufps(Cpu c, Insn i) {
        long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
        int d = x(i.o0);
        long al = c.xmm[2 * d], ah = c.xmm[2 * d + 1];
        int m = (int) i.imm;
        long r0 = lane(al, ah, m), r1 = lane(al, ah, m >>> 2);
        long r2 = lane(bl, bh, m >>> 4), r3 = lane(bl, bh, m >>> 6);
        set(c, d, r0 | r1 << 32, r2 | r3 << 32);
    }

    /** Dword lane {@code sel & 3} of a 128-bit value, zero-extended. */
    static long lane(long lo, long hi, int sel) {
        long q = (sel & 2) == 0 ? lo : hi;
        return (sel & 1) == 0 ? q & LOW32 : q >>> 32;
    }
}
