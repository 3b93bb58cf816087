package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Simd.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Exec;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;

/**
 * SSE, SSE2 and MMX data movement (SDM vol. 2): whole-register moves (MOVAPS MOVUPS MOVDQA MOVDQU and the
 * non-temporal stores), scalar moves (MOVSS MOVSD), half moves (MOVLPS MOVHPS MOVHLPS MOVLHPS ...), MOVD/MOVQ in all
 * their forms, MOVQ2DQ/MOVDQ2Q, sign-mask extraction (MOVMSKPS/PD), byte-masked stores (MASKMOVQ, MASKMOVDQU), and
 * MXCSR's own LDMXCSR/STMXCSR.
 *
 * <p>Register-to-register scalar moves keep the rest of the destination; loads from memory zero it. Moves raise no
 * floating-point exceptions: they copy bits, NaNs included.
 */
public final class SseMoves {
    private SseMoves() {}

    public static void register(Semantics.Table t) {
        Exec aligned = (c, i) -> move128(c, i, false);
        Exec unaligned = (c, i) -> move128(c, i, true);
        for (Op op : new Op[] {Op.MOVAPS, Op.MOVAPD, Op.MOVDQA, Op.MOVNTPS, Op.MOVNTPD, Op.MOVNTDQ}) t.put(op, aligned);
        for (Op op : new Op[] {Op.MOVUPS, Op.MOVUPD, Op.MOVDQU}) t.put(op, unaligned);
        t.put(Op.MOVSS, (c, i) -> scalar(c, i, 4));
        t.put(Op.MOVSD_X, (c, i) -> scalar(c, i, 8));
        Exec low = (c, i) -> half(c, i, 0);
        Exec high = (c, i) -> half(c, i, 1);
        t.put(Op.MOVLPS, low);
        t.put(Op.MOVLPD, low);
        t.put(Op.MOVHPS, high);
        t.put(Op.MOVHPD, high);
        t.put(Op.MOVHLPS, (c, i) -> c.xmm[2 * x(i.o0)] = c.xmm[2 * x(i.o1) + 1]);
        t.put(Op.MOVLHPS, (c, i) -> c.xmm[2 * x(i.o0) + 1] = c.xmm[2 * x(i.o1)]);
        t.put(Op.MOVMSKPS, SseMoves::movmskps);
        t.put(Op.MOVMSKPD, (c, i) -> {
            int s = x(i.o1);
            long m = (c.xmm[2 * s] >>> 63) | (c.xmm[2 * s + 1] >>> 63) << 1;
            Operands.setReg(c, Operand.reg(i.o0), 4, m);
        });
        t.put(Op.MOVD, SseMoves::movq);
        t.put(Op.MOVQ, SseMoves::movq);
        t.put(Op.MOVNTQ, (c, i) -> {
            c.mem.write64(Operands.ea(c, i), mm(c, Operand.reg(i.o1)));
            mmx(c);
        });
        t.put(Op.MOVQ2DQ, (c, i) -> {
            mmx(c);
            set(c, x(i.o0), mm(c, Operand.reg(i.o1)), 0);
        });
        t.put(Op.MOVDQ2Q, (c, i) -> {
            mmx(c);
            setMm(c, Operand.reg(i.o0), c.xmm[2 * x(i.o1)]);
        });
        t.put(Op.MASKMOVQ, SseMoves::maskmov);
        t.put(Op.MASKMOVDQU, SseMoves::maskmov);
        t.put(Op.LDMXCSR, SseMoves::ldmxcsr);
        t.put(Op.STMXCSR, (c, i) -> c.mem.write32(Operands.ea(c, i), c.mxcsr));
    }

    /** A 16-byte move between XMM registers and memory. */
    private static void move128(Cpu c, Insn i, boolean unaligned) {
        long lo, hi;
        if (unaligned) {
            lo = loU(c, i, i.o1);
            hi = hiU(c, i, i.o1);
        } else {
            lo = lo(c, i, i.o1);
            hi = hi(c, i, i.o1);
        }
        store(c, i, i.o0, lo, hi, unaligned);
    }

    /** MOVSS/MOVSD: a 4- or 8-byte lane; a load from memory zeroes the rest of the register. */
    private static void scalar(Cpu c, Insn i, int size) {
        long m = size == 4 ? 0xFFFF_FFFFL : -1L;
        if (Operand.isMem(i.o0)) {
            c.mem.write(Operands.ea(c, i), size, c.xmm[2 * x(i.o1)]);
        } else if (Operand.isMem(i.o1)) {
            set(c, x(i.o0), c.mem.read(Operands.ea(c, i), size), 0);
        } else {
            int d = 2 * x(i.o0);
            c.xmm[d] = (c.xmm[d] & ~m) | (c.xmm[2 * x(i.o1)] & m);
        }
    }

    /** MOVLPS/MOVLPD/MOVHPS/MOVHPD between one quadword of an XMM register and memory. */
    private static void half(Cpu c, Insn i, int which) {
        if (Operand.isMem(i.o0)) {
            c.mem.write64(Operands.ea(c, i), c.xmm[2 * x(i.o1) + which]);
        } else {
            c.xmm[2 * x(i.o0) + which] = c.mem.read64(Operands.ea(c, i));
        }
    }

    private static void movmskps(Cpu c, Insn i) {
        int s = x(i.o1);
        long lo = c.xmm[2 * s], hi = c.xmm[2 * s + 1];
        long m = (lo >>> 31 & 1) | (lo >>> 63) << 1 | (hi >>> 31 & 1) << 2 | (hi >>> 63) << 3;
        Operands.setReg(c, Operand.reg(i.o0), 4, m);
    }

    /**
     * MOVD and MOVQ in every form: between a general register or memory (4 or 8 bytes) and an XMM or MMX register,
     * between MMX registers and memory, and the XMM quadword moves (F3 0F 7E, 66 0F D6). Writing an XMM register
     * zeroes what lies above the moved value.
     */
    private static void movq(Cpu c, Insn i) {
        int src = i.o1, dst = i.o0;
        long v = switch (Operand.kind(src)) {
            case Operand.XMM -> c.xmm[2 * Operand.reg(src)];
            case Operand.MMX -> mm(c, Operand.reg(src));
            default -> Operands.read(c, i, src);
        };
        switch (Operand.kind(dst)) {
            case Operand.XMM -> set(c, Operand.reg(dst), v, 0);
            case Operand.MMX -> setMm(c, Operand.reg(dst), v);
            default -> Operands.write(c, i, dst, v);
        }
        if (Operand.kind(src) == Operand.MMX || Operand.kind(dst) == Operand.MMX) mmx(c);
    }

    /**
     * MASKMOVQ/MASKMOVDQU: stores the bytes of the first operand whose mask byte (in the second) has its top bit
     * set, to [RDI] (EDI with a 67 prefix; FS/GS overrides apply).
     */
    private static void maskmov(Cpu c, Insn i) {
        long base = c.r[Cpu.RDI];
        if (i.asize == 4) base &= 0xFFFF_FFFFL;
        if (i.seg == Prefix.SEG_FS) base += c.fsBase;
        else if (i.seg == Prefix.SEG_GS) base += c.gsBase;
        if (isMmx(i.o0)) {
            maskStore(c, base, mm(c, Operand.reg(i.o0)), mm(c, Operand.reg(i.o1)));
            mmx(c);
        } else {
            int d = x(i.o0), m = x(i.o1);
            maskStore(c, base, c.xmm[2 * d], c.xmm[2 * m]);
            maskStore(c, base + 8, c.xmm[2 * d + 1], c.xmm[2 * m + 1]);
        }
    }

    private static void maskStore(Cpu c, long a, long data, long mask) {
        for (int k = 0; k < 8; k++) {
            if ((mask >>> (8 * k + 7) & 1) != 0) c.mem.write8(a + k, data >>> (8 * k));
        }
    }

    /** LDMXCSR: setting a reserved bit (16-31) is #GP, delivered as SIGSEGV (SDM vol. 2, LDMXCSR). */
    private static void ldmxcsr(Cpu c, Insn i) {
        int v = (int) c.mem.read32(Operands.ea(c, i));
        if ((v & ~Mxcsr.WRITABLE) != 0) {
            throw new GuestFault(GuestFault.SIGSEGV, GuestFault.SI_KERNEL, i.addr, 0,
                    "LDMXCSR with reserved bits set: 0x" + Integer.toHexString(v));
        }
        c.mxcsr = v;
    }
}
