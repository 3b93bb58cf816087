package dev.ring3.jit;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.step.Step;
import dev.ring3.jit.step.StepFault;
import dev.ring3.jit.step.Steps;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A decoded basic block: straight-line instructions up to and including the first that may transfer control, each
 * with its semantics resolved once.
 *
 * <p>Blocks decoded from writable memory (a guest's own JIT, or code written then run without mprotect) keep a copy
 * of their bytes and compare it with memory before each run; a mismatch retires the block and the code is decoded
 * again. Code from read-only pages is invalidated through mprotect/munmap instead, at no per-run cost.
 */
public final class Block {
    public final long start;
    /** Address just past the last instruction. */
    public final long end;
    public final Insn[] insns;
    final Exec[] execs;
    /** What the interpreter runs: one compact {@link Step} per instruction (see the step package's notes). */
    private final Step[] steps;
    /** Bytes as decoded, kept only for blocks from writable memory. */
    final byte[] snapshot;

    /** True if this block checks its bytes before each run (it was decoded from writable memory). */
    public boolean selfChecking() { return snapshot != null; }
    /** False once invalidated: chained successors check this. */
    volatile boolean valid = true;
    /** Last two distinct successors seen, to skip the cache lookup (a per-block inline cache). */
    Block succA, succB;
    /** Times run, for tiering. */
    public int count;
    /**
     * The way into the translated region holding this block, if any (set by the engine; one object, so that the
     * threads sharing the cache never pair one region's method with another's index).
     */
    public dev.ring3.jit.translate.Entry entry;

    /** The translated region holding this block, or null. */
    public dev.ring3.jit.translate.Region region() {
        var e = entry;
        return e == null ? null : e.region;
    }
    /**
     * Set while a thread translates the region entered here: the threads of a process share their blocks, and
     * another thread that brings the block to the threshold meanwhile interprets on instead of translating the
     * same code a second time.
     */
    private volatile boolean translating;
    private static final java.lang.invoke.VarHandle TRANSLATING;
    static {
        try {
            TRANSLATING = java.lang.invoke.MethodHandles.lookup().findVarHandle(Block.class, "translating", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Claims the translation of the region entered here; false if another thread holds it. */
    boolean claim() { return TRANSLATING.compareAndSet(this, false, true); }

    void unclaim() { translating = false; }

    /** Translation was tried and failed or is not worth it: keep interpreting. */
    public boolean untranslatable;
    /** A region entered here took its side exits too often: translate it again with slow paths inline. */
    public boolean conservative;
    /** A region entered here failed its SSE range tests too often: translate it again without them. */
    public boolean noRanges;

    Block(Insn[] insns, Exec[] execs, byte[] snapshot) {
        this.insns = insns;
        this.execs = execs;
        this.steps = Steps.of(insns, execs);
        this.start = insns[0].addr;
        this.end = insns[insns.length - 1].next();
        this.snapshot = snapshot;
        this.indirectJump = insns[insns.length - 1].op == dev.ring3.decoder.Op.JMP_IND;
    }

    public boolean valid() { return valid; }

    /**
     * The last two distinct blocks control went to after this one (null if none yet): for an indirect branch or a
     * return, the targets it has been seen to take, which the translator turns into direct edges.
     */
    public Block seenSuccessor(int k) { return k == 0 ? succA : succB; }

    /**
     * For a block ending in an indirect jump (a switch, a bytecode interpreter's dispatch): the distinct targets
     * seen while interpreting it, with counts, up to {@link #MAX_TARGETS}. Two remembered successors cannot
     * describe a dispatch with dozens of handlers; with this profile the region of the dispatch takes in its
     * hottest handlers, and the jump becomes a switch inside the translated method.
     */
    private long[] targets;
    private int[] targetCounts;
    static final int MAX_TARGETS = 16;
    /** True if the block ends in an indirect jump (and so profiles its targets). */
    final boolean indirectJump;

    void profileTarget(long t) {
        if (targets == null) {
            targets = new long[MAX_TARGETS];
            targetCounts = new int[MAX_TARGETS];
        }
        for (int k = 0; k < MAX_TARGETS; k++) {
            if (targetCounts[k] == 0) {
                targets[k] = t;
                targetCounts[k] = 1;
                return;
            }
            if (targets[k] == t) {
                targetCounts[k]++;
                return;
            }
        }
    }

    /** Targets of the indirect jump seen while interpreting, most frequent first (null if none recorded). */
    public long[] hotTargets() {
        if (targets == null) return null;
        int n = 0;
        while (n < MAX_TARGETS && targetCounts[n] > 0) n++;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) order[k] = k;
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(targetCounts[y], targetCounts[x]));
        long[] out = new long[n];
        for (int k = 0; k < n; k++) out[k] = targets[order[k]];
        return out;
    }

    /**
     * The first {@code n} instructions as a block of their own, not cached (a translation too large for one method
     * covers a prefix of the block and leaves to the next block at the address after it).
     */
    public Block prefix(int n) {
        if (n >= insns.length) return this;
        Insn[] in = java.util.Arrays.copyOf(insns, n);
        Exec[] ex = java.util.Arrays.copyOf(execs, n);
        byte[] snap = snapshot == null ? null : java.util.Arrays.copyOf(snapshot, (int) (in[n - 1].next() - start));
        Block b = new Block(in, ex, snap);
        b.count = count;
        return b;
    }

    /** True if the memory under a self-checking block still holds the bytes it was decoded from. */
    public boolean unchanged(GuestMemory mem) {
        if (snapshot == null) return true;
        return MemorySegment.mismatch(mem.seg, start - GuestMemory.BASE, end - GuestMemory.BASE,
                MemorySegment.ofArray(snapshot), 0, snapshot.length) < 0;
    }

    /** Runs the block in the interpreter; memory faults become {@link GuestFault}s naming the instruction. */
    void interpret(Cpu c) {
        try {
            steps[0].run(c);
        } catch (StepFault f) {
            throw segv(c, indexOf(f.step));
        } catch (IndexOutOfBoundsException e) {
            throw segv(c, 0);
        } catch (GuestFault f) {
            c.rip = f.rip;   // the faulting instruction, or the next one for traps (INT3)
            throw f;
        }
    }

    /** SIGSEGV at instruction k, with rip there (its step left the state as before it). */
    private GuestFault segv(Cpu c, int k) {
        Insn i = insns[k];
        c.rip = i.addr;
        return GuestFault.segv(i.addr, FaultAddress.of(c, i), "memory access out of range");
    }

    private int indexOf(Step s) {
        for (int k = 0; k < steps.length; k++) if (steps[k] == s) return k;
        throw new IllegalStateException("a step of another block faulted");
    }

    static byte[] copyOf(GuestMemory mem, long start, long end) {
        byte[] b = new byte[(int) (end - start)];
        MemorySegment.copy(mem.seg, ValueLayout.JAVA_BYTE, start - GuestMemory.BASE, b, 0, b.length);
        return b;
    }
}
