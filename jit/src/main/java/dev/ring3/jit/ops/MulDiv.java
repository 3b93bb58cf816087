package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.Semantics;

/**
 * Multiplication and division: MUL, IMUL (one, two and three operands), DIV, IDIV at 8, 16, 32 and 64 bits.
 *
 * <p>The one-operand forms work on the accumulator pair (SDM vol. 2, MUL/IMUL/DIV/IDIV): AH:AL (as AX) for
 * bytes, DX:AX, EDX:EAX, RDX:RAX. Multiplies record {@link Flags#MUL} with the low result and the overflow bit
 * (CF = OF = 1 when the high half carries significant bits); SF, ZF, AF and PF are undefined there and come out
 * of the low result. Division by zero and a quotient that does not fit raise #DE ({@link GuestFault#divide}) before
 * any register is written; DIV and IDIV leave the flags (all undefined) as they were.
 */
public final class MulDiv {
    private MulDiv() {}

    public static void register(Semantics.Table t) {
        t.put(Op.MUL, MulDiv::mul);
        t.put(Op.IMUL1, MulDiv::imul1);
        t.put(Op.IMUL, MulDiv::imul);
        t.put(Op.DIV, MulDiv::div);
        t.put(Op.IDIV, MulDiv::idiv);
    }

    private static void mulFlags(Cpu c, int size, long low, boolean overflow) {
        Flags.set(c, Flags.op(Flags.MUL, size), low & mask(size), 0, overflow ? 1 : 0);
    }

    /** MUL r/m: unsigned accumulator times source into the accumulator pair. */
    private static void mul(Cpu c, Insn i) {
        int size = i.osize;
        long b = read(c, i, i.o0, size);
        long a = getReg(c, Cpu.RAX, size);
        switch (size) {
            case 1 -> {
                long p = a * b;
                setReg(c, Cpu.RAX, 2, p);
                mulFlags(c, 1, p, p >>> 8 != 0);
            }
            case 2 -> {
                long p = a * b;
                setReg(c, Cpu.RAX, 2, p);
                setReg(c, Cpu.RDX, 2, p >>> 16);
                mulFlags(c, 2, p, p >>> 16 != 0);
            }
            case 4 -> {
                long p = a * b;
                c.r[Cpu.RAX] = p & 0xFFFF_FFFFL;
                c.r[Cpu.RDX] = p >>> 32;
                mulFlags(c, 4, p, p >>> 32 != 0);
            }
            default -> {
                long hi = Math.unsignedMultiplyHigh(a, b);
                long lo = a * b;
                c.r[Cpu.RAX] = lo;
                c.r[Cpu.RDX] = hi;
                mulFlags(c, 8, lo, hi != 0);
            }
        }
    }

    /** IMUL r/m: signed accumulator times source into the accumulator pair. */
    private static void imul1(Cpu c, Insn i) {
        int size = i.osize;
        long b = sext(read(c, i, i.o0, size), size);
        long a = sext(c.r[Cpu.RAX], size);
        switch (size) {
            case 1 -> {
                long p = a * b;
                setReg(c, Cpu.RAX, 2, p);
                mulFlags(c, 1, p, p != (byte) p);
            }
            case 2 -> {
                long p = a * b;
                setReg(c, Cpu.RAX, 2, p);
                setReg(c, Cpu.RDX, 2, p >>> 16);
                mulFlags(c, 2, p, p != (short) p);
            }
            case 4 -> {
                long p = a * b;
                c.r[Cpu.RAX] = p & 0xFFFF_FFFFL;
                c.r[Cpu.RDX] = (p >>> 32) & 0xFFFF_FFFFL;
                mulFlags(c, 4, p, p != (int) p);
            }
            default -> {
                long hi = Math.multiplyHigh(a, b);
                long lo = a * b;
                c.r[Cpu.RAX] = lo;
                c.r[Cpu.RDX] = hi;
                mulFlags(c, 8, lo, hi != (lo >> 63));
            }
        }
    }

    /** IMUL r, r/m and IMUL r, r/m, imm: the truncated signed product; overflow if it did not fit. */
    private static void imul(Cpu c, Insn i) {
        int size = i.osize;
        long a, b;
        if (i.nops == 3) {
            a = sext(read(c, i, i.o1, size), size);
            b = i.imm;   // sign-extended by the decoder
        } else {
            b = sext(read(c, i, i.o1, size), size);
            a = sext(getReg(c, Operand.reg(i.o0), size), size);
        }
        long lo = a * b;
        boolean overflow = size == 8 ? Math.multiplyHigh(a, b) != (lo >> 63) : lo != sext(lo, size);
        setReg(c, Operand.reg(i.o0), size, lo);
        mulFlags(c, size, lo, overflow);
    }

    /** DIV r/m: unsigned accumulator pair by source; quotient to rAX (AL), remainder to rDX (AH). */
    private static void div(Cpu c, Insn i) {
        int size = i.osize;
        long d = read(c, i, i.o0, size);
        if (d == 0) throw GuestFault.divide(i.addr);
        switch (size) {
            case 1 -> {
                long n = c.r[Cpu.RAX] & 0xffff;
                long q = n / d;
                if (q > 0xff) throw GuestFault.divide(i.addr);
                setReg(c, Cpu.RAX, 2, (n % d) << 8 | q);
            }
            case 2 -> {
                long n = (c.r[Cpu.RDX] & 0xffff) << 16 | (c.r[Cpu.RAX] & 0xffff);
                long q = n / d;
                if (q > 0xffff) throw GuestFault.divide(i.addr);
                setReg(c, Cpu.RAX, 2, q);
                setReg(c, Cpu.RDX, 2, n % d);
            }
            case 4 -> {
                long n = c.r[Cpu.RDX] << 32 | (c.r[Cpu.RAX] & 0xFFFF_FFFFL);
                long q = Long.divideUnsigned(n, d);
                if (q >>> 32 != 0) throw GuestFault.divide(i.addr);
                c.r[Cpu.RAX] = q;
                c.r[Cpu.RDX] = n - q * d;
            }
            default -> {
                long hi = c.r[Cpu.RDX], lo = c.r[Cpu.RAX];
                if (Long.compareUnsigned(hi, d) >= 0) throw GuestFault.divide(i.addr);
                long q = divu128(hi, lo, d);
                c.r[Cpu.RAX] = q;
                c.r[Cpu.RDX] = lo - q * d;
            }
        }
    }

    /** IDIV r/m: signed, quotient truncated toward zero, remainder with the dividend's sign. */
    private static void idiv(Cpu c, Insn i) {
        int size = i.osize;
        long d = sext(read(c, i, i.o0, size), size);
        if (d == 0) throw GuestFault.divide(i.addr);
        switch (size) {
            case 1 -> {
                long n = (short) c.r[Cpu.RAX];
                long q = n / d;
                if (q != (byte) q) throw GuestFault.divide(i.addr);
                setReg(c, Cpu.RAX, 2, (n % d) << 8 | (q & 0xff));
            }
            case 2 -> {
                long n = (int) ((c.r[Cpu.RDX] & 0xffff) << 16 | (c.r[Cpu.RAX] & 0xffff));
                long q = n / d;
                if (q != (short) q) throw GuestFault.divide(i.addr);
                setReg(c, Cpu.RAX, 2, q);
                setReg(c, Cpu.RDX, 2, n % d);
            }
            case 4 -> {
                long n = c.r[Cpu.RDX] << 32 | (c.r[Cpu.RAX] & 0xFFFF_FFFFL);
                if (n == Long.MIN_VALUE && d == -1) throw GuestFault.divide(i.addr);
                long q = n / d;
                if (q != (int) q) throw GuestFault.divide(i.addr);
                c.r[Cpu.RAX] = q & 0xFFFF_FFFFL;
                c.r[Cpu.RDX] = (n % d) & 0xFFFF_FFFFL;
            }
            default -> idiv64(c, i, d);
        }
    }

    private static void idiv64(Cpu c, Insn i, long d) {
        long hi = c.r[Cpu.RDX], lo = c.r[Cpu.RAX];
        boolean negative = hi < 0;
        if (negative) {          // |dividend|, as a 128-bit two's complement negation
            lo = -lo;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        long ud = d < 0 ? -d : d;   // Long.MIN_VALUE stays 2^63 read unsigned
        if (Long.compareUnsigned(hi, ud) >= 0) throw GuestFault.divide(i.addr);
        long q = divu128(hi, lo, ud);
        long r = lo - q * ud;
        if (negative != (d < 0)) {
            if (Long.compareUnsigned(q, Long.MIN_VALUE) > 0) throw GuestFault.divide(i.addr);
            q = -q;
        } else if (q < 0) {
            throw GuestFault.divide(i.addr);
        }
        c.r[Cpu.RAX] = q;
        c.r[Cpu.RDX] = negative ? -r : r;
    }

    private static final long B = 1L << 32;

    /**
     * The unsigned quotient of the 128-bit {@code hi:lo} by {@code v}, for {@code hi < v} (unsigned), so that it
     * fits in 64 bits. Long division in base 2^32 with a normalised divisor: each quotient digit is estimated from
     * the top two digits and corrected at most twice (Knuth, TAOCP vol. 2, 4.3.1, algorithm D).
     */
    static long divu128(long hi, long lo, long v) {
        if (hi == 0) return Long.divideUnsigned(lo, v);
        int s = Long.numberOfLeadingZeros(v);
        v <<= s;
        long v1 = v >>> 32, v0 = v & 0xFFFF_FFFFL;
        long n32 = s == 0 ? hi : hi << s | lo >>> (64 - s);
        long n10 = lo << s;
        long n1 = n10 >>> 32, n0 = n10 & 0xFFFF_FFFFL;

        long q1 = Long.divideUnsigned(n32, v1);
        long rhat = n32 - q1 * v1;
        while (q1 >= B || Long.compareUnsigned(q1 * v0, rhat << 32 | n1) > 0) {
            q1--;
            rhat += v1;
            if (rhat >= B) break;
        }
        long n21 = (n32 << 32 | n1) - q1 * v;

        long q0 = Long.divideUnsigned(n21, v1);
        rhat = n21 - q0 * v1;
        while (q0 >= B || Long.compareUnsigned(q0 * v0, rhat << 32 | n0) > 0) {
            q0--;
            rhat += v1;
            if (rhat >= B) break;
        }
        return q1 << 32 | q0;
    }
}
