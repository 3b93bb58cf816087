package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;

/**
 * A translated region: one hidden class implementing this, whose {@link #run} executes guest code from block
 * {@code entry} of the region (any of its blocks can be entered: a block belongs to one region only) until control
 * leaves the region, leaves {@link Cpu} complete (registers, lazy flags, {@code rip} = the next guest instruction)
 * and returns the index of the exit taken, which the engine uses to find the next block without a cache lookup
 * (a per-exit inline cache); side exits return the complement of their index.
 */
public interface Compiled {
    int run(Cpu c, int entry);
}
