package dev.ring3.jit.x87;

import dev.ring3.jit.testing.State;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 80-bit test operands as (significand, sign+exponent) pairs: the classes the x87 distinguishes (zeros, denormals,
 * pseudo-denormals, normals at the ends of the range, infinities, quiet and signalling NaNs with payloads, and the
 * encodings it rejects: unnormals, pseudo-infinities, pseudo-NaNs), values next to rounding boundaries, and seeded
 * random ones. Operands travel in registers (A in r8/r9, B in r10/r11, a third in r12/r13) so a failing run's input
 * shows in its message; snippets store them to scratch memory with {@link #STORE_OPERANDS}, which first zeroes
 * the eight physical registers (FNINIT only marks them empty), so that what empty registers still hold is the
 * same natively as in a fresh ring3 CPU.
 */
final class X87Values {
    static final long S = 0x2000_0000L;
    /** Scratch layout: operand A at +0, B at +0x10, C at +0x20, control words at +0x40, outputs from +0x100. */
    static final String A = "[0x20000000]", B = "[0x20000010]", C = "[0x20000020]";
    static final String STORE_OPERANDS = """
            fldz
            fldz
            fldz
            fldz
            fldz
            fldz
            fldz
            fldz
            fninit
            mov [0x20000000], r8
            mov [0x20000008], r9w
            mov [0x20000010], r10
            mov [0x20000018], r11w
            mov [0x20000020], r12
            mov [0x20000028], r13w
            """;

    /** {significand, sign+exponent} pairs. */
    static final long[][] EDGES = {
        {0, 0}, {0, 0x8000},                                              // zeros
        {0x8000_0000_0000_0000L, 0x3FFF}, {0x8000_0000_0000_0000L, 0xBFFF}, // +-1
        {0xC000_0000_0000_0000L, 0x3FFF}, {0xC000_0000_0000_0000L, 0x4000}, // 1.5, 3
        {0x8000_0000_0000_0001L, 0x3FFF}, {0xFFFF_FFFF_FFFF_FFFFL, 0x3FFE}, // 1+ulp, 1-ulp/2
        {0xFFFF_FFFF_FFFF_FFFFL, 0xC03D}, {0x8000_0000_0000_0000L, 0x403E}, // -(2^63-1)ish, 2^63
        {0x8000_0000_0000_0400L, 0x3FFF}, {0x8000_0000_0000_0C00L, 0x3FFF}, // double-precision ties
        {0x8000_0080_0000_0000L, 0x3FFF}, {0x8000_0180_0000_0000L, 0xBFFF}, // single-precision ties
        {0xFFFF_FFFF_FFFF_FFFFL, 0x7FFE}, {0xFFFF_FFFF_FFFF_FFFFL, 0xFFFE}, // +-max
        {0x8000_0000_0000_0000L, 0x0001}, {0x8000_0000_0000_0000L, 0x8001}, // +-min normal
        {0x0000_0000_0000_0001L, 0x0000}, {0x0000_0000_0000_0001L, 0x8000}, // +-min denormal
        {0x7FFF_FFFF_FFFF_FFFFL, 0x0000}, {0x4000_0000_0000_0000L, 0x8000}, // denormals
        {0x8000_0000_0000_0000L, 0x0000}, {0xC000_0000_0000_0001L, 0x8000}, // pseudo-denormals
        {0x8000_0000_0000_0000L, 0x7FFF}, {0x8000_0000_0000_0000L, 0xFFFF}, // +-inf
        {0xC000_0000_0000_0000L, 0xFFFF}, {0xC000_0000_0000_1234L, 0x7FFF}, // default NaN, QNaN with payload
        {0x8000_0000_0000_0001L, 0x7FFF}, {0xA000_0000_0000_0000L, 0xFFFF}, // SNaNs
        {0xC000_0000_0000_1234L, 0xFFFF}, {0x8000_0000_0000_1234L, 0x7FFF}, // payload ties, quiet and signalling
        {0x4000_0000_0000_0000L, 0x3FFF}, {0x0000_0000_0000_0000L, 0x7FFF}, // unnormal, pseudo-infinity
        {0x4000_0000_0000_0000L, 0x7FFF}, {0x0000_0000_0000_0001L, 0x4005}, // pseudo-NaN, unnormal
        {0x8000_0000_0000_0000L, 0x43FE}, {0xB504_F333_F9DE_6484L, 0x3C00}, // 2^1023, sqrt2 * 2^-1023
        {0x8000_0000_0000_0000L, 0x3C01}, {0xFFFF_FFFF_FFFF_F800L, 0x43FE}, // double min normal, max double
        {0x8000_0000_0000_0000L, 0x3F81}, {0xFFFF_FF00_0000_0000L, 0x407E}, // float min normal, max float
        {0x8000_0000_0000_0000L, 0x3BCD}, {0xC000_0000_0000_0000L, 0x3BCC}, // double denormal ends
    };

    private X87Values() {}

    /** A random finite value: exponent within {@code spread} of 1.0, or anywhere when spread is 0. */
    static long[] random(SplittableRandom r, int spread) {
        long m = r.nextLong() | Long.MIN_VALUE;
        int roll = r.nextInt(16);
        if (roll == 0) m &= ~0x7FFL;                    // double-precision value
        else if (roll == 1) m &= 0xFFFF_FF00_0000_0000L; // single-precision value
        else if (roll == 2) m = (m & ~0x7FFL) | 0x400;  // a double tie
        int e = spread == 0 ? 1 + r.nextInt(0x7FFE) : 0x3FFF - spread + r.nextInt(2 * spread + 1);
        if (r.nextInt(2) == 0) e |= 0x8000;
        return new long[] {m, e};
    }

    static List<long[]> values(int random, int spread, long seed) {
        List<long[]> out = new ArrayList<>(List.of(EDGES));
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < random; k++) out.add(random(r, spread));
        return out;
    }

    static State state(long[] a, long[] b) {
        return new State().set("r8", a[0]).set("r9", a[1]).set("r10", b[0]).set("r11", b[1]);
    }

    static State state(long[] a, long[] b, long[] c) {
        return state(a, b).set("r12", c[0]).set("r13", c[1]);
    }

    /** Every pair of the given values. */
    static List<State> pairs(List<long[]> xs, List<long[]> ys) {
        List<State> out = new ArrayList<>();
        for (long[] a : xs) for (long[] b : ys) out.add(state(a, b));
        return out;
    }

    /** Each value as operand A (B = 1.0). */
    static List<State> singles(List<long[]> xs) {
        List<State> out = new ArrayList<>();
        for (long[] a : xs) out.add(state(a, EDGES[2]));
        return out;
    }

    /**
     * A snippet that runs {@code body} once per control word of {@code cws} (16 at most), each time from a fresh
     * FPU with the control word loaded; the body stores its results at {@code [rbx + n]}, and rbx then advances by
     * {@code stride}. Control words live at +0x40; outputs start at +0x100.
     */
    static String perControlWord(int[] cws, String body, int stride) {
        StringBuilder s = new StringBuilder(STORE_OPERANDS);
        for (int k = 0; k < cws.length; k++) {
            s.append("mov word ptr [0x").append(Long.toHexString(S + 0x40 + 2 * k)).append("], 0x")
                    .append(Integer.toHexString(cws[k])).append('\n');
        }
        s.append("xor ecx, ecx\nmov ebx, 0x20000100\n1:\n");
        s.append("fninit\nfldcw word ptr [0x20000040 + rcx*2]\n").append(body).append('\n');
        s.append("add rbx, ").append(stride).append("\ninc ecx\ncmp ecx, ").append(cws.length).append("\njne 1b\nfninit\n");
        return s.toString();
    }

    /** All sixteen RC x PC combinations with every exception masked. */
    static int[] allRoundingAndPrecision() {
        int[] cws = new int[16];
        for (int rc = 0; rc < 4; rc++) {
            for (int pc = 0; pc < 4; pc++) cws[rc * 4 + pc] = 0x7F | (pc << 8) | (rc << 10);
        }
        return cws;
    }

    /** The four rounding modes at 64-bit precision. */
    static int[] roundingModes() { return new int[] {0x37F, 0x77F, 0xB7F, 0xF7F}; }
}
