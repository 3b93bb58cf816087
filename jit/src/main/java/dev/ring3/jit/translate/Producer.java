package dev.ring3.jit.translate;

/**
 * The last flag-setting instruction, as the translator knows it at a point of the method: its lazy-flags operation
 * ({@link dev.ring3.jit.Flags#op}) and the JVM locals holding its result and operands. A null producer means the
 * flags are in the Cpu's fields (region entry, after a fallback, or at a join of blocks).
 */
record Producer(int op, int d, int a, int b, boolean lazy) {
    /**
     * A CMP's producer is {@code lazy}: no local holds its result; where the result is needed (a sign or zero test,
     * the Cpu's lazy state at an exit) it is computed from the operands ({@link Conditions#loadD}). A loop's
     * closing CMP then costs no subtraction per iteration: C2 does not move computations into the exit paths that
     * alone use them.
     */
    Producer(int op, int d, int a, int b) { this(op, d, a, b, false); }

    /**
     * {@link #b} of an INC/DEC whose carry-in was the Cpu's CF (the flags were in the Cpu when it ran): read from
     * the Cpu only where needed (a flush, a condition on CF), since the Cpu's lazy state does not change while a
     * producer is pending. A DEC counting a loop then reads no flag per iteration.
     */
    static final int CPU_CARRY = -2;

    int kind() { return op >>> 2; }

    int size() { return 1 << (op & 3); }
}
