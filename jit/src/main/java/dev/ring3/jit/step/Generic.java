package dev.ring3.jit.step;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Exec;

/**
 * Any instruction through its {@link Exec}, with {@link Cpu#rip} at the next instruction first, as the
 * semantics expect: everything without a step of its own, and a block's last instruction when it is not a
 * control transfer (so that it leaves rip at the block's end).
 */
final class Generic extends Step {
    private final Insn insn;
    private final Exec exec;
    private final long next;

    Generic(Insn insn, Exec exec) {
        this.insn = insn;
        this.exec = exec;
        this.next = insn.next();
    }

    @Override
    public void run(Cpu c) {
        c.rip = next;
        exec.run(c, insn);
        then(c);
    }
}
