package dev.ring3.jit;

import dev.ring3.decoder.Insn;

/**
 * The guest address a faulting instruction was accessing, computed from the state before it (both tiers deliver
 * faults with that state): its memory operand, or the stack slot of a push, pop, call or return; -1 where it cannot
 * be told (string instructions report their own).
 */
public final class FaultAddress {
    private FaultAddress() {}

    public static long of(Cpu c, Insn i) {
        if (i.hasMemory()) return Operands.ea(c, i);
        long sp = c.r[Cpu.RSP];
        return switch (i.op) {
            case PUSH, PUSHF, CALL, CALL_IND -> sp - (i.op == dev.ring3.decoder.Op.CALL || i.op == dev.ring3.decoder.Op.CALL_IND ? 8 : i.osize);
            case POP, POPF, RET -> sp;
            case LEAVE -> c.r[Cpu.RBP];
            default -> -1;
        };
    }
}
