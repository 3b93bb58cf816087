package dev.ring3.jit;

import dev.ring3.jit.translate.Entry;
import dev.ring3.jit.translate.Region;
import dev.ring3.jit.translate.RegionBuilder;
import dev.ring3.jit.translate.RegionSizer;
import dev.ring3.jit.translate.Translator;

/**
 * Runs guest code with both tiers: blocks are interpreted and counted; a block run {@link #threshold} times becomes
 * the entry of a translated {@link Region}, which runs from then on whenever control reaches that address. After a
 * region, the block at the exit taken is remembered per exit, so going from region to region needs no cache lookup
 * while the targets stay the same.
 *
 * <p>Like {@link Interpreter#run}, {@link #run} returns only by exception (the kernel's exit, or a
 * {@link GuestFault}).
 */
public final class Engine {
    /** Side exits a region may take before it is translated again with its slow paths inline. */
    static final int SIDE_EXIT_LIMIT = 1000;

    /** Default number of runs of a block before its region is translated. */
    public static final int DEFAULT_THRESHOLD = 1000;

    private final CodeCache cache;
    private final int threshold;
    /**
     * A direct-mapped cache of blocks by address in front of the code cache's map (QEMU's tb_jmp_cache): indirect
     * branches of an interpreter loop or a switch go to many targets, and each would otherwise be a synchronized
     * hash lookup.
     */
    private final Block[] jumpCache = new Block[JUMP_CACHE];
    private static final int JUMP_CACHE = 1 << 12;
    private final SyscallLinker linker;
    /** Regions translated, and translations that failed (for --stats and tests). */
    public int translated, failed;
    /** Blocks run by the interpreter (counted with -Dring3.jit.profile only). */
    public long interpreted;
    /** Time spent translating (building regions, emitting and defining their classes), with the profile only. */
    public long translateNanos;
    /** Translations given up because the method was too large (each retried smaller). */
    public int tooLarge;
    private final RegionSizer sizer = new RegionSizer();

    public Engine(CodeCache cache, int threshold) { this(cache, threshold, SyscallLinker.NONE); }

    public Engine(CodeCache cache, int threshold, SyscallLinker linker) {
        this.cache = cache;
        this.threshold = Math.max(1, threshold);
        this.linker = linker;
    }

    public void run(Cpu c) {
        Block b = cache.lookup(c.rip);
        while (true) {
            if (c.interrupted) {
                c.gate.interrupted(c);
                b = cache.lookup(c.rip);   // a signal's handler, or where the thread was
            }
            Entry e = b.entry;
            if (e != null && e.code.valid && (!e.selfChecking || e.region.unchanged(c.mem))) {
                Region r = e.region;
                int exit = e.code.run(c, e.index);
                if (dev.ring3.jit.translate.Runtime.PROFILE) r.runs++;
                Region er = c.exitRegion;   // the region that took the exit: this one or one it chained into
                if (exit < 0) {
                    if (exit == dev.ring3.jit.translate.Compiled.MXCSR_EXIT) {
                        // entered under another MXCSR than its fast paths assume: nothing ran; interpret the block
                        // (which may set PE) and go on, without counting a side exit
                        b = cache.lookup(c.rip);
                        b.interpret(c);
                        b = cache.lookup(c.rip);
                        continue;
                    }
                    // a side exit: the instruction at rip needs its exact semantics; run its block interpreted
                    if (er != r) {   // taken in a chained callee: the callee is translated again, from its entry
                        r = er;
                        b = cache.lookup(er.entry);
                    }
                    if (++r.sideExits > SIDE_EXIT_LIMIT) {
                        cache.retire(r);
                        // first without range tests (values outside their range), then with exact slow paths
                        if (r.rangeTests && !b.noRanges) b.noRanges = true;
                        else b.conservative = true;
                    }
                    b = cache.lookup(c.rip);
                    b.interpret(c);
                    b = cache.lookup(c.rip);
                    continue;
                }
                long next = c.rip;
                if (dev.ring3.jit.translate.Runtime.PROFILE) countExit(r, er, exit, next);
                Block[] seen = er.exitBlock;
                Block n = seen[2 * exit];
                if (n == null || n.start != next || !n.valid) {
                    n = seen[2 * exit + 1];
                    if (n == null || n.start != next || !n.valid) {
                        n = lookup(next);
                        seen[2 * exit + 1] = seen[2 * exit];
                        seen[2 * exit] = n;
                    }
                }
                // a fixed exit into a translated block: let the region call the next one itself from now on; not an
                // exit taken in a chained callee (linking those made chains deeper: sqlite 4-10% slower)
                if (er == r && r.exitTarget[exit] == next && (r.chain[exit] == null || !r.chain[exit].code.valid)) {
                    Entry to = n.entry;
                    if (to != null && to.code.valid && !to.selfChecking) r.chain[exit] = to;
                }
                b = n;
                continue;
            }
            if (e != null) {           // invalidated or modified underneath: forget it
                b.entry = null;
                b.count = 0;
            }
            if (b.snapshot != null && !b.unchanged(c.mem)) b = cache.lookup(b.start);
            if (++b.count >= threshold && !b.untranslatable && b.claim()) {
                long t0 = dev.ring3.jit.translate.Runtime.PROFILE ? System.nanoTime() : 0;
                try {
                    if (b.entry == null) translate(b);   // else another thread translated it while this one looked
                } finally {
                    b.unclaim();
                }
                if (dev.ring3.jit.translate.Runtime.PROFILE) translateNanos += System.nanoTime() - t0;
                if (b.entry != null) continue;
            }
            b.interpret(c);
            if (dev.ring3.jit.translate.Runtime.PROFILE) interpreted++;
            long next = c.rip;
            if (b.indirectJump) b.profileTarget(next);
            Block n = b.succA;
            if (n == null || n.start != next || !n.valid) {
                n = b.succB;
                if (n == null || n.start != next || !n.valid) {
                    n = lookup(next);
                    b.succB = b.succA;
                    b.succA = n;
                }
            }
            b = n;
        }
    }

    /** The block at rip: from the jump cache, else from the code cache (and then remembered). */
    private Block lookup(long rip) {
        int h = (int) (rip ^ (rip >>> 12)) & (JUMP_CACHE - 1);
        Block b = jumpCache[h];
        if (b != null && b.start == rip && b.valid && (b.snapshot == null || b.unchanged(cache.memory()))) return b;
        b = cache.lookup(rip);
        jumpCache[h] = b;
        return b;
    }

    /**
     * Translates the region entered at {@code rip} now, as when its block has run {@link #threshold} times
     * (benchmarks and tests lay out regions with it: a callee translated first is a region of its own).
     */
    public void translateAt(long rip) { translate(cache.lookup(rip)); }

    /**
     * Builds and translates the region entered at {@code b}: smaller without translating it when this program's
     * bytecode per instruction says it would not fit ({@link RegionSizer}), at half the size after an attempt that
     * did not fit.
     */
    private void translate(Block b) {
        int max = RegionBuilder.DEFAULT_MAX;
        while (max >= 1) {
            Region r = RegionBuilder.build(cache, b, max);
            int smaller = sizer.resize(r, max);
            if (smaller != max) {
                max = smaller;
                continue;
            }
            try {
                Translator.translate(r, linker, b.conservative, !b.conservative && !b.noRanges, cache.pollLoops);
                sizer.translated(r);
                if (cache.publish(r, b)) translated++;   // else its code changed while it was translated
                return;
            } catch (Translator.MethodTooLarge e) {
                max = Math.min(max, r.instructions) / 2;   // retry smaller
                tooLarge++;
            } catch (RuntimeException | LinkageError e) {
                if (DEBUG) {
                    System.err.println("ring3: translating 0x" + Long.toHexString(b.start) + " failed: " + e);
                    e.printStackTrace();
                }
                break;
            }
        }
        failed++;
        b.untranslatable = true;
    }

    private final java.util.Map<String, long[]> exitCounts = new java.util.HashMap<>();

    /** With the profile, -Dring3.jit.profile.sites=true also counts each exit site (region, target, entered region). */
    private static final boolean SITES = Boolean.getBoolean("ring3.jit.profile.sites");

    /** Counts an exit taken to the engine by kind, and whether the region entered or a chained callee took it. */
    private void countExit(Region r, Region er, int exit, long next) {
        String kind = er.exitTarget[exit] != -1 ? (er.chain[exit] != null ? "fixed-chained" : "fixed")
                : er.exitKinds != null && er.exitKinds[exit] != null ? er.exitKinds[exit] : "as-is";
        exitCounts.computeIfAbsent((er == r ? "own " : "callee ") + kind, k -> new long[1])[0]++;
        if (SITES) {
            String site = String.format("site %s %x->%x via %x", kind, er.entry, next, r.entry);
            exitCounts.computeIfAbsent(site, k -> new long[1])[0]++;
        }
    }

    static final boolean DEBUG = Boolean.getBoolean("ring3.debug.jit");

    /** For -Dring3.jit.profile: what this engine translated, and where translated code fell back. */
    public String profile() {
        StringBuilder sb = new StringBuilder("regions translated: " + translated + ", failed: " + failed + ", in "
                + translateNanos / 1_000_000 + " ms (" + tooLarge + " attempts too large; "
                + String.format("%.1f", sizer.rate()) + " bytes of bytecode per instruction)\n");
        java.util.List<Region> rs = cache.regions();
        rs.sort((x, y) -> Long.compare(y.runs, x.runs));
        long total = 0, insns = 0, bytes = 0;
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (Region r : rs) {
            total += r.runs;
            insns += r.instructions;
            bytes += r.bytecodeSize;
            for (Block b : r.blocks) distinct.add(b.start);
        }
        sb.append("translated: ").append(insns).append(" guest instructions in ").append(bytes)
                .append(" bytes of bytecode; distinct blocks ").append(distinct.size()).append('\n');
        sb.append("region entries: ").append(total).append(", interpreted block runs: ").append(interpreted).append('\n');
        for (int k = 0; k < Math.min(Integer.getInteger("ring3.jit.profile.regions", 12), rs.size()); k++) {
            Region r = rs.get(k);
            sb.append(String.format("  region 0x%x: %d runs, %d blocks, %d insns, %d bytes, %d side exits%n", r.entry,
                    r.runs, r.blocks.size(), r.instructions, r.bytecodeSize, r.sideExits));
        }
        var ec = new java.util.ArrayList<>(exitCounts.entrySet());
        ec.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        sb.append("exits to the engine:");
        for (int k = 0; k < Math.min(SITES ? 40 : 14, ec.size()); k++) {
            sb.append(' ').append(ec.get(k).getKey()).append('=').append(ec.get(k).getValue()[0]).append(';');
        }
        sb.append('\n');
        return sb + dev.ring3.jit.translate.Runtime.profile();
    }
}
