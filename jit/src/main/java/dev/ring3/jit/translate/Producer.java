package dev.ring3.jit.translate;

/**
 * The last flag-setting instruction, as the translator knows it at a point of the method: its lazy-flags operation
 * ({@link dev.ring3.jit.Flags#op}) and the JVM locals holding its result and operands. A null producer means the
 * flags are in the Cpu's fields (region entry, after a fallback, or at a join of blocks).
 */
record Producer(int op, int d, int a, int b) {
    int kind() { return op >>> 2; }

    int size() { return 1 << (op & 3); }
}
