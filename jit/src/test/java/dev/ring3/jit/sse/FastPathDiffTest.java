package dev.ring3.jit.sse;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Straight-line and looping sequences of scalar and packed double arithmetic, conversions and compares, with
 * MXCSR at its default, with PE already set (what the translator's fast paths assume on region entry) and with
 * other rounding modes, over edge and random operands: run with -Dring3.tier=jit this checks the translated fast
 * paths and their side exits against the host, MXCSR included.
 */
class FastPathDiffTest {
    @TempDir Path dir;

    private static final String SCALAR = """
            addsd xmm0, xmm8
            subsd xmm1, xmm9
            mulsd xmm2, xmm10
            divsd xmm3, xmm11
            sqrtsd xmm4, xmm12
            minsd xmm5, xmm13
            maxsd xmm6, xmm14
            ucomisd xmm7, xmm15
            seta al
            setb bl
            setp cl
            sete dl
            setne r10b
            setnp r11b
            comisd xmm0, xmm1
            setae sil
            setbe dil
            cvttsd2si r8, xmm2
            cvttsd2si r9d, xmm3
            cvtsi2sd xmm8, rax
            cvtsi2sd xmm9, r9d
            cvtsd2ss xmm10, xmm4
            cvtss2sd xmm11, xmm12
            """;

    private static final String PACKED = """
            addpd xmm0, xmm8
            subpd xmm1, xmm9
            mulpd xmm2, xmm10
            divpd xmm3, xmm11
            movapd xmm4, xmm0
            unpcklpd xmm4, xmm1
            unpckhpd xmm5, xmm2
            xorpd xmm6, xmm3
            andpd xmm7, xmm0
            """;

    /** A loop: the body becomes one translated region with a back edge. */
    private static final String LOOP = """
            mov ecx, 50
            1:
            addsd xmm0, xmm8
            mulsd xmm1, xmm9
            divsd xmm2, xmm10
            addpd xmm3, xmm11
            mulpd xmm4, xmm12
            sqrtsd xmm5, xmm5
            ucomisd xmm0, xmm1
            jp 2f
            ja 2f
            addsd xmm6, xmm13
            comisd xmm6, xmm3
            jbe 2f
            jne 2f
            subsd xmm7, xmm14
            2:
            dec ecx
            jne 1b
            """;

    @Test
    void fastPathsAgainstHost() throws Exception {
        List<long[]> pairs = FpInputs.pairs(Fp.D, 300, 77);
        List<State> states = new ArrayList<>();
        states.addAll(FpInputs.states(Fp.D, pairs, 0x1FA0, 0x1F80));
        states.addAll(FpInputs.states(Fp.D, pairs.subList(0, 64), 0x3FA0, 0x1FBF, 0x9FA0));
        DiffBatch b = new DiffBatch(dir);
        b.add(SCALAR, states, DiffBatch.STATUS);
        b.add(PACKED, states, DiffBatch.STATUS);
        b.add(LOOP, states, DiffBatch.STATUS);
        b.verify();
    }
}
