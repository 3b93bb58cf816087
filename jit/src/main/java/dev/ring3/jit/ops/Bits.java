package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/**
 * Bit operations: BT BTS BTR BTC, BSF BSR, TZCNT LZCNT POPCNT, BSWAP (SDM vol. 2).
 *
 * <p>BTx with a register bit offset and a memory operand addresses a bit string: the offset is signed, and the
 * operand-sized word accessed is {@code ea + (offset >> log2(width)) * width/8}; with an immediate (or a register
 * destination) the offset is taken modulo the width. CF receives the bit; ZF is kept; OF, SF, AF, PF are undefined
 * and kept too. With LOCK the read-modify-write is a compare-and-exchange loop.
 *
 * <p>BSF and BSR with a zero source set ZF and leave the destination (all 64 bits) as it was, which AMD documents
 * and Intel processors do; TZCNT and LZCNT give the width and set CF. ring3 does not advertise LZCNT, POPCNT or
 * BMI1 in CPUID but runs them as a CPU that has them.
 */
public final class Bits {
    private Bits() {}

    private static final int BT = 0, BTS = 1, BTR = 2, BTC = 3;

    public static void register(Semantics.Table t) {
        t.put(Op.BT, (c, i) -> bitTest(c, i, BT));
        t.put(Op.BTS, (c, i) -> bitTest(c, i, BTS));
        t.put(Op.BTR, (c, i) -> bitTest(c, i, BTR));
        t.put(Op.BTC, (c, i) -> bitTest(c, i, BTC));
        t.put(Op.BSF, (c, i) -> scan(c, i, true));
        t.put(Op.BSR, (c, i) -> scan(c, i, false));
        t.put(Op.TZCNT, (c, i) -> count(c, i, true));
        t.put(Op.LZCNT, (c, i) -> count(c, i, false));
        t.put(Op.POPCNT, Bits::popcnt);
        t.put(Op.BSWAP, Bits::bswap);
    }

    private static long modify(int kind, long v, long bit) {
        return switch (kind) {
            case BTS -> v | bit;
            case BTR -> v & ~bit;
            case BTC -> v ^ bit;
            default -> v;
        };
    }

    private static void bitTest(Cpu c, Insn i, int kind) {
        int size = i.osize;
        int bits = size * 8;
        long offset = read(c, i, i.o1, size);
        long old;
        if (Operand.isMem(i.o0)) {
            long addr = ea(c, i);
            if (Operand.kind(i.o1) == Operand.GPR) {
                long signed = sext(offset, size);
                addr += (signed >> Integer.numberOfTrailingZeros(bits)) * size;
            }
            long bit = 1L << (offset & (bits - 1));
            if (kind == BT) {
                old = c.mem.read(addr, size);
            } else if (i.has(Prefix.LOCK)) {
                do {
                    old = c.mem.read(addr, size);
                } while (c.mem.cmpxchg(addr, size, old, modify(kind, old, bit)) != old);
            } else {
                old = c.mem.read(addr, size);
                c.mem.write(addr, size, modify(kind, old, bit));
            }
            Flags.put(c, FlagBits.CF, (old & bit) != 0);
        } else {
            int reg = Operand.reg(i.o0);
            long bit = 1L << (offset & (bits - 1));
            old = getReg(c, reg, size);
            if (kind != BT) setReg(c, reg, size, modify(kind, old, bit));
            Flags.put(c, FlagBits.CF, (old & bit) != 0);
        }
    }

    /** BSF (forward) and BSR: index of the lowest or highest set bit. */
    private static void scan(Cpu c, Insn i, boolean forward) {
        int size = i.osize;
        long v = read(c, i, i.o1, size);
        if (v == 0) {
            Flags.put(c, FlagBits.ZF, true);
            return;
        }
        setReg(c, Operand.reg(i.o0), size, forward ? Long.numberOfTrailingZeros(v) : 63 - Long.numberOfLeadingZeros(v));
        Flags.put(c, FlagBits.ZF, false);
    }

    /** TZCNT and LZCNT: trailing or leading zero count, the operand width for 0. CF = (source == 0), ZF = (result == 0). */
    private static void count(Cpu c, Insn i, boolean trailing) {
        int size = i.osize;
        int bits = size * 8;
        long v = read(c, i, i.o1, size);
        long n = v == 0 ? bits
                : trailing ? Long.numberOfTrailingZeros(v) : Long.numberOfLeadingZeros(v) - (64 - bits);
        setReg(c, Operand.reg(i.o0), size, n);
        Flags.putAll(c, FlagBits.CF | FlagBits.ZF, (v == 0 ? FlagBits.CF : 0) | (n == 0 ? FlagBits.ZF : 0));
    }

    /** POPCNT: the number of set bits; ZF = (source == 0), the other status flags cleared. */
    private static void popcnt(Cpu c, Insn i) {
        int size = i.osize;
        long v = read(c, i, i.o1, size);
        setReg(c, Operand.reg(i.o0), size, Long.bitCount(v));
        Flags.putAll(c, FlagBits.STATUS, v == 0 ? FlagBits.ZF : 0);
    }

    /** BSWAP r32/r64. The 16-bit form is undefined in the SDM; it clears the register's low word here, as Intel CPUs do. */
    private static void bswap(Cpu c, Insn i) {
        int reg = Operand.reg(i.o0);
        switch (i.osize) {
            case 8 -> c.r[reg] = Long.reverseBytes(c.r[reg]);
            case 4 -> c.r[reg] = Integer.reverseBytes((int) c.r[reg]) & 0xFFFF_FFFFL;
            default -> setReg(c, reg, 2, 0);
        }
    }
}
