package dev.ring3.jit.translate;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;

/**
 * Bounds checks shared by a block's memory accesses: a function's prologue pushes six registers and stores into its
 * frame, its epilogue pops them and returns, a structure's fields are read off one pointer; one check each cost
 * sqlite 1 about 6% for the stack alone and zlib 3% for the rest (measured by leaving them out).
 *
 * <p>Stack: through the block the stack pointer's offset from its value at the block's start is known while it
 * changes only by PUSH, POP, CALL, RET and ADD/SUB of a constant; every access of PUSH and POP of a register or a
 * constant, CALL, RET and an explicit {@code [rsp + d]} operand is then at a known offset. Any other write of RSP
 * ends the tracking (accesses after it check themselves). Other base registers: the {@code [reg + d]} operands
 * between two writes of the register. Wherever two accesses or more share a register, the lowest and the highest
 * offset are checked before the first of them (each check admits 16 bytes, the accesses take 16 at most, and the
 * span is far smaller than the window, so nothing in between wraps), and none of them makes a check of its own.
 *
 * <p>A failed check is not a fault but a side exit before that first access: the interpreter runs the block's
 * instructions one by one, and if a later access is the one outside the window, it faults there, at its own
 * instruction (a basic block has no branch in between).
 */
final class SharedChecks {
    /** Before this instruction (an index in the block; -1: none) check RSP + lo and RSP + hi (the stack's span). */
    final int at;
    final long lo, hi;
    /** Per instruction: its memory accesses are all inside the checked span. */
    final boolean[] covered;

    private SharedChecks(int at, long lo, long hi, boolean[] covered) {
        this.at = at;
        this.lo = lo;
        this.hi = hi;
        this.covered = covered;
    }

    /** The spans of other base registers: per instruction, {register, lo, hi} triples to check before it, or null. */
    long[][] others;

    /** The block's shared checks, or null if no two accesses share a register. */
    static SharedChecks of(Insn[] insns) {
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
                    else if ((bit(i.o0) & 1 << Cpu.RSP) != 0) known = false;
                }
                default -> {
                    access = onStack(i) ? off + i.disp : NONE;
                    if ((written(i) & 1 << Cpu.RSP) != 0) known = false;
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
        SharedChecks sc = count < 2 ? new SharedChecks(-1, 0, 0, new boolean[insns.length])
                : new SharedChecks(first, min - offAtFirst, max - offAtFirst, covered);
        sc.others = new long[insns.length][];
        int[] gFirst = new int[16], gCount = new int[16];
        long[] gLo = new long[16], gHi = new long[16];
        java.util.Arrays.fill(gFirst, -1);
        boolean any = count >= 2;
        for (int k = 0; k < insns.length; k++) {
            Insn i = insns[k];
            if (i.base != Cpu.RSP && based(i)) {
                int r = i.base;
                if (gFirst[r] < 0) {
                    gFirst[r] = k;
                    gLo[r] = gHi[r] = i.disp;
                    gCount[r] = 0;
                }
                gLo[r] = Math.min(gLo[r], i.disp);
                gHi[r] = Math.max(gHi[r], i.disp);
                gCount[r]++;
            }
            int w = written(i);
            for (int r = 0; r < 16; r++) {
                if (r != Cpu.RSP && (w >>> r & 1) != 0 && gFirst[r] >= 0) any |= sc.close(insns, r, gFirst, gCount, gLo, gHi, k + 1);
            }
        }
        for (int r = 0; r < 16; r++) if (r != Cpu.RSP && gFirst[r] >= 0) any |= sc.close(insns, r, gFirst, gCount, gLo, gHi, insns.length);
        return any ? sc : null;
    }

    /** Ends register r's span before instruction {@code end}: shared checks if two accesses or more use it. */
    private boolean close(Insn[] insns, int r, int[] first, int[] count, long[] lo, long[] hi, int end) {
        boolean made = false;
        if (count[r] >= 2) {
            long[] prev = others[first[r]];
            long[] add = {r, lo[r], hi[r]};
            others[first[r]] = prev == null ? add : concat(prev, add);
            for (int k = first[r]; k < end; k++) if (based(insns[k]) && insns[k].base == r) covered[k] = true;
            made = true;
        }
        first[r] = -1;
        return made;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** An explicit operand [reg + d] that is the instruction's only memory access (as {@link #onStack}). */
    private static boolean based(Insn i) {
        if (i.base < 0 || i.index >= 0 || i.ripRelative || i.asize != 8 || i.has(Prefix.LOCK)) return false;
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

    /** The general registers i may write, as a bit set (all sixteen when not known). */
    private static int written(Insn i) {
        return switch (i.op) {
            case CMP, TEST, BT, NOP, PREFETCH, ENDBR, PAUSE, MFENCE, LFENCE, SFENCE, CLC, STC, CMC, CLD, STD, JMP, JCC -> 0;
            case ADD, OR, ADC, SBB, AND, SUB, XOR, INC, DEC, NEG, NOT, ROL, ROR, SHL, SHR, SAR, SHLD, SHRD, MOV, MOVZX,
                    MOVSX, MOVSXD, LEA, SETCC, CMOVCC, IMUL, BSF, BSR, TZCNT, LZCNT, POPCNT, BSWAP, MOVBE, BTS, BTR, BTC ->
                    bit(i.o0);
            case XCHG, XADD -> bit(i.o0) | bit(i.o1);
            case PUSH -> 1 << Cpu.RSP;
            case POP -> 1 << Cpu.RSP | bit(i.o0);
            default -> SseEmitters.handles(i) ? bit(i.o0) : 0xFFFF;
        };
    }

    /** The register operand o names, as a bit (AH CH DH BH are bits of RAX RCX RDX RBX), or 0. */
    private static int bit(int o) {
        if (!Operand.isGpr(o)) return 0;
        int r = Operand.reg(o);
        return 1 << (r >= Operand.AH ? r - Operand.AH : r);
    }

    private static final long NONE = Long.MIN_VALUE;

    /** Operand o is RSP itself (64 bits). */
    private static boolean rsp(int o) { return Operand.isGpr(o) && Operand.reg(o) == Cpu.RSP && Operand.size(o) == 8; }

    /** An explicit operand [rsp + d] that is the instruction's only memory access. */
    private static boolean onStack(Insn i) { return i.base == Cpu.RSP && based(i); }
}
