package dev.ring3.jit.ops;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Op;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Semantics;

/** Single-flag instructions: CLC STC CMC CLD STD. CLI and STI are privileged (see {@link SystemOps}). */
public final class FlagOps {
    private FlagOps() {}

    public static void register(Semantics.Table t) {
        t.put(Op.CLC, (c, i) -> Flags.put(c, FlagBits.CF, false));
        t.put(Op.STC, (c, i) -> Flags.put(c, FlagBits.CF, true));
        t.put(Op.CMC, (c, i) -> Flags.put(c, FlagBits.CF, !Flags.cf(c)));
        t.put(Op.CLD, (c, i) -> c.flags &= ~(long) FlagBits.DF);
        t.put(Op.STD, (c, i) -> c.flags |= FlagBits.DF);
    }
}
