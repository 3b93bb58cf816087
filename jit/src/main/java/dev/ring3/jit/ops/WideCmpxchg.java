package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Semantics;

/**
 * CMPXCHG8B and CMPXCHG16B (SDM vol. 2, "CMPXCHG8B/CMPXCHG16B"): compare EDX:EAX (RDX:RAX) with the memory
 * operand; if equal, ZF = 1 and ECX:EBX (RCX:RBX) is stored, else ZF = 0 and the memory value is loaded into
 * EDX:EAX (RDX:RAX). No other flag changes. Both are always atomic here, LOCK or not.
 *
 * <p>CMPXCHG8B is one 8-byte compare-and-exchange. The JVM has no 16-byte compare-and-exchange, so CMPXCHG16B runs
 * under one of a set of locks chosen by address: it is atomic against other CMPXCHG16Bs on the same location,
 * which is how 128-bit atomics (libatomic, lock-free queues with tagged pointers) use it; an 8-byte store by another
 * thread may still interleave with it. Its operand must be 16-byte aligned, else #GP (SIGSEGV, si_code
 * SI_KERNEL, as Linux reports a general protection fault).
 */
public final class WideCmpxchg {
    private WideCmpxchg() {}

    private static final Object[] LOCKS = new Object[64];

    static {
        for (int k = 0; k < LOCKS.length; k++) LOCKS[k] = new Object();
    }

    /** Called from {@link Moves#register}. */
    static void register(Semantics.Table t) {
        t.put(Op.CMPXCHG8B, WideCmpxchg::cmpxchg8b);
        t.put(Op.CMPXCHG16B, WideCmpxchg::cmpxchg16b);
    }

    private static void cmpxchg8b(Cpu c, Insn i) {
        long addr = ea(c, i);
        long expect = c.r[Cpu.RDX] << 32 | (c.r[Cpu.RAX] & 0xFFFF_FFFFL);
        long update = c.r[Cpu.RCX] << 32 | (c.r[Cpu.RBX] & 0xFFFF_FFFFL);
        long old = c.mem.cmpxchg(addr, 8, expect, update);
        boolean equal = old == expect;
        if (!equal) {
            c.r[Cpu.RAX] = old & 0xFFFF_FFFFL;
            c.r[Cpu.RDX] = old >>> 32;
        }
        Flags.put(c, FlagBits.ZF, equal);
    }

    private static void cmpxchg16b(Cpu c, Insn i) {
        long addr = ea(c, i);
        if ((addr & 15) != 0) {
            throw new GuestFault(GuestFault.SIGSEGV, GuestFault.SI_KERNEL, i.addr, 0, "cmpxchg16b: unaligned operand");
        }
        GuestMemory mem = c.mem;
        long lo, hi;
        boolean equal;
        synchronized (LOCKS[(int) (addr >>> 4) & (LOCKS.length - 1)]) {
            lo = mem.read64(addr);
            hi = mem.read64(addr + 8);
            equal = lo == c.r[Cpu.RAX] && hi == c.r[Cpu.RDX];
            if (equal) {
                mem.write64(addr + 8, c.r[Cpu.RCX]);
                mem.write64(addr, c.r[Cpu.RBX]);
            }
        }
        if (!equal) {
            c.r[Cpu.RAX] = lo;
            c.r[Cpu.RDX] = hi;
        }
        Flags.put(c, FlagBits.ZF, equal);
    }
}
