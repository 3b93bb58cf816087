package dev.ring3.jit.translate;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;

/**
 * One pair of bounds checks for a block's stack accesses instead of one check each: a function's prologue pushes
 * six registers and stores into its frame, its epilogue pops them and returns, and those checks cost sqlite 1 about
 * 6% (measured by leaving them out of blocks with two stack operations or more).
 *
 * <p>Through the block the stack pointer's offset from its value at the block's start is known while it changes
 * only by PUSH, POP, CALL, RET and ADD/SUB of a constant; every access of PUSH and POP of a register or a
 * constant, CALL, RET and an explicit {@code [rsp + d]} operand is then at a known offset. If the block has two such
 * accesses or more, the lowest and the highest offset are checked before the first of them (each check admits 16
 * bytes, the accesses take 8 at most, and the span is far smaller than the window, so nothing in between wraps),
 * and none of them makes a check of its own. Any other write of RSP ends the tracking; accesses after it check
 * themselves as before.
 *
 * <p>A failed check is not a fault but a side exit before that first access: the interpreter runs the block's
 * instructions one by one, and if a later access is the one outside the window, it faults there, at its own
 * instruction (a basic block has no branch in between).
 */
final class StackChecks {
    /** Before this instruction (an index in the block; -1: none) check RSP + lo and RSP + hi. */
    final int at;
    final long lo, hi;
    /** Per instruction: its memory accesses are all inside the checked span. */
    final boolean[] covered;

    private StackChecks(int at, long lo, long hi, boolean[] covered) {
        this.at = at;
        this.lo = lo;
        this.hi = hi;
        this.covered = covered;
    }

    /** The block's shared stack checks, or null if fewer than two accesses would share them. */
    static StackChecks of(Insn[] insns) {
        boolean[] covered = new boolean[insns.length];
        long off = 0, min = Long.MAX_VALUE, max = Long.MIN_VALUE, offAtFirst = 0;
        int first = -1, count = 0;
        for (int k = 0; k < insns.length; k++) {
            Insn i = insns[k];
            long access;          // offset of the covered access from the block's initial RSP, or none
            long after = off;     // the offset after the instruction
            boolean known = true;
            int size = i.osize;
            switch (i.op) {
                case PUSH -> {
                    after = off - size;
                    access = Operand.isMem(i.o0) ? NONE : after;
                }
                case POP -> {
                    after = off + size;
                    boolean reg = Operand.isGpr(i.o0);
                    access = reg ? off : NONE;
                    if (reg && Operand.reg(i.o0) == Cpu.RSP) known = false;   // POP RSP: RSP is the value popped
                }
                case CALL -> {
                    after = off - 8;
                    access = after;
                }
                case RET -> access = off;
                case ADD, SUB -> {
                    access = onStack(i) ? off + i.disp : NONE;
                    if (rsp(i.o0) && Operand.kind(i.o1) == Operand.IMM) after = i.op == Op.ADD ? off + i.imm : off - i.imm;
                    else if (gprRsp(i.o0)) known = false;
                }
                default -> {
                    access = onStack(i) ? off + i.disp : NONE;
                    if (writesRsp(i)) known = false;
                }
            }
            if (access != NONE) {
                if (first < 0) {
                    first = k;
                    offAtFirst = off;
                }
                min = Math.min(min, access);
                max = Math.max(max, access);
                covered[k] = true;
                count++;
            }
            if (!known) break;
            off = after;
        }
        if (count < 2) return null;
        return new StackChecks(first, min - offAtFirst, max - offAtFirst, covered);
    }

    private static final long NONE = Long.MIN_VALUE;

    private static boolean rsp(int o) { return Operand.isGpr(o) && Operand.reg(o) == Cpu.RSP && Operand.size(o) == 8; }

    /**
     * An explicit operand [rsp + d] that is the instruction's only memory access (the operations of
     * {@link #ACCESS}, 64-bit addressing, no index, no FS/GS base, not locked).
     */
    private static boolean onStack(Insn i) {
        if (i.base != Cpu.RSP || i.index >= 0 || i.ripRelative || i.asize != 8 || i.has(Prefix.LOCK)) return false;
        if (i.seg == Prefix.SEG_FS || i.seg == Prefix.SEG_GS) return false;
        boolean mem = false;
        for (int k = 0; k < i.nops; k++) if (Operand.isMem(i.operand(k))) mem = true;
        if (!mem) return false;
        return switch (i.op) {
            case ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST, INC, DEC, NEG, NOT, MOV, MOVZX, MOVSX, MOVSXD, SETCC,
                    CMOVCC, IMUL -> true;
            default -> SseEmitters.handles(i);
        };
    }

    /** True unless instruction i certainly leaves RSP as it is (other than the cases {@link #of} tracks). */
    private static boolean writesRsp(Insn i) {
        return switch (i.op) {
            case CMP, TEST, BT, NOP, PREFETCH, ENDBR, PAUSE, MFENCE, LFENCE, SFENCE, CLC, STC, CMC, CLD, STD, JMP, JCC -> false;
            case OR, ADC, SBB, AND, XOR, INC, DEC, NEG, NOT, ROL, ROR, SHL, SHR, SAR, SHLD, SHRD, MOV, MOVZX, MOVSX,
                    MOVSXD, LEA, SETCC, CMOVCC, IMUL, BSF, BSR, TZCNT, LZCNT, POPCNT, BSWAP, MOVBE, BTS, BTR, BTC ->
                    gprRsp(i.o0);
            case XCHG, XADD -> gprRsp(i.o0) || gprRsp(i.o1);
            default -> !SseEmitters.handles(i) || gprRsp(i.o0);
        };
    }

    /** Operand o is RSP or one of its parts (SPL, SP, ESP). */
    private static boolean gprRsp(int o) { return Operand.isGpr(o) && Operand.reg(o) == Cpu.RSP; }
}
