package dev.ring3.jit.translate;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.FaultAddress;
import dev.ring3.jit.GuestFault;

/** Out-of-line helpers called by translated code on its slow paths. */
public final class Runtime {
    private Runtime() {}

    /**
     * What a translated fallback rethrows: a memory access outside the window becomes the guest's SIGSEGV at the
     * instruction; everything else (guest faults, exits) passes unchanged.
     */
    public static Throwable rethrow(Cpu c, Throwable t, Insn i) {
        if (t instanceof IndexOutOfBoundsException) return segv(c, i);
        return t;
    }

    /**
     * A memory access of instruction {@code i} left the guest window: the guest's SIGSEGV, with the Cpu as it was
     * before the instruction.
     */
    public static GuestFault segv(Cpu c, Insn i) {
        c.rip = i.addr;
        return GuestFault.segv(i.addr, FaultAddress.of(c, i), "memory access out of range");
    }
}
