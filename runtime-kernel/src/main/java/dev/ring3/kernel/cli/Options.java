package dev.ring3.kernel.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * ring3's command line: options before the program, then the program and its arguments, passed on untouched.
 * Hand-written rather than picocli: the whole parse is a loop over a few options, and start-up time is part of
 * every guest run (picocli's annotation scan costs more than the rest of start-up).
 */
final class Options {
    static final String USAGE = """
            Usage: ring3 [OPTIONS] PROGRAM [ARGS...]

            Runs a statically linked x86-64 Linux executable (glibc, musl, Go, busybox, assembly) on the JVM.
            Standard streams, arguments, environment, working directory and exit status are the program's own.

            Options:
              --strace            print every system call (name, arguments, result) on stderr
              --jit=on|off        translate hot code to JVM bytecode (on, the default) or only interpret (off)
              --jit=cosim         run every block both interpreted and translated and compare the full CPU state
                                  and memory stores after each; report divergences at exit (single-threaded guests)
              --jit-threshold=N   runs of a block before its region is translated (default 1000; 1 = everything)
              --help              show this help and exit
              --version           show the version and exit
              --                  end of options (the next word is the program)

            Exit status: the program's, or 128+N if it dies from signal N (SIGSEGV 139, SIGILL 132);
            127 if PROGRAM does not exist, 126 if it cannot be run (not an x86-64 ELF executable, dynamically linked).
            """;

    boolean strace;
    boolean jit = true;
    boolean cosim;
    int jitThreshold = dev.ring3.jit.Engine.DEFAULT_THRESHOLD;
    boolean help, version;
    /** Environment captured by the launcher before its shell touched it (NUL-separated entries), if given. */
    List<String> environ;
    String program;
    List<String> args = new ArrayList<>();

    /** Parses (arguments as byte strings); returns an error message or null. */
    String parse(List<String> list) {
        String[] argv = list.toArray(new String[0]);
        int i = 0;
        while (i < argv.length) {
            String a = argv[i];
            if (a.equals("--")) { i++; break; }
            if (!a.startsWith("-") || a.equals("-")) break;
            switch (a) {
                case "--strace" -> strace = true;
                case "--jit=on" -> { jit = true; cosim = false; }
                case "--jit=off" -> { jit = false; cosim = false; }
                case "--jit=cosim" -> { jit = true; cosim = true; }
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--launcher-environ" -> {
                    if (i + 1 >= argv.length) return "--launcher-environ needs a count";
                    int n = Integer.parseInt(argv[++i]);
                    if (i + n >= argv.length) return "--launcher-environ: missing entries";
                    environ = new ArrayList<>(List.of(argv).subList(i + 1, i + 1 + n));
                    i += n;
                }
                default -> {
                    if (a.startsWith("--jit-threshold=")) {
                        try {
                            jitThreshold = Integer.parseInt(a.substring(16));
                        } catch (NumberFormatException e) {
                            jitThreshold = -1;
                        }
                        if (jitThreshold < 1) return "--jit-threshold takes a positive number, not '" + a.substring(16) + "'";
                        break;
                    }
                    if (a.startsWith("--jit=")) return "--jit takes on, off or cosim, not '" + a.substring(6) + "'";
                    return "unknown option '" + dev.ring3.kernel.ByteStrings.display(a) + "' (see ring3 --help)";
                }
            }
            i++;
        }
        if (i < argv.length) {
            program = argv[i];
            for (int k = i; k < argv.length; k++) args.add(argv[k]);
        }
        return null;
    }
}
