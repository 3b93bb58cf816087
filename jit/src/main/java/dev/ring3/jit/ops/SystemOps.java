package dev.ring3.jit.ops;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.CpuId;
import dev.ring3.jit.Exec;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Semantics;

/**
 * SYSCALL, CPUID, RDTSC(P), hints and fences, and what user mode may not do. Privileged instructions (HLT, CLI,
 * STI, IN, OUT, INT n) raise #GP, which Linux delivers as SIGSEGV with si_code SI_KERNEL; INT3 and INT1 are traps
 * (SIGTRAP, RIP after the instruction); UD0/UD1/UD2 are #UD (SIGILL). Features ring3 does not advertise in CPUID
 * (XGETBV without OSXSAVE, RDPID, FSGSBASE) are #UD too, as on a CPU without them.
 */
public final class SystemOps {
    private SystemOps() {}

    public static void register(Semantics.Table t) {
        t.put(Op.SYSCALL, SystemOps::syscall);
        t.put(Op.CPUID, (c, i) -> CpuId.run(c));
        t.put(Op.RDTSC, (c, i) -> rdtsc(c));
        t.put(Op.RDTSCP, (c, i) -> {
            rdtsc(c);
            c.r[Cpu.RCX] = CpuId.TSC_AUX;
        });
        Exec nothing = (c, i) -> { };
        for (Op op : new Op[] {Op.NOP, Op.PAUSE, Op.ENDBR, Op.LFENCE, Op.SFENCE, Op.PREFETCH, Op.CLFLUSH}) {
            t.put(op, nothing);
        }
        t.put(Op.MFENCE, (c, i) -> GuestMemory.fence());
        t.put(Op.INT3, (c, i) -> {
            throw new GuestFault(GuestFault.SIGTRAP, GuestFault.SI_KERNEL, i.next(), -1, "int3");
        });
        t.put(Op.INT1, (c, i) -> {
            throw new GuestFault(GuestFault.SIGTRAP, GuestFault.SI_KERNEL, i.next(), -1, "int1");
        });
        Exec gp = (c, i) -> {
            throw new GuestFault(GuestFault.SIGSEGV, GuestFault.SI_KERNEL, i.addr, 0,
                    "privileged instruction: " + i);
        };
        for (Op op : new Op[] {Op.HLT, Op.CLI, Op.STI, Op.IN, Op.OUT, Op.INT, Op.INS, Op.OUTS}) t.put(op, gp);
        Exec ud = (c, i) -> {
            throw GuestFault.illegal(i.addr, "invalid instruction: " + i);
        };
        for (Op op : new Op[] {Op.UD, Op.INVALID, Op.UNSUPPORTED, Op.XGETBV, Op.RDPID,
                Op.RDFSBASE, Op.RDGSBASE, Op.WRFSBASE, Op.WRGSBASE}) {
            t.put(op, ud);
        }
    }

    private static void syscall(Cpu c, Insn i) {
        c.r[Cpu.RCX] = c.rip;
        c.r[Cpu.R11] = Flags.get(c);
        c.gate.syscall(c);
    }

    /** The time-stamp counter ticks in nanoseconds (a 1 GHz invariant TSC). */
    private static void rdtsc(Cpu c) {
        long t = CpuId.tsc();
        c.r[Cpu.RAX] = t & 0xFFFF_FFFFL;
        c.r[Cpu.RDX] = t >>> 32;
    }
}
