package dev.ring3.jit.step;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Operands;

/**
 * ADD SUB AND OR XOR CMP TEST in the forms register-register, register-immediate, register-memory, memory-register
 * and memory-immediate, and INC and DEC of a register or memory (none LOCKed): operands zero-extended at the
 * operation size, the lazy flags recorded as {@link dev.ring3.jit.ops.Alu} records them.
 */
final class AluSteps {
    private AluSteps() {}

    static final int ADD = 0, SUB = 1, AND = 2, OR = 3, XOR = 4, CMP = 5, TEST = 6;

    /** True if the operation writes its destination (not CMP, TEST). */
    static boolean writes(int kind) { return kind < CMP; }

    /** The operation's result at its size, with the flags recorded. */
    static long apply(Cpu c, int kind, int size, long a, long b) {
        long m = Operands.mask(size);
        switch (kind) {
            case ADD -> {
                long d = (a + b) & m;
                Flags.set(c, Flags.op(Flags.ADD, size), d, a, b);
                return d;
            }
            case SUB, CMP -> {
                long d = (a - b) & m;
                Flags.set(c, Flags.op(Flags.SUB, size), d, a, b);
                return d;
            }
            case AND, TEST -> {
                long d = a & b;
                Flags.logic(c, size, d);
                return d;
            }
            case OR -> {
                long d = a | b;
                Flags.logic(c, size, d);
                return d;
            }
            default -> {
                long d = a ^ b;
                Flags.logic(c, size, d);
                return d;
            }
        }
    }

    static final class RegReg extends Step {
        private final byte kind, dst, src, size;

        RegReg(int kind, int dst, int src, int size) {
            this.kind = (byte) kind;
            this.dst = (byte) dst;
            this.src = (byte) src;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) {
            long d = apply(c, kind, size, get(c, dst, size), get(c, src, size));
            if (kind < CMP) set(c, dst, size, d);
            then(c);
        }
    }

    static final class RegImm extends Step {
        private final byte kind, dst, size;
        private final long imm;

        RegImm(int kind, int dst, int size, long imm) {
            this.kind = (byte) kind;
            this.dst = (byte) dst;
            this.size = (byte) size;
            this.imm = imm & Operands.mask(size);
        }

        @Override
        public void run(Cpu c) {
            long d = apply(c, kind, size, get(c, dst, size), imm);
            if (kind < CMP) set(c, dst, size, d);
            then(c);
        }
    }

    /** A register destination, a memory source. */
    static final class RegMem extends MemStep {
        private final byte kind, dst, size;

        RegMem(Insn i, int kind, int dst, int size) {
            super(i);
            this.kind = (byte) kind;
            this.dst = (byte) dst;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) {
            long b = load(c, ea(c), size);
            long d = apply(c, kind, size, get(c, dst, size), b);
            if (kind < CMP) set(c, dst, size, d);
            then(c);
        }
    }

    /** A memory destination, a register source. */
    static final class MemReg extends MemStep {
        private final byte kind, src, size;

        MemReg(Insn i, int kind, int src, int size) {
            super(i);
            this.kind = (byte) kind;
            this.src = (byte) src;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) {
            long a = ea(c);
            long d = apply(c, kind, size, load(c, a, size), get(c, src, size));
            if (kind < CMP) store(c, a, size, d);
            then(c);
        }
    }

    static final class MemImm extends MemStep {
        private final byte kind, size;
        private final long imm;

        MemImm(Insn i, int kind, int size) {
            super(i);
            this.kind = (byte) kind;
            this.size = (byte) size;
            this.imm = i.imm & Operands.mask(size);
        }

        @Override
        public void run(Cpu c) {
            long a = ea(c);
            long d = apply(c, kind, size, load(c, a, size), imm);
            if (kind < CMP) store(c, a, size, d);
            then(c);
        }
    }

    /** INC or DEC: CF is left as it was, so the previous operation's CF is recorded with the result. */
    static long step(Cpu c, int ccop, int size, long a, long delta) {
        long d = (a + delta) & Operands.mask(size);
        Flags.set(c, ccop, d, a, Flags.cf(c) ? 1 : 0);
        return d;
    }

    static final class IncDecReg extends Step {
        private final byte reg, size;
        private final int ccop;
        private final long delta;

        IncDecReg(int reg, int size, boolean inc) {
            this.reg = (byte) reg;
            this.size = (byte) size;
            this.ccop = Flags.op(inc ? Flags.INC : Flags.DEC, size);
            this.delta = inc ? 1 : -1;
        }

        @Override
        public void run(Cpu c) { set(c, reg, size, step(c, ccop, size, get(c, reg, size), delta)); then(c); }
    }

    static final class IncDecMem extends MemStep {
        private final byte size;
        private final int ccop;
        private final long delta;

        IncDecMem(Insn i, int size, boolean inc) {
            super(i);
            this.size = (byte) size;
            this.ccop = Flags.op(inc ? Flags.INC : Flags.DEC, size);
            this.delta = inc ? 1 : -1;
        }

        @Override
        public void run(Cpu c) {
            long a = ea(c);
            store(c, a, size, step(c, ccop, size, load(c, a, size), delta));
            then(c);
        }
    }
}
