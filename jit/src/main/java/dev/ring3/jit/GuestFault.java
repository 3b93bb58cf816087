package dev.ring3.jit;

/**
 * A synchronous fault raised by guest code: the signal the guest receives (SIGSEGV, SIGILL, SIGFPE, SIGTRAP,
 * SIGBUS), the address of the faulting instruction, and for memory faults the address accessed.
 * Thrown by instruction semantics and by the tiers when a memory access leaves the window; the kernel turns it into
 * signal delivery or, with no handler, into the process's death with the Linux exit status.
 */
public final class GuestFault extends RuntimeException {
    public static final int SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;
    /** si_code values (asm-generic/siginfo.h). */
    public static final int ILL_ILLOPN = 2, FPE_INTDIV = 1, SEGV_MAPERR = 1, SEGV_ACCERR = 2, SI_KERNEL = 0x80,
            TRAP_BRKPT = 1;

    public final int signal;
    public final int code;
    /** Address of the faulting instruction (filled in by the tier if the semantics did not know it). */
    public long rip;
    /** The memory address involved, or -1. */
    public final long address;

    public GuestFault(int signal, int code, long rip, long address, String message) {
        super(message, null, false, false);
        this.signal = signal;
        this.code = code;
        this.rip = rip;
        this.address = address;
    }

    public static GuestFault illegal(long rip, String what) {
        return new GuestFault(SIGILL, ILL_ILLOPN, rip, -1, what);
    }

    public static GuestFault divide(long rip) {
        return new GuestFault(SIGFPE, FPE_INTDIV, rip, -1, "divide error");
    }

    public static GuestFault segv(long rip, long address, String what) {
        return new GuestFault(SIGSEGV, SEGV_MAPERR, rip, address, what);
    }
}
