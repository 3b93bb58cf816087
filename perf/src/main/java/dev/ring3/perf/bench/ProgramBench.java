package dev.ring3.perf.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process timings, side by side in one run: each CPU-bound benchmark program (perf/src/main/resources/bench)
 * under native execution, qemu-x86_64, ring3 --jit=off and ring3 --jit=on. Every run's output must equal the native
 * output (a benchmark that computes something else measures nothing). Runs go in rounds, each running every mode
 * once, so that a noisy spell of a shared machine falls on all modes of a round. Prints median wall times, ratios
 * to native and to QEMU (the median of the rounds' ratios), and geometric means of the ratios.
 *
 * <pre>perf/bench [--runs N] [--modes native,qemu,ring3-interp,ring3-jit] [--scale-divisor D] [program ...]</pre>
 * The scale divisor shortens every program (its default scale / D) for quick looks. After the table, a line gives
 * each mode's start-up time (a program that does nothing; named {@code startup} among the programs, it is the only
 * one run).
 */
public final class ProgramBench {
    /** Program name, extra link flags, default scale (about 1.2 s natively, see each source). */
    record Program(String name, List<String> libs, long scale) {}

    static final List<Program> PROGRAMS = List.of(
            new Program("hash", List.of(), 20), new Program("sieve", List.of(), 72),
            new Program("sort", List.of(), 12), new Program("nbody", List.of("-lm"), 12),
            new Program("matmul", List.of(), 130), new Program("zlib", List.of("-lz"), 6),
            new Program("lua", List.of("-I/usr/include/lua5.4", "-llua5.4", "-lm"), 15),
            new Program("sqlite", List.of("-lsqlite3", "-lm"), 3));

    public static void main(String[] args) throws Exception {
        int runs = 3;
        long divisor = 1;
        List<String> modes = List.of("native", "qemu", "ring3-interp", "ring3-jit");
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--modes" -> modes = Arrays.asList(args[++i].split(","));
                case "--scale-divisor" -> divisor = Long.parseLong(args[++i]);
                default -> only.add(args[i]);
            }
        }
        Path root = Path.of(System.getProperty("ring3.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("perf/target/bench-programs");
        Files.createDirectories(work);
        Map<String, Map<String, double[]>> table = new LinkedHashMap<>();
        for (Program p : PROGRAMS) {
            if (!only.isEmpty() && !only.contains(p.name())) continue;
            Path exe = build(work, p);
            long scale = Math.max(1, p.scale() / divisor);
            String[] expected = {null};
            // rounds, each running every mode once: a noisy spell of the machine then falls on all modes of a
            // round alike, and the ratios are taken per round
            Map<String, double[]> row = rounds(commands(root, modes, exe, scale), runs, (mode, out) -> {
                if (expected[0] == null) expected[0] = out;
                else if (!expected[0].equals(out)) {
                    throw new IllegalStateException(p.name() + " under " + mode + " printed\n" + out + "\nnot\n" + expected[0]);
                }
            });
            for (var e : row.entrySet()) {
                System.err.printf("  %-8s %-13s %8.3f s%n", p.name(), e.getKey(), median(e.getValue()));
            }
            table.put(p.name(), row);
        }
        if (!table.isEmpty()) print(table, modes);
        if (only.isEmpty() || only.contains("startup")) startup(root, work, modes);
    }

    /** Runs of the do-nothing program per mode for the start-up line (interleaved, median). */
    static final int STARTUP_RUNS = 11;

    /**
     * The fixed cost of a process under each mode: a static glibc program that returns at once, its median wall
     * time over {@link #STARTUP_RUNS} interleaved runs. Printed on a line of its own, outside the table's geometric
     * means (the programs' times include it already).
     */
    static void startup(Path root, Path work, List<String> modes) throws IOException, InterruptedException {
        Path exe = build(work, new Program("startup", List.of(), 0));
        Map<String, double[]> times = rounds(commands(root, modes, exe, 0), STARTUP_RUNS, (mode, out) -> {});
        StringBuilder sb = new StringBuilder("start-up (a static program that returns at once, median of " + STARTUP_RUNS
                + " runs):");
        for (var e : times.entrySet()) sb.append(String.format(" %s %.1f ms", e.getKey(), 1000 * median(e.getValue())));
        System.out.println(sb);
    }

    /** The command of each mode that can run here (no qemu-x86_64: no qemu mode). */
    static Map<String, List<String>> commands(Path root, List<String> modes, Path exe, long scale) {
        Map<String, List<String>> cmds = new LinkedHashMap<>();
        for (String mode : modes) {
            List<String> cmd = command(root, mode, exe, scale);
            if (cmd != null) cmds.put(mode, cmd);
        }
        return cmds;
    }

    /**
     * Wall times in seconds per mode over {@code runs} rounds, each round running every mode once; each run's
     * standard output goes to {@code check} with its mode.
     */
    static Map<String, double[]> rounds(Map<String, List<String>> cmds, int runs,
                                        java.util.function.BiConsumer<String, String> check)
            throws IOException, InterruptedException {
        Map<String, double[]> times = new LinkedHashMap<>();
        for (String mode : cmds.keySet()) times.put(mode, new double[runs]);
        for (int r = 0; r < runs; r++) {
            for (var e : cmds.entrySet()) {
                long t0 = System.nanoTime();
                String out = run(e.getValue());
                times.get(e.getKey())[r] = (System.nanoTime() - t0) / 1e9;
                check.accept(e.getKey(), out);
            }
        }
        return times;
    }

    /** The median (the upper one of an even count). */
    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static List<String> command(Path root, String mode, Path exe, long scale) {
        String s = Long.toString(scale);
        return switch (mode) {
            case "native" -> List.of(exe.toString(), s);
            case "qemu" -> Files.isExecutable(Path.of("/usr/bin/qemu-x86_64")) ? List.of("qemu-x86_64", exe.toString(), s) : null;
            case "ring3-interp" -> List.of(root.resolve("ring3").toString(), "--jit=off", exe.toString(), s);
            case "ring3-jit" -> List.of(root.resolve("ring3").toString(), "--jit=on", exe.toString(), s);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
    }

    /** Prints median times, and ratios as the median of the rounds' ratios, with their geometric means. */
    static void print(Map<String, Map<String, double[]>> table, List<String> modes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n%-8s", "program"));
        for (String m : modes) sb.append(String.format(" %12s", m + " s"));
        for (String m : modes) if (!m.equals("native")) sb.append(String.format(" %14s", m + "/nat"));
        for (String m : modes) if (m.startsWith("ring3")) sb.append(String.format(" %15s", m + "/qemu"));
        sb.append('\n');
        Map<String, List<Double>> logs = new LinkedHashMap<>();
        for (var e : table.entrySet()) {
            Map<String, double[]> row = e.getValue();
            sb.append(String.format("%-8s", e.getKey()));
            for (String m : modes) {
                sb.append(row.containsKey(m) ? String.format(" %12.3f", median(row.get(m))) : String.format(" %12s", "-"));
            }
            for (String m : modes) if (!m.equals("native")) ratio(sb, row, m, "native", logs, 14);
            for (String m : modes) if (m.startsWith("ring3")) ratio(sb, row, m, "qemu", logs, 15);
            sb.append('\n');
        }
        sb.append(String.format("%-8s", "geomean"));
        for (String m : modes) sb.append(String.format(" %12s", ""));
        for (var e : logs.entrySet()) {
            double g = Math.exp(e.getValue().stream().mapToDouble(Math::log).average().orElse(Double.NaN));
            sb.append(String.format(" %" + (e.getKey().endsWith("/qemu") ? 15 : 14) + ".2f", g));
        }
        System.out.println(sb);
    }

    /** The median over rounds of mode {@code m}'s time over mode {@code base}'s in the same round. */
    static double roundRatio(double[] a, double[] b) {
        double[] q = new double[a.length];
        for (int r = 0; r < a.length; r++) q[r] = a[r] / b[r];
        return median(q);
    }

    private static void ratio(StringBuilder sb, Map<String, double[]> row, String m, String base,
                              Map<String, List<Double>> logs, int width) {
        double[] a = row.get(m), b = row.get(base);
        if (a == null || b == null) {
            sb.append(String.format(" %" + width + "s", "-"));
            return;
        }
        double q = roundRatio(a, b);
        sb.append(String.format(" %" + width + ".2f", q));
        logs.computeIfAbsent(m + "/" + (base.equals("native") ? "nat" : "qemu"), k -> new ArrayList<>()).add(q);
    }

    static Path build(Path work, Program p) throws IOException, InterruptedException {
        Path exe = work.resolve(p.name());
        Path src = work.resolve(p.name() + ".c");
        try (InputStream in = ProgramBench.class.getResourceAsStream("/bench/" + p.name() + ".c")) {
            byte[] b = in.readAllBytes();
            if (Files.exists(exe) && Files.exists(src) && Arrays.equals(Files.readAllBytes(src), b)) return exe;
            Files.write(src, b);
        }
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-static", "-o", exe.toString(), src.toString()));
        cmd.addAll(p.libs());
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (pr.waitFor() != 0) throw new IllegalStateException("building " + p.name() + " failed:\n" + log);
        return exe;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!pr.waitFor(3600, TimeUnit.SECONDS)) throw new IllegalStateException("timeout: " + cmd);
        if (pr.exitValue() != 0) throw new IllegalStateException(cmd + " exited with " + pr.exitValue());
        return out;
    }
}
