package dev.ring3.jit.x87;

import dev.ring3.jit.Semantics;

final class X87Transcendental {
    private X87Transcendental() {}

    static void register(Semantics.Table t) { }
}
