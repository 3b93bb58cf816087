package dev.ring3.perf.jmh;

import dev.ring3.kernel.ByteStrings;
import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one system call from guest code, per call: a static guest program makes 2^20 getpid calls (a handler
 * that does no host work, so what is measured is getting from the SYSCALL to the handler and back).
 * <ul>
 *   <li>{@code site=constant}: {@code mov eax, 39; syscall}. Translated, the SYSCALL is a direct invokestatic of
 *   the getpid handler.</li>
 *   <li>{@code site=variable}: {@code mov eax, [nr]; syscall}. The number is unknown when translating: the call
 *   goes through the thread's gate and {@code x64_sys_call}'s switch.</li>
 * </ul>
 * with {@code tier=jit} (everything translated at once) and {@code tier=interpreter} for scale. Each invocation
 * is a whole in-process run (ELF load included, about 1% of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class SyscallBench {
    static final int CALLS = 1 << 20;

    @Param({"constant", "variable"})
    public String site;

    @Param({"jit", "interpreter"})
    public String tier;

    Path exe;
    Kernel.Config config;

    @Setup
    public void setup() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ring3-syscall-bench");
        Path src = dir.resolve("loop.s"), obj = dir.resolve("loop.o");
        exe = dir.resolve("loop-" + site);
        try (InputStream in = SyscallBench.class.getResourceAsStream("/syscall/getpid-loop.s")) {
            Files.write(src, in.readAllBytes());
        }
        run("as", "--defsym", "CONSTANT=" + (site.equals("constant") ? 1 : 0), "-o", obj.toString(), src.toString());
        run("ld", "-static", "-o", exe.toString(), obj.toString());
        config = new Kernel.Config(false, tier.equals("jit"), 1);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("failed: " + String.join(" ", cmd));
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public int getpid() throws Exception {
        String path = ByteStrings.fromText(exe.toString());
        int[] stdio = {devNull(), devNull(), devNull()};
        int status = new Kernel(config).run(path, List.of(path), List.of(), stdio);
        if (status != 0) throw new IllegalStateException("guest exited with " + status);
        return status;
    }

    private static int devNull() {
        try (Arena a = Arena.ofConfined()) {
            // O_RDWR | O_CLOEXEC (asm-generic/fcntl.h)
            long fd = Host.syscall(SyscallTable.OPEN, a.allocateFrom("/dev/null").address(), 02 | 02000000, 0);
            if (fd < 0) throw new IllegalStateException("open /dev/null: " + fd);
            return (int) fd;
        }
    }
}
