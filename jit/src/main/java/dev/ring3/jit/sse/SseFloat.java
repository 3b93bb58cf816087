package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Fp.D;
import static dev.ring3.jit.sse.Fp.S;
import static dev.ring3.jit.sse.Simd.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/**
 * SSE and SSE2 floating-point arithmetic, comparisons and logic on packed (PS, PD) and scalar (SS, SD) operands
 * (SDM vol. 2): ADD SUB MUL DIV SQRT MIN MAX, CMPcc, (U)COMIS, AND ANDN OR XOR; RCP and RSQRT ({@link Approx});
 * shuffles and unpacks are in {@link SseShuffle}.
 *
 * <p>Each lane is computed by {@link FpArith} inside one {@link Mxcsr#begin}/{@link Mxcsr#end} bracket, and the
 * destination is written only after that, so an unmasked exception leaves it unchanged. Scalar forms change only the
 * low lane of the destination.
 */
public final class SseFloat {
    private SseFloat() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    public static void register(Semantics.Table t) {
        arith(t, FpArith.ADD, Op.ADDPS, Op.ADDPD, Op.ADDSS, Op.ADDSD);
        arith(t, FpArith.SUB, Op.SUBPS, Op.SUBPD, Op.SUBSS, Op.SUBSD);
        arith(t, FpArith.MUL, Op.MULPS, Op.MULPD, Op.MULSS, Op.MULSD);
        arith(t, FpArith.DIV, Op.DIVPS, Op.DIVPD, Op.DIVSS, Op.DIVSD);
        arith(t, FpArith.MIN, Op.MINPS, Op.MINPD, Op.MINSS, Op.MINSD);
        arith(t, FpArith.MAX, Op.MAXPS, Op.MAXPD, Op.MAXSS, Op.MAXSD);
        arith(t, FpArith.SQRT, Op.SQRTPS, Op.SQRTPD, Op.SQRTSS, Op.SQRTSD);
        t.put(Op.CMPPS, (c, i) -> cmpPacked(c, i, S));
        t.put(Op.CMPPD, (c, i) -> cmpPacked(c, i, D));
        t.put(Op.CMPSS, (c, i) -> cmpScalar(c, i, S));
        t.put(Op.CMPSD_X, (c, i) -> cmpScalar(c, i, D));
        t.put(Op.UCOMISS, (c, i) -> comi(c, i, S, false));
        t.put(Op.UCOMISD, (c, i) -> comi(c, i, D, false));
        t.put(Op.COMISS, (c, i) -> comi(c, i, S, true));
        t.put(Op.COMISD, (c, i) -> comi(c, i, D, true));
        for (Op op : new Op[] {Op.ANDPS, Op.ANDPD}) t.put(op, (c, i) -> logic(c, i, 0));
        for (Op op : new Op[] {Op.ANDNPS, Op.ANDNPD}) t.put(op, (c, i) -> logic(c, i, 1));
        for (Op op : new Op[] {Op.ORPS, Op.ORPD}) t.put(op, (c, i) -> logic(c, i, 2));
        for (Op op : new Op[] {Op.XORPS, Op.XORPD}) t.put(op, (c, i) -> logic(c, i, 3));
        Approx.register(t);
        SseShuffle.register(t);
    }

    private static void arith(Semantics.Table t, int kind, Op ps, Op pd, Op ss, Op sd) {
        t.put(ps, (c, i) -> packed(c, i, kind, S));
        t.put(pd, (c, i) -> packed(c, i, kind, D));
        t.put(ss, (c, i) -> scalar(c, i, kind, S));
        t.put(sd, (c, i) -> scalar(c, i, kind, D));
    }

    private static void packed(Cpu c, Insn i, int kind, int f) {
        long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
        int d = x(i.o0);
        long al = c.xmm[2 * d], ah = c.xmm[2 * d + 1];
        int saved = Mxcsr.begin(c);
        long rl, rh;
        if (f == D) {
            rl = FpArith.op(c, kind, D, al, bl);
            rh = FpArith.op(c, kind, D, ah, bh);
        } else {
            rl = FpArith.op(c, kind, S, al & LOW32, bl & LOW32) | FpArith.op(c, kind, S, al >>> 32, bl >>> 32) << 32;
            rh = FpArith.op(c, kind, S, ah & LOW32, bh & LOW32) | FpArith.op(c, kind, S, ah >>> 32, bh >>> 32) << 32;
        }
        Mxcsr.end(c, i, saved);
        set(c, d, rl, rh);
    }

    private static void scalar(Cpu c, Insn i, int kind, int f) {
        long b = lo(c, i, i.o1);
        int d = x(i.o0);
        long a = c.xmm[2 * d];
        int saved = Mxcsr.begin(c);
        long r = f == D ? FpArith.op(c, kind, D, a, b) : FpArith.op(c, kind, S, a & LOW32, b & LOW32);
        Mxcsr.end(c, i, saved);
        c.xmm[2 * d] = f == D ? r : (a & ~LOW32) | r;
    }

    private static void cmpPacked(Cpu c, Insn i, int f) {
        long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
        int d = x(i.o0);
        int p = (int) i.imm & 7;
        long al = c.xmm[2 * d], ah = c.xmm[2 * d + 1];
        int saved = Mxcsr.begin(c);
        long rl, rh;
        if (f == D) {
            rl = FpCompare.cmp(c, D, al, bl, p) ? -1L : 0;
            rh = FpCompare.cmp(c, D, ah, bh, p) ? -1L : 0;
        } else {
            rl = cmp2(c, al, bl, p);
            rh = cmp2(c, ah, bh, p);
        }
        Mxcsr.end(c, i, saved);
        set(c, d, rl, rh);
    }

    private static long cmp2(Cpu c, long a, long b, int p) {
        long lo = FpCompare.cmp(c, S, a & LOW32, b & LOW32, p) ? LOW32 : 0;
        long hi = FpCompare.cmp(c, S, a >>> 32, b >>> 32, p) ? LOW32 << 32 : 0;
        return lo | hi;
    }

    private static void cmpScalar(Cpu c, Insn i, int f) {
        long b = lo(c, i, i.o1);
        int d = x(i.o0);
        int p = (int) i.imm & 7;
        long a = c.xmm[2 * d];
        int saved = Mxcsr.begin(c);
        boolean r = f == D ? FpCompare.cmp(c, D, a, b, p) : FpCompare.cmp(c, S, a & LOW32, b & LOW32, p);
        Mxcsr.end(c, i, saved);
        c.xmm[2 * d] = f == D ? (r ? -1L : 0) : (a & ~LOW32) | (r ? LOW32 : 0);
    }

    /** (U)COMISS/(U)COMISD: ZF PF CF from the comparison, OF SF AF cleared. */
    private static void comi(Cpu c, Insn i, int f, boolean signalQuiet) {
        long b = lo(c, i, i.o1);
        long a = c.xmm[2 * x(i.o0)];
        if (f == S) {
            a &= LOW32;
            b &= LOW32;
        }
        int saved = Mxcsr.begin(c);
        long fl = FpCompare.comi(c, f, a, b, signalQuiet);
        Mxcsr.end(c, i, saved);
        Flags.putAll(c, FlagBits.STATUS, fl);
    }

    /** ANDPS/ANDNPS/ORPS/XORPS (and PD): bitwise on 128 bits; ANDN complements the destination first. */
    private static void logic(Cpu c, Insn i, int kind) {
        long bl = lo(c, i, i.o1), bh = hi(c, i, i.o1);
        int d = x(i.o0);
        long al = c.xmm[2 * d], ah = c.xmm[2 * d + 1];
        switch (kind) {
            case 0 -> set(c, d, al & bl, ah & bh);
            case 1 -> set(c, d, ~al & bl, ~ah & bh);
            case 2 -> set(c, d, al | bl, ah | bh);
            default -> set(c, d, al ^ bl, ah ^ bh);
        }
    }
}
