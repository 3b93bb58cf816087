package dev.ring3.jit.x87;

import dev.ring3.jit.Semantics;

/** TODO family: not yet implemented. */
public final class X87Ops {
    private X87Ops() {}

    public static void register(Semantics.Table t) { }
}
