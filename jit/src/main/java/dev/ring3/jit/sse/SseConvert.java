package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Fp.D;
import static dev.ring3.jit.sse.Fp.S;
import static dev.ring3.jit.sse.Simd.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;

/**
 * SSE and SSE2 conversions (SDM vol. 2, CVT*): between integers (general registers, MMX registers, XMM lanes) and
 * floating point, and between single and double precision. Lanes are converted by {@link FpConvert} inside one
 * MXCSR bracket; the destination is written afterwards. The forms with an MMX register operand make the x87-to-MMX
 * transition; CVTPI2PS and CVTPI2PD with a memory source do not (as observed on the host: TOP and the tags are
 * left alone).
 */
public final class SseConvert {
    private SseConvert() {}

    private static final long LOW32 = 0xFFFF_FFFFL;

    public static void register(Semantics.Table t) {
        t.put(Op.CVTSI2SS, (c, i) -> fromGpr(c, i, S));
        t.put(Op.CVTSI2SD, (c, i) -> fromGpr(c, i, D));
        t.put(Op.CVTSS2SI, (c, i) -> toGpr(c, i, S, false));
        t.put(Op.CVTSD2SI, (c, i) -> toGpr(c, i, D, false));
        t.put(Op.CVTTSS2SI, (c, i) -> toGpr(c, i, S, true));
        t.put(Op.CVTTSD2SI, (c, i) -> toGpr(c, i, D, true));
        t.put(Op.CVTSS2SD, SseConvert::cvtss2sd);
        t.put(Op.CVTSD2SS, SseConvert::cvtsd2ss);
        t.put(Op.CVTPS2PD, SseConvert::cvtps2pd);
        t.put(Op.CVTPD2PS, SseConvert::cvtpd2ps);
        t.put(Op.CVTDQ2PS, SseConvert::cvtdq2ps);
        t.put(Op.CVTPS2DQ, (c, i) -> ps2dq(c, i, false));
        t.put(Op.CVTTPS2DQ, (c, i) -> ps2dq(c, i, true));
        t.put(Op.CVTDQ2PD, (c, i) -> {
            long v = lo(c, i, i.o1);
            set(c, x(i.o0), FpConvert.fromInt(c, D, (int) v), FpConvert.fromInt(c, D, v >> 32));
        });
        t.put(Op.CVTPD2DQ, (c, i) -> pd2dq(c, i, false));
        t.put(Op.CVTTPD2DQ, (c, i) -> pd2dq(c, i, true));
        t.put(Op.CVTPI2PS, SseConvert::cvtpi2ps);
        t.put(Op.CVTPI2PD, (c, i) -> {
            long v = q(c, i, i.o1);
            set(c, x(i.o0), FpConvert.fromInt(c, D, (int) v), FpConvert.fromInt(c, D, v >> 32));
            if (isMmx(i.o1)) mmx(c);
        });
        t.put(Op.CVTPS2PI, (c, i) -> ps2pi(c, i, false));
        t.put(Op.CVTTPS2PI, (c, i) -> ps2pi(c, i, true));
        t.put(Op.CVTPD2PI, (c, i) -> pd2pi(c, i, false));
        t.put(Op.CVTTPD2PI, (c, i) -> pd2pi(c, i, true));
    }

    /** CVTSI2SS/SD: a 32- or 64-bit signed integer into the low lane. */
    private static void fromGpr(Cpu c, Insn i, int f) {
        int size = Operand.size(i.o1);
        long v = Operands.sext(Operands.read(c, i, i.o1), size);
        int d = x(i.o0);
        int saved = Mxcsr.begin(c);
        long r = FpConvert.fromInt(c, f, v);
        Mxcsr.end(c, i, saved);
        c.xmm[2 * d] = f == D ? r : (c.xmm[2 * d] & ~LOW32) | r;
    }

    /** CVT(T)SS2SI / CVT(T)SD2SI into a 32- or 64-bit general register. */
    private static void toGpr(Cpu c, Insn i, int f, boolean truncate) {
        long a = lo(c, i, i.o1);
        if (f == S) a &= LOW32;
        int size = Operand.size(i.o0);
        int saved = Mxcsr.begin(c);
        long r = FpConvert.toInt(c, f, a, size == 8, truncate);
        Mxcsr.end(c, i, saved);
        Operands.setReg(c, Operand.reg(i.o0), size, r);
    }

    private static void cvtss2sd(Cpu c, Insn i) {
        long a = lo(c, i, i.o1) & LOW32;
        int saved = Mxcsr.begin(c);
        long r = FpConvert.convert(c, S, D, a);
        Mxcsr.end(c, i, saved);
        c.xmm[2 * x(i.o0)] = r;
    }

    private static void cvtsd2ss(Cpu c, Insn i) {
        long a = lo(c, i, i.o1);
        int d = x(i.o0);
        int saved = Mxcsr.begin(c);
        long r = FpConvert.convert(c, D, S, a);
        Mxcsr.end(c, i, saved);
        c.xmm[2 * d] = (c.xmm[2 * d] & ~LOW32) | r;
    }

    private static void cvtps2pd(Cpu c, Insn i) {
        long a = lo(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r0 = FpConvert.convert(c, S, D, a & LOW32), r1 = FpConvert.convert(c, S, D, a >>> 32);
        Mxcsr.end(c, i, saved);
        set(c, x(i.o0), r0, r1);
    }

    private static void cvtpd2ps(Cpu c, Insn i) {
        long a0 = lo(c, i, i.o1), a1 = hi(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r = FpConvert.convert(c, D, S, a0) | FpConvert.convert(c, D, S, a1) << 32;
        Mxcsr.end(c, i, saved);
        set(c, x(i.o0), r, 0);
    }

    private static void cvtdq2ps(Cpu c, Insn i) {
        long a0 = lo(c, i, i.o1), a1 = hi(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r0 = intPair(c, a0), r1 = intPair(c, a1);
        Mxcsr.end(c, i, saved);
        set(c, x(i.o0), r0, r1);
    }

    /** Two int32 lanes to two binary32 lanes. */
    private static long intPair(Cpu c, long v) {
        return FpConvert.fromInt(c, S, (int) v) | FpConvert.fromInt(c, S, v >> 32) << 32;
    }

    /** Two binary32 lanes to two int32 lanes. */
    private static long floatPair(Cpu c, long v, boolean truncate) {
        long r0 = FpConvert.toInt(c, S, v & LOW32, false, truncate) & LOW32;
        long r1 = FpConvert.toInt(c, S, v >>> 32, false, truncate) & LOW32;
        return r0 | r1 << 32;
    }

    /** Two binary64 values to two int32 lanes. */
    private static long doublePair(Cpu c, long v0, long v1, boolean truncate) {
        long r0 = FpConvert.toInt(c, D, v0, false, truncate) & LOW32;
        long r1 = FpConvert.toInt(c, D, v1, false, truncate) & LOW32;
        return r0 | r1 << 32;
    }

    private static void ps2dq(Cpu c, Insn i, boolean truncate) {
        long a0 = lo(c, i, i.o1), a1 = hi(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r0 = floatPair(c, a0, truncate), r1 = floatPair(c, a1, truncate);
        Mxcsr.end(c, i, saved);
        set(c, x(i.o0), r0, r1);
    }

    private static void pd2dq(Cpu c, Insn i, boolean truncate) {
        long a0 = lo(c, i, i.o1), a1 = hi(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r = doublePair(c, a0, a1, truncate);
        Mxcsr.end(c, i, saved);
        set(c, x(i.o0), r, 0);
    }

    private static void cvtpi2ps(Cpu c, Insn i) {
        long v = q(c, i, i.o1);
        int d = x(i.o0);
        int saved = Mxcsr.begin(c);
        long r = intPair(c, v);
        Mxcsr.end(c, i, saved);
        c.xmm[2 * d] = r;
        if (isMmx(i.o1)) mmx(c);
    }

    private static void ps2pi(Cpu c, Insn i, boolean truncate) {
        long a = lo(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r = floatPair(c, a, truncate);
        Mxcsr.end(c, i, saved);
        mmx(c);
        setMm(c, Operand.reg(i.o0), r);
    }

    private static void pd2pi(Cpu c, Insn i, boolean truncate) {
        long a0 = lo(c, i, i.o1), a1 = hi(c, i, i.o1);
        int saved = Mxcsr.begin(c);
        long r = doublePair(c, a0, a1, truncate);
        Mxcsr.end(c, i, saved);
        mmx(c);
        setMm(c, Operand.reg(i.o0), r);
    }
}
