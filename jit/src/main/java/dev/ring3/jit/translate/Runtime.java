package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;

/** Out-of-line helpers called by translated code on its slow paths. */
public final class Runtime {
    private Runtime() {}

    /** A memory access at the instruction at {@code rip} left the guest window: the guest's SIGSEGV. */
    public static GuestFault segv(Cpu c, long rip) {
        c.rip = rip;
        return GuestFault.segv(rip, -1, "memory access out of range");
    }
}
