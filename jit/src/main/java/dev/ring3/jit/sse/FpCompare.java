package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.Fp.*;
import static dev.ring3.jit.sse.Mxcsr.*;

import dev.ring3.jit.Cpu;

/**
 * SSE comparisons on one lane: the eight CMPPS/CMPPD/CMPSS/CMPSD predicates and the EFLAGS result of
 * (U)COMISS/(U)COMISD (SDM vol. 2). A NaN operand makes the comparison unordered; an SNaN always raises IE, a QNaN
 * only for the signalling predicates (LT LE NLT NLE) and for COMIS. With a NaN operand the denormal check is not
 * made (the NaN has priority, SDM vol. 1, 4.9.2).
 */
final class FpCompare {
    private FpCompare() {}

    /** RFLAGS bits of a (U)COMIS result. */
    static final long CF = 1, PF = 4, ZF = 0x40;

    /** Predicate imm8[2:0]: EQ LT LE UNORD NEQ NLT NLE ORD. */
    static boolean cmp(Cpu c, int f, long a, long b, int pred) {
        a = daz(c, f, a);
        b = daz(c, f, b);
        boolean unordered = isNaN(f, a) || isNaN(f, b);
        if (unordered) {
            boolean signalling = (pred & 3) == 1 || (pred & 3) == 2;
            if (signalling || isSNaN(f, a) || isSNaN(f, b)) c.mxcsr |= IE;
        } else {
            denormal(c, f, a, b);
        }
        double x = value(f, a), y = value(f, b);
        return switch (pred & 7) {
            case 0 -> !unordered && x == y;
            case 1 -> !unordered && x < y;
            case 2 -> !unordered && x <= y;
            case 3 -> unordered;
            case 4 -> unordered || x != y;
            case 5 -> unordered || !(x < y);
            case 6 -> unordered || !(x <= y);
            default -> !unordered;
        };
    }

    /** ZF, PF and CF as (U)COMIS sets them (OF, SF and AF are cleared); {@code quietSignals} for COMIS. */
    static long comi(Cpu c, int f, long a, long b, boolean quietSignals) {
        a = daz(c, f, a);
        b = daz(c, f, b);
        if (isNaN(f, a) || isNaN(f, b)) {
            if (quietSignals || isSNaN(f, a) || isSNaN(f, b)) c.mxcsr |= IE;
            return ZF | PF | CF;
        }
        denormal(c, f, a, b);
        double x = value(f, a), y = value(f, b);
        return x < y ? CF : x == y ? ZF : 0;
    }
}
