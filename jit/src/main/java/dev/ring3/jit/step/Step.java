package dev.ring3.jit.step;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.Operands;

/**
 * One decoded instruction as the interpreter runs it: an object holding only what its operation needs (register
 * numbers, size, immediate, address parts), with the operation in its class. See the package notes for why.
 *
 * <p>A step that is not a control transfer leaves {@link Cpu#rip} alone: only a block's last step sets it (the
 * block's steps are built so that the last one always does). A block runs by running its first step, which runs
 * the next ({@link #then}), and so on; a fault inside a block is named from the step it came from. Memory is
 * accessed before registers are written, as in the {@link dev.ring3.jit.Exec}s, so a faulting step leaves the
 * registers as they were.
 */
public abstract class Step {
    /** Runs the instruction. */
    public abstract void run(Cpu c);

    /** The block's step after this one (null for the last). */
    Step after;

    /**
     * Runs the rest of the block. Every step that is not a control transfer ends with this call, so that each step
     * class has its own dispatch site for the step after it, which the host's branch predictor tells apart (a
     * threaded interpreter's replicated dispatch); the chain is at most a block long. A memory access out of the
     * window in a later step reaches this handler first as the segment's exception, and leaves as a
     * {@link StepFault} naming the step it came from.
     */
    final void then(Cpu c) {
        Step n = after;
        if (n == null) return;
        try {
            n.run(c);
        } catch (IndexOutOfBoundsException e) {
            throw new StepFault(n);
        }
    }

    /** A general-purpose register at a size, zero-extended (sizes 1 and 2, AH-BH included, via {@link Operands}). */
    static long get(Cpu c, int reg, int size) {
        if (size == 8) return c.r[reg];
        if (size == 4) return c.r[reg] & 0xFFFF_FFFFL;
        return Operands.getReg(c, reg, size);
    }

    /** A register write with x86-64's width rules: 4 bytes zero the upper half, 1 and 2 keep it. */
    static void set(Cpu c, int reg, int size, long v) {
        if (size == 8) c.r[reg] = v;
        else if (size == 4) c.r[reg] = v & 0xFFFF_FFFFL;
        else Operands.setReg(c, reg, size, v);
    }

    /** A zero-extended load. */
    static long load(Cpu c, long a, int size) {
        if (size == 8) return c.mem.read64(a);
        if (size == 4) return c.mem.read32(a);
        return c.mem.read(a, size);
    }

    static void store(Cpu c, long a, int size, long v) {
        if (size == 8) c.mem.write64(a, v);
        else if (size == 4) c.mem.write32(a, v);
        else c.mem.write(a, size, v);
    }
}
