package dev.ring3.jit.translate;

import dev.ring3.jit.Block;
import dev.ring3.jit.CodeCache;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the blocks of a region: from a hot block, follow direct branches and fall-through to blocks the
 * interpreter has already run (a block never run is a cold path and stays an exit) and that no other region holds
 * (regions partition the hot code: any block of a region can be entered, so nothing is translated twice), up to a
 * size that keeps the translated method under HotSpot's limits. The first block comes first, the rest in address
 * order, which keeps most fall-through edges as fall-through.
 */
public final class RegionBuilder {
    /** Guest instructions per region; a failed translation is retried with half. */
    public static final int DEFAULT_MAX = 256;

    private RegionBuilder() {}

    public static Region build(CodeCache cache, Block entry, int maxInstructions) {
        // an entry block larger than the budget is translated in part: the rest is the next block's business
        entry = entry.prefix(Math.max(1, maxInstructions));
        Map<Long, Block> chosen = new LinkedHashMap<>();
        Deque<Block> work = new ArrayDeque<>();
        work.add(entry);
        int total = 0;
        while (!work.isEmpty()) {
            Block b = work.poll();
            if (chosen.containsKey(b.start)) continue;
            if (!chosen.isEmpty() && total + b.insns.length > maxInstructions) continue;
            chosen.put(b.start, b);
            total += b.insns.length;
            long[] next = RegionGraph.successors(b);
            dev.ring3.decoder.Insn last = b.insns[b.insns.length - 1];
            if (last.op == dev.ring3.decoder.Op.CALL || last.op == dev.ring3.decoder.Op.CALL_IND) {
                // the return site: reached by the callee's RET, checked against the return address
                next = java.util.Arrays.copyOf(next, next.length + 1);
                next[next.length - 1] = last.next();
            }
            for (long t : next) {
                Block s = cache.peek(t);
                Region held = s == null ? null : s.region();   // read once: other threads clear entries
                boolean owned = held != null && held.valid;   // a block is in one region
                if (s != null && s.valid() && s.count > 0 && !owned && !chosen.containsKey(t)) work.add(s);
            }
        }
        List<Block> rest = new ArrayList<>(chosen.values());
        rest.remove(entry);
        rest.sort(Comparator.comparingLong(b -> b.start));
        List<Block> order = new ArrayList<>();
        order.add(entry);
        order.addAll(rest);
        return new Region(entry.start, order);
    }
}
