package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.jit.Flags;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Branches on x86 condition codes. With the producing instruction known, the common pairs compile to one JVM
 * comparison of the operands it left in locals: CMP/SUB with any of E NE B AE BE A L GE LE G S NS, TEST/AND/OR/XOR
 * with E NE S NS (and the ones that are constant after a logic operation), ADD/INC/DEC with E NE S NS. Other pairs
 * call {@link Flags#cond(int, long, long, long, long, int)} with the producer's values; with no producer in hand
 * (flags from before the region or a fallback) {@link Flags#cond(dev.ring3.jit.Cpu, int)} reads the Cpu.
 */
final class Conditions {
    private Conditions() {}

    /** Jumps to {@code target} if condition {@code cc} holds (or, with {@code negate}, if it does not). */
    static void branch(Translator t, int cc, boolean negate, Label target) {
        Producer p = t.producer;
        if (p != null && direct(t, p, negate ? cc ^ 1 : cc, target)) return;
        MethodVisitor mv = t.mv;
        Gen g = t.g;
        int bits = eagerBits(cc);
        if (p == null && t.eagerFlags && bits != 0) {
            // flags eager in the Cpu (after UCOMISD/COMISD): the condition is whether any of these bits is set
            // (even cc: B E BE P) or none is (odd cc: AE NE A NP)
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            mv.visitFieldInsn(GETFIELD, Gen.CPU, "flags", "J");
            g.lconst(bits);
            mv.visitInsn(LAND);
            g.lconst(0);
            mv.visitInsn(LCMP);
            boolean whenSet = (cc & 1) == 0;
            mv.visitJumpInsn(whenSet != negate ? IFNE : IFEQ, target);
            return;
        }
        if (p == null) {
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            String flag = singleFlag(cc);
            if (flag != null) {
                // one flag: a small method C2 inlines (the general evaluator stays a call, around which a loop's
                // registers are spilled)
                mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", flag, "(L" + Gen.CPU + ";)Z", false);
                boolean whenSet = (cc & 1) == 0;
                mv.visitJumpInsn(whenSet != negate ? IFNE : IFEQ, target);
                return;
            }
            g.iconst(cc);
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "cond", "(L" + Gen.CPU + ";I)Z", false);
        } else {
            g.iconst(p.op());
            loadD(t, p);
            load(t, p.a());
            load(t, p.b());
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            mv.visitFieldInsn(GETFIELD, Gen.CPU, "flags", "J");
            g.iconst(cc);
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "cond", "(IJJJJI)Z", false);
        }
        mv.visitJumpInsn(negate ? IFEQ : IFNE, target);
    }

    /** The Flags method answering condition cc (even: when set, odd: when clear) by one flag: B/AE, E/NE, S/NS. */
    private static String singleFlag(int cc) {
        return switch (cc >>> 1) {
            case 1 -> "cf";
            case 2 -> "zf";
            case 4 -> "sf";
            default -> null;
        };
    }

    /** The flag bits condition cc tests by themselves (B/AE: CF, E/NE: ZF, BE/A: CF|ZF, P/NP: PF), else 0. */
    private static int eagerBits(int cc) {
        return switch (cc >>> 1) {
            case 1 -> dev.ring3.decoder.FlagBits.CF;
            case 2 -> dev.ring3.decoder.FlagBits.ZF;
            case 3 -> dev.ring3.decoder.FlagBits.CF | dev.ring3.decoder.FlagBits.ZF;
            case 5 -> dev.ring3.decoder.FlagBits.PF;
            default -> 0;
        };
    }

    /** Pushes the producer's result (computed from its operands for a lazy CMP producer: (a - b) at its size). */
    static void loadD(Translator t, Producer p) {
        if (!p.lazy()) {
            t.g.lload(p.d());
            return;
        }
        t.g.lload(p.a());
        t.g.lload(p.b());
        t.mv.visitInsn(LSUB);
        t.g.zext(p.size());
    }

    /** Pushes a producer's operand: a local, 0 for none, or the Cpu's CF ({@link Producer#CPU_CARRY}). */
    static void load(Translator t, int local) {
        if (local == Producer.CPU_CARRY) {
            t.mv.visitVarInsn(ALOAD, Gen.L_CPU);
            t.mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "cf", "(L" + Gen.CPU + ";)Z", false);
            t.mv.visitInsn(I2L);
        } else if (local < 0) {
            t.g.lconst(0);
        } else {
            t.g.lload(local);
        }
    }

    /** Emits a direct comparison for (producer, cc) if there is one; returns false otherwise. */
    private static boolean direct(Translator t, Producer p, int cc, Label target) {
        MethodVisitor mv = t.mv;
        Gen g = t.g;
        int size = p.size();
        switch (p.kind()) {
            case Flags.SUB -> {
                switch (cc) {
                    case 4, 5 -> {           // E NE: a == b
                        g.lload(p.a());
                        g.lload(p.b());
                        mv.visitInsn(LCMP);
                        mv.visitJumpInsn(cc == 4 ? IFEQ : IFNE, target);
                        return true;
                    }
                    case 2, 3, 6, 7 -> {     // B AE BE A: unsigned
                        g.lload(p.a());
                        g.lload(p.b());
                        if (size == 8) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                        else mv.visitInsn(LCMP);   // zero-extended narrower values compare correctly as signed longs
                        mv.visitJumpInsn(switch (cc) { case 2 -> IFLT; case 3 -> IFGE; case 6 -> IFLE; default -> IFGT; }, target);
                        return true;
                    }
                    case 12, 13, 14, 15 -> { // L GE LE G: signed
                        g.lload(p.a());
                        g.sext(size);
                        g.lload(p.b());
                        g.sext(size);
                        mv.visitInsn(LCMP);
                        mv.visitJumpInsn(switch (cc) { case 12 -> IFLT; case 13 -> IFGE; case 14 -> IFLE; default -> IFGT; }, target);
                        return true;
                    }
                    case 8, 9 -> { sign(t, p, cc == 8, target); return true; }
                    default -> { return false; }
                }
            }
            case Flags.LOGIC -> {
                switch (cc) {
                    case 0, 2 -> { return true; }                          // O, B: never after a logic operation
                    case 1, 3 -> { mv.visitJumpInsn(GOTO, target); return true; }  // NO, AE: always
                    case 4, 6 -> { zero(t, p, true, target); return true; }  // E, BE (CF = 0)
                    case 5, 7 -> { zero(t, p, false, target); return true; } // NE, A
                    case 8, 12 -> { sign(t, p, true, target); return true; } // S, L (OF = 0)
                    case 9, 13 -> { sign(t, p, false, target); return true; }
                    case 14, 15 -> {                                        // LE: signed <= 0; G: > 0
                        loadD(t, p);
                        g.sext(size);
                        g.lconst(0);
                        mv.visitInsn(LCMP);
                        mv.visitJumpInsn(cc == 14 ? IFLE : IFGT, target);
                        return true;
                    }
                    default -> { return false; }
                }
            }
            case Flags.ADD, Flags.INC, Flags.DEC, Flags.SHL, Flags.SHR, Flags.SAR -> {
                switch (cc) {
                    case 4, 5 -> { zero(t, p, cc == 4, target); return true; }
                    case 8, 9 -> { sign(t, p, cc == 8, target); return true; }
                    default -> { return false; }
                }
            }
            default -> { return false; }
        }
    }

    /** Jumps if the producer's result is zero ({@code ifZero}) or not. Results are kept zero-extended. */
    private static void zero(Translator t, Producer p, boolean ifZero, Label target) {
        loadD(t, p);
        t.g.lconst(0);
        t.mv.visitInsn(LCMP);
        t.mv.visitJumpInsn(ifZero ? IFEQ : IFNE, target);
    }

    /** Jumps if the producer's result is negative at its size ({@code ifNegative}) or not. */
    private static void sign(Translator t, Producer p, boolean ifNegative, Label target) {
        loadD(t, p);
        t.g.sext(p.size());
        t.g.lconst(0);
        t.mv.visitInsn(LCMP);
        t.mv.visitJumpInsn(ifNegative ? IFLT : IFGE, target);
    }
}
