package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Direct bytecode for the integer instructions that dominate compiled code (moves, LEA, the ALU, INC/DEC/NEG/NOT,
 * shifts by a constant, IMUL, CMOVcc/SETcc, branches, CALL/RET, PUSH/POP/LEAVE, CBW/CWD, XCHG of registers). The
 * rest goes through {@link Translator#fallback}. Every emitter reads memory and operands first and writes
 * registers last, so a faulting access leaves the state of before the instruction.
 */
final class Emitters {
    private Emitters() {}

    /** Maps the guest registers an instruction touches to JVM locals (all counted as written, conservatively). */
    static void registers(Insn i, Gen g, boolean[] written) {
        switch (i.op) {   // implicit operands of the direct emitters
            case MUL, IMUL1, DIV, IDIV -> { use(g, written, Cpu.RAX); use(g, written, Cpu.RDX); }
            case CMPXCHG -> use(g, written, Cpu.RAX);
            default -> { }
        }
        for (int k = 0; k < i.nops; k++) {
            int o = i.operand(k);
            if (Operand.kind(o) == Operand.GPR) use(g, written, Operand.reg(o) >= Operand.AH ? Operand.reg(o) - Operand.AH : Operand.reg(o));
        }
        if (i.base >= 0) use(g, written, i.base);
        if (i.index >= 0) use(g, written, i.index);
        switch (i.op) {
            case PUSH, POP, CALL, CALL_IND, RET, PUSHF, POPF -> use(g, written, Cpu.RSP);
            case LEAVE, ENTER -> { use(g, written, Cpu.RSP); use(g, written, Cpu.RBP); }
            case CBW -> use(g, written, Cpu.RAX);
            case CWD -> { use(g, written, Cpu.RAX); use(g, written, Cpu.RDX); }
            default -> { }
        }
    }

    private static void use(Gen g, boolean[] written, int r) {
        g.useRegister(r);
        written[r] = true;
    }

    /** Emits one instruction; returns true if it may fault on memory (it then gets an exception handler). */
    static boolean emit(Translator t, Insn i) {
        Boolean atomic = AtomicEmitters.emit(t, i);
        if (atomic != null) return atomic;
        if (i.has(Prefix.LOCK)) {
            t.fallback(i);
            return true;
        }
        if (SseEmitters.handles(i)) return SseEmitters.emit(t, i);
        if (SimdEmitters.handles(i)) return SimdEmitters.emit(t, i);
        Boolean bit = BitEmitters.emit(t, i);
        if (bit != null) return bit;
        switch (i.op) {
            case NOP, ENDBR, PAUSE, PREFETCH -> { return false; }
            case MOV -> { return Operand.kind(i.o0) == Operand.SEG || Operand.kind(i.o1) == Operand.SEG ? fb(t, i) : mov(t, i); }
            case MOVZX -> { return extend(t, i, false); }
            case MOVSX -> { return extend(t, i, true); }
            case MOVSXD -> { return extend(t, i, true); }
            case LEA -> { lea(t, i); return false; }
            case ADD -> { return alu(t, i, Flags.ADD, LADD, true); }
            case SUB -> { return alu(t, i, Flags.SUB, LSUB, true); }
            case CMP -> { return alu(t, i, Flags.SUB, LSUB, false); }
            case AND -> { return alu(t, i, Flags.LOGIC, LAND, true); }
            case OR -> { return alu(t, i, Flags.LOGIC, LOR, true); }
            case XOR -> { return alu(t, i, Flags.LOGIC, LXOR, true); }
            case TEST -> { return alu(t, i, Flags.LOGIC, LAND, false); }
            case INC -> { return incDec(t, i, Flags.INC); }
            case DEC -> { return incDec(t, i, Flags.DEC); }
            case NEG -> { return negNot(t, i, true); }
            case NOT -> { return negNot(t, i, false); }
            case SHL, SHR, SAR -> { return Operand.kind(i.o1) == Operand.IMM && (i.imm & (i.osize == 8 ? 63 : 31)) != 0 ? shift(t, i) : fb(t, i); }
            case IMUL -> { return imul(t, i); }
            case CMOVCC -> { return cmov(t, i); }
            case SETCC -> { return setcc(t, i); }
            case JMP -> { t.jumpTo(i.imm); return false; }
            case JCC -> { jcc(t, i); return false; }
            case CALL -> { return call(t, i); }
            case RET -> { return ret(t, i); }
            case JMP_IND -> {
                int target = t.g.newLong();
                t.g.read(i, i.o0, 8);
                t.g.lstore(target);
                t.indirect(t.blockOf(i), target);
                return true;
            }
            case CALL_IND -> { return callIndirect(t, i); }
            case PUSH -> { return push(t, i); }
            case POP -> { return Operand.kind(i.o0) == Operand.GPR ? pop(t, i) : fb(t, i); }
            case LEAVE -> { return leave(t, i); }
            case CBW -> { cbw(t, i); return false; }
            case CWD -> { cwd(t, i); return false; }
            case SYSCALL -> { return syscall(t, i); }
            case LDMXCSR, FXRSTOR -> {   // MXCSR changes: the next region entry checks it again
                t.fallback(i);
                t.exitAfter(i);
                return false;
            }
            case XCHG -> { return Operand.kind(i.o0) == Operand.GPR && Operand.kind(i.o1) == Operand.GPR ? xchg(t, i) : fb(t, i); }
            default -> { return fb(t, i); }
        }
    }

    /**
     * True if an instruction certainly leaves RAX alone (used to trace a constant into RAX back from a SYSCALL):
     * it has no implicit RAX use, and its explicit destination, if a register, is not RAX.
     */
    static boolean keepsRax(Insn i) {
        switch (i.op) {
            case MOV, MOVZX, MOVSX, MOVSXD, LEA, ADD, SUB, AND, OR, XOR, CMP, TEST, INC, DEC, PUSH, POP, NOP, ENDBR,
                    SHL, SHR, SAR, IMUL, SETCC, CMOVCC -> {
                return !(Operand.kind(i.o0) == Operand.GPR && (Operand.reg(i.o0) == 0 || Operand.reg(i.o0) == Operand.AH));
            }
            default -> { return false; }
        }
    }

    /** SYSCALL: linked straight to its handler when RAX holds a constant set earlier in the same block. */
    private static boolean syscall(Translator t, Insn i) {
        long nr = t.constantRax(i);
        java.lang.invoke.MethodHandle h = nr >= 0 ? t.linker.handler(nr) : null;
        if (h == null) return fb(t, i);
        t.directSyscall(i, java.lang.invoke.MethodHandles.lookup().revealDirect(h));
        return true;
    }

    /** A fallback has its own exception handler (it completes the state and rethrows). */
    private static boolean fb(Translator t, Insn i) {
        t.fallback(i);
        return false;
    }

    /**
     * The guest registers an instruction's Exec may read or write, as a bit mask: explicit register operands,
     * the memory operand's base and index, and the implicit ones of its operation. Everything for operations that
     * may do anything (SYSCALL, CPUID-like, faults whose handler wants the full state).
     */
    static int fallbackRegisters(Insn i) {
        int m = 0;
        for (int k = 0; k < i.nops; k++) {
            int o = i.operand(k);
            if (Operand.kind(o) == Operand.GPR) m |= 1 << (Operand.reg(o) >= Operand.AH ? Operand.reg(o) - Operand.AH : Operand.reg(o));
        }
        if (i.base >= 0) m |= 1 << i.base;
        if (i.index >= 0) m |= 1 << i.index;
        int ax = 1 << Cpu.RAX, cx = 1 << Cpu.RCX, dx = 1 << Cpu.RDX, bx = 1 << Cpu.RBX, sp = 1 << Cpu.RSP,
                bp = 1 << Cpu.RBP, si = 1 << Cpu.RSI, di = 1 << Cpu.RDI;
        return m | switch (i.op) {
            case MUL, IMUL1, DIV, IDIV, CWD, RDTSC -> ax | dx;
            case CBW, LAHF, SAHF, CMPXCHG, FNSTSW -> ax;
            case MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS -> ax | cx | si | di;
            case CMPXCHG8B, CMPXCHG16B -> ax | bx | cx | dx;
            case CPUID, RDTSCP -> ax | bx | cx | dx;
            case PUSH, POP, PUSHF, POPF, CALL, CALL_IND, RET -> sp;
            case LEAVE, ENTER -> sp | bp;
            case SHL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD, SHRD, LOOP, LOOPE, LOOPNE, JRCXZ -> cx;
            case XLAT -> ax | bx;
            case MASKMOVDQU, MASKMOVQ -> di;
            case MOV, MOVZX, MOVSX, MOVSXD, LEA, ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST, INC, DEC, NEG, NOT,
                    IMUL, BT, BTS, BTR, BTC, BSF, BSR, TZCNT, LZCNT, POPCNT, BSWAP, XCHG, XADD, MOVBE, MOVNTI,
                    SETCC, CMOVCC, CLC, STC, CMC, CLD, STD, NOP, PAUSE, ENDBR, PREFETCH, MFENCE, LFENCE, SFENCE,
                    CLFLUSH, JMP, JCC, JMP_IND -> 0;
            default -> i.op.ordinal() >= Op.MOVUPS.ordinal() && i.op.ordinal() < Op.UNSUPPORTED.ordinal()
                    && i.op != Op.FNSTSW ? 0 : Translator.ALL;
        };
    }

    // ---- moves --------------------------------------------------------------------------------------------------

    private static boolean mov(Translator t, Insn i) {
        Gen g = t.g;
        int size = Operand.size(i.o0);
        if (Operand.kind(i.o0) == Operand.GPR) {
            g.read(i, i.o1, size);
            g.writeReg(Operand.reg(i.o0), size);
            return Operand.isMem(i.o1);
        }
        int addr = g.addressLocal(i), v = g.newLong();
        g.read(i, i.o1, size);
        g.lstore(v);
        g.storeAt(addr, 0, v, size);
        return true;
    }

    private static boolean extend(Translator t, Insn i, boolean signed) {
        Gen g = t.g;
        int from = i.op == Op.MOVSXD ? 4 : Operand.size(i.o1);
        g.read(i, i.o1, from);
        if (signed) g.sext(from);
        g.writeReg(Operand.reg(i.o0), i.osize);
        return Operand.isMem(i.o1);
    }

    private static void lea(Translator t, Insn i) {
        t.g.address(i, false);   // LEA computes the offset only, without a segment base
        t.g.writeReg(Operand.reg(i.o0), i.osize);
    }

    private static boolean xchg(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize;
        int tmp = g.newLong();
        g.readReg(Operand.reg(i.o0), size);
        g.lstore(tmp);
        g.readReg(Operand.reg(i.o1), size);
        g.writeReg(Operand.reg(i.o0), size);
        g.lload(tmp);
        g.writeReg(Operand.reg(i.o1), size);
        return false;
    }

    private static void cbw(Translator t, Insn i) {
        Gen g = t.g;
        g.readReg(Cpu.RAX, i.osize / 2);
        g.sext(i.osize / 2);
        g.writeReg(Cpu.RAX, i.osize);
    }

    private static void cwd(Translator t, Insn i) {
        Gen g = t.g;
        g.readReg(Cpu.RAX, i.osize);
        g.sext(i.osize);
        g.iconst(63);
        t.mv.visitInsn(LSHR);
        g.writeReg(Cpu.RDX, i.osize);
    }

    // ---- ALU ----------------------------------------------------------------------------------------------------

    /**
     * ADD SUB CMP AND OR XOR TEST: a = destination, b = source, d = a op b at the operation size; the result is
     * written back unless it is CMP or TEST; (d, a, b) become the flag producer.
     */
    private static boolean alu(Translator t, Insn i, int kind, int jvmOp, boolean writeBack) {
        Gen g = t.g;
        int size = i.osize;
        boolean mem = Operand.isMem(i.o0);
        int a = g.newLong(), b = g.newLong(), d = g.newLong(), addr = -1;
        if (mem) {
            addr = g.newLong();
            g.address(i);
            g.lstore(addr);
            g.loadFrom(addr, size);
        } else {
            g.readReg(Operand.reg(i.o0), size);
        }
        g.lstore(a);
        g.read(i, i.o1, size);
        g.lstore(b);
        if (!writeBack && kind == Flags.SUB) {   // CMP: the difference only where something needs it
            t.producedLazy(Flags.op(kind, size), a, b, FlagBits.STATUS);
            return mem || Operand.isMem(i.o1);
        }
        g.lload(a);
        g.lload(b);
        t.mv.visitInsn(jvmOp);
        g.zext(size);
        g.lstore(d);
        if (writeBack) {
            if (mem) {
                g.storeAt(addr, 0, d, size);
            } else {
                g.lload(d);
                g.writeReg(Operand.reg(i.o0), size);
            }
        }
        if (kind == Flags.LOGIC) t.produced(Flags.op(kind, size), d, -1, -1, FlagBits.STATUS);
        else t.produced(Flags.op(kind, size), d, a, b, FlagBits.STATUS);
        return mem || Operand.isMem(i.o1);
    }

    private static boolean incDec(Translator t, Insn i, int kind) {
        Gen g = t.g;
        int size = i.osize;
        boolean mem = Operand.isMem(i.o0);
        int a = g.newLong(), d = g.newLong(), cf = -1, addr = -1;
        if (t.live(FlagBits.STATUS_NO_CF) && t.live(FlagBits.CF)) {
            // CF passes through INC/DEC: capture it from the previous state, or leave it in the Cpu (read where
            // needed) when that is where the flags are
            Producer p = t.producer;
            boolean cpuCarry = p == null
                    || (p.kind() == Flags.INC || p.kind() == Flags.DEC) && p.b() == Producer.CPU_CARRY;
            if (cpuCarry) {
                cf = Producer.CPU_CARRY;
            } else {
                cf = g.newLong();
                carry(t);
                t.mv.visitInsn(I2L);
                g.lstore(cf);
            }
        }
        if (mem) {
            addr = g.newLong();
            g.address(i);
            g.lstore(addr);
            g.loadFrom(addr, size);
        } else {
            g.readReg(Operand.reg(i.o0), size);
        }
        g.lstore(a);
        g.lload(a);
        g.lconst(1);
        t.mv.visitInsn(kind == Flags.INC ? LADD : LSUB);
        g.zext(size);
        g.lstore(d);
        if (mem) {
            g.storeAt(addr, 0, d, size);
        } else {
            g.lload(d);
            g.writeReg(Operand.reg(i.o0), size);
        }
        t.produced(Flags.op(kind, size), d, a, cf, FlagBits.STATUS_NO_CF);
        return mem;
    }

    private static boolean negNot(Translator t, Insn i, boolean neg) {
        Gen g = t.g;
        int size = i.osize;
        boolean mem = Operand.isMem(i.o0);
        int a = g.newLong(), d = g.newLong(), addr = -1;
        if (mem) {
            addr = g.newLong();
            g.address(i);
            g.lstore(addr);
            g.loadFrom(addr, size);
        } else {
            g.readReg(Operand.reg(i.o0), size);
        }
        g.lstore(a);
        g.lload(a);
        if (neg) t.mv.visitInsn(LNEG);
        else {
            g.lconst(-1);
            t.mv.visitInsn(LXOR);
        }
        g.zext(size);
        g.lstore(d);
        if (mem) {
            g.storeAt(addr, 0, d, size);
        } else {
            g.lload(d);
            g.writeReg(Operand.reg(i.o0), size);
        }
        if (neg) t.produced(Flags.op(Flags.SUB, size), d, t.zeroLocal, a, FlagBits.STATUS);
        return mem;
    }

    /** SHL SHR SAR by a non-zero constant. */
    private static boolean shift(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize;
        int count = (int) (i.imm & (size == 8 ? 63 : 31));
        boolean mem = Operand.isMem(i.o0);
        int a = g.newLong(), d = g.newLong(), n = g.newLong(), addr = -1;
        if (mem) {
            addr = g.newLong();
            g.address(i);
            g.lstore(addr);
            g.loadFrom(addr, size);
        } else {
            g.readReg(Operand.reg(i.o0), size);
        }
        g.lstore(a);
        g.lload(a);
        int kind;
        switch (i.op) {
            case SHL -> { kind = Flags.SHL; g.iconst(count); t.mv.visitInsn(LSHL); }
            case SHR -> { kind = Flags.SHR; g.iconst(count); t.mv.visitInsn(LUSHR); }
            default -> { kind = Flags.SAR; g.sext(size); g.iconst(count); t.mv.visitInsn(LSHR); }
        }
        if (count >= 64) { t.mv.visitInsn(POP2); g.lconst(i.op == Op.SAR ? -1 : 0); }
        g.zext(size);
        g.lstore(d);
        if (mem) {
            g.storeAt(addr, 0, d, size);
        } else {
            g.lload(d);
            g.writeReg(Operand.reg(i.o0), size);
        }
        g.lconst(count);
        g.lstore(n);
        t.produced(Flags.op(kind, size), d, a, n, FlagBits.STATUS);
        return mem;
    }

    /** IMUL r, r/m and IMUL r, r/m, imm: truncated product; CF = OF = the signed product did not fit. */
    private static boolean imul(Translator t, Insn i) {
        Gen g = t.g;
        MethodVisitor mv = t.mv;
        int size = i.osize;
        int a = g.newLong(), b = g.newLong(), d = g.newLong(), ovf = g.newLong();
        boolean three = i.nops == 3;
        g.read(i, three ? i.o1 : i.o0, size);
        g.sext(size);
        g.lstore(a);
        if (three) g.lconst(i.imm);
        else {
            g.read(i, i.o1, size);
            g.sext(size);
        }
        g.lstore(b);
        g.lload(a);
        g.lload(b);
        mv.visitInsn(LMUL);
        g.lstore(d);   // full 64-bit product (exact for sizes below 8)
        Label fits = new Label(), done = new Label();
        if (size == 8) {
            g.lload(a);
            g.lload(b);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "multiplyHigh", "(JJ)J", false);
            g.lload(d);
            g.iconst(63);
            mv.visitInsn(LSHR);
        } else {
            g.lload(d);
            g.lload(d);
            g.sext(size);
        }
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFEQ, fits);
        g.lconst(1);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(fits);
        g.lconst(0);
        mv.visitLabel(done);
        g.lstore(ovf);
        g.lload(d);
        g.zext(size);
        g.lstore(d);
        g.lload(d);
        g.writeReg(Operand.reg(i.o0), size);
        t.produced(Flags.op(Flags.MUL, size), d, a, ovf, FlagBits.STATUS);
        return Operand.isMem(i.o1);
    }

    // ---- conditions -------------------------------------------------------------------------------------------

    private static boolean cmov(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize;
        int v = g.newLong();
        g.read(i, i.o1, size);   // the source is read whatever the condition
        g.lstore(v);
        Label skip = new Label(), done = new Label();
        Conditions.branch(t, i.cc, true, skip);
        g.lload(v);
        g.writeReg(Operand.reg(i.o0), size);
        t.mv.visitJumpInsn(GOTO, done);
        t.mv.visitLabel(skip);
        if (size == 4) {   // a 32-bit CMOV zero-extends its destination even when it does not move
            g.readReg(Operand.reg(i.o0), 4);
            g.writeReg(Operand.reg(i.o0), 4);
        }
        t.mv.visitLabel(done);
        return Operand.isMem(i.o1);
    }

    private static boolean setcc(Translator t, Insn i) {
        Gen g = t.g;
        Label no = new Label(), done = new Label();
        boolean mem = Operand.isMem(i.o0);
        int v = g.newLong();
        Conditions.branch(t, i.cc, true, no);
        g.lconst(1);
        t.mv.visitJumpInsn(GOTO, done);
        t.mv.visitLabel(no);
        g.lconst(0);
        t.mv.visitLabel(done);
        g.lstore(v);
        if (mem) {
            g.storeAt(g.addressLocal(i), 0, v, 1);
        } else {
            int r = Operand.reg(i.o0);
            g.lload(v);
            g.writeReg(r, 1);
            if (r < Operand.AH) g.knownByte(r, v);
        }
        return mem;
    }

    /**
     * Jcc. A loop's back edge is emitted as the inverted condition jumping forward over a GOTO back: HotSpot puts
     * the loop's safepoint poll on the backward branch with the JVM state of that bytecode, and a conditional
     * backward branch has the comparison's value on the operand stack, which C2 then computes every iteration
     * for the deoptimisation state (4 instructions per iteration of the sieve's marking loop).
     */
    private static void jcc(Translator t, Insn i) {
        Label target = t.edge(i.imm);
        if (t.backward(target)) {
            Label fall = new Label();
            Conditions.branch(t, i.cc ^ 1, false, fall);
            t.mv.visitJumpInsn(GOTO, target);
            t.mv.visitLabel(fall);
        } else {
            Conditions.branch(t, i.cc, false, target);
        }
        t.jumpTo(i.next());
    }

    /** Pushes CF of the current flag state as an int 0/1. */
    static void carry(Translator t) {
        Label no = new Label(), done = new Label();
        Conditions.branch(t, 3, false, no);    // AE: CF = 0
        t.g.iconst(1);
        t.mv.visitJumpInsn(GOTO, done);
        t.mv.visitLabel(no);
        t.g.iconst(0);
        t.mv.visitLabel(done);
    }

    // ---- stack and calls ----------------------------------------------------------------------------------------

    /** Pushes the long on top of the JVM stack at {@code size} bytes: store at RSP-size, then RSP -= size. */
    private static void pushValue(Translator t, int value, int size) {
        Gen g = t.g;
        int sp = g.newLong();
        g.lload(g.reg[Cpu.RSP]);
        g.lconst(size);
        t.mv.visitInsn(LSUB);
        g.lstore(sp);
        g.storeAt(sp, 0, value, size);
        g.lload(sp);
        g.writeRsp();
    }

    private static boolean push(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize;
        int v = g.newLong();
        if (Operand.kind(i.o0) == Operand.IMM) g.lconst(i.imm & dev.ring3.jit.GuestMemory.mask(size));
        else g.read(i, i.o0, size);
        g.lstore(v);
        pushValue(t, v, size);
        return true;
    }

    private static boolean pop(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize;
        int v = g.newLong();
        g.loadAt(g.reg[Cpu.RSP], 0, size);
        g.lstore(v);
        g.lload(g.reg[Cpu.RSP]);
        g.lconst(size);
        t.mv.visitInsn(LADD);
        g.writeRsp();
        g.lload(v);
        g.writeReg(Operand.reg(i.o0), size);   // POP RSP keeps the popped value
        return true;
    }

    private static boolean leave(Translator t, Insn i) {
        Gen g = t.g;
        int size = i.osize;
        int v = g.newLong();
        g.loadAt(g.reg[Cpu.RBP], 0, size);
        g.lstore(v);
        g.lload(g.reg[Cpu.RBP]);
        g.lconst(size);
        t.mv.visitInsn(LADD);
        g.writeRsp();
        g.lload(v);
        g.writeReg(Cpu.RBP, size);
        return true;
    }

    private static boolean call(Translator t, Insn i) {
        int ret = t.g.newLong();
        t.g.lconst(i.next());
        t.g.lstore(ret);
        pushValue(t, ret, 8);
        t.jumpTo(i.imm);
        return true;
    }

    private static boolean callIndirect(Translator t, Insn i) {
        Gen g = t.g;
        int target = g.newLong(), ret = g.newLong();
        g.read(i, i.o0, 8);
        g.lstore(target);
        g.lconst(i.next());
        g.lstore(ret);
        pushValue(t, ret, 8);
        t.indirect(t.blockOf(i), target);
        return true;
    }

    private static boolean ret(Translator t, Insn i) {
        Gen g = t.g;
        int target = g.newLong();
        g.loadAt(g.reg[Cpu.RSP], 0, 8);
        g.lstore(target);
        g.lload(g.reg[Cpu.RSP]);
        g.lconst(8 + (i.nops > 0 ? i.imm & 0xffff : 0));
        t.mv.visitInsn(LADD);
        g.writeRsp();
        t.indirect(t.blockOf(i), target);
        return true;
    }
}
