package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/** The stack: PUSH, POP, PUSHF, POPF, LEAVE, ENTER. Operand size is 8 bytes, or 2 with a 66 prefix. */
public final class Stack {
    private Stack() {}

    public static void register(Semantics.Table t) {
        t.put(Op.PUSH, (c, i) -> push(c, read(c, i, i.o0, i.osize), i.osize));
        t.put(Op.POP, Stack::pop);
        t.put(Op.PUSHF, (c, i) -> push(c, Flags.get(c) & 0x00FC_FFFFL, i.osize)); // VM and RF read as 0
        t.put(Op.POPF, Stack::popf);
        t.put(Op.LEAVE, Stack::leave);
        t.put(Op.ENTER, Stack::enter);
    }

    private static void pop(Cpu c, Insn i) {
        int size = i.osize;
        long sp = c.r[Cpu.RSP];
        long v = c.mem.read(sp, size);
        if (Operand.isMem(i.o0)) {
            // POP to memory computes the address with RSP already incremented
            c.r[Cpu.RSP] = sp + size;
            try {
                write(c, i, i.o0, v);
            } catch (RuntimeException e) {
                c.r[Cpu.RSP] = sp;
                throw e;
            }
        } else {
            c.r[Cpu.RSP] = sp + size;
            write(c, i, i.o0, v);   // POP RSP leaves the popped value in RSP
        }
    }

    private static void popf(Cpu c, Insn i) {
        long v = dev.ring3.jit.Operands.pop(c, i.osize);
        long writable = Flags.USER_WRITABLE & (i.osize == 2 ? 0xffff : -1L);
        Flags.putAll(c, writable, v);
    }

    private static void leave(Cpu c, Insn i) {
        long bp = c.r[Cpu.RBP];
        long v = c.mem.read(bp, i.osize);
        c.r[Cpu.RSP] = bp + i.osize;
        setReg(c, Cpu.RBP, i.osize, v);
    }

    private static void enter(Cpu c, Insn i) {
        int size = i.osize;
        long frameSize = i.imm & 0xffff;
        int level = (int) (i.imm2 & 0x1f);
        long rbp = c.r[Cpu.RBP];
        long sp = c.r[Cpu.RSP] - size;
        // SDM: #PF "if a write using the final value of the stack pointer would cause a page fault", before any
        // store; so a frame reaching out of the window faults with nothing changed
        c.mem.read(sp - (level > 0 ? level * (long) size : 0) - frameSize, size);
        c.mem.write(sp, size, rbp);
        long frame = sp;
        for (int k = 1; k < level; k++) {
            rbp -= size;
            sp -= size;
            c.mem.write(sp, size, c.mem.read(rbp, size));
        }
        if (level > 0) {
            sp -= size;
            c.mem.write(sp, size, frame);
        }
        setReg(c, Cpu.RBP, size, frame);
        c.r[Cpu.RSP] = sp - frameSize;
    }
}
