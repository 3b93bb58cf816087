package dev.ring3.jit.step;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;

/**
 * Control transfers (Jcc, JMP, CALL, RET, indirect JMP and CALL), which set {@link Cpu#rip} from constants of the
 * decoded instruction, and PUSH and POP of 8 bytes.
 */
final class ControlSteps {
    private ControlSteps() {}

    /** Pushes 8 bytes: the store first, so that a fault leaves RSP as it was. */
    static void push(Cpu c, long v) {
        long sp = c.r[Cpu.RSP] - 8;
        c.mem.write64(sp, v);
        c.r[Cpu.RSP] = sp;
    }

    static final class Jcc extends Step {
        private final int cc;
        private final long target, next;

        Jcc(Insn i) {
            cc = i.cc;
            target = i.imm;
            next = i.next();
        }

        @Override
        public void run(Cpu c) { c.rip = Flags.cond(c, cc) ? target : next; }
    }

    static final class Jmp extends Step {
        private final long target;

        Jmp(Insn i) { target = i.imm; }

        @Override
        public void run(Cpu c) { c.rip = target; }
    }

    static final class Call extends Step {
        private final long target, next;

        Call(Insn i) {
            target = i.imm;
            next = i.next();
        }

        @Override
        public void run(Cpu c) {
            push(c, next);
            c.rip = target;
        }
    }

    static final class Ret extends Step {
        @Override
        public void run(Cpu c) {
            long sp = c.r[Cpu.RSP];
            long target = c.mem.read64(sp);
            c.r[Cpu.RSP] = sp + 8;
            c.rip = target;
        }
    }

    /** JMP or CALL through a register. */
    static final class IndirectReg extends Step {
        private final byte reg;
        private final boolean call;
        private final long next;

        IndirectReg(Insn i, int reg, boolean call) {
            this.reg = (byte) reg;
            this.call = call;
            this.next = i.next();
        }

        @Override
        public void run(Cpu c) {
            long target = c.r[reg];
            if (call) push(c, next);
            c.rip = target;
        }
    }

    /** JMP or CALL through memory (a PLT slot, a switch table, a vtable). */
    static final class IndirectMem extends MemStep {
        private final boolean call;
        private final long next;

        IndirectMem(Insn i, boolean call) {
            super(i);
            this.call = call;
            this.next = i.next();
        }

        @Override
        public void run(Cpu c) {
            long target = c.mem.read64(ea(c));
            if (call) push(c, next);
            c.rip = target;
        }
    }

    static final class PushReg extends Step {
        private final byte reg;

        PushReg(int reg) { this.reg = (byte) reg; }

        @Override
        public void run(Cpu c) { push(c, c.r[reg]); then(c); }
    }

    static final class PushImm extends Step {
        private final long imm;

        PushImm(long imm) { this.imm = imm; }

        @Override
        public void run(Cpu c) { push(c, imm); then(c); }
    }

    /** POP to a register (POP RSP leaves the popped value in RSP). */
    static final class PopReg extends Step {
        private final byte reg;

        PopReg(int reg) { this.reg = (byte) reg; }

        @Override
        public void run(Cpu c) {
            long sp = c.r[Cpu.RSP];
            long v = c.mem.read64(sp);
            c.r[Cpu.RSP] = sp + 8;
            c.r[reg] = v;
            then(c);
        }
    }
}
