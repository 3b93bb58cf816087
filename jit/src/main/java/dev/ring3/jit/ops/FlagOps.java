package dev.ring3.jit.ops;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Flags;
import dev.ring3.jit.Operands;
import dev.ring3.jit.Semantics;

/**
 * Single-flag instructions: CLC STC CMC CLD STD, and LAHF/SAHF, which move SF ZF AF PF CF to and from AH
 * (bits 7 6 4 2 0; bit 1 reads as 1). CLI and STI are privileged (see {@link SystemOps}).
 */
public final class FlagOps {
    private FlagOps() {}

    private static final int LAHF_BITS = FlagBits.SF | FlagBits.ZF | FlagBits.AF | FlagBits.PF | FlagBits.CF;

    public static void register(Semantics.Table t) {
        t.put(Op.CLC, (c, i) -> Flags.put(c, FlagBits.CF, false));
        t.put(Op.STC, (c, i) -> Flags.put(c, FlagBits.CF, true));
        t.put(Op.CMC, (c, i) -> Flags.put(c, FlagBits.CF, !Flags.cf(c)));
        t.put(Op.CLD, (c, i) -> c.flags &= ~(long) FlagBits.DF);
        t.put(Op.STD, (c, i) -> c.flags |= FlagBits.DF);
        t.put(Op.LAHF, (c, i) -> Operands.setReg(c, Operand.AH, 1, Flags.get(c) & LAHF_BITS | 2));
        t.put(Op.SAHF, (c, i) -> Flags.putAll(c, LAHF_BITS, Operands.getReg(c, Operand.AH, 1)));
    }
}
