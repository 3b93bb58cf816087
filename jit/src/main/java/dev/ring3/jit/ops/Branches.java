package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/**
 * Control transfer: JMP, Jcc, CALL, RET, JRCXZ, LOOP/LOOPE/LOOPNE. Relative targets arrive resolved in
 * {@link Insn#imm}; a branch sets {@link Cpu#rip}, a branch not taken leaves it at the next instruction.
 */
public final class Branches {
    private Branches() {}

    public static void register(Semantics.Table t) {
        t.put(Op.JMP, (c, i) -> c.rip = i.imm);
        t.put(Op.JMP_IND, (c, i) -> c.rip = read(c, i, i.o0, 8));
        t.put(Op.JCC, (c, i) -> {
            if (Flags.cond(c, i.cc)) c.rip = i.imm;
        });
        t.put(Op.CALL, (c, i) -> {
            push(c, i.next(), 8);
            c.rip = i.imm;
        });
        t.put(Op.CALL_IND, (c, i) -> {
            long target = read(c, i, i.o0, 8);
            push(c, i.next(), 8);
            c.rip = target;
        });
        t.put(Op.RET, Branches::ret);
        t.put(Op.JRCXZ, (c, i) -> {
            if (getReg(c, Cpu.RCX, i.asize) == 0) c.rip = i.imm;
        });
        t.put(Op.LOOP, (c, i) -> loop(c, i, true));
        t.put(Op.LOOPE, (c, i) -> loop(c, i, Flags.zf(c)));
        t.put(Op.LOOPNE, (c, i) -> loop(c, i, !Flags.zf(c)));
    }

    private static void ret(Cpu c, Insn i) {
        long sp = c.r[Cpu.RSP];
        long target = c.mem.read64(sp);
        c.r[Cpu.RSP] = sp + 8 + (i.nops > 0 ? i.imm & 0xffff : 0);
        c.rip = target;
    }

    private static void loop(Cpu c, Insn i, boolean condition) {
        long count = (getReg(c, Cpu.RCX, i.asize) - 1) & mask(i.asize);
        setReg(c, Cpu.RCX, i.asize, count);
        if (count != 0 && condition) c.rip = i.imm;
    }
}
