package dev.ring3.jit.x87;

import dev.ring3.jit.Semantics;

/**
 * The x87 FPU family: registers every x87 operation (and FXSAVE/FXRSTOR, which save it) with {@link Semantics}.
 * Arithmetic is done in software on 80-bit values ({@link F80}), bit-exact with the hardware; see the files by
 * group: {@link X87Load} data transfer, {@link X87Arith} arithmetic, {@link X87Compare} comparisons,
 * {@link X87Control} control and stack, {@link X87State} environment and save images, {@link X87Transcendental}
 * the transcendental instructions.
 */
public final class X87Ops {
    private X87Ops() {}

    public static void register(Semantics.Table t) {
        X87Load.register(t);
        X87Arith.register(t);
        X87Compare.register(t);
        X87Control.register(t);
        X87State.register(t);
        X87Transcendental.register(t);
    }
}
