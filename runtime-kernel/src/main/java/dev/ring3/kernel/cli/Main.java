package dev.ring3.kernel.cli;

import dev.ring3.kernel.Diag;
import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.elf.ElfException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ring3 [OPTIONS] PROGRAM [ARGS...]}: parses the options, runs the program, and leaves with its status
 * through {@link Runtime#halt} (nothing of the JVM's own shutdown may print or delay).
 */
public final class Main {
    /** Exit status for ring3's own failures (EX_SOFTWARE). */
    static final int INTERNAL_ERROR = 70;

    private Main() {}

    public static void main(String[] argv) {
        int status;
        try {
            status = run(argv);
        } catch (Throwable t) {
            Diag.line("ring3: internal error: " + t);
            if (System.getenv("RING3_DEBUG") != null) {
                for (StackTraceElement e : t.getStackTrace()) Diag.line("    at " + e);
            } else {
                Diag.line("ring3: (set RING3_DEBUG=1 for the Java stack trace)");
            }
            status = INTERNAL_ERROR;
        }
        Runtime.getRuntime().halt(status);
    }

    static int run(String[] argv) {
        Options o = new Options();
        String error = o.parse(argv);
        if (error != null) {
            Diag.line("ring3: " + error);
            return 2;
        }
        if (o.help) {
            Diag.stdout(Options.USAGE);
            return 0;
        }
        if (o.version) {
            Diag.stdout("ring3 " + version() + "\n");
            return 0;
        }
        if (o.program == null) {
            Diag.write(Options.USAGE);
            return 2;
        }
        List<String> env = o.environ != null ? o.environ : currentEnvironment();
        Kernel kernel = new Kernel(new Kernel.Config(o.strace, o.jit, o.jitThreshold));
        try {
            return kernel.run(o.program, o.args, env, Kernel.STDIO);
        } catch (ElfException e) {
            Diag.line("ring3: " + (e.getMessage().startsWith(o.program) ? "" : o.program + ": ") + e.getMessage());
            return e.exitCode;
        }
    }

    /** This process's environment in its original order (/proc/self/environ), as the guest should see it. */
    private static List<String> currentEnvironment() {
        List<String> env = new ArrayList<>();
        try {
            byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/environ"));
            int start = 0;
            for (int k = 0; k < b.length; k++) {
                if (b[k] == 0) {
                    env.add(new String(b, start, k - start, java.nio.charset.StandardCharsets.UTF_8));
                    start = k + 1;
                }
            }
            return env;
        } catch (java.io.IOException e) {
            // no procfs: fall back to the JVM's view (order lost)
        }
        for (Map.Entry<String, String> e : System.getenv().entrySet()) env.add(e.getKey() + "=" + e.getValue());
        return env;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
