package dev.ring3.perf.jmh;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter throughput on a four-instruction loop (ADD, XOR, DEC, JNE) run 2^20 times: the score is nanoseconds
 * per guest instruction. The lazy flags of DEC feed JNE directly; blocks chain through their successor cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBench {
    static final int ITERATIONS = 1 << 20;
    static final long CODE = 0x400000;
    /** loop: add rax,rcx; xor rdx,rax; dec rcx; jne loop; int3 */
    static final byte[] LOOP = {0x48, 0x01, (byte) 0xc8, 0x48, 0x31, (byte) 0xc2, 0x48, (byte) 0xff, (byte) 0xc9,
        0x75, (byte) 0xf5, (byte) 0xcc};

    GuestMemory mem;
    Interpreter interp;

    @Setup
    public void setup() {
        mem = GuestMemory.reserve(1L << 32);
        mem.writeBytes(CODE, LOOP, 0, LOOP.length);
        interp = new Interpreter(new CodeCache(mem, PageInfo.ALL));
    }

    @TearDown
    public void tearDown() { mem.release(); }

    @Benchmark
    @OperationsPerInvocation(4 * ITERATIONS)
    public long loop() {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RCX] = ITERATIONS;
        try {
            interp.run(c);
        } catch (GuestFault expectedTrap) {
            // the int3 after the loop
        }
        return c.r[Cpu.RDX];
    }
}
