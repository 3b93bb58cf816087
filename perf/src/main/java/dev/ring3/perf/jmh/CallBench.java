package dev.ring3.perf.jmh;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
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
 * A guest CALL and RET per loop iteration, translated: the cost of crossing between regions, which call-heavy
 * programs (SQLite, Lua) pay on most of their calls.
 * <ul>
 *   <li>{@code inline}: the callee was not translated before the loop, so the loop's region holds it: CALL and
 *   RET are branches inside one JVM method.</li>
 *   <li>{@code separate}: the callee is a region of its own (as a function called from many places is): the
 *   loop's region calls the callee's region (a chained call), and the callee's RET goes back through the engine
 *   into the loop's region at the return site (its exit, its entry and the engine's dispatch).</li>
 *   <li>{@code inline-dec}: inline, counting with DEC (which keeps CF: the loop reads CF from the Cpu's lazy flags
 *   at every iteration: 6.8 ns an iteration while that was a call of the general condition evaluator, 2.5 ns
 *   once conditions on one flag called a small method C2 inlines, 1.5 ns since the carry-in stays in the Cpu
 *   until an exit or a reader of CF needs it; {@code inline} 1.2 ns).</li>
 * </ul>
 * Per iteration, on the 2-core development machine (2026-12-06): inline 1.1 ns; separate 8.9 ns before chained
 * calls carried their depth in the entry argument, 8.1-8.4 ns after. For scale, whole programs of the same shape
 * (a C loop calling a function owned by another region, 100 million calls): native 1.8 ns a call, qemu-x86_64
 * about 12 ns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class CallBench {
    static final int ITERATIONS = 1 << 20;
    static final long CODE = 0x400000, CALLEE = 0x400100, STACK = 0x600000;

    /** top: call CALLEE; sub rcx, 1; jne top; int3 */
    static final byte[] LOOP = {(byte) 0xe8, (byte) 0xfb, 0x00, 0x00, 0x00, 0x48, (byte) 0x83, (byte) 0xe9, 0x01, 0x75,
        (byte) 0xf5, (byte) 0xcc};
    /**
     * top: call CALLEE; dec rcx; jne top; int3. DEC keeps CF, which is live at the region's exits: at the start of
     * the return site's block the flags are in the Cpu, and the translator used to read CF from there every
     * iteration.
     */
    static final byte[] LOOP_DEC = {(byte) 0xe8, (byte) 0xfb, 0x00, 0x00, 0x00, 0x48, (byte) 0xff, (byte) 0xc9, 0x75,
        (byte) 0xf6, (byte) 0xcc};
    /** CALLEE: add rdx, rcx; ret */
    static final byte[] FUNCTION = {0x48, 0x01, (byte) 0xca, (byte) 0xc3};

    /** inline, separate, or inline with DEC as the loop counter (inline-dec). */
    @Param({"inline", "separate", "inline-dec"})
    public String callee;

    GuestMemory mem;
    Engine engine;

    @Setup
    public void setup() {
        mem = GuestMemory.reserve(1L << 32);
        byte[] loop = callee.equals("inline-dec") ? LOOP_DEC : LOOP;
        mem.writeBytes(CODE, loop, 0, loop.length);
        mem.writeBytes(CALLEE, FUNCTION, 0, FUNCTION.length);
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        engine = new Engine(cache, 100);
        // separate: the callee's region first, as the engine makes it for a function hot from other callers
        if (callee.equals("separate")) engine.translateAt(CALLEE);
    }

    @TearDown
    public void tearDown() { mem.release(); }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long call() {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RSP] = STACK;
        c.r[Cpu.RCX] = ITERATIONS;
        try {
            engine.run(c);
        } catch (GuestFault expectedTrap) {
            // the int3 after the loop
        }
        if (c.r[Cpu.RCX] != 0) throw new IllegalStateException("loop did not finish: rcx=" + c.r[Cpu.RCX]);
        return c.r[Cpu.RDX];
    }
}
