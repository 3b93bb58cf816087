package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Direct bytecode for the SSE2 instructions of compiled floating-point code: scalar and packed double arithmetic,
 * the moves, the bitwise operations, UNPCKL/HPD, the common conversions and UCOMISD/COMISD. Floating-point
 * arithmetic is the host's own IEEE operation, valid because the region checked MXCSR on entry
 * ({@link #ENTRY_MXCSR}: round to nearest, masked, PE already set) and each operation checks that its operands and
 * result are ordinary, or proves it from the ranges of its operands ({@link FpRanges}); anything else (NaN,
 * infinity, denormals, overflow, underflow, division by zero, a misaligned 16-byte operand) leaves by a side exit
 * to the instruction's exact semantics. XMM lanes live in locals of the method ({@link Gen#xmmLocal}). Every
 * emitter here keeps the ranges of the lanes it writes up to date.
 */
final class SseEmitters {
    private SseEmitters() {}

    static final int PE = 0x20;

    /** True if this emitter handles the instruction. */
    static boolean handles(Insn i) {
        return switch (i.op) {
            case MOVSD_X, MOVSS, MOVAPD, MOVAPS, MOVDQA, MOVUPD, MOVUPS, MOVDQU, MOVQ, MOVD,
                    MOVLPD, MOVLPS, MOVHPD, MOVHPS,
                    ADDSD, SUBSD, MULSD, DIVSD, SQRTSD, MINSD, MAXSD, ADDPD, SUBPD, MULPD, DIVPD,
                    XORPD, XORPS, ANDPD, ANDPS, ANDNPD, ANDNPS, ORPD, ORPS, PXOR, PAND, PANDN, POR,
                    UNPCKLPD, UNPCKHPD, CVTSI2SD, CVTTSD2SI, CVTSD2SS, CVTSS2SD, UCOMISD, COMISD ->
                    !mmx(i);
            default -> false;
        };
    }

    private static boolean mmx(Insn i) {
        for (int k = 0; k < i.nops; k++) if (Operand.kind(i.operand(k)) == Operand.MMX) return true;
        return false;
    }

    private static int x(int o) { return Operand.reg(o); }

    private static boolean xmm(int o) { return Operand.kind(o) == Operand.XMM; }

    static boolean emit(Translator t, Insn i) {
        if (t.conservative && needsEntryMxcsr(i)) {
            if (xmm(i.o0)) t.ranges.forgetRegister(x(i.o0));
            t.fallback(i);
            return false;
        }
        switch (i.op) {
            case MOVSD_X -> { return movScalar(t, i, 8); }
            case MOVSS -> { return movScalar(t, i, 4); }
            case MOVAPD, MOVAPS, MOVDQA -> { return mov128(t, i, true); }
            case MOVUPD, MOVUPS, MOVDQU -> { return mov128(t, i, false); }
            case MOVQ, MOVD -> { return movq(t, i); }
            case MOVLPD, MOVLPS -> { return movHalf(t, i, false); }
            case MOVHPD, MOVHPS -> { return movHalf(t, i, true); }
            case ADDSD, SUBSD, MULSD, DIVSD, MINSD, MAXSD -> { return scalar(t, i, false); }
            case SQRTSD -> { return scalar(t, i, true); }
            case ADDPD, SUBPD, MULPD, DIVPD -> { return packed(t, i); }
            case XORPD, XORPS, PXOR -> { return bitwise(t, i, LXOR, false); }
            case ANDPD, ANDPS, PAND -> { return bitwise(t, i, LAND, false); }
            case ANDNPD, ANDNPS, PANDN -> { return bitwise(t, i, LAND, true); }
            case ORPD, ORPS, POR -> { return bitwise(t, i, LOR, false); }
            case UNPCKLPD, UNPCKHPD -> { return unpack(t, i); }
            case CVTSI2SD -> { return cvtsi2sd(t, i); }
            case CVTTSD2SI -> { return cvttsd2si(t, i); }
            case CVTSD2SS -> { return cvtsd2ss(t, i); }
            case CVTSS2SD -> { return cvtss2sd(t, i); }
            default -> { return comi(t, i); }
        }
    }

    // ---- operand access -------------------------------------------------------------------------------------------

    /** Loads the low quadword (or low {@code size} bytes) of an XMM-or-memory source into a new local. */
    private static int srcLow(Translator t, Insn i, int o, int size) {
        Gen g = t.g;
        int v = g.newLong();
        if (xmm(o)) {
            g.xmmGet(x(o), false);
            if (size < 8) g.zext(size);
        } else {
            g.loadAt(g.addressLocal(i), 0, size);
        }
        g.lstore(v);
        return v;
    }

    /** Address of the memory operand into a local, jumping to {@code slow} if a 16-byte access is misaligned. */
    private static int alignedAddress(Translator t, Insn i, Label slow, boolean aligned) {
        Gen g = t.g;
        int a = g.newLong();
        g.address(i);
        g.lstore(a);
        if (aligned) {
            g.lload(a);
            g.lconst(15);
            t.mv.visitInsn(LAND);
            g.lconst(0);
            t.mv.visitInsn(LCMP);
            t.mv.visitJumpInsn(IFNE, slow);
        }
        return a;
    }

    /** Loads 16 bytes of a source operand into two new locals (lo, hi). */
    private static int[] src128(Translator t, Insn i, int o, Label slow, boolean aligned) {
        Gen g = t.g;
        int lo = g.newLong(), hi = g.newLong();
        if (xmm(o)) {
            g.xmmGet(x(o), false);
            g.lstore(lo);
            g.xmmGet(x(o), true);
            g.lstore(hi);
        } else {
            int a = alignedAddress(t, i, slow, aligned);
            g.load16(a, lo, hi);
        }
        return new int[] {lo, hi};
    }

    private static void storeMem(Translator t, int addr, long plus, int value, int size) {
        t.g.storeAt(addr, plus, value, size);
    }

    /**
     * The slow path of a fast emitter: a side exit before the instruction (the engine runs its exact semantics), or
     * in conservative translations the exact semantics right here.
     */
    private static void slowPath(Translator t, Insn i, Label slow, Label done) {
        t.mv.visitJumpInsn(GOTO, done);
        t.mv.visitLabel(slow);
        if (t.conservative) t.fallback(i);
        else t.sideExit(i);
        t.mv.visitLabel(done);
    }

    // ---- moves ----------------------------------------------------------------------------------------------------

    /** MOVSD/MOVSS: register forms merge the low element; loads zero the rest; stores write the low element. */
    private static boolean movScalar(Translator t, Insn i, int size) {
        Gen g = t.g;
        if (xmm(i.o0) && xmm(i.o1)) {
            int v = g.newLong();
            if (size == 8) {
                g.xmmGet(x(i.o1), false);
            } else {
                g.xmmGet(x(i.o0), false);
                g.lconst(0xFFFF_FFFF_0000_0000L);
                t.mv.visitInsn(LAND);
                g.xmmGet(x(i.o1), false);
                g.zext(4);
                t.mv.visitInsn(LOR);
            }
            g.lstore(v);
            g.xmmSet(x(i.o0), false, v);
            if (size == 8) t.ranges.copy(FpRanges.lane(x(i.o1), 0), FpRanges.lane(x(i.o0), 0));
            else t.ranges.forget(FpRanges.lane(x(i.o0), 0));
            return false;
        }
        if (xmm(i.o0)) {
            int v = srcLow(t, i, i.o1, size);
            g.xmmSet(x(i.o0), false, v);
            g.xmmSetConst(x(i.o0), true, 0);
            setLoadedLow(t, x(i.o0));
            return true;
        }
        return storeHalf(t, i, false, size);
    }

    /** Stores the low ({@code hi} false) or high quadword of XMM operand 1 to memory operand 0, {@code size} bytes. */
    private static boolean storeHalf(Translator t, Insn i, boolean hi, int size) {
        Gen g = t.g;
        int a = g.newLong(), v = g.newLong();
        g.address(i);
        g.lstore(a);
        g.xmmGet(x(i.o1), hi);
        g.lstore(v);
        storeMem(t, a, 0, v, size);
        return true;
    }

    /**
     * MOVLPD/MOVLPS ({@code hi} false) and MOVHPD/MOVHPS: one quadword between memory and the low or high half of an
     * XMM register, the other half kept (glibc's string functions and qsort move 8-byte halves with them).
     */
    private static boolean movHalf(Translator t, Insn i, boolean hi) {
        Gen g = t.g;
        if (!Operand.isMem(i.o0) && !Operand.isMem(i.o1)) return fallbackHere(t, i);
        if (xmm(i.o0)) {
            int v = srcLow(t, i, i.o1, 8);
            g.xmmSet(x(i.o0), hi, v);
            t.ranges.forget(FpRanges.lane(x(i.o0), hi ? 1 : 0));
            return true;
        }
        return storeHalf(t, i, hi, 8);
    }

    /** An instruction this class takes but has no emitter for in this form: the interpreter's semantics. */
    private static boolean fallbackHere(Translator t, Insn i) {
        if (xmm(i.o0)) t.ranges.forgetRegister(x(i.o0));
        t.fallback(i);
        return false;
    }

    private static boolean mov128(Translator t, Insn i, boolean aligned) {
        Gen g = t.g;
        Label slow = new Label(), done = new Label();
        if (xmm(i.o0)) {
            int[] v = src128(t, i, i.o1, slow, aligned);
            g.xmmSet(x(i.o0), false, v[0]);
            g.xmmSet(x(i.o0), true, v[1]);
            if (xmm(i.o1)) {
                t.ranges.copy(FpRanges.lane(x(i.o1), 0), FpRanges.lane(x(i.o0), 0));
                t.ranges.copy(FpRanges.lane(x(i.o1), 1), FpRanges.lane(x(i.o0), 1));
            } else {
                t.ranges.forgetRegister(x(i.o0));
            }
        } else {
            int a = alignedAddress(t, i, slow, aligned);
            int lo = g.newLong(), hi = g.newLong();
            g.xmmGet(x(i.o1), false);
            g.lstore(lo);
            g.xmmGet(x(i.o1), true);
            g.lstore(hi);
            g.store16(a, lo, hi);
        }
        if (aligned && (Operand.isMem(i.o0) || Operand.isMem(i.o1))) slowPath(t, i, slow, done);
        return Operand.isMem(i.o0) || Operand.isMem(i.o1);
    }

    /** MOVQ and MOVD between XMM, general registers and memory (the MMX forms are not handled here). */
    private static boolean movq(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.op == Op.MOVD ? 4 : 8;
        if (xmm(i.o0)) {
            int v = g.newLong();
            if (xmm(i.o1)) g.xmmGet(x(i.o1), false);
            else g.read(i, i.o1, size);
            if (size == 4) g.zext(4);
            g.lstore(v);
            g.xmmSet(x(i.o0), false, v);
            g.xmmSetConst(x(i.o0), true, 0);
            setLoadedLow(t, x(i.o0));
            return Operand.isMem(i.o1);
        }
        int v = g.newLong();
        g.xmmGet(x(i.o1), false);
        g.lstore(v);
        if (Operand.isGpr(i.o0)) {
            g.lload(v);
            g.writeReg(Operand.reg(i.o0), size);
            return false;
        }
        int a = g.newLong();
        g.address(i);
        g.lstore(a);
        storeMem(t, a, 0, v, size);
        return true;
    }

    /** The low quadword of XMM register x was loaded (unknown), the high one zeroed. */
    private static void setLoadedLow(Translator t, int x) {
        t.ranges.forget(FpRanges.lane(x, 0));
        t.ranges.set(FpRanges.lane(x, 1), FpRanges.ZERO);
    }

    // ---- arithmetic -----------------------------------------------------------------------------------------------

    /**
     * MXCSR a region with fast floating-point paths requires on entry (checked once there, see
     * {@link Translator}): round to nearest, no FTZ or DAZ, all exceptions masked, and PE already set. PE is sticky
     * and set by the first inexact result of nearly any program, so with it set an ordinary operation can raise no
     * flag at all unless an operand or the result is special; the fast paths only check for that.
     */
    static final int ENTRY_MASK = 0xFFE0, ENTRY_MXCSR = 0x1FA0;

    /** True if the instruction's emitter relies on the entry MXCSR check. */
    static boolean needsEntryMxcsr(Insn i) {
        return switch (i.op) {
            case ADDSD, SUBSD, MULSD, DIVSD, SQRTSD, MINSD, MAXSD, ADDPD, SUBPD, MULPD, DIVPD, CVTSI2SD, CVTTSD2SI,
                    CVTSD2SS, CVTSS2SD, UCOMISD, COMISD -> !mmx(i);
            default -> false;
        };
    }

    /** Jumps to {@code slow} unless local {@code bits} is a normal binary64 or a zero (no flag from it as an operand). */
    static void plain(Translator t, int bits, Label slow) {
        t.g.lload(bits);
        t.mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Runtime", "plain", "(J)Z", false);
        t.mv.visitJumpInsn(IFEQ, slow);
    }

    /**
     * The operation without its own test, when the operands' ranges (known, or admitted by a run-time range test
     * emitted here) prove it raises no flag; -1 (nothing emitted) otherwise.
     */
    private static int proved(Translator t, Op kind, int a, int b, Label slow, int laneA, int laneB, int dest) {
        FpRanges rs = t.ranges;
        char op = switch (kind) {
            case ADDSD, ADDPD -> '+';
            case SUBSD, SUBPD -> '-';
            case MULSD, MULPD -> '*';
            case DIVSD, DIVPD -> '/';
            default -> 0;
        };
        if (op == 0 || !rs.enabled || a < 0) return -1;
        boolean same = laneA >= 0 && laneA == laneB;
        FpRanges.Range ka = rs.get(laneA), kb = rs.get(laneB);
        FpRanges.Range rb = kb != null ? kb : FpRanges.tested(op == '/');
        FpRanges.Range ra = same ? rb : ka != null ? ka : FpRanges.tested(false);
        // A sum whose result is only stored: the operand no later instruction reads (the destination's old value,
        // or a memory operand) needs only the one-sided test when the other is known small
        boolean wideA = false, wideB = false;
        if ((op == '+' || op == '-') && !same && dest >= 0 && resultOnlyStored(t, dest / 2)) {
            if (ka == null && laneA == dest) wideA = true;
            else if (kb == null && laneB < 0) wideB = true;
        }
        FpRanges.Range r = null;
        if (wideA || wideB) {
            r = FpRanges.result(op, wideA ? FpRanges.WIDE : ra, wideB ? FpRanges.WIDE : rb);
            if (r == null) wideA = wideB = false;
        }
        if (r == null) r = FpRanges.result(op, ra, rb);
        if (r == null) return -1;
        if (ka == null && !same) rangeTest(t, a, false, wideA, slow);
        if (kb == null) rangeTest(t, b, op == '/', wideB, slow);
        if (laneA >= 0) rs.set(laneA, wideA ? FpRanges.WIDE : ra);
        if (laneB >= 0) rs.set(laneB, wideB ? FpRanges.WIDE : rb);
        MethodVisitor mv = t.mv;
        int out = t.g.newLong();
        toDouble(t, a);
        toDouble(t, b);
        mv.visitInsn(switch (op) {
            case '+' -> DADD;
            case '-' -> DSUB;
            case '*' -> DMUL;
            default -> DDIV;
        });
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        t.g.lstore(out);
        if (dest >= 0) rs.set(dest, r);
        return out;
    }

    /**
     * True if no later instruction of the block reads XMM register {@code x} other than to store it to memory before
     * it is overwritten whole (a known range of its value would then be of no use: ranges start empty in the next
     * block).
     */
    private static boolean resultOnlyStored(Translator t, int x) {
        Insn[] insns = t.blockInsns;
        if (insns == null) return false;
        for (int n = t.insnIndex + 1; n < insns.length; n++) {
            Insn j = insns[n];
            boolean mentions = false;
            for (int k = 0; k < j.nops; k++) {
                int o = j.operand(k);
                if (xmm(o) && x(o) == x) mentions = true;
            }
            if (!mentions) continue;
            boolean store = switch (j.op) {
                case MOVSD_X, MOVAPD, MOVAPS, MOVUPD, MOVUPS, MOVDQA, MOVDQU, MOVLPD, MOVLPS, MOVHPD, MOVHPS, MOVQ ->
                        Operand.isMem(j.o0) && xmm(j.o1) && x(j.o1) == x;
                default -> false;
            };
            if (store) continue;
            boolean load = switch (j.op) {
                case MOVAPD, MOVAPS, MOVUPD, MOVUPS, MOVDQA, MOVDQU -> !(xmm(j.o1) && x(j.o1) == x);
                case MOVSD_X -> Operand.isMem(j.o1);
                default -> false;
            };
            return load && xmm(j.o0) && x(j.o0) == x;
        }
        return true;
    }

    /**
     * Jumps to {@code slow} unless local {@code bits} is in {@link FpRanges#K}'s range (a divisor: and not zero;
     * {@code wide}: only its lower bound, {@link FpRanges#WIDE}).
     */
    private static void rangeTest(Translator t, int bits, boolean nonZero, boolean wide, Label slow) {
        t.ranges.used = true;
        t.g.lload(bits);
        t.mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/FloatOps",
                wide ? "notTiny" : nonZero ? "inRangeNonZero" : "inRange", "(J)Z", false);
        t.mv.visitJumpInsn(IFEQ, slow);
    }

    private static void toDouble(Translator t, int bits) {
        t.g.lload(bits);
        t.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
    }

    /**
     * One lane of ADD SUB MUL DIV SQRT MIN MAX on ordinary operands, under the entry MXCSR: the host's operation,
     * its result into a new local; special operands, results that overflow, underflow or need IE/ZE go to slow.
     * {@code laneA}, {@code laneB} and {@code dest} name the XMM lanes of the operands and the result (-1: memory
     * or none) for their ranges: where those prove the operation, it is the bare host operation.
     */
    private static int lane(Translator t, Op kind, int a, int b, Label slow, int laneA, int laneB, int dest) {
        int proved = proved(t, kind, a, b, slow, laneA, laneB, dest);
        if (proved >= 0) return proved;
        t.ranges.forget(dest);
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int r = g.newLong();
        switch (kind) {
            case ADDSD, ADDPD, SUBSD, SUBPD, MULSD, MULPD, DIVSD, DIVPD -> {
                g.lload(a);
                g.lload(b);
                mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/FloatOps", switch (kind) {
                    case ADDSD, ADDPD -> "addOk";
                    case SUBSD, SUBPD -> "subOk";
                    case MULSD, MULPD -> "mulOk";
                    default -> "divOk";
                }, "(JJ)Z", false);
                mv.visitJumpInsn(IFEQ, slow);
                toDouble(t, a);
                toDouble(t, b);
                mv.visitInsn(switch (kind) {
                    case ADDSD, ADDPD -> DADD;
                    case SUBSD, SUBPD -> DSUB;
                    case MULSD, MULPD -> DMUL;
                    default -> DDIV;
                });
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                g.lstore(r);
                return r;
            }
            default -> { }
        }
        if (a >= 0) plain(t, a, slow);
        plain(t, b, slow);
        switch (kind) {
            case SQRTSD -> {
                toDouble(t, b);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DCMPG);
                mv.visitJumpInsn(IFLT, slow);                // sqrt of a negative: IE
                toDouble(t, b);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                g.lstore(r);
            }
            default -> {                                     // MIN MAX: the second operand unless strictly less/greater
                Label second = new Label(), done = new Label();
                toDouble(t, a);
                toDouble(t, b);
                mv.visitInsn(kind == Op.MINSD ? DCMPG : DCMPL);
                mv.visitJumpInsn(kind == Op.MINSD ? IFGE : IFLE, second);
                g.lload(a);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(second);
                g.lload(b);
                mv.visitLabel(done);
                g.lstore(r);
            }
        }
        return r;
    }

    private static boolean scalar(Translator t, Insn i, boolean unary) {
        Gen g = t.g;
        Label slow = new Label(), done = new Label();
        int b = srcLow(t, i, i.o1, 8);
        int a = -1;
        if (!unary) {
            a = g.newLong();
            g.xmmGet(x(i.o0), false);
            g.lstore(a);
        }
        int laneB = xmm(i.o1) ? FpRanges.lane(x(i.o1), 0) : -1, dest = FpRanges.lane(x(i.o0), 0);
        int r = lane(t, i.op, a, b, slow, unary ? -1 : dest, laneB, dest);
        g.xmmSet(x(i.o0), false, r);
        slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    private static boolean packed(Translator t, Insn i) {
        Gen g = t.g;
        Label slow = new Label(), done = new Label();
        int[] b = src128(t, i, i.o1, slow, true);
        int aLo = g.newLong(), aHi = g.newLong();
        g.xmmGet(x(i.o0), false);
        g.lstore(aLo);
        g.xmmGet(x(i.o0), true);
        g.lstore(aHi);
        int d = x(i.o0), s = xmm(i.o1) ? x(i.o1) : -1;
        int rLo = lane(t, i.op, aLo, b[0], slow, FpRanges.lane(d, 0), s < 0 ? -1 : FpRanges.lane(s, 0), FpRanges.lane(d, 0));
        int rHi = lane(t, i.op, aHi, b[1], slow, FpRanges.lane(d, 1), s < 0 ? -1 : FpRanges.lane(s, 1), FpRanges.lane(d, 1));
        g.xmmSet(x(i.o0), false, rLo);
        g.xmmSet(x(i.o0), true, rHi);
        slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    private static boolean bitwise(Translator t, Insn i, int jvmOp, boolean notFirst) {
        Gen g = t.g;
        Label slow = new Label(), done = new Label();
        int[] b = src128(t, i, i.o1, slow, true);
        for (int half = 0; half < 2; half++) {
            int r = g.newLong();
            g.xmmGet(x(i.o0), half == 1);
            if (notFirst) {
                g.lconst(-1);
                t.mv.visitInsn(LXOR);
            }
            g.lload(b[half]);
            t.mv.visitInsn(jvmOp);
            g.lstore(r);
            g.xmmSet(x(i.o0), half == 1, r);
        }
        if (jvmOp == LXOR && !notFirst && xmm(i.o1) && x(i.o1) == x(i.o0)) {   // the zeroing idiom
            t.ranges.set(FpRanges.lane(x(i.o0), 0), FpRanges.ZERO);
            t.ranges.set(FpRanges.lane(x(i.o0), 1), FpRanges.ZERO);
        } else {
            t.ranges.forgetRegister(x(i.o0));
        }
        if (Operand.isMem(i.o1)) slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    /** UNPCKLPD: d = (d.lo, s.lo); UNPCKHPD: d = (d.hi, s.hi). */
    private static boolean unpack(Translator t, Insn i) {
        Gen g = t.g;
        Label slow = new Label(), done = new Label();
        int[] b = src128(t, i, i.o1, slow, true);
        int d = x(i.o0), s = xmm(i.o1) ? x(i.o1) : -1;
        FpRanges rs = t.ranges;
        if (i.op == Op.UNPCKLPD) {
            rs.set(FpRanges.lane(d, 1), s < 0 ? null : rs.get(FpRanges.lane(s, 0)));
        } else {
            FpRanges.Range dHi = rs.get(FpRanges.lane(d, 1)), sHi = s < 0 ? null : rs.get(FpRanges.lane(s, 1));
            rs.set(FpRanges.lane(d, 0), dHi);
            rs.set(FpRanges.lane(d, 1), sHi);
        }
        if (i.op == Op.UNPCKLPD) {
            g.xmmSet(x(i.o0), true, b[0]);
        } else {
            int hi = g.newLong();
            g.xmmGet(x(i.o0), true);
            g.lstore(hi);
            g.xmmSet(x(i.o0), false, hi);
            g.xmmSet(x(i.o0), true, b[1]);
        }
        if (Operand.isMem(i.o1)) slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    // ---- conversions ---------------------------------------------------------------------------------------------

    /** CVTSI2SD from a 32- or 64-bit integer: exact unless a 64-bit value needs rounding (PE). */
    private static boolean cvtsi2sd(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label(), done = new Label(), exact = new Label();
        int size = Operand.size(i.o1);
        int v = g.newLong(), r = g.newLong();
        g.read(i, i.o1, size);
        g.sext(size);
        g.lstore(v);
        g.lload(v);
        mv.visitInsn(L2D);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        g.lstore(r);
        if (size == 8) {
            // exact iff converting back gives v; 2^63 (from values near Long.MAX_VALUE) converts back saturated
            Label inexact = new Label();
            g.lload(r);
            g.lconst(Double.doubleToRawLongBits(0x1p63));
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, inexact);
            g.lload(r);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            mv.visitInsn(D2L);
            g.lload(v);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFEQ, exact);
            mv.visitLabel(inexact);
            orMxcsr(t, PE);
            mv.visitLabel(exact);
        }
        g.xmmSet(x(i.o0), false, r);
        // |v| < 2^63 (2^31), rounded at most to that power of two; at least 1 unless zero
        t.ranges.set(FpRanges.lane(x(i.o0), 0), new FpRanges.Range(0, size == 8 ? 63 : 31, true));
        slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    /** CVTTSD2SI: truncation when the value is in range (NaN and out of range give the slow path's IE). */
    private static boolean cvttsd2si(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label(), done = new Label(), exact = new Label();
        int size = i.osize == 8 ? 8 : 4;
        int d = g.newLong(), r = g.newLong();
        int src = srcLow(t, i, i.o1, 8);
        g.lload(src);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        mv.visitVarInsn(DSTORE, d);
        // in range: -2^63 <= x < 2^63 (64-bit), -2^31 - 1 < x < 2^31 (32-bit); NaN fails both tests
        mv.visitVarInsn(DLOAD, d);
        mv.visitLdcInsn(size == 8 ? -0x1p63 : -2147483649.0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(size == 8 ? IFLT : IFLE, slow);
        mv.visitVarInsn(DLOAD, d);
        mv.visitLdcInsn(size == 8 ? 0x1p63 : 0x1p31);
        mv.visitInsn(DCMPG);
        mv.visitJumpInsn(IFGE, slow);
        mv.visitVarInsn(DLOAD, d);
        mv.visitInsn(D2L);
        g.lstore(r);
        // DE for a denormal source, PE when the fraction is dropped: denormals take the slow path
        g.lload(src);
        g.lconst(0x7FF0_0000_0000_0000L);
        mv.visitInsn(LAND);
        g.lconst(0);
        mv.visitInsn(LCMP);
        Label normal = new Label();
        mv.visitJumpInsn(IFNE, normal);
        g.lload(src);
        g.lconst(0x000F_FFFF_FFFF_FFFFL);
        mv.visitInsn(LAND);
        g.lconst(0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        mv.visitLabel(normal);
        g.lload(r);
        mv.visitInsn(L2D);
        mv.visitVarInsn(DLOAD, d);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, exact);
        orMxcsr(t, PE);
        mv.visitLabel(exact);
        g.lload(r);
        g.writeReg(Operand.reg(i.o0), size);
        slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    /** CVTSD2SS for values that stay normal binary32 (PE when rounded); the rest is the slow path's. */
    private static boolean cvtsd2ss(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label(), done = new Label(), exact = new Label(), zero = new Label(), store = new Label();
        int src = srcLow(t, i, i.o1, 8);
        int d = g.newLong(), f = g.newInt(), r = g.newLong();
        g.lload(src);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        mv.visitVarInsn(DSTORE, d);
        mv.visitVarInsn(DLOAD, d);
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, zero);
        // |d| in [2^-126, FLT_MAX]: the result is a normal float (NaN fails the first test)
        mv.visitVarInsn(DLOAD, d);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
        mv.visitLdcInsn(0x1p-126);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFLT, slow);
        mv.visitVarInsn(DLOAD, d);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
        mv.visitLdcInsn((double) Float.MAX_VALUE);
        mv.visitInsn(DCMPG);
        mv.visitJumpInsn(IFGT, slow);
        mv.visitLabel(zero);
        mv.visitVarInsn(DLOAD, d);
        mv.visitInsn(D2F);
        mv.visitVarInsn(FSTORE, f);
        mv.visitVarInsn(FLOAD, f);
        mv.visitInsn(F2D);
        mv.visitVarInsn(DLOAD, d);
        mv.visitInsn(DCMPL);
        mv.visitJumpInsn(IFEQ, exact);
        // rounding to a float that is no longer normal (tiny after rounding) is the slow path's
        mv.visitVarInsn(FLOAD, f);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(F)F", false);
        mv.visitLdcInsn(0x1p-126f);
        mv.visitInsn(FCMPL);
        mv.visitJumpInsn(IFLT, slow);
        orMxcsr(t, PE);
        mv.visitLabel(exact);
        mv.visitLabel(store);
        g.xmmGet(x(i.o0), false);
        g.lconst(0xFFFF_FFFF_0000_0000L);
        mv.visitInsn(LAND);
        mv.visitVarInsn(FLOAD, f);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        mv.visitInsn(I2L);
        g.zext(4);
        mv.visitInsn(LOR);
        g.lstore(r);
        g.xmmSet(x(i.o0), false, r);
        t.ranges.forget(FpRanges.lane(x(i.o0), 0));
        slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    /** CVTSS2SD: exact for normal or zero sources (denormals and NaNs raise DE/IE: the slow path's). */
    private static boolean cvtss2sd(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label(), done = new Label(), ok = new Label();
        int src = srcLow(t, i, i.o1, 4);
        int r = g.newLong();
        // exponent field 0 with a nonzero fraction (denormal) or 0xFF (Inf, NaN): slow
        g.lload(src);
        g.lconst(0x7F80_0000L);
        mv.visitInsn(LAND);
        g.lconst(0x7F80_0000L);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, slow);
        g.lload(src);
        g.lconst(0x7F80_0000L);
        mv.visitInsn(LAND);
        g.lconst(0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, ok);
        g.lload(src);
        g.lconst(0x007F_FFFFL);
        mv.visitInsn(LAND);
        g.lconst(0);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, slow);
        mv.visitLabel(ok);
        g.lload(src);
        mv.visitInsn(L2I);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        mv.visitInsn(F2D);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        g.lstore(r);
        g.xmmSet(x(i.o0), false, r);
        t.ranges.forget(FpRanges.lane(x(i.o0), 0));
        slowPath(t, i, slow, done);
        return Operand.isMem(i.o1);
    }

    // ---- compares ------------------------------------------------------------------------------------------------

    /**
     * UCOMISD/COMISD of ordinary operands: ZF, PF, CF as the result (unordered 111, less 001, equal 100, greater
     * 000), OF SF AF cleared, written straight to the Cpu's flags. NaN and denormal operands take the slow path
     * (IE, DE).
     */
    private static boolean comi(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        Label slow = new Label(), done = new Label();
        int b = srcLow(t, i, i.o1, 8);
        int a = g.newLong();
        g.xmmGet(x(i.o0), false);
        g.lstore(a);
        int bits = g.newInt();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lload(a);
        g.lload(b);
        mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Runtime", "comisdFlags", "(JJ)I", false);
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, bits);
        mv.visitJumpInsn(IFLT, slow);     // -1: not an ordinary pair
        mv.visitInsn(POP);
        t.flagsToCpu();                   // what the fallback path does too: the Cpu holds the flags after
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitVarInsn(ILOAD, bits);
        mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Runtime", "setStatus", "(L" + Gen.CPU + ";I)V", false);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        mv.visitInsn(POP);
        if (t.conservative) t.fallback(i);
        else t.sideExit(i);
        mv.visitLabel(done);
        t.eagerFlags = !t.conservative;   // only the fast path reaches here (a side exit leaves)
        return Operand.isMem(i.o1);
    }

    /** Sets MXCSR bits (a no-op under the entry check for PE, kept for the flags that are not yet set). */
    private static void orMxcsr(Translator t, int bits) {
        MethodVisitor mv = t.mv;
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "mxcsr", "I");
        t.g.iconst(bits);
        mv.visitInsn(IOR);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "mxcsr", "I");
    }

    /** The status flags comi writes, for flag liveness. */
    static final int COMI_FLAGS = FlagBits.STATUS;
}
