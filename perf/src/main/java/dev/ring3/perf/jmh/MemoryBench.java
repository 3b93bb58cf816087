package dev.ring3.perf.jmh;

import dev.ring3.jit.GuestMemory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guest memory addressing (DESIGN.md decision 2): a dependent load+store loop over 1 MiB of guest memory, through
 * the flat window ({@link GuestMemory}) against 4 KiB byte[] pages behind a one-entry software TLB, the design the
 * flat window replaced. Each iteration's address depends on the previous load, so neither can be hoisted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryBench {
    static final int SIZE = 1 << 20, STEPS = 1 << 16;
    static final long BASE = 0x400000;

    GuestMemory flat;
    byte[][] pages;
    long tlbTag = -1;
    byte[] tlbPage;

    @Setup(Level.Trial)
    public void setup() {
        flat = GuestMemory.reserve(1L << 32);
        pages = new byte[SIZE >> 12][4096];
        for (int i = 0; i < SIZE; i += 8) {
            long v = (i * 2654435761L) & (SIZE - 8);
            flat.write64(BASE + i, v);
            writePaged(i, v);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() { flat.release(); }

    @Benchmark
    public long flatWindow() {
        GuestMemory m = flat;
        long a = 0;
        for (int k = 0; k < STEPS; k++) {
            long v = m.read64(BASE + a);
            m.write64(BASE + ((a + 64) & (SIZE - 8)), v + k);
            a = v & (SIZE - 8);
        }
        return a;
    }

    @Benchmark
    public long pagedWithTlb() {
        long a = 0;
        for (int k = 0; k < STEPS; k++) {
            long v = readPaged(a);
            writePaged((a + 64) & (SIZE - 8), v + k);
            a = v & (SIZE - 8);
        }
        return a;
    }

    private byte[] page(long addr) {
        long tag = addr >>> 12;
        if (tag != tlbTag) {
            tlbTag = tag;
            tlbPage = pages[(int) tag];
        }
        return tlbPage;
    }

    private long readPaged(long addr) {
        byte[] p = page(addr);
        int o = (int) (addr & 4095);
        return (long) LONG_LE.get(p, o);
    }

    private void writePaged(long addr, long v) {
        byte[] p = page(addr);
        int o = (int) (addr & 4095);
        LONG_LE.set(p, o, v);
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
}
