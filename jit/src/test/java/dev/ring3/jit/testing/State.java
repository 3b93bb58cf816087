package dev.ring3.jit.testing;

import java.util.Arrays;

/**
 * Machine state compared between a native run and an emulated run: the 16 general-purpose registers, RFLAGS,
 * XMM0-15, MXCSR and a scratch memory area at {@link DiffBatch#SCRATCH} (the first half for data, the second for a
 * stack; RSP starts at {@link DiffBatch#STACK_TOP} unless the test sets it).
 */
public final class State {
    public static final int MEM = 8192;
    public final long[] gpr = new long[16];
    public long rflags = 0x202;
    public final long[] xmm = new long[32];
    public int mxcsr = 0x1F80;
    public final byte[] mem = new byte[MEM];

    public State() {
        gpr[4] = DiffBatch.STACK_TOP;
    }

    public State copy() {
        State s = new State();
        System.arraycopy(gpr, 0, s.gpr, 0, 16);
        s.rflags = rflags;
        System.arraycopy(xmm, 0, s.xmm, 0, 32);
        s.mxcsr = mxcsr;
        System.arraycopy(mem, 0, s.mem, 0, MEM);
        return s;
    }

    /** Sets a register by name (rax..r15). */
    public State set(String reg, long v) {
        gpr[Regs.index(reg)] = v;
        return this;
    }

    public long get(String reg) { return gpr[Regs.index(reg)]; }

    public State xmm(int n, long lo, long hi) {
        xmm[2 * n] = lo;
        xmm[2 * n + 1] = hi;
        return this;
    }

    public State flags(long f) {
        rflags = f | 0x202;
        return this;
    }

    public State mem64(int offset, long v) {
        for (int k = 0; k < 8; k++) mem[offset + k] = (byte) (v >>> (8 * k));
        return this;
    }

    public long mem64(int offset) {
        long v = 0;
        for (int k = 0; k < 8; k++) v |= (mem[offset + k] & 0xffL) << (8 * k);
        return v;
    }

    /** Differences from another state, flags compared under {@code flagMask}; empty if equal. */
    public String diff(State o, long flagMask) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 16; k++) {
            if (gpr[k] != o.gpr[k]) sb.append(String.format("  %s: native %016x ring3 %016x%n", Regs.NAMES[k], gpr[k], o.gpr[k]));
        }
        if (((rflags ^ o.rflags) & flagMask) != 0) {
            sb.append(String.format("  rflags: native %s ring3 %s (compared bits %x)%n", Regs.flags(rflags & flagMask),
                    Regs.flags(o.rflags & flagMask), flagMask));
        }
        for (int k = 0; k < 16; k++) {
            if (xmm[2 * k] != o.xmm[2 * k] || xmm[2 * k + 1] != o.xmm[2 * k + 1]) {
                sb.append(String.format("  xmm%d: native %016x_%016x ring3 %016x_%016x%n", k, xmm[2 * k + 1], xmm[2 * k],
                        o.xmm[2 * k + 1], o.xmm[2 * k]));
            }
        }
        if (mxcsr != o.mxcsr) sb.append(String.format("  mxcsr: native %08x ring3 %08x%n", mxcsr, o.mxcsr));
        if (!Arrays.equals(mem, o.mem)) {
            for (int k = 0; k < MEM; k += 8) {
                if (mem64(k) != o.mem64(k)) {
                    sb.append(String.format("  mem[+0x%x]: native %016x ring3 %016x%n", k, mem64(k), o.mem64(k)));
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 16; k++) {
            if (gpr[k] != 0 && k != 4) sb.append(Regs.NAMES[k]).append('=').append(Long.toHexString(gpr[k])).append(' ');
        }
        sb.append("flags=").append(Regs.flags(rflags));
        for (int k = 0; k < 16; k++) {
            if (xmm[2 * k] != 0 || xmm[2 * k + 1] != 0) {
                sb.append(String.format(" xmm%d=%016x_%016x", k, xmm[2 * k + 1], xmm[2 * k]));
            }
        }
        return sb.toString();
    }
}
