package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Simd.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;

/**
 * Packed-integer data rearrangement (SDM vol. 2): PACKSSWB PACKUSWB PACKSSDW, PUNPCKL/H BW WD DQ QDQ, PSHUFD
 * PSHUFHW PSHUFLW PSHUFW, PMOVMSKB, PINSRW, PEXTRW, in their MMX and XMM forms.
 *
 * <p>Packs saturate the destination's elements into the low half of the result and the source's into the high
 * half; in the XMM form each half is one 64-bit group. Low unpacks interleave the low halves; their MMX form reads
 * only 4 bytes of a memory source (mm/m32).
 */
final class SseIntegerShuffle {
    private SseIntegerShuffle() {}

    private static final int SSWB = 0, USWB = 1, SSDW = 2;

    static void register(Semantics.Table t) {
        t.put(Op.PACKSSWB, (c, i) -> pack(c, i, SSWB));
        t.put(Op.PACKUSWB, (c, i) -> pack(c, i, USWB));
        t.put(Op.PACKSSDW, (c, i) -> pack(c, i, SSDW));
        unpack(t, Op.PUNPCKLBW, 8, false);
        unpack(t, Op.PUNPCKLWD, 16, false);
        unpack(t, Op.PUNPCKLDQ, 32, false);
        unpack(t, Op.PUNPCKHBW, 8, true);
        unpack(t, Op.PUNPCKHWD, 16, true);
        unpack(t, Op.PUNPCKHDQ, 32, true);
        t.put(Op.PUNPCKLQDQ, (c, i) -> {
            long b = lo(c, i, i.o1);
            hi(c, i, i.o1);
            c.xmm[2 * x(i.o0) + 1] = b;
        });
        t.put(Op.PUNPCKHQDQ, (c, i) -> {
            long b = hi(c, i, i.o1);
            int d = x(i.o0);
            set(c, d, c.xmm[2 * d + 1], b);
        });
        t.put(Op.PSHUFD, (c, i) -> {
            long l = lo(c, i, i.o1), h = hi(c, i, i.o1);
            int m = (int) i.imm;
            long r0 = SseShuffle.lane(l, h, m) | SseShuffle.lane(l, h, m >>> 2) << 32;
            long r1 = SseShuffle.lane(l, h, m >>> 4) | SseShuffle.lane(l, h, m >>> 6) << 32;
            set(c, x(i.o0), r0, r1);
        });
        t.put(Op.PSHUFHW, (c, i) -> {
            long l = lo(c, i, i.o1), h = hi(c, i, i.o1);
            set(c, x(i.o0), l, shuffleWords(h, (int) i.imm));
        });
        t.put(Op.PSHUFLW, (c, i) -> {
            long l = lo(c, i, i.o1), h = hi(c, i, i.o1);
            set(c, x(i.o0), shuffleWords(l, (int) i.imm), h);
        });
        t.put(Op.PSHUFW, (c, i) -> {
            long v = q(c, i, i.o1);
            mmx(c);
            setMm(c, Operand.reg(i.o0), shuffleWords(v, (int) i.imm));
        });
        t.put(Op.PMOVMSKB, (c, i) -> {
            long m;
            if (isMmx(i.o1)) {
                m = byteSigns(mm(c, Operand.reg(i.o1)));
                mmx(c);
            } else {
                int s = x(i.o1);
                m = byteSigns(c.xmm[2 * s]) | byteSigns(c.xmm[2 * s + 1]) << 8;
            }
            Operands.setReg(c, Operand.reg(i.o0), 4, m);
        });
        t.put(Op.PINSRW, SseIntegerShuffle::pinsrw);
        t.put(Op.PEXTRW, (c, i) -> {
            long w;
            if (isMmx(i.o1)) {
                w = mm(c, Operand.reg(i.o1)) >>> (16 * (i.imm & 3));
                mmx(c);
            } else {
                int k = (int) i.imm & 7;
                w = c.xmm[2 * x(i.o1) + (k >>> 2)] >>> (16 * (k & 3));
            }
            Operands.setReg(c, Operand.reg(i.o0), 4, w & 0xFFFF);
        });
    }

    private static void pack(Cpu c, Insn i, int kind) {
        if (isMmx(i.o0)) {
            long b = q(c, i, i.o1);
            int d = Operand.reg(i.o0);
            mmx(c);
            setMm(c, d, pack(kind, mm(c, d), b));
            return;
        }
        long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
        int d = x(i.o0);
        set(c, d, pack(kind, c.xmm[2 * d], c.xmm[2 * d + 1]), pack(kind, bl, bh));
    }

    /** The elements of x saturated into the low 32 bits of the result, those of y into the high 32. */
    private static long pack(int kind, long x, long y) {
        return half(kind, x) | half(kind, y) << 32;
    }

    private static long half(int kind, long v) {
        long r = 0;
        if (kind == SSDW) {
            r = Lanes.sat((int) v, -32768, 32767) & 0xFFFF;
            r |= (long) (Lanes.sat((int) (v >>> 32), -32768, 32767) & 0xFFFF) << 16;
            return r;
        }
        for (int k = 0; k < 4; k++) {
            int w = (short) (v >>> (16 * k));
            int b = kind == SSWB ? Lanes.sat(w, -128, 127) : Lanes.sat(w, 0, 255);
            r |= (long) (b & 0xFF) << (8 * k);
        }
        return r;
    }

    private static void unpack(Semantics.Table t, Op op, int bits, boolean high) {
        t.put(op, (c, i) -> {
            if (isMmx(i.o0)) {
                long b = high || !Operand.isMem(i.o1) ? q(c, i, i.o1) : c.mem.read32(Operands.ea(c, i));
                int d = Operand.reg(i.o0);
                mmx(c);
                long a = mm(c, d);
                setMm(c, d, high ? interleave(a >>> 32, b >>> 32, bits) : interleave(a, b, bits));
                return;
            }
            long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
            int d = x(i.o0);
            long a = high ? c.xmm[2 * d + 1] : c.xmm[2 * d];
            long b = high ? bh : bl;
            set(c, d, interleave(a, b, bits), interleave(a >>> 32, b >>> 32, bits));
        });
    }

    /** Interleaves the low 32 bits of a and b in elements of {@code bits}: a0 b0 a1 b1 ... */
    private static long interleave(long a, long b, int bits) {
        long m = (1L << bits) - 1;
        long r = 0;
        for (int k = 0, s = 0; s < 32; k++, s += bits) {
            r |= ((a >>> s) & m) << (2 * k * bits);
            r |= ((b >>> s) & m) << ((2 * k + 1) * bits);
        }
        return r;
    }

    /** The four words of v picked by the 2-bit fields of imm8. */
    private static long shuffleWords(long v, int imm) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int sel = (imm >>> (2 * k)) & 3;
            r |= ((v >>> (16 * sel)) & 0xFFFF) << (16 * k);
        }
        return r;
    }

    /** The top bit of each byte, as an 8-bit mask. */
    private static long byteSigns(long v) {
        long m = 0;
        for (int k = 0; k < 8; k++) m |= ((v >>> (8 * k + 7)) & 1) << k;
        return m;
    }

    /** PINSRW: the low word of a general register or a memory word into word imm8 (mod 4 or 8). */
    private static void pinsrw(Cpu c, Insn i) {
        long w = Operands.read(c, i, i.o1, 2);
        if (isMmx(i.o0)) {
            int d = Operand.reg(i.o0);
            int s = 16 * (int) (i.imm & 3);
            mmx(c);
            setMm(c, d, (mm(c, d) & ~(0xFFFFL << s)) | w << s);
            return;
        }
        int k = (int) i.imm & 7;
        int idx = 2 * x(i.o0) + (k >>> 2), s = 16 * (k & 3);
        c.xmm[idx] = (c.xmm[idx] & ~(0xFFFFL << s)) | w << s;
    }
}
