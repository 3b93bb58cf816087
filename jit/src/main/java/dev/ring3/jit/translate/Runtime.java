package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;

/** Out-of-line helpers called by translated code on its slow paths. */
public final class Runtime {
    private Runtime() {}

    /**
     * What a translated fallback rethrows: a memory access outside the window becomes the guest's SIGSEGV at the
     * instruction; everything else (guest faults, exits) passes unchanged.
     */
    public static Throwable rethrow(Cpu c, Throwable t, long rip) {
        if (t instanceof IndexOutOfBoundsException) return segv(c, rip);
        return t;
    }

    /** A memory access at the instruction at {@code rip} left the guest window: the guest's SIGSEGV. */
    public static GuestFault segv(Cpu c, long rip) {
        c.rip = rip;
        return GuestFault.segv(rip, -1, "memory access out of range");
    }
}
