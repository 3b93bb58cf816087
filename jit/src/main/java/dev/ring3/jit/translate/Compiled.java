package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;

/**
 * A translated region: one hidden class implementing this, whose {@link #run} executes guest code from the
 * region's entry until control leaves the region, leaves {@link Cpu} complete (registers, lazy flags,
 * {@code rip} = the next guest instruction) and returns the index of the exit taken, which the engine uses to find
 * the next region without a cache lookup (a per-exit inline cache).
 */
public interface Compiled {
    int run(Cpu c);
}
