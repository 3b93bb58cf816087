package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;
import dev.ring3.jit.X87;

/**
 * Saving and restoring the FPU state (SDM vol. 1 8.1.10, figures 8-9 and 8-10; 10.5.1): FNSTENV/FLDENV (the
 * 28-byte 32-bit protected-mode environment, or 14 bytes with a 66 prefix), FNSAVE/FRSTOR (environment then the
 * eight registers in stack order) and FXSAVE/FXRSTOR (the 512-byte image with MXCSR and XMM0-15; REX.W selects the
 * 64-bit instruction and data pointers).
 *
 * <p>What this host's hardware does where the SDM leaves room, and ring3 copies: the 32-bit environment's unused
 * upper halves read as 0xFFFF; FXSAVE stores the opcode and pointers only while an exception is pending (FSW.ES),
 * zeros otherwise, and leaves bytes 416-511 alone; FXRSTOR and FLDENV load the pointers, and recompute ES and B from
 * the flags and masks. MXCSR_MASK is {@link #MXCSR_MASK}. The kernel can use {@link #fxsave}/{@link #fxrstor} for
 * signal frames.
 */
public final class X87State {
    /** MXCSR bits ring3 implements (FXSAVE's MXCSR_MASK): flags, DAZ, masks, RC, FZ; no misaligned-SSE mode. */
    public static final int MXCSR_MASK = 0xFFFF;

    private X87State() {}

    static void register(Semantics.Table t) {
        t.put(Op.FNSTENV, (c, i) -> {
            long a = Operands.ea(c, i);
            storeEnv(c, a, i.osize == 2);
            X87Control.setControlWord(c.fpu, c.fpu.cw | 0x3F);   // masks everything: nothing stays pending
        });
        t.put(Op.FLDENV, (c, i) -> loadEnv(c, Operands.ea(c, i), i.osize == 2));
        t.put(Op.FNSAVE, X87State::fnsave);
        t.put(Op.FRSTOR, X87State::frstor);
        t.put(Op.FXSAVE, (c, i) -> {
            long a = Operands.ea(c, i);
            if ((a & 15) != 0) throw gp(i);
            fxsave(c, a, i.has(Prefix.REX_W));
        });
        t.put(Op.FXRSTOR, (c, i) -> {
            long a = Operands.ea(c, i);
            if ((a & 15) != 0 || (c.mem.read32(a + 24) & ~MXCSR_MASK) != 0) throw gp(i);
            fxrstor(c, a, i.has(Prefix.REX_W));
        });
    }

    /** #GP: Linux sends SIGSEGV with si_code SI_KERNEL and a null address. */
    private static GuestFault gp(Insn i) {
        return new GuestFault(GuestFault.SIGSEGV, GuestFault.SI_KERNEL, i.addr, 0, "general protection");
    }

    private static int sizeOfEnv(boolean small) { return small ? 14 : 28; }

    /** Writes the environment; the memory is written in full before anything else could fault. */
    static void storeEnv(Cpu c, long a, boolean small) {
        X87 f = c.fpu;
        int op = X87Stack.lastOpcode(c);
        if (small) {
            c.mem.write16(a, f.cw);
            c.mem.write16(a + 2, f.statusWord());
            c.mem.write16(a + 4, X87Stack.tagWord(f));
            c.mem.write16(a + 6, f.lastIp);
            c.mem.write16(a + 8, f.lastCs);
            c.mem.write16(a + 10, f.lastDp);
            c.mem.write16(a + 12, f.lastDs);
            return;
        }
        c.mem.write32(a, 0xFFFF_0000L | f.cw);
        c.mem.write32(a + 4, 0xFFFF_0000L | f.statusWord());
        c.mem.write32(a + 8, 0xFFFF_0000L | X87Stack.tagWord(f));
        c.mem.write32(a + 12, f.lastIp);
        c.mem.write32(a + 16, (long) (op & 0x7FF) << 16 | f.lastCs);
        c.mem.write32(a + 20, f.lastDp);
        c.mem.write32(a + 24, 0xFFFF_0000L | f.lastDs);
    }

    static void loadEnv(Cpu c, long a, boolean small) {
        GuestMemory m = c.mem;
        int cw, sw, tw, cs, ds, op;
        long ip, dp;
        if (small) {
            cw = m.read16(a); sw = m.read16(a + 2); tw = m.read16(a + 4);
            ip = m.read16(a + 6); cs = m.read16(a + 8); dp = m.read16(a + 10); ds = m.read16(a + 12);
            op = 0;
        } else {
            cw = m.read16(a); sw = m.read16(a + 4); tw = m.read16(a + 8);
            ip = m.read32(a + 12); cs = m.read16(a + 16); op = m.read16(a + 18) & 0x7FF;
            dp = m.read32(a + 20); ds = m.read16(a + 24);
        }
        X87 f = c.fpu;
        setStatus(f, sw);
        X87Control.setControlWord(f, cw);
        int tag = 0;
        for (int p = 0; p < 8; p++) if (((tw >>> (2 * p)) & 3) == 3) tag |= 3 << (2 * p);
        f.tag = tag;
        f.lastIp = ip;
        f.lastCs = cs;
        f.lastOpcode = op;
        f.lastDp = dp;
        f.lastDs = ds;
    }

    private static void setStatus(X87 f, int sw) {
        f.top = (sw >>> 11) & 7;
        f.sw = sw & ~0x3800;
    }

    private static void fnsave(Cpu c, Insn i) {
        long a = Operands.ea(c, i);
        boolean small = i.osize == 2;
        X87 f = c.fpu;
        long regs = a + sizeOfEnv(small);
        c.mem.write8(regs + 79, c.mem.read8(regs + 79));   // fault, if at all, before anything is written
        storeEnv(c, a, small);
        for (int k = 0; k < 8; k++) {
            int p = (f.top + k) & 7;
            c.mem.write64(regs + 10L * k, f.mant[p]);
            c.mem.write16(regs + 10L * k + 8, f.se[p]);
        }
        f.reset();
    }

    private static void frstor(Cpu c, Insn i) {
        long a = Operands.ea(c, i);
        boolean small = i.osize == 2;
        long regs = a + sizeOfEnv(small);
        c.mem.read8(regs + 79);
        loadEnv(c, a, small);
        X87 f = c.fpu;
        for (int k = 0; k < 8; k++) {
            int p = (f.top + k) & 7;
            f.mant[p] = c.mem.read64(regs + 10L * k);
            f.se[p] = c.mem.read16(regs + 10L * k + 8);
        }
    }

    /** FXSAVE (or FXSAVE64 when {@code wide}) to a 16-byte-aligned 512-byte area. */
    public static void fxsave(Cpu c, long a, boolean wide) {
        X87 f = c.fpu;
        GuestMemory m = c.mem;
        m.write8(a + 415, m.read8(a + 415));
        boolean pending = (f.sw & ES) != 0;
        int abridged = 0;
        for (int p = 0; p < 8; p++) if (((f.tag >>> (2 * p)) & 3) != 3) abridged |= 1 << p;
        m.write16(a, f.cw);
        m.write16(a + 2, f.statusWord());
        m.write16(a + 4, abridged);
        m.write16(a + 6, pending ? X87Stack.lastOpcode(c) : 0);
        long ip = pending ? f.lastIp : 0, dp = pending ? f.lastDp : 0;
        if (wide) {
            m.write64(a + 8, ip);
            m.write64(a + 16, dp);
        } else {
            m.write64(a + 8, (ip & 0xFFFF_FFFFL) | (pending ? (long) f.lastCs << 32 : 0));
            m.write64(a + 16, (dp & 0xFFFF_FFFFL) | (pending ? (long) f.lastDs << 32 : 0));
        }
        m.write32(a + 24, c.mxcsr);
        m.write32(a + 28, MXCSR_MASK);
        for (int k = 0; k < 8; k++) {
            int p = (f.top + k) & 7;
            long slot = a + 32 + 16L * k;
            m.write64(slot, f.mant[p]);
            m.write64(slot + 8, f.se[p] & 0xFFFF);
        }
        for (int x = 0; x < 16; x++) {
            m.write64(a + 160 + 16L * x, c.xmm[2 * x]);
            m.write64(a + 168 + 16L * x, c.xmm[2 * x + 1]);
        }
    }

    /** FXRSTOR (FXRSTOR64 when {@code wide}); the caller has checked alignment and MXCSR's reserved bits. */
    public static void fxrstor(Cpu c, long a, boolean wide) {
        X87 f = c.fpu;
        GuestMemory m = c.mem;
        m.read8(a + 415);
        int cw = m.read16(a), sw = m.read16(a + 2), abridged = m.read8(a + 4);
        setStatus(f, sw);
        X87Control.setControlWord(f, cw);
        int tag = 0;
        for (int p = 0; p < 8; p++) if ((abridged & (1 << p)) == 0) tag |= 3 << (2 * p);
        f.tag = tag;
        f.lastOpcode = m.read16(a + 6) & 0x7FF;
        if (wide) {
            f.lastIp = m.read64(a + 8);
            f.lastDp = m.read64(a + 16);
            f.lastCs = 0;
            f.lastDs = 0;
        } else {
            f.lastIp = m.read32(a + 8);
            f.lastCs = m.read16(a + 12);
            f.lastDp = m.read32(a + 16);
            f.lastDs = m.read16(a + 20);
        }
        c.mxcsr = (int) m.read32(a + 24);
        for (int k = 0; k < 8; k++) {
            int p = (f.top + k) & 7;
            long slot = a + 32 + 16L * k;
            f.mant[p] = m.read64(slot);
            f.se[p] = m.read16(slot + 8);
        }
        for (int x = 0; x < 16; x++) {
            c.xmm[2 * x] = m.read64(a + 160 + 16L * x);
            c.xmm[2 * x + 1] = m.read64(a + 168 + 16L * x);
        }
    }
}
