package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;
import static dev.ring3.jit.x87.X87Stack.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;
import dev.ring3.jit.X87;

/**
 * Control and stack management (SDM vol. 1 8.3.10, 8.3.11): FLDCW FNSTCW FNSTSW FNCLEX FNINIT FWAIT, FXCH FFREE
 * FINCSTP FDECSTP FNOP. The FN forms do not wait: they never deliver a pending exception, and like the other
 * control instructions they leave the instruction and operand pointers alone.
 */
final class X87Control {
    /** Control-word bits that exist (bits 6 and 13-15 are reserved); bit 6 always reads as 1. */
    static final int CW_BITS = 0x1F3F, CW_ONES = 0x40;

    private X87Control() {}

    static void register(Semantics.Table t) {
        t.put(Op.FLDCW, X87Control::fldcw);
        t.put(Op.FNSTCW, (c, i) -> c.mem.write16(Operands.ea(c, i), c.fpu.cw));
        t.put(Op.FNSTSW, X87Control::fnstsw);
        t.put(Op.FNCLEX, (c, i) -> c.fpu.sw &= ~(0xFF | B));
        t.put(Op.FNINIT, (c, i) -> c.fpu.reset());
        t.put(Op.FWAIT, X87Stack::begin);
        t.put(Op.FXCH, X87Control::fxch);
        t.put(Op.FFREE, X87Control::ffree);
        t.put(Op.FINCSTP, (c, i) -> moveTop(c, i, 1));
        t.put(Op.FDECSTP, (c, i) -> moveTop(c, i, -1));
        t.put(Op.FNOP, X87Control::fnop);
    }

    /** Loads the control word; ES and B follow from whether a set flag is now unmasked (delivered at the next wait). */
    static void setControlWord(X87 f, int v) {
        f.cw = (v & CW_BITS) | CW_ONES;
        if ((f.sw & ~f.cw & 0x3F) != 0) f.sw |= ES | B;
        else f.sw &= ~(ES | B);
    }

    private static void fldcw(Cpu c, Insn i) {
        int v = c.mem.read16(Operands.ea(c, i));
        setControlWord(c.fpu, v);
    }

    private static void fnstsw(Cpu c, Insn i) {
        int sw = c.fpu.statusWord();
        if (Operand.isMem(i.o0)) c.mem.write16(Operands.ea(c, i), sw);
        else c.r[Cpu.RAX] = (c.r[Cpu.RAX] & ~0xFFFFL) | sw;
    }

    private static void fxch(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        int r = Operand.reg(i.o0);
        long m0 = mant(f, 0), mi = mant(f, r);
        int s0 = se(f, 0), si = se(f, r);
        if (isEmpty(f, 0) || isEmpty(f, r)) {
            underflow(f);
            if (isEmpty(f, 0)) { m0 = NAN_MANT; s0 = NAN_SE; }
            if (isEmpty(f, r)) { mi = NAN_MANT; si = NAN_SE; }
        }
        if (deliverable(f)) {
            write(f, 0, mi, si);
            write(f, r, m0, s0);
        }
        commit(f, C1);
        record(c, i, -1);
    }

    private static void ffree(Cpu c, Insn i) {
        begin(c, i);
        X87 f = c.fpu;
        f.tag |= 3 << (2 * phys(f, Operand.reg(i.o0)));
        record(c, i, -1);
    }

    private static void moveTop(Cpu c, Insn i, int delta) {
        begin(c, i);
        X87 f = c.fpu;
        f.top = (f.top + delta) & 7;
        commit(f, C1);
        record(c, i, -1);
    }

    private static void fnop(Cpu c, Insn i) {
        begin(c, i);
        record(c, i, -1);
    }
}
