package dev.ring3.jit;

/**
 * The first tier: runs decoded blocks one instruction at a time through their {@link Exec}s. Successor blocks are
 * remembered per block (two entries), so a loop does not go back to the cache's hash map on every iteration.
 * {@link #run} returns only by exception: the kernel's exit, or a {@link GuestFault} for the kernel to deliver.
 */
public final class Interpreter {
    private final CodeCache cache;

    public Interpreter(CodeCache cache) { this.cache = cache; }

    public CodeCache cache() { return cache; }

    public void run(Cpu c) {
        Block b = cache.lookup(c.rip);
        while (true) {
            if (c.interrupted) {
                c.gate.interrupted(c);
                b = cache.lookup(c.rip);
            }
            if (b.snapshot != null && !b.unchanged(c.mem)) b = cache.lookup(b.start);
            b.count++;
            b.interpret(c);
            long next = c.rip;
            Block n = b.succA;
            if (n == null || n.start != next || !n.valid) {
                n = b.succB;
                if (n == null || n.start != next || !n.valid) {
                    n = cache.lookup(next);
                    b.succB = b.succA;
                    b.succA = n;
                }
            }
            b = n;
        }
    }

    /** Runs until {@link Cpu#rip} equals {@code stop} (tests and the co-simulation harness). */
    public void runUntil(Cpu c, long stop) {
        while (c.rip != stop) {
            Block b = cache.lookup(c.rip);
            b.interpret(c);
        }
    }
}
