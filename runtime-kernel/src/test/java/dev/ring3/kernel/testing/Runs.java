package dev.ring3.kernel.testing;

import dev.ring3.kernel.ByteStrings;
import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.elf.ElfException;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a guest program three ways: natively (the oracle), under ring3 in this JVM (fast: no start-up per run), and
 * under ring3 as its own JVM with the launcher's options from etc/jvm.options (what a user runs, JVM and all).
 */
public final class Runs {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /**
     * The execution tier tests run ring3 in (-Dring3.tier): "jit" translates every block before its first run
     * (--jit-threshold=1), "interp" only interprets (--jit=off); unset, ring3's defaults.
     */
    public static final String TIER = System.getProperty("ring3.tier", "");

    /** The Kernel configuration of the tier, with --strace as asked. */
    public static Kernel.Config config(boolean strace) {
        return switch (TIER) {
            case "jit" -> new Kernel.Config(strace, true, 1);
            case "interp" -> new Kernel.Config(strace, false, 1);
            default -> new Kernel.Config(strace);
        };
    }

    /** The command-line options of the tier. */
    static List<String> tierOptions() {
        return switch (TIER) {
            case "jit" -> List.of("--jit-threshold=1");
            case "interp" -> List.of("--jit=off");
            default -> List.of();
        };
    }

    private Runs() {}

    /** The launcher's system call library, written once per test JVM (the launcher writes it once per build). */
    private static final class NativeLibrary {
        static final Path PATH;

        static {
            try {
                Path dir = Files.createTempDirectory("ring3-native");
                PATH = dir.resolve("libring3-syscall.so");
                dev.ring3.jit.SyscallLibrary.write(PATH);
                PATH.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The repository root (tests run in the module directory). */
    public static Path root() { return ROOT; }

    public static Result nativeRun(Path exe, List<String> args, List<String> env, byte[] stdin) {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        return process(cmd, env, stdin);
    }

    /** ring3 in a JVM of its own, started as the launcher starts it. */
    public static Result ring3(List<String> options, Path exe, List<String> args, List<String> env, byte[] stdin) {
        return ring3(options, exe, args, env, stdin, DEFAULT_TIMEOUT_S);
    }

    /** As above, killed and failed after {@code timeoutSeconds} (for programs that would otherwise hang). */
    public static Result ring3(List<String> options, Path exe, List<String> args, List<String> env, byte[] stdin,
            int timeoutSeconds) {
        return process(ring3Command(options, exe, args), env, stdin, timeoutSeconds);
    }

    /** The command that runs ring3 in a JVM of its own as the launcher runs it (for tests that drive the process). */
    public static List<String> ring3Command(List<String> options, Path exe, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            for (String o : Files.readAllLines(ROOT.resolve("etc/jvm.options"))) {
                if (!o.isBlank() && !o.startsWith("#")) cmd.add(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        cmd.add("-D" + dev.ring3.jit.NativeSyscall.PROPERTY + "=" + NativeLibrary.PATH);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.ring3.kernel.cli.Main");
        cmd.addAll(tierOptions());
        cmd.addAll(options);
        cmd.add(exe.toString());
        cmd.addAll(args);
        return cmd;
    }

    /** ring3 inside this JVM, the guest's standard streams on temporary files. argv[0] is the path. */
    public static Result inProcess(Kernel.Config cfg, Path exe, List<String> args, List<String> env, byte[] stdin) {
        return inProcess(new Kernel(cfg), exe, args, env, stdin);
    }

    /** Like the above with a given kernel (whose state a test inspects afterwards). */
    public static Result inProcess(Kernel kernel, Path exe, List<String> args, List<String> env, byte[] stdin) {
        try {
            Path dir = Files.createTempDirectory("ring3-run");
            Path in = dir.resolve("stdin"), out = dir.resolve("stdout"), err = dir.resolve("stderr");
            Files.write(in, stdin == null ? new byte[0] : stdin);
            int[] fds = {open(in, 0), open(out, 01 | 0100 | 01000), open(err, 01 | 0100 | 01000)};
            List<String> argv = new ArrayList<>();
            argv.add(ByteStrings.fromText(exe.toString()));
            for (String a : args) argv.add(ByteStrings.fromText(a));
            List<String> envp = new ArrayList<>();
            for (String e : env) envp.add(ByteStrings.fromText(e));
            int status;
            try {
                status = kernel.run(argv.get(0), argv, envp, fds);
            } catch (ElfException e) {
                status = e.exitCode;
                Files.writeString(err, e.getMessage());
            }
            Result r = new Result(Files.readAllBytes(out), Files.readAllBytes(err), status);
            for (Path p : List.of(in, out, err, dir)) Files.deleteIfExists(p);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int open(Path p, int flags) {
        try (Arena a = Arena.ofConfined()) {
            long fd = Host.syscall(SyscallTable.OPEN, a.allocateFrom(p.toString()).address(), flags | 02000000, 0644);
            if (fd < 0) throw new IllegalStateException("open " + p + ": " + fd);
            return (int) fd;
        }
    }

    private static final int DEFAULT_TIMEOUT_S = 300;

    static Result process(List<String> cmd, List<String> env, byte[] stdin) {
        return process(cmd, env, stdin, DEFAULT_TIMEOUT_S);
    }

    static Result process(List<String> cmd, List<String> env, byte[] stdin, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (env != null) {
                Map<String, String> e = pb.environment();
                e.clear();
                for (String kv : env) {
                    int eq = kv.indexOf('=');
                    e.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            // stdin from a file, as the in-process runs have it (and a program that never reads it is fine)
            Path in = Files.createTempFile("ring3-in", "");
            Files.write(in, stdin == null ? new byte[0] : stdin);
            Path out = Files.createTempFile("ring3-out", ""), err = Files.createTempFile("ring3-err", "");
            pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            Result r = new Result(Files.readAllBytes(out), Files.readAllBytes(err), p.exitValue());
            Files.delete(in);
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
