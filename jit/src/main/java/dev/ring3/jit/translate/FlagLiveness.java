package dev.ring3.jit.translate;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
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
                    live = (live & ~i.op.flagsWritten) | i.flagsRead();
                }
                if (live != liveIn[b]) {
                    liveIn[b] = live;
                    changed = true;
                }
            }
        }
    }
}
