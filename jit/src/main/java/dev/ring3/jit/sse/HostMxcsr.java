package dev.ring3.jit.sse;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.NativeSyscall;

/**
 * The host thread's own MXCSR as a store of the guest's exception flags. Translated code runs guest SSE arithmetic
 * as the host's IEEE operations under the same MXCSR controls the guest has (round to nearest, all exceptions
 * masked, no FTZ or DAZ: the region's entry check), so the host CPU raises exactly the flags the guest's
 * instruction would, in the host's MXCSR. The translator then needs no test that an operation raises no flag (the
 * range tests of {@link dev.ring3.jit.translate.FpRanges}); the flags are read back from the host whenever the guest
 * can see its MXCSR ({@link #fold}: STMXCSR, FXSAVE and XSAVE), and the host's are cleared whenever the guest
 * replaces its own ({@link #reset}: LDMXCSR, FXRSTOR, XRSTOR).
 *
 * <p>What keeps this exact (see {@code dev.ring3.jit.translate.HostFlagOps}, which decides where translated code
 * may rely on it):
 * <ul>
 *   <li>PE is never taken from the host: the JVM's own C++ code raises it on a Java thread (starting a thread
 *   does, {@code SyscallLibraryTest}), and translated code relies on the host only where the guest's PE is set
 *   already (the entry check). No other flag was seen raised by the JVM or by ring3's own Java code, whose
 *   floating-point work either repeats the guest's operation (the interpreter's fast paths, the comparisons) or
 *   computes on significands in [1, 2) (the exact paths, the x87): {@code HostMxcsrTest} runs integer and
 *   floating-point programs and finds no flag the guest did not raise.</li>
 *   <li>Flags live in the host only from the moment a translation that relies on them is installed
 *   ({@link #arm}, which clears the host's first); until then nothing is read back.</li>
 *   <li>The translator makes every operation it leaves to the host observable to C2 (a result read or stored in
 *   its block, or tested), so that no operation the guest executes is removed as dead, and uses the host only for
 *   operations with an operand loaded from guest memory in their block, so that C2 cannot compute one where the
 *   guest does not (no constant folding, no hoisting of a loop-invariant operation out of the branch that guards
 *   it).</li>
 * </ul>
 * MXCSR is per thread; each guest thread runs on its own host thread, as its {@link Cpu} does.
 */
public final class HostMxcsr {
    private HostMxcsr() {}

    /** The status flags taken from the host: IE DE ZE OE UE (not PE, see above). */
    static final int FOLDED = Mxcsr.IE | Mxcsr.DE | Mxcsr.ZE | Mxcsr.OE | Mxcsr.UE;

    /** The JVM's MXCSR: everything masked, round to nearest, no flags. */
    private static final int JVM_MXCSR = 0x1F80;

    /** True when the host's MXCSR can be read and written ({@code -Dring3.jit.hostFlags=false} turns it off). */
    public static final boolean AVAILABLE = available();

    private static boolean available() {
        if (!NativeSyscall.LOADED || !Boolean.parseBoolean(System.getProperty("ring3.jit.hostFlags", "true"))) {
            return false;
        }
        try {
            return (NativeSyscall.mxcsr(-1) & ~Mxcsr.FLAGS) == JVM_MXCSR;
        } catch (UnsatisfiedLinkError e) {      // a library from before the function existed
            return false;
        }
    }

    /** From now on this thread's host flags belong to {@code c}: clears them (once). */
    public static void arm(Cpu c) {
        if (c.hostFlags || !AVAILABLE) return;
        NativeSyscall.mxcsr(JVM_MXCSR);
        c.hostFlags = true;
    }

    /** Moves the flags the host raised for {@code c} into {@code c.mxcsr} (before the guest reads MXCSR). */
    public static void fold(Cpu c) {
        if (c.hostFlags) c.mxcsr |= NativeSyscall.mxcsr(JVM_MXCSR) & FOLDED;
    }

    /** Drops the flags the host holds for {@code c} (after the guest replaced MXCSR). */
    public static void reset(Cpu c) {
        if (c.hostFlags) NativeSyscall.mxcsr(JVM_MXCSR);
    }
}
