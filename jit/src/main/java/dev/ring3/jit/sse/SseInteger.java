package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Simd.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Semantics;

/**
 * MMX and SSE2 packed-integer instructions (SDM vol. 2): lane-wise arithmetic, saturation, compares and logic
 * ({@link Lanes}), shifts by a register, memory or immediate count, PSRLDQ/PSLLDQ, and the MMX control instruction
 * EMMS. Packs, unpacks, shuffles, PMOVMSKB, PINSRW and PEXTRW are in {@link SseIntegerShuffle}.
 *
 * <p>Every operation has an MMX form (first operand an MMX register, one 64-bit group) and an XMM form (two
 * independent groups, a 16-byte memory operand aligned), except where the SDM gives only one.
 */
public final class SseInteger {
    private SseInteger() {}

    public static void register(Semantics.Table t) {
        lanes(t, Op.PADDB, Lanes.PADDB);
        lanes(t, Op.PADDW, Lanes.PADDW);
        lanes(t, Op.PADDD, Lanes.PADDD);
        lanes(t, Op.PADDQ, Lanes.PADDQ);
        lanes(t, Op.PSUBB, Lanes.PSUBB);
        lanes(t, Op.PSUBW, Lanes.PSUBW);
        lanes(t, Op.PSUBD, Lanes.PSUBD);
        lanes(t, Op.PSUBQ, Lanes.PSUBQ);
        lanes(t, Op.PADDSB, Lanes.PADDSB);
        lanes(t, Op.PADDSW, Lanes.PADDSW);
        lanes(t, Op.PADDUSB, Lanes.PADDUSB);
        lanes(t, Op.PADDUSW, Lanes.PADDUSW);
        lanes(t, Op.PSUBSB, Lanes.PSUBSB);
        lanes(t, Op.PSUBSW, Lanes.PSUBSW);
        lanes(t, Op.PSUBUSB, Lanes.PSUBUSB);
        lanes(t, Op.PSUBUSW, Lanes.PSUBUSW);
        lanes(t, Op.PMULLW, Lanes.PMULLW);
        lanes(t, Op.PMULHW, Lanes.PMULHW);
        lanes(t, Op.PMULHUW, Lanes.PMULHUW);
        lanes(t, Op.PMULUDQ, Lanes.PMULUDQ);
        lanes(t, Op.PMADDWD, Lanes.PMADDWD);
        lanes(t, Op.PSADBW, Lanes.PSADBW);
        lanes(t, Op.PAVGB, Lanes.PAVGB);
        lanes(t, Op.PAVGW, Lanes.PAVGW);
        lanes(t, Op.PMINUB, Lanes.PMINUB);
        lanes(t, Op.PMAXUB, Lanes.PMAXUB);
        lanes(t, Op.PMINSW, Lanes.PMINSW);
        lanes(t, Op.PMAXSW, Lanes.PMAXSW);
        lanes(t, Op.PCMPEQB, Lanes.PCMPEQB);
        lanes(t, Op.PCMPEQW, Lanes.PCMPEQW);
        lanes(t, Op.PCMPEQD, Lanes.PCMPEQD);
        lanes(t, Op.PCMPGTB, Lanes.PCMPGTB);
        lanes(t, Op.PCMPGTW, Lanes.PCMPGTW);
        lanes(t, Op.PCMPGTD, Lanes.PCMPGTD);
        lanes(t, Op.PAND, Lanes.PAND);
        lanes(t, Op.PANDN, Lanes.PANDN);
        lanes(t, Op.POR, Lanes.POR);
        lanes(t, Op.PXOR, Lanes.PXOR);
        shifts(t, Op.PSRLW, Lanes.SRL, 16);
        shifts(t, Op.PSRLD, Lanes.SRL, 32);
        shifts(t, Op.PSRLQ, Lanes.SRL, 64);
        shifts(t, Op.PSRAW, Lanes.SRA, 16);
        shifts(t, Op.PSRAD, Lanes.SRA, 32);
        shifts(t, Op.PSLLW, Lanes.SLL, 16);
        shifts(t, Op.PSLLD, Lanes.SLL, 32);
        shifts(t, Op.PSLLQ, Lanes.SLL, 64);
        t.put(Op.PSRLDQ, (c, i) -> byteShift(c, i, false));
        t.put(Op.PSLLDQ, (c, i) -> byteShift(c, i, true));
        t.put(Op.EMMS, (c, i) -> {
            c.fpu.tag = 0xFFFF;   // all registers empty
            c.fpu.top = 0;        // and TOP 0, as the host does
        });
        SseIntegerShuffle.register(t);
    }

    private static void lanes(Semantics.Table t, Op op, int kind) {
        t.put(op, (c, i) -> binary(c, i, kind));
    }

    private static void binary(Cpu c, Insn i, int kind) {
        if (isMmx(i.o0)) {
            long b = q(c, i, i.o1);
            int d = Operand.reg(i.o0);
            mmx(c);
            setMm(c, d, Lanes.apply(kind, mm(c, d), b));
            return;
        }
        long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
        int d = x(i.o0);
        set(c, d, Lanes.apply(kind, c.xmm[2 * d], bl), Lanes.apply(kind, c.xmm[2 * d + 1], bh));
    }

    private static void shifts(Semantics.Table t, Op op, int kind, int bits) {
        t.put(op, (c, i) -> shift(c, i, kind, bits));
    }

    /**
     * A shift by an immediate (groups 12-14: the register is the first operand, the count imm8) or by the low
     * quadword of a register or memory operand (which for the XMM form is a 16-byte aligned operand).
     */
    private static void shift(Cpu c, Insn i, int kind, int bits) {
        long count;
        if (Operand.kind(i.o1) == Operand.IMM) count = i.imm & 0xFF;
        else if (isMmx(i.o0)) count = q(c, i, i.o1);
        else {
            count = lo(c, i, i.o1);
            if (Operand.isMem(i.o1)) hi(c, i, i.o1);
        }
        if (isMmx(i.o0)) {
            int d = Operand.reg(i.o0);
            mmx(c);
            setMm(c, d, Lanes.shift(kind, bits, mm(c, d), count));
            return;
        }
        int d = x(i.o0);
        set(c, d, Lanes.shift(kind, bits, c.xmm[2 * d], count), Lanes.shift(kind, bits, c.xmm[2 * d + 1], count));
    }

    /** PSRLDQ/PSLLDQ: the whole register shifted by imm8 bytes; 16 or more clears it. */
    private static void byteShift(Cpu c, Insn i, boolean left) {
        int d = x(i.o0);
        int n = (int) (i.imm & 0xFF);
        long lo = c.xmm[2 * d], hi = c.xmm[2 * d + 1];
        long rl, rh;
        if (n >= 16) {
            rl = rh = 0;
        } else if (n >= 8) {
            int s = (n - 8) * 8;
            if (left) {
                rl = 0;
                rh = lo << s;
            } else {
                rl = hi >>> s;
                rh = 0;
            }
        } else if (n == 0) {
            rl = lo;
            rh = hi;
        } else {
            int s = n * 8;
            if (left) {
                rl = lo << s;
                rh = hi << s | lo >>> (64 - s);
            } else {
                rl = lo >>> s | hi << (64 - s);
                rh = hi >>> s;
            }
        }
        set(c, d, rl, rh);
    }
}
