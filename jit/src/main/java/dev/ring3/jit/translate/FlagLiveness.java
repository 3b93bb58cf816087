package dev.ring3.jit.translate;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Block;
import java.util.List;
import java.util.Map;

/**
 * Which status flags are live after each instruction of a region: read later on some path before being written.
 * Every exit counts as reading all of them (the code after the region may). A flag-setting instruction whose
 * flags are all dead after it records nothing.
 */
final class FlagLiveness {
    /** liveAfter[b][k]: flags live after instruction k of block b. */
    final int[][] liveAfter;
    final int[] liveIn;

    /**
     * A shift or rotate whose count may be 0 (CL, or an immediate 0) leaves the flags as they were for that count
     * and writes them for any other: the flags live after it are live before it, and no others. (Insn.flagsRead
     * says it reads every flag it writes, which is what a fallback must know, but made the flags of, say,
     * {@code sbb r15, r15; shr r13, cl; and r13, r15} live at the SBB: Go's shifts, 1.3 million SBB fallbacks in
     * a tree-building test.)
     */
    static boolean passThrough(Insn i) {
        return (i.op == Op.SHL || i.op == Op.SHR || i.op == Op.SAR || i.op == Op.ROL || i.op == Op.ROR)
                && i.flagsRead() != 0;   // 0 for an immediate count that is not 0 (Insn.flagsRead)
    }

    FlagLiveness(List<Block> blocks, Map<Long, Integer> index, RegionGraph graph) {
        int n = blocks.size();
        liveAfter = new int[n][];
        liveIn = new int[n];
        for (int b = 0; b < n; b++) liveAfter[b] = new int[blocks.get(b).insns.length];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                int out = 0;
                for (long succ : graph.successors(b)) {
                    Integer s = index.get(succ);
                    out |= s == null ? FlagBits.STATUS : liveIn[s];
                }
                if (graph.hasExit(b)) out |= FlagBits.STATUS;
                Insn[] insns = blocks.get(b).insns;
                int live = out;
                for (int k = insns.length - 1; k >= 0; k--) {
                    liveAfter[b][k] = live;
                    Insn i = insns[k];
                    live = passThrough(i) ? live : (live & ~i.op.flagsWritten) | i.flagsRead();
                }
                if (live != liveIn[b]) {
                    liveIn[b] = live;
                    changed = true;
                }
            }
        }
    }
}
