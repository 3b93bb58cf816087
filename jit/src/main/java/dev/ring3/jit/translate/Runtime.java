package dev.ring3.jit.translate;

import dev.ring3.decoder.Insn;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.FaultAddress;
import dev.ring3.jit.GuestFault;

/** Out-of-line helpers called by translated code on its slow paths. */
public final class Runtime {
    private Runtime() {}

    /** -Dring3.jit.profile=true: translated code counts its fallbacks and side exits per operation. */
    public static final boolean PROFILE = Boolean.getBoolean("ring3.jit.profile");
    private static final long[] FALLBACKS = new long[dev.ring3.decoder.Op.values().length];
    private static final long[] SIDE_EXITS = new long[dev.ring3.decoder.Op.values().length];

    private static final java.util.Map<Long, long[]> FALLBACK_SITES = new java.util.HashMap<>();

    /** A fallback of operation {@code op} at guest address {@code rip} (profile only). */
    public static void countFallback(int op, long rip) {
        FALLBACKS[op]++;
        FALLBACK_SITES.computeIfAbsent(rip, k -> new long[] {op, 0})[1]++;
    }

    public static void countSideExit(int op) { SIDE_EXITS[op]++; }

    /** The profile's most frequent fallbacks and side exits, one line each. */
    public static String profile() {
        StringBuilder sb = new StringBuilder();
        dev.ring3.decoder.Op[] ops = dev.ring3.decoder.Op.values();
        for (long[] counts : new long[][] {FALLBACKS, SIDE_EXITS}) {
            Integer[] idx = new Integer[ops.length];
            for (int k = 0; k < idx.length; k++) idx[k] = k;
            java.util.Arrays.sort(idx, (x, y) -> Long.compare(counts[y], counts[x]));
            sb.append(counts == FALLBACKS ? "fallbacks:" : "side exits:");
            for (int k = 0; k < 15 && counts[idx[k]] > 0; k++) sb.append(' ').append(ops[idx[k]]).append('=').append(counts[idx[k]]);
            sb.append('\n');
        }
        var sites = new java.util.ArrayList<>(FALLBACK_SITES.entrySet());
        sites.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        sb.append("fallback sites:");
        for (int k = 0; k < Math.min(10, sites.size()); k++) {
            var e = sites.get(k);
            sb.append(String.format(" %s@0x%x=%d", ops[(int) e.getValue()[0]], e.getKey(), e.getValue()[1]));
        }
        return sb.append('\n').toString();
    }

    /**
     * The status flags UCOMISD/COMISD set for two ordinary binary64 operands (neither NaN nor denormal): ZF PF CF
     * as equal 100, less 001, greater 000; or -1 when an operand is not ordinary and the exact semantics must run.
     */
    public static int comisdFlags(long a, long b) {
        if (!ordinary(a) || !ordinary(b)) return -1;
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        return x == y ? dev.ring3.decoder.FlagBits.ZF : x < y ? dev.ring3.decoder.FlagBits.CF : 0;
    }

    /** A normal binary64 or a zero: an operand that raises no flag. Small, for translated code to inline. */
    public static boolean plain(long x) {
        double a = Math.abs(Double.longBitsToDouble(x));
        return a >= Double.MIN_NORMAL && a <= Double.MAX_VALUE || a == 0;
    }

    /** Normal, zero or infinite (not NaN, not denormal). */
    private static boolean ordinary(long x) {
        double a = Math.abs(Double.longBitsToDouble(x));
        return a >= Double.MIN_NORMAL || a == 0;
    }

    /** Sets all six status flags eagerly (others to 0), as UCOMISD/COMISD do. */
    public static void setStatus(Cpu c, int bits) {
        c.ccOp = dev.ring3.jit.Flags.NONE;
        c.flags = (c.flags & ~(long) dev.ring3.decoder.FlagBits.STATUS) | bits;
    }

    /**
     * What a translated fallback rethrows: a memory access outside the window becomes the guest's SIGSEGV at the
     * instruction; everything else (guest faults, exits) passes unchanged.
     */
    public static Throwable rethrow(Cpu c, Throwable t, Insn i) {
        if (t instanceof IndexOutOfBoundsException) {
            c.rip = i.addr;
            return GuestFault.segv(i.addr, FaultAddress.of(c, i), "memory access out of range");
        }
        return t;
    }

}
