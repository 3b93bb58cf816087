package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.X87;

/**
 * The register stack and the life cycle every x87 instruction shares (SDM vol. 1 8.1, 8.5, 8.6):
 * <ol>
 *   <li>{@link #begin}: a waiting instruction first delivers a pending unmasked exception (#MF, which Linux turns
 *       into SIGFPE at this instruction); the exception latch is cleared;</li>
 *   <li>operands are read (memory first), an empty register read is a stack underflow ({@link #underflow}: IE and
 *       SF, and the masked response's operand is the default NaN), and the result is computed into the latch;</li>
 *   <li>memory is written if {@link #deliverable} (an unmasked IE, DE or ZE leaves the destination alone);</li>
 *   <li>{@link #commit} folds the exceptions and condition codes into the status word, then registers and TOP
 *       change, and {@link #record} notes the instruction and operand pointers.</li>
 * </ol>
 * Internally a register's tag only tells empty (3) from not empty (0); FNSTENV, FNSAVE and FXSAVE derive the full
 * tag from the contents ({@link #tagWord}).
 */
public final class X87Stack {
    /** si_code values of SIGFPE (asm-generic/siginfo.h). */
    static final int FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6, FPE_FLTINV = 7;
    /**
     * The selectors FNSTENV reports with the pointers: CS is Linux's __USER_CS; a 64-bit process has SS =
     * __USER_DS and DS = ES = FS = GS = 0 (as ring3's MOV from a segment register reports too).
     */
    static final int USER_CS = 0x33, USER_SS = 0x2B;

    private X87Stack() {}

    public static int phys(X87 f, int i) { return (f.top + i) & 7; }

    public static boolean isEmpty(X87 f, int i) { return ((f.tag >>> (2 * phys(f, i))) & 3) == 3; }

    public static long mant(X87 f, int i) { return f.mant[phys(f, i)]; }

    public static int se(X87 f, int i) { return f.se[phys(f, i)]; }

    /** Writes ST(i) and marks it in use. */
    public static void write(X87 f, int i, long m, int se) {
        int p = phys(f, i);
        f.mant[p] = m;
        f.se[p] = se & 0xFFFF;
        f.tag &= ~(3 << (2 * p));
    }

    /** Pushes a value (the caller has checked {@link #pushOverflows}). */
    public static void push(X87 f, long m, int se) {
        f.top = (f.top - 1) & 7;
        write(f, 0, m, se);
    }

    /** Marks ST(0) empty and increments TOP. */
    public static void pop(X87 f) {
        f.tag |= 3 << (2 * f.top);
        f.top = (f.top + 1) & 7;
    }

    /** True if a push would overwrite a register in use: a stack overflow. */
    public static boolean pushOverflows(X87 f) { return !isEmpty(f, 7); }

    /** Stack overflow: IE, SF and C1; the masked response pushes the default NaN. */
    static void overflow(X87 f) {
        f.exc |= IE | SF | C1;
        f.resMant = NAN_MANT;
        f.resSe = NAN_SE;
    }

    /** Stack underflow: IE and SF with C1 clear; the masked response uses the default NaN. */
    static void underflow(X87 f) {
        f.exc = (f.exc & ~C1) | IE | SF;
    }

    /** Starts a waiting instruction: a pending unmasked exception is delivered first. */
    public static void begin(Cpu c, Insn i) {
        X87 f = c.fpu;
        if ((f.sw & ES) != 0) throw pendingFault(f, i.addr);
        f.exc = 0;
    }

    /** SIGFPE for the pending unmasked exception, with Linux's si_code (arch/x86/kernel/traps.c order). */
    static GuestFault pendingFault(X87 f, long rip) {
        int err = f.sw & ~f.cw & 0x3F;
        int code = (err & IE) != 0 ? FPE_FLTINV : (err & ZE) != 0 ? FPE_FLTDIV : (err & OE) != 0 ? FPE_FLTOVF
                : (err & (DE | UE)) != 0 ? FPE_FLTUND : (err & PE) != 0 ? FPE_FLTRES : 0;
        return new GuestFault(GuestFault.SIGFPE, code, rip, -1, "x87 floating-point exception");
    }

    /** False if an unmasked IE, DE or ZE was raised: the destination and the stack must then stay as they are. */
    public static boolean deliverable(X87 f) { return (f.exc & ~f.cw & (IE | DE | ZE)) == 0; }

    /**
     * For stores to memory: false also for an unmasked OE or UE, which leave the memory and the stack alone (SDM
     * vol. 1 4.9.1.4, 4.9.1.5); a refused store is remembered so that PE and C1 are not reported.
     */
    public static boolean storable(X87 f) {
        if ((f.exc & ~f.cw & (IE | DE | ZE | OE | UE)) == 0) return true;
        f.exc |= SUPPRESSED;
        return false;
    }

    /**
     * Folds the latch into the status word: exception flags are sticky, the condition codes in {@code ccMask} take
     * their new values, and an unmasked exception sets ES and B (the #MF is then pending). An operation that an
     * unmasked IE, DE or ZE stopped, or a store an unmasked exception refused, reports no inexact result.
     */
    public static void commit(X87 f, int ccMask) {
        int e = f.exc;
        // an operation stopped by an unmasked exception reports neither the later exceptions nor a rounding
        if ((e & ~f.cw & (IE | DE | ZE)) != 0) e &= ~(OE | UE | PE | C1);
        else if ((e & SUPPRESSED) != 0) e &= ~(PE | C1);
        int sw = (f.sw | (e & 0x7F)) & ~ccMask | (e & ccMask);
        if ((e & ~f.cw & 0x3F) != 0) sw |= ES | B;
        f.sw = sw;
    }

    /**
     * Records the last instruction pointer and opcode (derived later from the code) and, if {@code ea} is not -1,
     * the operand: its offset in its segment (without an FS or GS base) and the segment's selector (SS for an
     * RSP- or RBP-based address).
     */
    public static void record(Cpu c, Insn i, long ea) {
        X87 f = c.fpu;
        f.lastIp = i.addr;
        f.lastCs = USER_CS;
        f.lastOpcode = -1;
        if (ea != -1) {
            if (i.seg == Prefix.SEG_FS) {
                f.lastDp = ea - c.fsBase;
                f.lastDs = 0;
            } else if (i.seg == Prefix.SEG_GS) {
                f.lastDp = ea - c.gsBase;
                f.lastDs = 0;
            } else {
                f.lastDp = ea;
                f.lastDs = i.base == Cpu.RSP || i.base == Cpu.RBP ? USER_SS : 0;
            }
        }
    }

    /** The 11-bit opcode of the last instruction, read from its code if it was not loaded from an image. */
    static int lastOpcode(Cpu c) {
        X87 f = c.fpu;
        if (f.lastOpcode >= 0) return f.lastOpcode;
        long a = f.lastIp;
        try {
            for (int k = 0; k < 15; k++) {
                int b = c.mem.read8(a + k);
                if (b >= 0xD8 && b <= 0xDF) return ((b & 7) << 8) | c.mem.read8(a + k + 1);
            }
        } catch (IndexOutOfBoundsException e) {
            return 0;
        }
        return 0;
    }

    /** The tag (SDM vol. 1 8.1.7) of a register in use: 0 valid, 1 zero, 2 special (NaN, infinity, denormal, unsupported). */
    static int tagOf(long m, int se) {
        int e = se & EXP;
        if (e == 0) return m == 0 ? 1 : 2;
        if (e == EXP || m >= 0) return 2;
        return 0;
    }

    /** The full tag word: empty registers as recorded, the others derived from their contents. */
    public static int tagWord(X87 f) {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            int tp = ((f.tag >>> (2 * p)) & 3) == 3 ? 3 : tagOf(f.mant[p], f.se[p]);
            t |= tp << (2 * p);
        }
        return t;
    }
}
