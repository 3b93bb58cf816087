package dev.ring3.jit.sse;

import dev.ring3.jit.Semantics;

/** TODO family: not yet implemented. */
public final class SseMoves {
    private SseMoves() {}

    public static void register(Semantics.Table t) { }
}
