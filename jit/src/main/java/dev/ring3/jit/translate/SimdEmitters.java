package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.sse.Lanes;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Direct code for the SSE2 integer instructions of string functions and compiled loops (PCMPEQ*, PCMPGT*, PADD*,
 * PSUB*, PMINUB/PMAXUB, PMOVMSKB, PSHUFD/PSHUFLW/PSHUFHW, the unpacks, MOVNTDQ/MOVNTI): each half of the XMM register through a
 * {@link Swar} method. The MMX forms go through the interpreter's semantics.
 */
final class SimdEmitters {
    private SimdEmitters() {}

    static boolean handles(Insn i) {
        for (int k = 0; k < i.nops; k++) if (Operand.kind(i.operand(k)) == Operand.MMX) return false;
        return switch (i.op) {
            case PCMPEQB, PCMPEQW, PCMPEQD, PCMPGTB, PCMPGTW, PCMPGTD, PADDB, PADDW, PADDD, PADDQ, PSUBB, PSUBW,
                    PSUBD, PSUBQ, PMINUB, PMAXUB, PMOVMSKB, PSHUFD, PSHUFLW, PSHUFHW, PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKLQDQ,
                    PUNPCKHQDQ, MOVNTDQ, MOVNTPD, MOVNTPS, MOVNTI -> true;
            case PSRLW, PSRAW, PSLLW, PSRLD, PSRAD, PSLLD, PSRLQ, PSLLQ -> Operand.kind(i.o1) == Operand.IMM;
            default -> false;
        };
    }

    private static int x(int o) { return Operand.reg(o); }

    static boolean emit(Translator t, Insn i) {
        return switch (i.op) {
            case PCMPEQB -> lanes(t, i, "eqB");
            case PSRLW -> shiftImm(t, i, Lanes.SRL, 16);
            case PSRAW -> shiftImm(t, i, Lanes.SRA, 16);
            case PSLLW -> shiftImm(t, i, Lanes.SLL, 16);
            case PSRLD -> shiftImm(t, i, Lanes.SRL, 32);
            case PSRAD -> shiftImm(t, i, Lanes.SRA, 32);
            case PSLLD -> shiftImm(t, i, Lanes.SLL, 32);
            case PSRLQ -> shiftImm(t, i, Lanes.SRL, 64);
            case PSLLQ -> shiftImm(t, i, Lanes.SLL, 64);
            case PCMPEQW -> lanes(t, i, "eqW");
            case PCMPEQD -> lanes(t, i, "eqD");
            case PCMPGTB -> lanes(t, i, "gtB");
            case PCMPGTW -> lanes(t, i, "gtW");
            case PCMPGTD -> lanes(t, i, "gtD");
            case PADDB -> lanes(t, i, "addB");
            case PADDW -> lanes(t, i, "addW");
            case PADDD -> lanes(t, i, "addD");
            case PADDQ -> lanes(t, i, null);
            case PSUBB -> lanes(t, i, "subB");
            case PSUBW -> lanes(t, i, "subW");
            case PSUBD -> lanes(t, i, "subD");
            case PSUBQ -> lanes(t, i, "-");
            case PMINUB -> lanes(t, i, "minUB");
            case PMAXUB -> lanes(t, i, "maxUB");
            case PMOVMSKB -> movemask(t, i);
            case PSHUFD -> pshufd(t, i);
            case PSHUFLW, PSHUFHW -> pshufw(t, i);
            case PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKLQDQ, PUNPCKHQDQ -> unpack(t, i);
            case MOVNTI -> {
                Gen g = t.g;
                int v = g.newLong();
                g.readReg(Operand.reg(i.o1), i.osize);
                g.lstore(v);
                g.storeAt(g.addressLocal(i), 0, v, i.osize);
                yield true;
            }
            default -> storeAligned(t, i);
        };
    }

    /** Loads a 16-byte source (XMM or aligned memory; misaligned memory goes to slow) into two locals. */
    private static int[] source(Translator t, Insn i, Label slow) {
        Gen g = t.g;
        int lo = g.newLong(), hi = g.newLong();
        if (Operand.kind(i.o1) == Operand.XMM) {
            g.xmmGet(x(i.o1), false);
            g.lstore(lo);
            g.xmmGet(x(i.o1), true);
            g.lstore(hi);
            return new int[] {lo, hi};
        }
        int a = g.addressLocal(i);
        g.lload(a);
        g.lconst(15);
        t.mv.visitInsn(LAND);
        g.lconst(0);
        t.mv.visitInsn(LCMP);
        t.mv.visitJumpInsn(IFNE, slow);
        g.load16(a, lo, hi);
        return new int[] {lo, hi};
    }

    private static void finish(Translator t, Insn i, Label slow) {
        if (!Operand.isMem(i.o1)) return;
        Label done = new Label();
        t.mv.visitJumpInsn(GOTO, done);
        t.mv.visitLabel(slow);
        if (t.conservative) t.fallback(i);
        else t.sideExit(i);
        t.mv.visitLabel(done);
    }

    /** dst.half = Swar.fn(dst.half, src.half) for both halves ("-"/null: 64-bit subtraction/addition). */
    private static boolean lanes(Translator t, Insn i, String fn) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label();
        int[] b = source(t, i, slow);
        for (int half = 0; half < 2; half++) {
            int r = g.newLong();
            g.xmmGet(x(i.o0), half == 1);
            g.lload(b[half]);
            if (fn == null) mv.visitInsn(LADD);
            else if (fn.equals("-")) mv.visitInsn(LSUB);
            else mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Swar", fn, "(JJ)J", false);
            g.lstore(r);
            g.xmmSet(x(i.o0), half == 1, r);
        }
        finish(t, i, slow);
        return Operand.isMem(i.o1);
    }

    /**
     * PSRLW/PSRAW/PSLLW/PSRLD/PSRAD/PSLLD/PSRLQ/PSLLQ by an immediate: each half through the interpreter's own
     * {@link Lanes#shift} with constant arguments, which C2 folds (bzip2 in busybox took 1.2 million PSLLD fallbacks).
     */
    private static boolean shiftImm(Translator t, Insn i, int kind, int bits) {
        Gen g = t.g;
        for (int half = 0; half < 2; half++) {
            int r = g.newLong();
            g.iconst(kind);
            g.iconst(bits);
            g.xmmGet(x(i.o0), half == 1);
            g.lconst(i.imm & 0xFF);
            t.mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/sse/Lanes", "shift", "(IIJJ)J", false);
            g.lstore(r);
            g.xmmSet(x(i.o0), half == 1, r);
        }
        return false;
    }

    private static boolean movemask(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        g.xmmGet(x(i.o1), false);
        mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Swar", "maskB", "(J)J", false);
        g.xmmGet(x(i.o1), true);
        mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Swar", "maskB", "(J)J", false);
        g.iconst(8);
        mv.visitInsn(LSHL);
        mv.visitInsn(LOR);
        g.writeReg(Operand.reg(i.o0), i.osize == 8 ? 8 : 4);
        return false;
    }

    /** PSHUFD: dword k of the result is dword (imm >> 2k) & 3 of the source. */
    private static boolean pshufd(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label();
        int[] b = source(t, i, slow);
        int imm = (int) i.imm & 0xFF;
        for (int half = 0; half < 2; half++) {
            int r = g.newLong();
            for (int k = 0; k < 2; k++) {
                int sel = (imm >> (2 * (2 * half + k))) & 3;
                g.lload(b[sel >> 1]);
                if ((sel & 1) == 1) {
                    g.iconst(32);
                    mv.visitInsn(LUSHR);
                } else {
                    g.zext(4);
                }
                if (k == 1) {
                    g.iconst(32);
                    mv.visitInsn(LSHL);
                    mv.visitInsn(LOR);
                }
            }
            g.lstore(r);
            g.xmmSet(x(i.o0), half == 1, r);
        }
        finish(t, i, slow);
        return Operand.isMem(i.o1);
    }

    /**
     * PSHUFLW / PSHUFHW: the four words of the low (high) quadword picked by the 2-bit fields of imm8, the other
     * quadword copied.
     */
    private static boolean pshufw(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label();
        int[] b = source(t, i, slow);
        int imm = (int) i.imm & 0xFF;
        boolean high = i.op == Op.PSHUFHW;
        int v = b[high ? 1 : 0], r = g.newLong();
        for (int k = 0; k < 4; k++) {
            int sel = (imm >>> (2 * k)) & 3;
            g.lload(v);
            if (sel != 0) {
                g.iconst(16 * sel);
                mv.visitInsn(LUSHR);
            }
            g.lconst(0xFFFF);
            mv.visitInsn(LAND);
            if (k != 0) {
                g.iconst(16 * k);
                mv.visitInsn(LSHL);
                mv.visitInsn(LOR);
            }
        }
        g.lstore(r);
        g.xmmSet(x(i.o0), high, r);
        g.xmmSet(x(i.o0), !high, b[high ? 0 : 1]);
        finish(t, i, slow);
        return Operand.isMem(i.o1);
    }

    /** Low unpacks interleave the low halves; PUNPCKHQDQ takes the high quadwords. */
    private static boolean unpack(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label();
        int[] b = source(t, i, slow);
        int a = g.newLong(), ah = g.newLong(), lo = g.newLong(), hi = g.newLong();
        g.xmmGet(x(i.o0), false);
        g.lstore(a);
        g.xmmGet(x(i.o0), true);
        g.lstore(ah);
        switch (i.op) {
            case PUNPCKLQDQ -> { g.lload(a); g.lstore(lo); g.lload(b[0]); g.lstore(hi); }
            case PUNPCKHQDQ -> { g.lload(ah); g.lstore(lo); g.lload(b[1]); g.lstore(hi); }
            default -> {
                String fn = switch (i.op) { case PUNPCKLBW -> "interleaveB"; case PUNPCKLWD -> "interleaveW"; default -> "interleaveD"; };
                int shift = 32;   // the high half interleaves the upper 32 bits of each low quadword
                g.lload(a);
                g.lload(b[0]);
                mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Swar", fn, "(JJ)J", false);
                g.lstore(lo);
                g.lload(a);
                g.iconst(shift);
                mv.visitInsn(LUSHR);
                g.lload(b[0]);
                g.iconst(shift);
                mv.visitInsn(LUSHR);
                mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Swar", fn, "(JJ)J", false);
                g.lstore(hi);
            }
        }
        g.xmmSet(x(i.o0), false, lo);
        g.xmmSet(x(i.o0), true, hi);
        finish(t, i, slow);
        return Operand.isMem(i.o1);
    }

    /** MOVNTDQ/MOVNTPD/MOVNTPS: an aligned 16-byte store (the non-temporal hint means nothing here). */
    private static boolean storeAligned(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label(), done = new Label();
        int a = g.addressLocal(i), lo = g.newLong(), hi = g.newLong();
        g.lload(a);
        g.lconst(15);
        mv.visitInsn(LAND);
        g.lconst(0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        g.xmmGet(x(i.o1), false);
        g.lstore(lo);
        g.xmmGet(x(i.o1), true);
        g.lstore(hi);
        g.store16(a, lo, hi);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        if (t.conservative) t.fallback(i);
        else t.sideExit(i);
        mv.visitLabel(done);
        return true;
    }
}
