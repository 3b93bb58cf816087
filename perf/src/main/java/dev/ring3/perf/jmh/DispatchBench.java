package dev.ring3.perf.jmh;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Execution tiers and dispatch, per guest loop iteration:
 * <ul>
 *   <li>{@code loop}: a four-instruction loop (ADD XOR DEC JNE) interpreted, or translated (one region, the loop a
 *   JVM loop).</li>
 *   <li>{@code dispatch}: an interpreter-style loop that jumps through a table of eight handlers
 *   ({@code jmp [table + rax*8]}), as bytecode interpreters (Lua, SQLite) do: an indirect branch with many
 *   targets. The jump's target profile (kept while it is interpreted) brings the handlers into the dispatch's
 *   region, where the jump is a switch inside the translated method; with only the last two targets remembered,
 *   six of eight dispatches left the region (13.5 ns per iteration then, 4.9 ns with the profile).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class DispatchBench {
    static final int ITERATIONS = 1 << 20;
    static final long CODE = 0x400000, TABLE = 0x500000;

    /** loop: add rax,rcx; xor rdx,rax; dec rcx; jne loop; int3 */
    static final byte[] LOOP = {0x48, 0x01, (byte) 0xc8, 0x48, 0x31, (byte) 0xc2, 0x48, (byte) 0xff, (byte) 0xc9,
        0x75, (byte) 0xf5, (byte) 0xcc};

    @Param({"interpreter", "jit"})
    public String tier;

    GuestMemory mem;
    CodeCache cache;
    Engine engine;
    Interpreter interp;
    long dispatchEntry;

    @Setup
    public void setup() {
        mem = GuestMemory.reserve(1L << 32);
        mem.writeBytes(CODE, LOOP, 0, LOOP.length);
        dispatchEntry = CODE + 0x100;
        writeDispatch(dispatchEntry);
        cache = new CodeCache(mem, PageInfo.ALL);
        engine = new Engine(cache, 100);
        interp = new Interpreter(cache);
    }

    /**
     * top: mov rax, rcx; and eax, 7; jmp [TABLE + rax*8]
     * handler k: add rdx, k+1; dec rcx; jne top; int3
     */
    private void writeDispatch(long at) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        long top = at;
        b.writeBytes(new byte[] {0x48, (byte) 0x89, (byte) 0xc8});                 // mov rax, rcx
        b.writeBytes(new byte[] {(byte) 0x83, (byte) 0xe0, 0x07});                 // and eax, 7
        b.writeBytes(new byte[] {(byte) 0xff, 0x24, (byte) 0xc5});                 // jmp [rax*8 + disp32]
        b.writeBytes(le32(TABLE));
        long handlers = at + b.size();
        for (int k = 0; k < 8; k++) {
            long h = handlers + 16L * k;
            mem.write64(TABLE + 8L * k, h);
            byte[] code = new byte[16];
            int n = 0;
            code[n++] = 0x48; code[n++] = (byte) 0x83; code[n++] = (byte) 0xc2; code[n++] = (byte) (k + 1); // add rdx, k+1
            code[n++] = 0x48; code[n++] = (byte) 0xff; code[n++] = (byte) 0xc9;                              // dec rcx
            long jne = h + n;
            long rel = top - (jne + 6);
            code[n++] = 0x0f; code[n++] = (byte) 0x85;                                                       // jne top
            byte[] r = le32(rel);
            System.arraycopy(r, 0, code, n, 4);
            n += 4;
            code[n++] = (byte) 0xcc;                                                                         // int3
            mem.writeBytes(h, code, 0, 16);
        }
        mem.writeBytes(at, b.toByteArray(), 0, b.size());
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    @TearDown
    public void tearDown() { mem.release(); }

    private long run(long entry) {
        Cpu c = new Cpu(mem, null);
        c.rip = entry;
        c.r[Cpu.RCX] = ITERATIONS;
        try {
            if (tier.equals("jit")) engine.run(c);
            else interp.run(c);
        } catch (GuestFault expectedTrap) {
            // the int3 after the loop
        }
        return c.r[Cpu.RDX];
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long loop() { return run(CODE); }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long dispatch() { return run(dispatchEntry); }
}
