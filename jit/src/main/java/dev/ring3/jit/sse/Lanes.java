package dev.ring3.jit.sse;

/**
 * Packed-integer arithmetic on one 64-bit group of lanes: an MMX register, or one half of an XMM register (every
 * lane-wise SSE2 integer operation works on the two halves independently). Operation kinds name the SDM
 * instructions; {@link #apply} dispatches. Wrapping add and subtract and the logic operations use SWAR arithmetic;
 * the rest loops over lanes with shifts. Nothing allocates.
 */
public final class Lanes {
    private Lanes() {}

    static final int PADDB = 0, PADDW = 1, PADDD = 2, PADDQ = 3, PSUBB = 4, PSUBW = 5, PSUBD = 6, PSUBQ = 7,
            PADDSB = 8, PADDSW = 9, PADDUSB = 10, PADDUSW = 11, PSUBSB = 12, PSUBSW = 13, PSUBUSB = 14, PSUBUSW = 15,
            PMULLW = 16, PMULHW = 17, PMULHUW = 18, PMULUDQ = 19, PMADDWD = 20, PSADBW = 21,
            PAVGB = 22, PAVGW = 23, PMINUB = 24, PMAXUB = 25, PMINSW = 26, PMAXSW = 27,
            PCMPEQB = 28, PCMPEQW = 29, PCMPEQD = 30, PCMPGTB = 31, PCMPGTW = 32, PCMPGTD = 33,
            PAND = 34, PANDN = 35, POR = 36, PXOR = 37;

    private static final long H8 = 0x8080_8080_8080_8080L, H16 = 0x8000_8000_8000_8000L, H32 = 0x8000_0000_8000_0000L;

    /** a op b for one 64-bit group (a is the destination operand). */
    static long apply(int kind, long a, long b) {
        return switch (kind) {
            case PADDB -> add(a, b, H8);
            case PADDW -> add(a, b, H16);
            case PADDD -> add(a, b, H32);
            case PADDQ -> a + b;
            case PSUBB -> sub(a, b, H8);
            case PSUBW -> sub(a, b, H16);
            case PSUBD -> sub(a, b, H32);
            case PSUBQ -> a - b;
            case PAND -> a & b;
            case PANDN -> ~a & b;
            case POR -> a | b;
            case PXOR -> a ^ b;
            case PMULUDQ -> (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
            case PMADDWD -> pmaddwd(a, b);
            case PSADBW -> psadbw(a, b);
            case PCMPEQD, PCMPGTD -> dwords(kind, a, b);
            case PADDSB, PADDUSB, PSUBSB, PSUBUSB, PAVGB, PMINUB, PMAXUB, PCMPEQB, PCMPGTB -> bytes(kind, a, b);
            default -> words(kind, a, b);
        };
    }

    /** Lane-wise wrapping add: the low bits of each lane summed without carries across, the top bit by XOR. */
    private static long add(long a, long b, long high) {
        return ((a & ~high) + (b & ~high)) ^ ((a ^ b) & high);
    }

    private static long sub(long a, long b, long high) {
        return ((a | high) - (b & ~high)) ^ ((a ^ ~b) & high);
    }

    private static long bytes(int kind, long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 8) {
            int x = (int) (a >>> s) & 0xFF, y = (int) (b >>> s) & 0xFF;
            int v = switch (kind) {
                case PADDSB -> sat((byte) x + (byte) y, -128, 127);
                case PADDUSB -> Math.min(x + y, 0xFF);
                case PSUBSB -> sat((byte) x - (byte) y, -128, 127);
                case PSUBUSB -> Math.max(x - y, 0);
                case PAVGB -> (x + y + 1) >>> 1;
                case PMINUB -> Math.min(x, y);
                case PMAXUB -> Math.max(x, y);
                case PCMPEQB -> x == y ? 0xFF : 0;
                default -> (byte) x > (byte) y ? 0xFF : 0;     // PCMPGTB
            };
            r |= (long) (v & 0xFF) << s;
        }
        return r;
    }

    private static long words(int kind, long a, long b) {
        long r = 0;
        for (int s = 0; s < 64; s += 16) {
            int x = (int) (a >>> s) & 0xFFFF, y = (int) (b >>> s) & 0xFFFF;
            int v = switch (kind) {
                case PADDSW -> sat((short) x + (short) y, -32768, 32767);
                case PADDUSW -> Math.min(x + y, 0xFFFF);
                case PSUBSW -> sat((short) x - (short) y, -32768, 32767);
                case PSUBUSW -> Math.max(x - y, 0);
                case PMULLW -> x * y;
                case PMULHW -> ((short) x * (short) y) >> 16;
                case PMULHUW -> (x * y) >>> 16;
                case PAVGW -> (x + y + 1) >>> 1;
                case PMINSW -> Math.min((short) x, (short) y);
                case PMAXSW -> Math.max((short) x, (short) y);
                case PCMPEQW -> x == y ? 0xFFFF : 0;
                default -> (short) x > (short) y ? 0xFFFF : 0;  // PCMPGTW
            };
            r |= (long) (v & 0xFFFF) << s;
        }
        return r;
    }

    private static long dwords(int kind, long a, long b) {
        int a0 = (int) a, a1 = (int) (a >>> 32), b0 = (int) b, b1 = (int) (b >>> 32);
        boolean r0 = kind == PCMPEQD ? a0 == b0 : a0 > b0;
        boolean r1 = kind == PCMPEQD ? a1 == b1 : a1 > b1;
        return (r0 ? 0xFFFF_FFFFL : 0) | (r1 ? 0xFFFF_FFFF_0000_0000L : 0);
    }

    static int sat(int v, int lo, int hi) { return v < lo ? lo : Math.min(v, hi); }

    /** PMADDWD: signed word products summed in pairs into dwords (wrapping only for -32768 * -32768 twice). */
    private static long pmaddwd(long a, long b) {
        int p0 = (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
        int p1 = (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48);
        return (p0 & 0xFFFF_FFFFL) | (long) p1 << 32;
    }

    /** PSADBW: the sum of absolute byte differences in the low word, the rest zero. */
    private static long psadbw(long a, long b) {
        int sum = 0;
        for (int s = 0; s < 64; s += 8) sum += Math.abs(((int) (a >>> s) & 0xFF) - ((int) (b >>> s) & 0xFF));
        return sum;
    }

    // ---- shifts ----------------------------------------------------------------------------------------------------

    /** Shift kinds: logical right, arithmetic right, left; by lane width 16, 32, 64. */
    public static final int SRL = 0, SRA = 1, SLL = 2;

    /**
     * Shifts every lane of width {@code bits} by an unsigned 64-bit count (counts past the width clear or fill).
     * Translated code calls it with constants for the shifts by an immediate, and C2 folds it.
     */
    public static long shift(int kind, int bits, long a, long count) {
        if (Long.compareUnsigned(count, bits) >= 0) {
            if (kind != SRA) return 0;
            count = bits - 1;
        }
        int n = (int) count;
        if (bits == 64) {
            return kind == SRL ? a >>> n : kind == SRA ? a >> n : a << n;
        }
        long r = 0;
        long m = bits == 32 ? 0xFFFF_FFFFL : 0xFFFF;
        for (int s = 0; s < 64; s += bits) {
            long x = (a >>> s) & m;
            long v = switch (kind) {
                case SRL -> x >>> n;
                case SLL -> x << n;
                default -> (bits == 32 ? (long) (int) x : (long) (short) x) >> n;
            };
            r |= (v & m) << s;
        }
        return r;
    }
}
