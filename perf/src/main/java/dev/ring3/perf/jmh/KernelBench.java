package dev.ring3.perf.jmh;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A translated hot loop against the same machine code run natively, per call of a kernel: the inner loops of the
 * hash and sieve benchmark programs ({@code resources/kernels/kernels.c}), compiled with the same gcc flags into a
 * static guest binary and into a host shared library. {@code tier=native} calls the library through FFM;
 * {@code tier=jit} calls the guest function in ring3 (the engine's code cache lives across calls, so this is the
 * steady state of translated code, without JVM start-up or translation). Report the jit/native ratio.
 * <ul>
 *   <li>{@code hash}: 2^20 iterations of the 64-bit mixing loop, updating a 256 KiB table.</li>
 *   <li>{@code sieve}: one repetition of the sieve program: clear 4 MB, sieve of Eratosthenes, CRC-32 of 1 MB.</li>
 *   <li>{@code matmul}: one product of 160 x 160 doubles in the matmul program's loop order (SSE2 code: gcc
 *   vectorises the inner loop with MULPD/ADDPD); the first call's trace is checked against the same loop in Java,
 *   bit for bit.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public class KernelBench {
    static final long HASH_N = 1 << 20, SIEVE_N = 4_000_000, MATMUL_N = 160;
    /** Guest layout: data buffers, a stack, and an INT3 the kernel returns to (it ends the engine's run). */
    static final long TABLE = 0x1000_0000L, COMPOSITE = 0x2000_0000L, STACK_TOP = 0x3000_0000L, TRAP = 0x3000_1000L;
    static final String FLAGS = "-O2 -fno-tree-loop-distribute-patterns -fno-stack-protector -ffreestanding -nostdlib";

    @Param({"hash", "sieve", "matmul"})
    public String kernel;

    @Param({"native", "jit"})
    public String tier;

    GuestMemory mem;
    Engine engine;
    long entry;
    MethodHandle nativeKernel;
    Arena arena;
    MemorySegment buffer;

    @Setup
    public void setup() throws Exception {
        Path dir = Files.createTempDirectory("ring3-kernels");
        Path src = dir.resolve("kernels.c");
        try (InputStream in = KernelBench.class.getResourceAsStream("/kernels/kernels.c")) {
            Files.write(src, in.readAllBytes());
        }
        String fn = kernel + "_kernel";
        if (tier.equals("native")) {
            Path so = dir.resolve("kernels.so");
            gcc(src, so, "-fPIC", "-shared");
            arena = Arena.ofShared();
            SymbolLookup lib = SymbolLookup.libraryLookup(so, arena);
            nativeKernel = Linker.nativeLinker().downcallHandle(lib.find(fn).orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
            buffer = arena.allocate(switch (kernel) {
                case "hash" -> 4L << 16;
                case "sieve" -> SIEVE_N + 1;
                default -> 3 * MATMUL_N * MATMUL_N * 8;
            }, 64);
            return;
        }
        Path elf = dir.resolve("kernels.elf");
        gcc(src, elf, "-static", "-fno-pie", "-no-pie");
        mem = GuestMemory.reserve(1L << 32);
        load(Files.readAllBytes(elf));
        entry = symbols(elf).get(fn);
        mem.write8(TRAP, 0xCC);
        engine = new Engine(new CodeCache(mem, PageInfo.ALL), 100);
    }

    private static void gcc(Path src, Path out, String... more) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("gcc"));
        cmd.addAll(List.of(FLAGS.split(" ")));
        cmd.addAll(List.of(more));
        cmd.addAll(List.of("-o", out.toString(), src.toString()));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("failed: " + String.join(" ", cmd));
    }

    /** Copies the PT_LOAD segments of an ELF64 executable to their addresses (ELF layout: elf.h). */
    private void load(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(0x20);
        int phentsize = Short.toUnsignedInt(b.getShort(0x36)), phnum = Short.toUnsignedInt(b.getShort(0x38));
        for (int k = 0; k < phnum; k++) {
            int ph = (int) phoff + k * phentsize;
            if (b.getInt(ph) != 1) continue;   // PT_LOAD
            long offset = b.getLong(ph + 8), vaddr = b.getLong(ph + 16), filesz = b.getLong(ph + 32);
            mem.writeBytes(vaddr, elf, (int) offset, (int) filesz);
        }
    }

    private static Map<String, Long> symbols(Path elf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nm", elf.toString()).redirectErrorStream(true).start();
        Map<String, Long> m = new HashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) m.put(f[2], Long.parseUnsignedLong(f[0], 16));
        }
        p.waitFor();
        return m;
    }

    @TearDown
    public void tearDown() {
        if (mem != null) mem.release();
        if (arena != null) arena.close();
    }

    long acc;
    int round;

    /** Calls the guest function with three arguments (System V: rdi, rsi, rdx) and returns its rax. */
    private long guestCall(long a, long b, long c) {
        Cpu cpu = new Cpu(mem, null);
        cpu.r[Cpu.RDI] = a;
        cpu.r[Cpu.RSI] = b;
        cpu.r[Cpu.RDX] = c;
        cpu.r[Cpu.RSP] = STACK_TOP - 8;
        cpu.mxcsr = mxcsr;   // as a thread calling the kernel again would have it (sticky flags included)
        mem.write64(STACK_TOP - 8, TRAP);
        cpu.rip = entry;
        try {
            engine.run(cpu);
        } catch (GuestFault returned) {
            if (cpu.rip != TRAP && cpu.rip != TRAP + 1) throw new IllegalStateException("guest fault at 0x" + Long.toHexString(cpu.rip));
        }
        mxcsr = cpu.mxcsr;
        return cpu.r[Cpu.RAX];
    }

    int mxcsr = 0x1F80;

    @Benchmark
    public long run() throws Throwable {
        boolean hash = kernel.equals("hash"), matmul = kernel.equals("matmul");
        long a = hash ? HASH_N : matmul ? MATMUL_N : SIEVE_N, b = hash ? acc : round++;
        long r;
        if (tier.equals("native")) r = (long) nativeKernel.invokeExact(buffer, a, b);
        else r = guestCall(hash ? TABLE : COMPOSITE, a, b);
        if (hash) acc = r;
        else if (matmul && b == 0 && r != firstTrace()) throw new IllegalStateException("matmul trace " + r);
        else if (!matmul && r >>> 32 != 283146) {
            throw new IllegalStateException("sieve found " + (r >>> 32) + " primes");
        }
        return r;
    }

    /** The bits of matmul_kernel's first trace, computed by the same loops in Java (same operations, same order). */
    static long firstTrace() {
        int n = (int) MATMUL_N;
        double[] a = new double[n * n], b = new double[n * n], c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (i * 7 + j * 3) % 17 / 7.0;
                b[i * n + j] = (i * 5 + j * 11) % 13 / 3.0;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double x = a[i * n + k];
                for (int j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j];
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) trace += c[i * n + i];
        return Double.doubleToRawLongBits(trace);
    }
}
