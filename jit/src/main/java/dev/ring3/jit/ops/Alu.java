package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/**
 * The integer ALU: ADD OR ADC SBB AND SUB XOR CMP TEST, INC DEC NEG NOT. Binary operations read the destination
 * and source at the operation size, write the result back (not CMP and TEST), and record lazy flags. With LOCK the
 * read-modify-write of memory is a compare-and-exchange loop.
 */
public final class Alu {
    private Alu() {}

    public static void register(Semantics.Table t) {
        t.put(Op.ADD, (c, i) -> binary(c, i, Flags.ADD));
        t.put(Op.OR, (c, i) -> binary(c, i, OR));
        t.put(Op.ADC, (c, i) -> binary(c, i, Flags.ADC));
        t.put(Op.SBB, (c, i) -> binary(c, i, Flags.SBB));
        t.put(Op.AND, (c, i) -> binary(c, i, AND));
        t.put(Op.SUB, (c, i) -> binary(c, i, Flags.SUB));
        t.put(Op.XOR, (c, i) -> binary(c, i, XOR));
        t.put(Op.CMP, Alu::cmp);
        t.put(Op.TEST, Alu::test);
        t.put(Op.INC, (c, i) -> unary(c, i, Flags.INC));
        t.put(Op.DEC, (c, i) -> unary(c, i, Flags.DEC));
        t.put(Op.NEG, (c, i) -> unary(c, i, NEG));
        t.put(Op.NOT, (c, i) -> unary(c, i, NOT));
    }

    // logic kinds beyond the lazy-flag kinds
    private static final int AND = 100, OR = 101, XOR = 102, NEG = 103, NOT = 104;

    private static void binary(Cpu c, Insn i, int kind) {
        int size = i.osize;
        long m = mask(size);
        long b = read(c, i, i.o1, size);
        long carry = (kind == Flags.ADC || kind == Flags.SBB) && Flags.cf(c) ? 1 : 0;
        long a, d;
        if (Operand.isMem(i.o0)) {
            long addr = ea(c, i);
            if (i.has(Prefix.LOCK)) {
                do {
                    a = c.mem.read(addr, size);
                    d = compute(kind, a, b, carry) & m;
                } while (c.mem.cmpxchg(addr, size, a, d) != a);
            } else {
                a = c.mem.read(addr, size);
                d = compute(kind, a, b, carry) & m;
                c.mem.write(addr, size, d);
            }
        } else {
            int reg = Operand.reg(i.o0);
            a = getReg(c, reg, size);
            d = compute(kind, a, b, carry) & m;
            setReg(c, reg, size, d);
        }
        record(c, kind, size, d, a, b, carry);
    }

    private static long compute(int kind, long a, long b, long carry) {
        return switch (kind) {
            case Flags.ADD, Flags.ADC -> a + b + carry;
            case Flags.SUB, Flags.SBB -> a - b - carry;
            case AND -> a & b;
            case OR -> a | b;
            default -> a ^ b;
        };
    }

    private static void record(Cpu c, int kind, int size, long d, long a, long b, long carry) {
        switch (kind) {
            case Flags.ADD -> Flags.set(c, Flags.op(Flags.ADD, size), d, a, b);
            case Flags.ADC -> Flags.set(c, Flags.op(carry != 0 ? Flags.ADC : Flags.ADD, size), d, a, b);
            case Flags.SUB -> Flags.set(c, Flags.op(Flags.SUB, size), d, a, b);
            case Flags.SBB -> Flags.set(c, Flags.op(carry != 0 ? Flags.SBB : Flags.SUB, size), d, a, b);
            default -> Flags.logic(c, size, d);
        }
    }

    private static void cmp(Cpu c, Insn i) {
        int size = i.osize;
        long a = read(c, i, i.o0, size);
        long b = read(c, i, i.o1, size);
        Flags.set(c, Flags.op(Flags.SUB, size), (a - b) & mask(size), a, b);
    }

    private static void test(Cpu c, Insn i) {
        int size = i.osize;
        long a = read(c, i, i.o0, size);
        long b = read(c, i, i.o1, size);
        Flags.logic(c, size, a & b);
    }

    private static void unary(Cpu c, Insn i, int kind) {
        int size = i.osize;
        long m = mask(size);
        long a, d;
        if (Operand.isMem(i.o0)) {
            long addr = ea(c, i);
            if (i.has(Prefix.LOCK)) {
                do {
                    a = c.mem.read(addr, size);
                    d = unaryResult(kind, a) & m;
                } while (c.mem.cmpxchg(addr, size, a, d) != a);
            } else {
                a = c.mem.read(addr, size);
                d = unaryResult(kind, a) & m;
                c.mem.write(addr, size, d);
            }
        } else {
            int reg = Operand.reg(i.o0);
            a = getReg(c, reg, size);
            d = unaryResult(kind, a) & m;
            setReg(c, reg, size, d);
        }
        switch (kind) {
            case Flags.INC, Flags.DEC -> Flags.set(c, Flags.op(kind, size), d, a, Flags.cf(c) ? 1 : 0);
            case NEG -> Flags.set(c, Flags.op(Flags.SUB, size), d, 0, a);
            default -> { } // NOT leaves flags alone
        }
    }

    private static long unaryResult(int kind, long a) {
        return switch (kind) {
            case Flags.INC -> a + 1;
            case Flags.DEC -> a - 1;
            case NEG -> -a;
            default -> ~a;
        };
    }
}
