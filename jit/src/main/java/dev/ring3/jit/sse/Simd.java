package dev.ring3.jit.sse;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.Operands;
import dev.ring3.jit.X87;

/**
 * Operand access for SSE and MMX instructions: XMM registers as (low, high) quadwords, MMX registers in the x87
 * significands, and memory operands of 4, 8 or 16 bytes.
 *
 * <p>Legacy-SSE instructions with a 16-byte memory operand require it 16-byte aligned, except the explicitly
 * unaligned moves (MOVUPS MOVUPD MOVDQU): a misaligned one is #GP, which Linux delivers as SIGSEGV with si_code
 * SI_KERNEL and a zero address (SDM vol. 1, 11.6.7; arch/x86/kernel/traps.c).
 *
 * <p>MMX state (SDM vol. 1, 9.5 and table 9-2): every MMX instruction but EMMS sets the x87 TOP to 0 and all tags
 * to valid; writing MMn stores the 64-bit value as the significand of physical register n and sets that register's
 * sign and exponent bits to ones.
 */
final class Simd {
    private Simd() {}

    /** The address of a 16-byte memory operand, checked for alignment. */
    static long aligned(Cpu c, Insn i) {
        long a = Operands.ea(c, i);
        if ((a & 15) != 0) {
            throw new GuestFault(GuestFault.SIGSEGV, GuestFault.SI_KERNEL, i.addr, 0,
                    "misaligned 16-byte operand at 0x" + Long.toHexString(a) + ": " + i);
        }
        return a;
    }

    /** XMM register number of an operand. */
    static int x(int o) { return Operand.reg(o); }

    /** Low quadword of an XMM operand or of a memory operand (16 bytes aligned; 8 or 4 bytes zero-extended). */
    static long lo(Cpu c, Insn i, int o) {
        if (Operand.kind(o) == Operand.XMM) return c.xmm[2 * Operand.reg(o)];
        int size = Operand.size(o);
        if (size == 16) return c.mem.read64(aligned(c, i));
        return c.mem.read(Operands.ea(c, i), size);
    }

    /** High quadword of an XMM operand or of a 16-byte aligned memory operand. */
    static long hi(Cpu c, Insn i, int o) {
        if (Operand.kind(o) == Operand.XMM) return c.xmm[2 * Operand.reg(o) + 1];
        return c.mem.read64(aligned(c, i) + 8);
    }

    /** Low quadword of an XMM operand or of a 16-byte memory operand read without an alignment check. */
    static long loU(Cpu c, Insn i, int o) {
        if (Operand.kind(o) == Operand.XMM) return c.xmm[2 * Operand.reg(o)];
        return c.mem.read64(Operands.ea(c, i));
    }

    static long hiU(Cpu c, Insn i, int o) {
        if (Operand.kind(o) == Operand.XMM) return c.xmm[2 * Operand.reg(o) + 1];
        return c.mem.read64(Operands.ea(c, i) + 8);
    }

    /** Writes 16 bytes to an XMM register or to aligned (or, if {@code unaligned}, any) memory. */
    static void store(Cpu c, Insn i, int o, long lo, long hi, boolean unaligned) {
        if (Operand.kind(o) == Operand.XMM) {
            int r = Operand.reg(o);
            c.xmm[2 * r] = lo;
            c.xmm[2 * r + 1] = hi;
            return;
        }
        long a = unaligned ? Operands.ea(c, i) : aligned(c, i);
        // both ends first: a store that faults writes nothing (the window's bottom as well as its top)
        c.mem.read8(a);
        c.mem.read8(a + 15);
        c.mem.write64(a, lo);
        c.mem.write64(a + 8, hi);
    }

    /** Sets XMM register r. */
    static void set(Cpu c, int r, long lo, long hi) {
        c.xmm[2 * r] = lo;
        c.xmm[2 * r + 1] = hi;
    }

    // ---- MMX -------------------------------------------------------------------------------------------------------

    /** The x87-to-MMX transition every MMX instruction makes: TOP = 0, all registers tagged valid. */
    static void mmx(Cpu c) {
        X87 f = c.fpu;
        f.top = 0;
        f.tag = 0;
    }

    /** Reads MMn. */
    static long mm(Cpu c, int n) { return c.fpu.mant[n]; }

    /** Writes MMn: the value into the significand, sign and exponent to all ones. */
    static void setMm(Cpu c, int n, long v) {
        X87 f = c.fpu;
        f.mant[n] = v;
        f.se[n] = 0xFFFF;
    }

    /** An MMX register or 8-byte (or 4-byte, zero-extended) memory operand. */
    static long q(Cpu c, Insn i, int o) {
        if (Operand.kind(o) == Operand.MMX) return c.fpu.mant[Operand.reg(o)];
        return c.mem.read(Operands.ea(c, i), Operand.size(o));
    }

    /** True if the instruction's first operand is an MMX register (the MMX form of an integer instruction). */
    static boolean isMmx(int o) { return Operand.kind(o) == Operand.MMX; }
}
