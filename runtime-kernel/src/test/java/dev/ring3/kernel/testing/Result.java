package dev.ring3.kernel.testing;

import java.nio.charset.StandardCharsets;

/** What a program run produced: standard output, standard error, and the status a shell would report. */
public record Result(byte[] stdout, byte[] stderr, int status) {
    public String out() { return new String(stdout, StandardCharsets.UTF_8); }
    public String err() { return new String(stderr, StandardCharsets.UTF_8); }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout ---\n" + abbreviate(out()) + "\n--- stderr ---\n" + abbreviate(err());
    }

    private static String abbreviate(String s) { return s.length() > 4000 ? s.substring(0, 4000) + "..." : s; }
}
