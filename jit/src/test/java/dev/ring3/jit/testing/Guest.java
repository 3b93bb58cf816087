package dev.ring3.jit.testing;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;

/**
 * A small guest for unit tests that cannot run natively (faults): code at {@link #CODE} followed by INT3, data
 * anywhere below {@link #LIMIT}, run in the interpreter until the INT3 or a fault.
 */
public final class Guest implements AutoCloseable {
    public static final long CODE = 0x10_0000L, DATA = 0x20_0000L, LIMIT = 0x40_0000L;

    public final GuestMemory mem = GuestMemory.reserve(LIMIT);
    public final Cpu cpu = new Cpu(mem, c -> {
        throw new IllegalStateException("syscall in a unit test");
    });
    private final long end;

    public Guest(byte[] code) {
        mem.writeBytes(CODE, code, 0, code.length);
        mem.write8(CODE + code.length, 0xCC);
        end = CODE + code.length + 1;
        cpu.rip = CODE;
    }

    /** Runs to the final INT3; returns null there, or the fault raised before it. */
    public GuestFault run() {
        try {
            new Interpreter(new CodeCache(mem, PageInfo.ALL)).run(cpu);
        } catch (GuestFault f) {
            if (f.signal == GuestFault.SIGTRAP && f.rip == end) return null;
            return f;
        }
        throw new IllegalStateException("interpreter returned");
    }

    @Override
    public void close() { mem.release(); }
}
