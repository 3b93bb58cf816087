package dev.ring3.jit;

/**
 * The architectural state of one guest thread.
 *
 * <p>Layout decision: general-purpose registers are a {@code long[16]} indexed by the register number the decoder
 * gives (RAX=0 ... R15=15), because the interpreter indexes them; translated code loads the registers a region uses
 * into JVM locals on entry and stores back the ones it changed on exit, so the array is touched only at region
 * boundaries. XMM registers are pairs of longs ({@code xmm[2n]} low quadword, {@code xmm[2n+1]} high), which is
 * how SSE2 integer and double code mostly sees them. Flags are lazy ({@link Flags}).
 *
 * <p>{@link #rip} is the address of the next instruction while an instruction runs (the interpreter advances it
 * before executing), and the faulting instruction's address when a fault is delivered.
 */
public final class Cpu {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    public final long[] r = new long[16];
    public long rip;

    /** Lazy flags: operation ({@link Flags}), result and operands. */
    public int ccOp;
    public long ccDst, ccSrc1, ccSrc2;
    /** RFLAGS bits not held lazily (DF, IF, reserved bit 1), and all status bits when {@code ccOp == NONE}. */
    public long flags = Flags.FIXED;

    public long fsBase, gsBase;

    /** XMM0-15, two longs each (low, high). */
    public final long[] xmm = new long[32];
    public int mxcsr = 0x1F80;
    public final X87 fpu = new X87();

    /** The address space this thread runs in. */
    public GuestMemory mem;
    /** Where SYSCALL goes. */
    public SyscallGate gate;
    /**
     * Set when a signal is pending for this thread (raised by the thread itself or sent by another): the engine,
     * the interpreter and the co-simulation test it before each block and then call
     * {@link SyscallGate#interrupted}; a loop inside one translated region runs on until it leaves the region,
     * unless it was translated with {@link CodeCache#pollLoops} (threads), when every back edge looks too.
     */
    public volatile boolean interrupted;
    /** The kernel's object for this thread (opaque to the jit). */
    public Object thread;
    /**
     * The region whose exit index translated code just returned: the innermost one of a chain of region calls
     * (chained calls pass the index on), so the engine takes that region's per-exit cache of the next block.
     */
    public dev.ring3.jit.translate.Region exitRegion;

    public Cpu(GuestMemory mem, SyscallGate gate) {
        this.mem = mem;
        this.gate = gate;
    }

    /** A copy of the register state (for fork and clone); memory and gate are shared until replaced. */
    public Cpu copy() {
        Cpu c = new Cpu(mem, gate);
        c.copyFrom(this);
        return c;
    }

    /** Takes the architectural state of {@code from}: registers, RIP, flags, FS/GS base, XMM, MXCSR, x87. */
    public void copyFrom(Cpu from) {
        System.arraycopy(from.r, 0, r, 0, 16);
        rip = from.rip;
        ccOp = from.ccOp; ccDst = from.ccDst; ccSrc1 = from.ccSrc1; ccSrc2 = from.ccSrc2;
        flags = from.flags;
        fsBase = from.fsBase; gsBase = from.gsBase;
        System.arraycopy(from.xmm, 0, xmm, 0, 32);
        mxcsr = from.mxcsr;
        fpu.copyFrom(from.fpu);
    }
}
