package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import org.objectweb.asm.Label;

/**
 * SSE2 double arithmetic (ADD SUB MUL DIV, scalar and packed, and SQRTSD) left to the host's exception flags
 * ({@link dev.ring3.jit.sse.HostMxcsr}): the host's IEEE operation with no test that it raises no flag, because the
 * host raises into its own MXCSR exactly the flags the guest's instruction would, and ring3 reads them back when
 * the guest reads MXCSR. What remains to keep the translation exact:
 * <ul>
 *   <li><b>NaN operands</b>. With two NaN operands x86 returns the first one's (quieted), but C2 may swap the
 *   operands of a commutative operation. So at most one operand may be a NaN from outside: unless one operand
 *   passed a NaN test in this block (or both are the same lane), one is tested ({@link FloatOps#notNaN}, a
 *   comparison of the value with itself: it raises nothing the guest's operation on that operand would not, IE for
 *   a signalling NaN and DE for a denormal), the freshly loaded one when there is one. A NaN the operation itself
 *   makes (inf - inf, 0 * inf) is the default NaN, whichever the order.</li>
 *   <li><b>Only where C2 cannot move or fold the operation</b>: an operand must have been loaded from guest memory
 *   in this block (or be computed from such a value here). Raw loads are pinned below the checks that guard them,
 *   so the operation can neither be computed at compile time from constants nor be hoisted out of a branch or
 *   loop where the guest does not execute it (C2 moves a loop-invariant computation to the loop's entry when that
 *   is less frequent). Other operations keep their range tests.</li>
 *   <li><b>No dead operation</b>: C2 removes an operation whose result nothing uses, and its flags with it. A
 *   result counts as used when a later instruction of the block stores it to memory (an address no later
 *   instruction of the block writes again: C2 drops the first of two stores to the same address) or reads it in
 *   an operation of this kind (which is then itself used or tested); otherwise it is compared with a constant
 *   (bits, not as a double: a double comparison of a denormal result would raise DE), which C2 must compute it
 *   for.</li>
 * </ul>
 * zlib's and sqlite's code never gets here; matmul's loop went from two range tests per lane (five instructions
 * each) to two NaN tests (two instructions each).
 */
final class HostFlagOps {
    private HostFlagOps() {}

    /** A value no host operation returns (a signalling NaN): the side exit of the "used" test is never taken. */
    private static final long NEVER = 0x7FF4_0000_0000_0BADL;

    /**
     * True if the operation with operand lanes {@code laneA} (-1: none, unary) and {@code laneB} (-1: memory) may
     * be left to the host's flags.
     */
    static boolean applies(Translator t, int laneA, int laneB, boolean unary) {
        if (!t.hostFlags) return false;
        FpRanges rs = t.ranges;
        return rs.anchored(laneB) || !unary && laneA >= 0 && rs.anchored(laneA);
    }

    /**
     * Emits the NaN test an operation a op b needs (locals {@code a}, {@code b} holding the bits, lanes as for
     * {@link #applies}), jumping to {@code slow} on a NaN.
     */
    static void testOperands(Translator t, int a, int b, int laneA, int laneB, Label slow) {
        FpRanges rs = t.ranges;
        if (laneA >= 0 && laneA == laneB || rs.notNaN(laneA) || rs.notNaN(laneB)) return;
        boolean testA = laneA >= 0 && rs.loadedLane(laneA) && !(laneB < 0);
        notNaN(t, testA ? a : b, slow);
        if (testA) rs.testedNotNaN(laneA);
        else if (laneB >= 0) rs.testedNotNaN(laneB);
    }

    private static void notNaN(Translator t, int bits, Label slow) {
        t.g.lload(bits);
        t.mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/FloatOps", "notNaN", "(J)Z", false);
        t.mv.visitJumpInsn(IFEQ, slow);
    }

    /**
     * After the operation wrote local {@code r} into lane {@code half} of XMM register {@code x}: a test that keeps
     * it alive, unless a later instruction of the block uses it.
     */
    static void keepAlive(Translator t, int r, int x, int half, Label slow) {
        if (usedLater(t, x, half)) return;
        t.g.lload(r);
        t.g.lconst(NEVER);
        t.mv.visitInsn(LCMP);
        t.mv.visitJumpInsn(IFEQ, slow);
    }

    /** True if the next instruction of the block that touches lane {@code half} of XMM x uses it (see above). */
    static boolean usedLater(Translator t, int x, int half) {
        Insn[] insns = t.blockInsns;
        if (insns == null) return false;
        for (int n = t.insnIndex + 1; n < insns.length; n++) {
            Insn j = insns[n];
            boolean mentions = false;
            for (int k = 0; k < j.nops; k++) {
                int o = j.operand(k);
                if (Operand.kind(o) == Operand.XMM && Operand.reg(o) == x) mentions = true;
            }
            if (!mentions) continue;
            int use = use(j, x, half);
            if (use == NONE) continue;
            if (use == STORE) return !storedAgain(insns, n);
            return use == OPERATION;
        }
        return false;
    }

    private static final int NONE = 0, STORE = 1, OPERATION = 2, OTHER = 3;

    /** How instruction j, which names XMM x, touches lane {@code half} of it. */
    private static int use(Insn j, int x, int half) {
        boolean src0 = Operand.kind(j.o0) == Operand.XMM && Operand.reg(j.o0) == x;
        boolean src1 = Operand.kind(j.o1) == Operand.XMM && Operand.reg(j.o1) == x;
        switch (j.op) {
            case ADDSD, SUBSD, MULSD, DIVSD -> { return half == 0 ? OPERATION : NONE; }
            case SQRTSD -> { return half != 0 ? NONE : src1 ? OPERATION : OTHER; }
            case ADDPD, SUBPD, MULPD, DIVPD -> { return OPERATION; }
            case MOVSD_X, MOVQ, MOVLPD, MOVLPS -> {
                if (Operand.isMem(j.o0) && src1) return half == 0 ? STORE : NONE;
            }
            case MOVHPD, MOVHPS -> {
                if (Operand.isMem(j.o0) && src1) return half == 1 ? STORE : NONE;
            }
            case MOVAPD, MOVAPS, MOVUPD, MOVUPS, MOVDQA, MOVDQU -> {
                if (Operand.isMem(j.o0) && src1) return STORE;
            }
            default -> { }
        }
        return src0 || src1 ? OTHER : NONE;
    }

    /**
     * True if a later instruction of the block may write the memory operand of store {@code insns[n]} again through
     * the same address expression (same base, index, scale and displacement), or writes the stack where the store
     * was relative to RSP.
     */
    private static boolean storedAgain(Insn[] insns, int n) {
        Insn s = insns[n];
        for (int m = n + 1; m < insns.length; m++) {
            Insn j = insns[m];
            if (s.base == RSP && writesStack(j.op)) return true;
            if (!Operand.isMem(j.o0)) continue;
            if (j.base == s.base && j.index == s.index && j.scale == s.scale && j.seg == s.seg
                    && j.ripRelative == s.ripRelative && j.disp == s.disp) {   // disp: absolute when RIP-relative
                return true;
            }
        }
        return false;
    }

    private static final int RSP = 4;

    private static boolean writesStack(Op op) {
        return switch (op) {
            case PUSH, CALL, CALL_IND, PUSHF, ENTER -> true;
            default -> false;
        };
    }

    /** Marks the result lane (-1: none). */
    static void result(Translator t, int dest, boolean anchored) {
        if (dest >= 0) t.ranges.hostResult(dest, anchored);
        t.usedHostFlags = true;
    }
}
