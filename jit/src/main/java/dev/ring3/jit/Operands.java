package dev.ring3.jit;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;

/**
 * Reading and writing decoded operands: the one place that knows register widths (32-bit writes zero the upper
 * half, 8- and 16-bit writes keep it, AH-BH are bits 8-15), effective addresses (base + index * scale + disp,
 * 32-bit wrap with a 67 prefix, FS/GS base) and immediates.
 */
public final class Operands {
    private Operands() {}

    /** Effective (linear) address of the instruction's memory operand. */
    public static long ea(Cpu c, Insn i) {
        long a = i.disp;
        if (i.base >= 0) a += c.r[i.base];
        if (i.index >= 0) a += c.r[i.index] << i.scale;
        if (i.asize == 4) a &= 0xFFFF_FFFFL;
        if (i.seg == Prefix.SEG_FS) a += c.fsBase;
        else if (i.seg == Prefix.SEG_GS) a += c.gsBase;
        return a;
    }

    /** A general-purpose register read at a size, zero-extended. Registers 16-19 are AH, CH, DH, BH. */
    public static long getReg(Cpu c, int reg, int size) {
        if (reg >= Operand.AH) return (c.r[reg - Operand.AH] >>> 8) & 0xff;
        long v = c.r[reg];
        return switch (size) {
            case 1 -> v & 0xff;
            case 2 -> v & 0xffff;
            case 4 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }

    /** A general-purpose register write with x86-64's width rules. */
    public static void setReg(Cpu c, int reg, int size, long v) {
        if (reg >= Operand.AH) {
            int r = reg - Operand.AH;
            c.r[r] = (c.r[r] & ~0xff00L) | ((v & 0xff) << 8);
            return;
        }
        switch (size) {
            case 1 -> c.r[reg] = (c.r[reg] & ~0xffL) | (v & 0xff);
            case 2 -> c.r[reg] = (c.r[reg] & ~0xffffL) | (v & 0xffff);
            case 4 -> c.r[reg] = v & 0xFFFF_FFFFL;
            default -> c.r[reg] = v;
        }
    }

    /** Reads operand {@code o} at its own size, zero-extended (immediates come sign-extended to 64 bits). */
    public static long read(Cpu c, Insn i, int o) {
        return switch (Operand.kind(o)) {
            case Operand.GPR -> getReg(c, Operand.reg(o), Operand.size(o));
            case Operand.MEM -> c.mem.read(ea(c, i), Operand.size(o));
            case Operand.IMM -> i.imm;
            default -> throw new IllegalStateException("not an integer operand: " + i);
        };
    }

    /** Reads operand {@code o} at {@code size} bytes, zero-extended (immediates are truncated to size). */
    public static long read(Cpu c, Insn i, int o, int size) {
        return switch (Operand.kind(o)) {
            case Operand.GPR -> getReg(c, Operand.reg(o), size);
            case Operand.MEM -> c.mem.read(ea(c, i), size);
            case Operand.IMM -> i.imm & GuestMemory.mask(size);
            default -> throw new IllegalStateException("not an integer operand: " + i);
        };
    }

    /** Writes operand {@code o} at its own size. */
    public static void write(Cpu c, Insn i, int o, long v) {
        switch (Operand.kind(o)) {
            case Operand.GPR -> setReg(c, Operand.reg(o), Operand.size(o), v);
            case Operand.MEM -> c.mem.write(ea(c, i), Operand.size(o), v);
            default -> throw new IllegalStateException("not a writable operand: " + i);
        }
    }

    /** Sign-extends the low {@code size} bytes of v. */
    public static long sext(long v, int size) {
        int shift = 64 - size * 8;
        return (v << shift) >> shift;
    }

    public static long mask(int size) { return GuestMemory.mask(size); }

    /** Pushes a value of {@code size} bytes (8, or 2 with a 66 prefix). */
    public static void push(Cpu c, long v, int size) {
        long sp = c.r[Cpu.RSP] - size;
        c.mem.write(sp, size, v);
        c.r[Cpu.RSP] = sp;
    }

    /** Pops a value of {@code size} bytes, zero-extended. */
    public static long pop(Cpu c, int size) {
        long sp = c.r[Cpu.RSP];
        long v = c.mem.read(sp, size);
        c.r[Cpu.RSP] = sp + size;
        return v;
    }
}
