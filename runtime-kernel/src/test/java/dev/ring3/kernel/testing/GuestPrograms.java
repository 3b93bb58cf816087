package dev.ring3.kernel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds guest programs for tests from C or assembly source, cached under target/guest-programs by a hash of the
 * source and the toolchain, so a test run compiles each program once.
 */
public final class GuestPrograms {
    private static final Path CACHE = Path.of("target", "guest-programs").toAbsolutePath();

    private GuestPrograms() {}

    /** Compiles C source with a toolchain ({@code -O2} plus extra flags); returns the executable. */
    public static Path c(String name, String source, Toolchain tc, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(tc.compiler, "-O2"));
        cmd.addAll(tc.flags);
        cmd.addAll(List.of(extra));
        return build(name + "-" + tc.name().toLowerCase(), "c", source, cmd, true);
    }

    /**
     * Builds a static Go program ({@code CGO_ENABLED=0}, the Go toolchain's build cache under target/); null when
     * no Go toolchain is installed.
     */
    public static Path go(String name, String source) {
        if (!onPath("go")) return null;
        try {
            String key = hash("go build\n" + source);
            Path dir = CACHE.resolve(key);
            Path exe = dir.resolve(name);
            if (Files.isExecutable(exe)) return exe;
            Files.createDirectories(dir);
            Path src = dir.resolve(name + ".go");
            Files.writeString(src, source);
            ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", exe.toString(), src.toString())
                    .directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("CGO_ENABLED", "0");
            pb.environment().put("GOCACHE", CACHE.resolve("go-cache").toString());
            pb.environment().put("GOPATH", CACHE.resolve("go-path").toString());
            pb.environment().put("GO111MODULE", "off");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) fail("go build failed:\n" + out);
            return exe;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    /** Assembles and links a freestanding program (GNU as, AT&T or .intel_syntax) with _start as entry. */
    public static Path asm(String name, String source) {
        return build(name, "s", source, List.of("as"), false);
    }

    /** Compiles C source into a dynamically linked executable (for the "dynamic binaries are refused" tests). */
    public static Path dynamic(String name, String source) {
        return build(name + "-dynamic", "c", source, List.of("gcc", "-O2"), true);
    }

    private static synchronized Path build(String name, String ext, String source, List<String> cmd, boolean cc) {
        try {
            // the musl static-pie recipe is not the command line: salt its key so old builds are not reused
            String recipe = cmd.get(0).equals("musl-gcc") && cmd.contains("-static-pie") ? "ld-static-pie " : "";
            String key = hash(recipe + String.join(" ", cmd) + "\n" + source);
            Path dir = CACHE.resolve(key);
            Path exe = dir.resolve(name);
            if (Files.isExecutable(exe)) return exe;
            Files.createDirectories(dir);
            Path src = dir.resolve(name + "." + ext);
            Files.writeString(src, source);
            if (cc && cmd.get(0).equals("musl-gcc") && cmd.contains("-static-pie")) {
                muslStaticPie(dir, name, src, exe);
            } else if (cc) {
                List<String> full = new ArrayList<>(cmd);
                full.addAll(List.of("-o", exe.toString(), src.toString(), "-lm"));
                run(full);
            } else {
                Path obj = dir.resolve(name + ".o");
                run(List.of("as", "-o", obj.toString(), src.toString()));
                run(List.of("ld", "-o", exe.toString(), obj.toString()));
            }
            return exe;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void muslStaticPie(Path dir, String name, Path src, Path exe) throws IOException, InterruptedException {
        String m = "/usr/lib/x86_64-linux-musl/";
        Path obj = dir.resolve(name + ".o");
        run(List.of("musl-gcc", "-O2", "-fPIE", "-c", "-o", obj.toString(), src.toString()));
        run(List.of("ld", "-static", "-pie", "--no-dynamic-linker", "-o", exe.toString(), m + "rcrt1.o", m + "crti.o",
                gccFile("crtbeginS.o"), obj.toString(), "--start-group", m + "libc.a", gccFile("libgcc.a"), "--end-group",
                gccFile("crtendS.o"), m + "crtn.o"));
    }

    private static String gccFile(String name) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("gcc", "-print-file-name=" + name).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + " failed:\n" + out);
    }
}
