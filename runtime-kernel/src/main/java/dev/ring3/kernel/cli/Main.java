package dev.ring3.kernel.cli;

import dev.ring3.kernel.ByteStrings;
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
    /** The signal that ended the guest, if one did. */
    private static int endSignal;

    private Main() {}

    public static void main(String[] argv) {
        int status;
        Diag.open();   // its duplicate of stderr, now: the guest may close fd 2 before ring3 has anything to say
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
        // halt: no shutdown hooks, nothing of the JVM's may print; -Dring3.exit=normal lets profilers (JFR) write
        if ("normal".equals(System.getProperty("ring3.exit"))) System.exit(status);
        if (endSignal != 0) HostSignals.dieBy(endSignal);   // a parent sees the death by signal, as natively
        Runtime.getRuntime().halt(status);
    }

    static int run(String[] javaArgs) {
        Options o = new Options();
        String error = o.parse(rawArguments(javaArgs));
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
        Kernel kernel = new Kernel(new Kernel.Config(o.strace, o.jit, o.jitThreshold, o.cosim));
        HostSignals.forward(kernel);
        try {
            int status = kernel.run(o.program, o.args, env, Kernel.STDIO);
            endSignal = kernel.endSignal;
            return status;
        } catch (ElfException e) {
            String shown = ByteStrings.display(o.program);
            Diag.line("ring3: " + (e.getMessage().startsWith(shown) ? "" : shown + ": ") + e.getMessage());
            return e.exitCode;
        }
    }

    /**
     * The arguments after the main class exactly as bytes (byte strings), from /proc/self/cmdline: the JVM decodes
     * its String[] with the platform charset, which loses bytes that are not valid in it (any non-ASCII byte under
     * the C locale). Falls back to the JVM's strings re-encoded as UTF-8 without procfs.
     */
    static List<String> rawArguments(String[] javaArgs) {
        List<String> all = nulSeparated("/proc/self/cmdline");
        if (all != null) {
            int at = all.lastIndexOf(Main.class.getName());
            if (at >= 0 && all.size() - at - 1 == javaArgs.length) return all.subList(at + 1, all.size());
        }
        List<String> out = new ArrayList<>();
        for (String a : javaArgs) out.add(ByteStrings.fromText(a));
        return out;
    }

    /** A /proc file of NUL-terminated entries, as byte strings; null if it cannot be read. */
    static List<String> nulSeparated(String file) {
        try {
            byte[] b = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file));
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int k = 0; k < b.length; k++) {
                if (b[k] == 0) {
                    out.add(ByteStrings.of(b, start, k - start));
                    start = k + 1;
                }
            }
            return out;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** This process's environment in its original order (/proc/self/environ), as the guest should see it. */
    private static List<String> currentEnvironment() {
        List<String> env = nulSeparated("/proc/self/environ");
        if (env != null) return env;
        env = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) env.add(ByteStrings.fromText(e.getKey() + "=" + e.getValue()));
        return env;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
