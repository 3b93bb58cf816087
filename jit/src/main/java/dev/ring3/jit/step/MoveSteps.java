package dev.ring3.jit.step;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Operands;

/** MOV in its five forms, LEA, and the extending moves MOVZX, MOVSX, MOVSXD (register destinations). */
final class MoveSteps {
    private MoveSteps() {}

    static final class RegReg extends Step {
        private final byte dst, src, size;

        RegReg(int dst, int src, int size) {
            this.dst = (byte) dst;
            this.src = (byte) src;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) { set(c, dst, size, get(c, src, size)); then(c); }
    }

    static final class RegImm extends Step {
        private final byte dst, size;
        private final long imm;

        RegImm(int dst, int size, long imm) {
            this.dst = (byte) dst;
            this.size = (byte) size;
            this.imm = imm & Operands.mask(size);
        }

        @Override
        public void run(Cpu c) { set(c, dst, size, imm); then(c); }
    }

    static final class RegMem extends MemStep {
        private final byte dst, size;

        RegMem(Insn i, int dst, int size) {
            super(i);
            this.dst = (byte) dst;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) { set(c, dst, size, load(c, ea(c), size)); then(c); }
    }

    static final class MemReg extends MemStep {
        private final byte src, size;

        MemReg(Insn i, int src, int size) {
            super(i);
            this.src = (byte) src;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) { store(c, ea(c), size, get(c, src, size)); then(c); }
    }

    static final class MemImm extends MemStep {
        private final byte size;
        private final long imm;

        MemImm(Insn i, int size) {
            super(i);
            this.size = (byte) size;
            this.imm = i.imm & Operands.mask(size);
        }

        @Override
        public void run(Cpu c) { store(c, ea(c), size, imm); then(c); }
    }

    /** LEA: the address, no access (and no segment base), at the operand size. */
    static final class Lea extends MemStep {
        private final byte dst, size;

        Lea(Insn i, int dst, int size) {
            super(i, false);
            this.dst = (byte) dst;
            this.size = (byte) size;
        }

        @Override
        public void run(Cpu c) { set(c, dst, size, ea(c)); then(c); }
    }

    /** MOVZX, MOVSX, MOVSXD from a register: the source's low srcSize bytes, zero- or sign-extended. */
    static final class ExtendReg extends Step {
        private final byte dst, src, size, srcSize;
        private final boolean signed;

        ExtendReg(int dst, int src, int size, int srcSize, boolean signed) {
            this.dst = (byte) dst;
            this.src = (byte) src;
            this.size = (byte) size;
            this.srcSize = (byte) srcSize;
            this.signed = signed;
        }

        @Override
        public void run(Cpu c) {
            long v = get(c, src, srcSize);
            set(c, dst, size, signed ? Operands.sext(v, srcSize) : v);
            then(c);
        }
    }

    /** MOVZX, MOVSX, MOVSXD from memory. */
    static final class ExtendMem extends MemStep {
        private final byte dst, size, srcSize;
        private final boolean signed;

        ExtendMem(Insn i, int dst, int size, int srcSize, boolean signed) {
            super(i);
            this.dst = (byte) dst;
            this.size = (byte) size;
            this.srcSize = (byte) srcSize;
            this.signed = signed;
        }

        @Override
        public void run(Cpu c) {
            long v = load(c, ea(c), srcSize);
            set(c, dst, size, signed ? Operands.sext(v, srcSize) : v);
            then(c);
        }
    }
}
