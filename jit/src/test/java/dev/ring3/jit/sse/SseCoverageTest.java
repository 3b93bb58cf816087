package dev.ring3.jit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.decoder.Op;
import dev.ring3.jit.Semantics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every SSE, SSE2 and MMX operation from MOVUPS to PEXTRW has semantics, except FXSAVE/FXRSTOR (the x87 family's). */
class SseCoverageTest {
    @Test
    void everySseOperationIsImplemented() {
        List<Op> missing = new ArrayList<>();
        int count = 0;
        for (int k = Op.MOVUPS.ordinal(); k <= Op.PEXTRW.ordinal(); k++) {
            Op op = Op.values()[k];
            if (op == Op.FXSAVE || op == Op.FXRSTOR) continue;
            count++;
            if (!Semantics.implemented(op)) missing.add(op);
        }
        assertEquals(List.of(), missing, "SSE operations without semantics");
        assertEquals(171, count);
    }
}
