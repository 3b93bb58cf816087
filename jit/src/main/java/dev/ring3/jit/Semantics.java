package dev.ring3.jit;

import dev.ring3.decoder.Op;
import dev.ring3.jit.ops.Alu;
import dev.ring3.jit.ops.Bits;
import dev.ring3.jit.ops.Branches;
import dev.ring3.jit.ops.FlagOps;
import dev.ring3.jit.ops.Moves;
import dev.ring3.jit.ops.MulDiv;
import dev.ring3.jit.ops.Shifts;
import dev.ring3.jit.ops.Stack;
import dev.ring3.jit.ops.Strings;
import dev.ring3.jit.ops.SystemOps;
import dev.ring3.jit.sse.SseConvert;
import dev.ring3.jit.sse.SseFloat;
import dev.ring3.jit.sse.SseInteger;
import dev.ring3.jit.sse.SseMoves;
import dev.ring3.jit.x87.X87Ops;

/**
 * The table from {@link Op} to its {@link Exec}: every instruction family registers its operations here, one
 * family per file (ops/, sse/, x87/). An operation nobody registered runs as SIGILL naming the instruction.
 */
public final class Semantics {
    private static final Exec[] TABLE = new Exec[Op.values().length];

    /** What families call to register their operations. */
    public interface Table {
        void put(Op op, Exec exec);
    }

    static {
        Table t = (op, e) -> {
            if (TABLE[op.ordinal()] != null) throw new IllegalStateException(op + " registered twice");
            TABLE[op.ordinal()] = e;
        };
        Alu.register(t);
        MulDiv.register(t);
        Shifts.register(t);
        Bits.register(t);
        Moves.register(t);
        Stack.register(t);
        Branches.register(t);
        Strings.register(t);
        FlagOps.register(t);
        SystemOps.register(t);
        SseMoves.register(t);
        SseFloat.register(t);
        SseConvert.register(t);
        SseInteger.register(t);
        X87Ops.register(t);
    }

    private Semantics() {}

    private static final Exec UNIMPLEMENTED = (c, i) -> {
        throw GuestFault.illegal(i.addr, "unimplemented instruction: " + i);
    };

    /** The semantics of an operation; never null (unknown ones raise SIGILL when run). */
    public static Exec of(Op op) {
        Exec e = TABLE[op.ordinal()];
        return e != null ? e : UNIMPLEMENTED;
    }

    /** True if some family implements the operation. */
    public static boolean implemented(Op op) { return TABLE[op.ordinal()] != null; }
}
