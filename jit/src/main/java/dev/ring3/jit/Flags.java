package dev.ring3.jit;

import static dev.ring3.decoder.FlagBits.*;

/**
 * Lazy arithmetic flags. An instruction that sets the status flags records only what it did
 * ({@link Cpu#ccOp}: the kind of operation and its size) and its inputs and result ({@link Cpu#ccDst},
 * {@link Cpu#ccSrc1}, {@link Cpu#ccSrc2}); a flag is computed only when something reads it, usually a Jcc right
 * after a CMP, which {@link #cond} answers straight from the operands. {@link #materialize} turns the lazy state into
 * bits of {@link Cpu#flags}, which otherwise holds only the non-status bits (DF, IF, the reserved bit 1).
 *
 * <p>Operation codes are {@code kind << 2 | log2(size)}. Operands are stored zero-extended to the operation size.
 * INC and DEC keep the incoming CF in {@code ccSrc2}; shifts keep the count there; MUL and IMUL keep the
 * overflow (CF = OF) there.
 *
 * <p>Where the SDM leaves a flag undefined, the value computed here is what these formulas give: AF is 0 after
 * logic operations, shifts and multiplies; SF, ZF, PF follow the low result after MUL and IMUL.
 */
public final class Flags {
    public static final int NONE = 0;
    public static final int ADD = 1, ADC = 2, SUB = 3, SBB = 4, LOGIC = 5, INC = 6, DEC = 7, SHL = 8, SHR = 9, SAR = 10,
            MUL = 11;
    /** Bits that always read as 1 (bit 1) and IF, set in user mode. */
    public static final long FIXED = 0x202;
    /** NT, bit 14 (not in {@link dev.ring3.decoder.FlagBits}). */
    static final long NT = 1 << 14;
    /**
     * Bits user code can change through POPF: at CPL 3 all but IOPL, IF (IOPL is 0), VIP, VIF, VM and RF (SDM vol. 2,
     * POPF), so NT too.
     */
    public static final long USER_WRITABLE = STATUS | DF | TF | AC | ID | NT;

    private Flags() {}

    /** The lazy operation code for a kind and an operand size in bytes. */
    public static int op(int kind, int size) { return kind << 2 | log2(size); }

    static int log2(int size) { return size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3; }

    /** Records a flag-setting operation. */
    public static void set(Cpu c, int op, long dst, long src1, long src2) {
        c.ccOp = op;
        c.ccDst = dst;
        c.ccSrc1 = src1;
        c.ccSrc2 = src2;
    }

    /** Records a logic operation (AND, OR, XOR, TEST): CF = OF = 0. */
    public static void logic(Cpu c, int size, long result) {
        c.ccOp = op(LOGIC, size);
        c.ccDst = result;
    }

    private static int bits(int op) { return 8 << (op & 3); }

    private static long mask(int op) { return (op & 3) == 3 ? -1L : (1L << bits(op)) - 1; }

    private static long sext(long v, int op) {
        int shift = 64 - bits(op);
        return (v << shift) >> shift;
    }

    private static boolean msb(long v, int op) { return ((v >>> (bits(op) - 1)) & 1) != 0; }

    public static boolean cf(Cpu c) { return cf(c.ccOp, c.ccDst, c.ccSrc1, c.ccSrc2, c.flags); }
    public static boolean zf(Cpu c) { return zf(c.ccOp, c.ccDst, c.flags); }
    public static boolean sf(Cpu c) { return sf(c.ccOp, c.ccDst, c.flags); }
    public static boolean pf(Cpu c) { return pf(c.ccOp, c.ccDst, c.flags); }
    public static boolean af(Cpu c) { return af(c.ccOp, c.ccDst, c.ccSrc1, c.ccSrc2, c.flags); }
    public static boolean of(Cpu c) { return of(c.ccOp, c.ccDst, c.ccSrc1, c.ccSrc2, c.flags); }

    // The flags of a lazy state given as values: translated code keeps the last flag-setting instruction's state
    // in JVM locals and calls these; the Cpu versions above read the same state from the Cpu.

    public static boolean cf(int op, long d, long a, long b, long flags) {
        return switch (op >>> 2) {
            case NONE -> (flags & CF) != 0;
            case ADD -> Long.compareUnsigned(d, a) < 0;
            case ADC -> Long.compareUnsigned(d, a) <= 0;
            case SUB -> Long.compareUnsigned(a, b) < 0;
            case SBB -> Long.compareUnsigned(a, b) <= 0;
            case LOGIC -> false;
            case INC, DEC, MUL -> b != 0;
            case SHL -> b <= bits(op) && ((a >>> (bits(op) - b)) & 1) != 0;
            case SHR -> b <= 64 && ((a >>> (b - 1)) & 1) != 0;
            case SAR -> ((sext(a, op) >> Math.min(b - 1, 63)) & 1) != 0;
            default -> throw new IllegalStateException("bad lazy flags op " + op);
        };
    }

    public static boolean zf(int op, long d, long flags) {
        return op == NONE ? (flags & ZF) != 0 : (d & mask(op)) == 0;
    }

    public static boolean sf(int op, long d, long flags) {
        return op == NONE ? (flags & SF) != 0 : msb(d, op);
    }

    public static boolean pf(int op, long d, long flags) {
        return op == NONE ? (flags & PF) != 0 : (Long.bitCount(d & 0xff) & 1) == 0;
    }

    public static boolean af(int op, long d, long a, long b, long flags) {
        return switch (op >>> 2) {
            case NONE -> (flags & AF) != 0;
            case ADD, ADC, SUB, SBB -> ((a ^ b ^ d) & 0x10) != 0;
            case INC -> (d & 0xf) == 0;
            case DEC -> (d & 0xf) == 0xf;
            default -> false;
        };
    }

    public static boolean of(int op, long d, long a, long b, long flags) {
        return switch (op >>> 2) {
            case NONE -> (flags & OF) != 0;
            case ADD, ADC -> msb((a ^ d) & (b ^ d), op);
            case SUB, SBB -> msb((a ^ b) & (a ^ d), op);
            case LOGIC, SAR -> false;
            case INC -> (d & mask(op)) == 1L << (bits(op) - 1);
            case DEC -> (d & mask(op)) == (1L << (bits(op) - 1)) - 1;
            case SHL -> msb(d, op) ^ cf(op, d, a, b, flags);
            case SHR -> msb(a, op);
            case MUL -> b != 0;
            default -> throw new IllegalStateException("bad lazy flags op " + op);
        };
    }

    /** The six status flags as RFLAGS bits. */
    public static long status(Cpu c) {
        if (c.ccOp == NONE) return c.flags & STATUS;
        return (cf(c) ? CF : 0) | (pf(c) ? PF : 0) | (af(c) ? AF : 0) | (zf(c) ? ZF : 0) | (sf(c) ? SF : 0)
                | (of(c) ? OF : 0);
    }

    /** The whole RFLAGS value (what PUSHF would push). */
    public static long get(Cpu c) { return (c.flags & ~(long) STATUS) | status(c) | FIXED; }

    /** Folds the lazy state into {@link Cpu#flags} so single bits can be changed. */
    public static void materialize(Cpu c) {
        if (c.ccOp == NONE) return;
        c.flags = (c.flags & ~(long) STATUS) | status(c);
        c.ccOp = NONE;
    }

    /** Sets or clears one status bit (materializing first). */
    public static void put(Cpu c, int bit, boolean on) {
        materialize(c);
        c.flags = on ? c.flags | bit : c.flags & ~(long) bit;
    }

    /** Replaces the status bits given by {@code which} with those of {@code value}. */
    public static void putAll(Cpu c, long which, long value) {
        materialize(c);
        c.flags = (c.flags & ~which) | (value & which) | FIXED;
    }

    /** Evaluates condition code {@code cc} (O NO B AE E NE BE A S NS P NP L GE LE G). */
    public static boolean cond(Cpu c, int cc) { return cond(c.ccOp, c.ccDst, c.ccSrc1, c.ccSrc2, c.flags, cc); }

    /** Condition {@code cc} of a lazy state given as values. */
    public static boolean cond(int op, long d, long a, long b, long flags, int cc) {
        int kind = op >>> 2;
        if (kind == SUB) {
            // CMP and SUB: answer from the operands, as the hardware's flags would
            switch (cc) {
                case 2: return Long.compareUnsigned(a, b) < 0;
                case 3: return Long.compareUnsigned(a, b) >= 0;
                case 4: return a == b;
                case 5: return a != b;
                case 6: return Long.compareUnsigned(a, b) <= 0;
                case 7: return Long.compareUnsigned(a, b) > 0;
                case 12: return sext(a, op) < sext(b, op);
                case 13: return sext(a, op) >= sext(b, op);
                case 14: return sext(a, op) <= sext(b, op);
                case 15: return sext(a, op) > sext(b, op);
                default: break;
            }
        } else if (kind == LOGIC) {
            long v = d & mask(op);
            boolean neg = msb(v, op);
            switch (cc) {
                case 0: case 2: return false;
                case 1: case 3: return true;
                case 4: case 6: return v == 0;
                case 5: case 7: return v != 0;
                case 8: case 12: return neg;
                case 9: case 13: return !neg;
                case 14: return v == 0 || neg;
                case 15: return v != 0 && !neg;
                default: break;
            }
        }
        boolean r = switch (cc >>> 1) {
            case 0 -> of(op, d, a, b, flags);
            case 1 -> cf(op, d, a, b, flags);
            case 2 -> zf(op, d, flags);
            case 3 -> cf(op, d, a, b, flags) || zf(op, d, flags);
            case 4 -> sf(op, d, flags);
            case 5 -> pf(op, d, flags);
            case 6 -> sf(op, d, flags) != of(op, d, a, b, flags);
            default -> zf(op, d, flags) || sf(op, d, flags) != of(op, d, a, b, flags);
        };
        return (cc & 1) == 0 ? r : !r;
    }
}
