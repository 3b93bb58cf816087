package dev.ring3.kernel.sys;

import dev.ring3.jit.Cpu;

/** System call arguments in the x86-64 ABI's registers: RDI RSI RDX R10 R8 R9. */
public final class Args {
    public static final int[] REGS = {Cpu.RDI, Cpu.RSI, Cpu.RDX, Cpu.R10, Cpu.R8, Cpu.R9};

    private Args() {}

    public static long a0(Cpu c) { return c.r[Cpu.RDI]; }
    public static long a1(Cpu c) { return c.r[Cpu.RSI]; }
    public static long a2(Cpu c) { return c.r[Cpu.RDX]; }
    public static long a3(Cpu c) { return c.r[Cpu.R10]; }
    public static long a4(Cpu c) { return c.r[Cpu.R8]; }
    public static long a5(Cpu c) { return c.r[Cpu.R9]; }

    /** An int argument (the low 32 bits, as the kernel's int parameters read it). */
    public static int i0(Cpu c) { return (int) c.r[Cpu.RDI]; }
    public static int i1(Cpu c) { return (int) c.r[Cpu.RSI]; }
    public static int i2(Cpu c) { return (int) c.r[Cpu.RDX]; }
    public static int i3(Cpu c) { return (int) c.r[Cpu.R10]; }
    public static int i4(Cpu c) { return (int) c.r[Cpu.R8]; }
    public static int i5(Cpu c) { return (int) c.r[Cpu.R9]; }
}
