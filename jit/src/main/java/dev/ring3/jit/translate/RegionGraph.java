package dev.ring3.jit.translate;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Block;
import java.util.List;
import java.util.Map;

/**
 * The control flow between a region's blocks: for each block, the guest addresses it may continue at through
 * direct control flow, and whether it may also leave the region (an indirect branch, a return, a system call, a
 * successor outside the region).
 */
final class RegionGraph {
    private final long[][] succ;
    private final boolean[] exits;

    RegionGraph(List<Block> blocks, Map<Long, Integer> index) {
        int n = blocks.size();
        succ = new long[n][];
        exits = new boolean[n];
        for (int b = 0; b < n; b++) {
            Block blk = blocks.get(b);
            long[] s = successors(blk);
            succ[b] = s;
            Op last = blk.insns[blk.insns.length - 1].op;
            boolean direct = !last.endsBlock || last == Op.JMP || last == Op.JCC || last == Op.JRCXZ || last == Op.LOOP
                    || last == Op.LOOPE || last == Op.LOOPNE || last == Op.CALL;
            boolean exit = !direct;
            for (long t : s) if (!index.containsKey(t)) exit = true;
            exits[b] = exit;
        }
    }

    long[] successors(int b) { return succ[b]; }

    boolean hasExit(int b) { return exits[b]; }

    /**
     * Where a block can go: branch targets and fall-through for direct control flow; for an indirect branch or a
     * return, the targets it has been seen to take (the translator checks the actual target against them).
     */
    static long[] successors(Block b) {
        Op op = b.insns[b.insns.length - 1].op;
        if (op == Op.RET || op == Op.JMP_IND || op == Op.CALL_IND) return seen(b);
        return staticSuccessors(b);
    }

    /**
     * Targets an indirect branch has been seen to take: an indirect jump's profile (most frequent first), else the
     * last two.
     */
    static long[] seen(Block b) {
        long[] hot = b.hotTargets();
        if (hot != null) return hot;
        Block x = b.seenSuccessor(0), y = b.seenSuccessor(1);
        if (x == null) return new long[0];
        if (y == null || y.start == x.start) return new long[] {x.start};
        return new long[] {x.start, y.start};
    }

    /** Where a block can go by direct control flow (branch targets and fall-through). */
    static long[] staticSuccessors(Block b) {
        Insn last = b.insns[b.insns.length - 1];
        Op op = last.op;
        return switch (op) {
            case JMP -> new long[] {last.imm};
            case JCC, JRCXZ, LOOP, LOOPE, LOOPNE -> new long[] {last.imm, last.next()};
            case CALL -> new long[] {last.imm};
            default -> op.endsBlock ? new long[0] : new long[] {b.end};
        };
    }
}
