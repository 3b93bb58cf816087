package dev.ring3.jit;

import dev.ring3.decoder.Insn;

/**
 * The semantics of one operation, run by the interpreter (and called by baseline translated code): one signature
 * for every instruction, as in Blink. {@link Cpu#rip} already points at the next instruction when it runs; a
 * branch overwrites it. Memory is accessed before registers are written, so a faulting access leaves the
 * registers as they were before the instruction.
 */
@FunctionalInterface
public interface Exec {
    void run(Cpu c, Insn i);
}
