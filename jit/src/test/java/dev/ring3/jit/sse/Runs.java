package dev.ring3.jit.sse;

import dev.ring3.jit.testing.DiffBatch;

/** Runs a batch and prints how many differential runs it compared (for coverage reports). */
final class Runs {
    private Runs() {}

    static int verify(DiffBatch b, String what) throws Exception {
        int n = b.verify();
        System.out.println("[sse-diff] " + what + ": " + n + " runs agree with the host");
        return n;
    }
}
