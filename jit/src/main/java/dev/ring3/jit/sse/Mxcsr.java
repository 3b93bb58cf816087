package dev.ring3.jit.sse;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;

/**
 * MXCSR (SDM vol. 1, 10.2.3): the SIMD floating-point control and status register, and the bracket every SSE
 * floating-point instruction runs in.
 *
 * <p>An instruction calls {@link #begin} before it computes: the sticky exception flags are set aside and cleared, so
 * the lanes OR in exactly the flags this instruction raises. {@link #end} merges them back; if one of them is
 * unmasked the instruction raises #XM instead of completing (SDM vol. 1, 11.5.3), and the caller has not yet written
 * its destination, so nothing but MXCSR changes. Linux delivers #XM as SIGFPE with an si_code picked from the
 * unmasked flags in the order of {@code arch/x86/kernel/fpu/core.c: fpu__exception_code}.
 */
public final class Mxcsr {
    private Mxcsr() {}

    /** Exception flags: invalid, denormal, divide by zero, overflow, underflow, precision (inexact). */
    static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, FLAGS = 0x3F;
    /** Denormals are zeros (inputs), the exception masks, flush to zero (outputs). */
    static final int DAZ = 0x40, IM = 0x80, DM = 0x100, ZM = 0x200, OM = 0x400, UM = 0x800, PM = 0x1000, FTZ = 0x8000;
    static final int RC_SHIFT = 13;
    /** Rounding control values: to nearest even, down (toward -inf), up (toward +inf), toward zero. */
    static final int RN = 0, RD = 1, RU = 2, RZ = 3;
    /**
     * Bits software may set: 0-15 (with DAZ). This is the MXCSR_MASK FXSAVE reports, and LDMXCSR or FXRSTOR with
     * any other bit set is #GP. (The development host, an AMD CPU with misaligned-SSE mode, also accepts bit 17, MM;
     * ring3 models a baseline CPU without it.)
     */
    public static final int WRITABLE = 0xFFFF;
    /** Value after reset and at process start: all exceptions masked, round to nearest. */
    public static final int DEFAULT = 0x1F80;

    // si_code for SIGFPE (asm-generic/siginfo.h)
    static final int FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6, FPE_FLTINV = 7;

    /** The rounding mode, 0-3. */
    static int rc(Cpu c) { return (c.mxcsr >>> RC_SHIFT) & 3; }

    /** Starts an instruction: returns the sticky flags and clears them so the instruction's own can be seen. */
    static int begin(Cpu c) {
        int saved = c.mxcsr & FLAGS;
        c.mxcsr &= ~FLAGS;
        return saved;
    }

    /**
     * Ends an instruction begun with {@link #begin}: merges the flags back, or raises #XM (SIGFPE) if the
     * instruction raised an unmasked exception. When an unmasked exception was found before computing (invalid,
     * denormal, divide by zero), the result-stage flags (overflow, underflow, precision) are not reported, as no
     * result was computed (SDM vol. 1, 11.5.2).
     */
    static void end(Cpu c, Insn i, int saved) {
        int raised = c.mxcsr & FLAGS;
        int unmasked = raised & ~(c.mxcsr >>> 7);
        if (unmasked == 0) {
            c.mxcsr |= saved;
            return;
        }
        if ((unmasked & (IE | DE | ZE)) != 0) c.mxcsr &= ~(OE | UE | PE);
        c.mxcsr |= saved;
        throw xm(i, unmasked);
    }

    /** The SIGFPE for #XM with these unmasked flags. */
    static GuestFault xm(Insn i, int unmasked) {
        int code = (unmasked & IE) != 0 ? FPE_FLTINV
                : (unmasked & ZE) != 0 ? FPE_FLTDIV
                : (unmasked & OE) != 0 ? FPE_FLTOVF
                : (unmasked & (DE | UE)) != 0 ? FPE_FLTUND
                : FPE_FLTRES;
        return new GuestFault(GuestFault.SIGFPE, code, i.addr, i.addr, "SIMD floating-point exception: " + i);
    }
}
