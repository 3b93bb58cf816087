package dev.ring3.jit.sse;

import dev.ring3.decoder.Op;
import dev.ring3.jit.Semantics;

/** RCPPS RCPSS RSQRTPS RSQRTSS: approximate reciprocals. TODO. */
final class Approx {
    private Approx() {}

    static void register(Semantics.Table t) {
    }
}
