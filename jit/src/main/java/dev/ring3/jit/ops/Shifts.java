package dev.ring3.jit.ops;

import dev.ring3.jit.Semantics;

/** TODO family: not yet implemented. */
public final class Shifts {
    private Shifts() {}

    public static void register(Semantics.Table t) { }
}
