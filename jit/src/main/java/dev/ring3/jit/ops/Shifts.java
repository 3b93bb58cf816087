package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/**
 * Shifts and rotates: SHL SHR SAR ROL ROR RCL RCR, and the double shifts SHLD SHRD (SDM vol. 2, SAL/SAR/SHL/SHR,
 * RCL/RCR/ROL/ROR, SHLD, SHRD).
 *
 * <p>The count (an 8-bit immediate, 1 or CL) is masked to 5 bits, 6 with a 64-bit operand. A masked count of 0
 * changes no flag and leaves the value, but the destination is still written: a 32-bit register is zero-extended.
 * Shifts record lazy flags ({@link Flags#SHL}, {@link Flags#SHR}, {@link Flags#SAR}) with the count in ccSrc2;
 * rotates change only CF and OF, eagerly. Where the SDM leaves OF undefined (counts other than 1) the count-1
 * formula is applied to the final result; AF comes out 0.
 */
public final class Shifts {
    private Shifts() {}

    private static final int ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAR = 7;

    public static void register(Semantics.Table t) {
        t.put(Op.ROL, (c, i) -> shift(c, i, ROL));
        t.put(Op.ROR, (c, i) -> shift(c, i, ROR));
        t.put(Op.RCL, (c, i) -> shift(c, i, RCL));
        t.put(Op.RCR, (c, i) -> shift(c, i, RCR));
        t.put(Op.SHL, (c, i) -> shift(c, i, SHL));
        t.put(Op.SHR, (c, i) -> shift(c, i, SHR));
        t.put(Op.SAR, (c, i) -> shift(c, i, SAR));
        t.put(Op.SHLD, (c, i) -> doubleShift(c, i, true));
        t.put(Op.SHRD, (c, i) -> doubleShift(c, i, false));
    }

    private static int countMask(int size) { return size == 8 ? 0x3f : 0x1f; }

    private static void shift(Cpu c, Insn i, int kind) {
        int size = i.osize;
        int n = (int) read(c, i, i.o1, 1) & countMask(size);
        boolean mem = Operand.isMem(i.o0);
        long addr = mem ? ea(c, i) : 0;
        long a = mem ? c.mem.read(addr, size) : getReg(c, Operand.reg(i.o0), size);
        if (n == 0) {
            if (!mem) setReg(c, Operand.reg(i.o0), size, a);   // 32-bit destinations are zero-extended anyway
            return;
        }
        int bits = size * 8;
        long m = mask(size);
        long d;
        switch (kind) {
            case SHL -> d = n >= 64 ? 0 : (a << n) & m;
            case SHR -> d = n >= 64 ? 0 : a >>> n;
            case SAR -> d = (sext(a, size) >> Math.min(n, 63)) & m;
            case ROL, ROR -> {
                int r = n & (bits - 1);
                if (kind == ROR) r = (bits - r) & (bits - 1);
                d = r == 0 ? a : ((a << r) | (a >>> (bits - r))) & m;
            }
            default -> d = rotateThroughCarry(c, a, n, bits, kind == RCL);
        }
        if (mem) c.mem.write(addr, size, d);
        else setReg(c, Operand.reg(i.o0), size, d);
        switch (kind) {
            case SHL -> Flags.set(c, Flags.op(Flags.SHL, size), d, a, n);
            case SHR -> Flags.set(c, Flags.op(Flags.SHR, size), d, a, n);
            case SAR -> Flags.set(c, Flags.op(Flags.SAR, size), d, a, n);
            default -> rotateFlags(c, kind, d, bits, n);
        }
    }

    /**
     * CF and OF after ROR ({@code right}) or ROL by a masked count that is not 0, of width {@code bits}, result
     * {@code d}: translated code with the flags live calls this, so that both tiers set them alike.
     */
    public static void rotateFlags(Cpu c, boolean right, long d, int bits) {
        rotateFlags(c, right ? ROR : ROL, d, bits, 1);
    }

    /** CF and OF after a rotate (the other status flags are kept). */
    private static void rotateFlags(Cpu c, int kind, long d, int bits, int n) {
        long msb = (d >>> (bits - 1)) & 1;
        long cf, of;
        switch (kind) {
            case ROL -> {
                cf = d & 1;
                of = msb ^ cf;
            }
            case ROR -> {
                cf = msb;
                of = msb ^ ((d >>> (bits - 2)) & 1);
            }
            default -> {   // RCL, RCR: CF was computed by the rotation itself
                int reduced = bits == 8 ? n % 9 : bits == 16 ? n % 17 : n;
                if (reduced == 0) return;   // no rotation took place: CF unchanged, OF undefined (kept)
                cf = Flags.cf(c) ? 1 : 0;
                of = kind == RCL ? msb ^ cf : msb ^ ((d >>> (bits - 2)) & 1);
            }
        }
        Flags.putAll(c, FlagBits.CF | FlagBits.OF, (cf != 0 ? FlagBits.CF : 0) | (of != 0 ? FlagBits.OF : 0));
    }

    /**
     * RCL or RCR of a {@code bits}-wide value through CF, a rotation of the (bits+1)-bit value CF:a. Sets CF (eagerly)
     * to the bit rotated into it and returns the new value.
     */
    private static long rotateThroughCarry(Cpu c, long a, int n, int bits, boolean left) {
        int w = bits + 1;
        int r = n % w;
        if (r == 0) return a;
        long cf = Flags.cf(c) ? 1 : 0;
        long m = mask(bits / 8);
        long d, out;
        if (left) {
            // bits of a move up by r; CF lands at bit r-1; the top r-1 bits of a wrap to the bottom
            d = shl(a, r) | shl(cf, r - 1) | shr(a, w - r);
            out = (a >>> (bits - r)) & 1;
        } else {
            d = shr(a, r) | shl(cf, bits - r) | shl(a, w - r);
            out = (a >>> (r - 1)) & 1;
        }
        Flags.put(c, FlagBits.CF, out != 0);
        return d & m;
    }

    private static long shl(long v, int n) { return n >= 64 ? 0 : v << n; }

    private static long shr(long v, int n) { return n >= 64 ? 0 : v >>> n; }

    /**
     * SHLD dst, src, count: dst shifted left with bits of src coming in from the right; SHRD the other way. Counts
     * above the operand size (16-bit forms only) are undefined in the SDM.
     */
    private static void doubleShift(Cpu c, Insn i, boolean left) {
        int size = i.osize;
        int n = (int) read(c, i, i.o2, 1) & countMask(size);
        boolean mem = Operand.isMem(i.o0);
        long addr = mem ? ea(c, i) : 0;
        long a = mem ? c.mem.read(addr, size) : getReg(c, Operand.reg(i.o0), size);
        long b = getReg(c, Operand.reg(i.o1), size);
        if (n == 0) {
            if (!mem) setReg(c, Operand.reg(i.o0), size, a);
            return;
        }
        int bits = size * 8;
        long m = mask(size);
        long d;
        if (bits == 16 && n > 16) {
            // undefined in the SDM: continue the shift through the 48-bit dst:src:dst (flags as for the count)
            long wide = a << 32 | b << 16 | a;
            d = (left ? wide >>> (32 - n) : wide >>> n) & m;
        } else if (left) {
            d = (shl(a, n) | shr(b, bits - n)) & m;
        } else {
            d = (shr(a, n) | shl(b, bits - n)) & m;
        }
        if (mem) c.mem.write(addr, size, d);
        else setReg(c, Operand.reg(i.o0), size, d);
        if (left) {
            Flags.set(c, Flags.op(Flags.SHL, size), d, a, n);   // CF: bit (bits - n) of dst; OF: sign change
        } else {
            Flags.set(c, Flags.op(Flags.SHR, size), d, a, n);   // CF: bit n-1 of dst
            // OF: sign change, which the lazy SHR (where the top bit becomes 0) cannot know
            Flags.put(c, FlagBits.OF, (((a ^ d) >>> (bits - 1)) & 1) != 0);
        }
    }
}
