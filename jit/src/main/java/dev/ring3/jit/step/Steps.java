package dev.ring3.jit.step;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Exec;

/**
 * Chooses an instruction's step: one of its own for the common integer forms (moves, ALU operations, branches,
 * calls, the stack), else {@link Generic} around its {@link Exec}.
 */
public final class Steps {
    private Steps() {}

    /**
     * The steps of a block's instructions, each linked to the one after it (running the first runs the block).
     * The last one always sets {@link dev.ring3.jit.Cpu#rip}: a control transfer's step does, anything else there
     * runs generic.
     */
    public static Step[] of(Insn[] insns, Exec[] execs) {
        Step[] s = new Step[insns.length];
        for (int k = 0; k < insns.length; k++) {
            Step own = own(insns[k]);
            boolean last = k == insns.length - 1;
            // the own steps of instructions that end a block are the control transfers, which set rip
            s[k] = own != null && (!last || insns[k].op.endsBlock) ? own : new Generic(insns[k], execs[k]);
        }
        for (int k = 0; k + 1 < s.length; k++) s[k].after = s[k + 1];
        return s;
    }

    /** The instruction's own step, or null if it runs generic. */
    static Step own(Insn i) {
        if (i.has(Prefix.LOCK) || i.has(Prefix.REP) || i.has(Prefix.REPNE)) return null;
        boolean mem = i.hasMemory();
        if (mem && i.asize != 8) return null;
        int k0 = Operand.kind(i.o0), k1 = Operand.kind(i.o1);
        int r0 = Operand.reg(i.o0), r1 = Operand.reg(i.o1);
        return switch (i.op) {
            case MOV -> move(i, k0, k1, r0, r1);
            case LEA -> k0 == Operand.GPR ? new MoveSteps.Lea(i, r0, i.osize) : null;
            case MOVZX, MOVSX, MOVSXD -> extend(i, k0, k1, r0, r1);
            case ADD -> alu(i, AluSteps.ADD, k0, k1, r0, r1);
            case SUB -> alu(i, AluSteps.SUB, k0, k1, r0, r1);
            case AND -> alu(i, AluSteps.AND, k0, k1, r0, r1);
            case OR -> alu(i, AluSteps.OR, k0, k1, r0, r1);
            case XOR -> alu(i, AluSteps.XOR, k0, k1, r0, r1);
            case CMP -> alu(i, AluSteps.CMP, k0, k1, r0, r1);
            case TEST -> alu(i, AluSteps.TEST, k0, k1, r0, r1);
            case INC, DEC -> k0 == Operand.GPR ? new AluSteps.IncDecReg(r0, i.osize, i.op == Op.INC)
                    : k0 == Operand.MEM ? new AluSteps.IncDecMem(i, i.osize, i.op == Op.INC) : null;
            case JCC -> new ControlSteps.Jcc(i);
            case JMP -> new ControlSteps.Jmp(i);
            case CALL -> new ControlSteps.Call(i);
            case RET -> i.nops == 0 ? new ControlSteps.Ret() : null;
            case JMP_IND, CALL_IND -> indirect(i, k0, r0, i.op == Op.CALL_IND);
            case PUSH -> i.osize != 8 ? null
                    : k0 == Operand.GPR ? new ControlSteps.PushReg(r0)
                    : k0 == Operand.IMM ? new ControlSteps.PushImm(i.imm) : null;
            case POP -> i.osize == 8 && k0 == Operand.GPR ? new ControlSteps.PopReg(r0) : null;
            default -> null;
        };
    }

    private static Step move(Insn i, int k0, int k1, int r0, int r1) {
        int size = Operand.size(i.o0);
        if (k0 == Operand.GPR) {
            if (k1 == Operand.GPR) return new MoveSteps.RegReg(r0, r1, size);
            if (k1 == Operand.IMM) return new MoveSteps.RegImm(r0, size, i.imm);
            if (k1 == Operand.MEM) return new MoveSteps.RegMem(i, r0, size);
        } else if (k0 == Operand.MEM) {
            if (k1 == Operand.GPR) return new MoveSteps.MemReg(i, r1, size);
            if (k1 == Operand.IMM) return new MoveSteps.MemImm(i, size);
        }
        return null;   // segment registers, control registers
    }

    private static Step extend(Insn i, int k0, int k1, int r0, int r1) {
        if (k0 != Operand.GPR) return null;
        int size = Operand.size(i.o0);
        int srcSize = i.op == Op.MOVSXD ? 4 : Operand.size(i.o1);
        boolean signed = i.op != Op.MOVZX;
        if (k1 == Operand.GPR) return new MoveSteps.ExtendReg(r0, r1, size, srcSize, signed);
        if (k1 == Operand.MEM) return new MoveSteps.ExtendMem(i, r0, size, srcSize, signed);
        return null;
    }

    private static Step alu(Insn i, int kind, int k0, int k1, int r0, int r1) {
        int size = i.osize;
        if (k0 == Operand.GPR) {
            if (k1 == Operand.GPR) return new AluSteps.RegReg(kind, r0, r1, size);
            if (k1 == Operand.IMM) return new AluSteps.RegImm(kind, r0, size, i.imm);
            if (k1 == Operand.MEM) return new AluSteps.RegMem(i, kind, r0, size);
        } else if (k0 == Operand.MEM) {
            if (k1 == Operand.GPR) return new AluSteps.MemReg(i, kind, r1, size);
            if (k1 == Operand.IMM) return new AluSteps.MemImm(i, kind, size);
        }
        return null;
    }

    private static Step indirect(Insn i, int k0, int r0, boolean call) {
        if (k0 == Operand.GPR && Operand.size(i.o0) == 8) return new ControlSteps.IndirectReg(i, r0, call);
        if (k0 == Operand.MEM) return new ControlSteps.IndirectMem(i, call);
        return null;
    }
}
