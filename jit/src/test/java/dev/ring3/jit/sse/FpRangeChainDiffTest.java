package dev.ring3.jit.sse;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import dev.ring3.jit.translate.FpRanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains of SSE double arithmetic inside one block, where the translator proves operations from the ranges of their
 * operands ({@link FpRanges}) instead of testing each: repeated squaring until the ranges no longer prove it,
 * divisors that may be zero, copies and shuffles that carry ranges (MOVAPD, UNPCKL/HPD, the PXOR zeroing idiom,
 * CVTSI2SD), memory operands, and a loop. Operands sit at the edges of the run-time range test (2^-K, just below
 * 2^(K+1), one step outside) and at exponents whose powers overflow or underflow a few operations later, plus the
 * usual edge and random values. Run with -Dring3.tier=jit this checks the translation against the host, MXCSR
 * included; values outside the range make the region's side exits pile up, so the retranslations without range
 * tests and then with exact slow paths run too.
 */
class FpRangeChainDiffTest {
    @TempDir Path dir;

    private static final String SCALAR = """
            mulsd xmm0, xmm8
            mulsd xmm0, xmm9
            mulsd xmm0, xmm0
            addsd xmm0, xmm10
            subsd xmm1, xmm0
            divsd xmm1, xmm11
            mulsd xmm1, xmm1
            divsd xmm2, xmm0
            addsd xmm2, xmm12
            mulsd xmm3, xmm3
            mulsd xmm3, xmm3
            mulsd xmm3, xmm3
            mulsd xmm3, xmm13
            subsd xmm4, xmm12
            subsd xmm4, xmm12
            mulsd xmm4, xmm4
            movsd xmm5, xmm4
            mulsd xmm5, xmm14
            divsd xmm6, xmm15
            divsd xmm6, xmm15
            mulsd xmm7, xmm8
            pshufd xmm8, xmm10, 0x4e
            mulsd xmm7, xmm8
            mulsd xmm5, xmm9
            andpd xmm9, xmm11
            mulsd xmm5, xmm9
            mulsd xmm0, xmm10
            orpd xmm10, xmm11
            mulsd xmm0, xmm10
            """;

    private static final String PACKED = """
            movapd xmm4, xmm8
            mulpd xmm4, xmm9
            movapd xmm5, xmm4
            addpd xmm5, xmm10
            unpcklpd xmm6, xmm5
            unpckhpd xmm7, xmm4
            mulpd xmm6, xmm7
            subpd xmm6, xmm11
            pxor xmm14, xmm14
            addpd xmm14, xmm6
            mulpd xmm14, xmm14
            cvtsi2sd xmm15, rax
            mulsd xmm15, xmm12
            divsd xmm15, xmm13
            mov edi, 0x20000000
            movupd [rdi], xmm8
            movupd [rdi + 16], xmm9
            mulpd xmm8, [rdi + 16]
            addsd xmm8, [rdi]
            divpd xmm9, [rdi]
            mulpd xmm9, xmm9
            """;

    /**
     * Sums whose result is only stored (or overwritten): the operand no later instruction reads gets the one-sided
     * test ({@link FpRanges#WIDE}) when the other is known small, so infinities, MAX and other huge values, which
     * the full test refuses, go the fast way there; denormals and NaNs must still take the slow path.
     */
    private static final String SUMS = """
            mov edi, 0x20000000
            movupd [rdi], xmm10
            movsd [rdi + 16], xmm11
            mulsd xmm0, xmm8
            addsd xmm0, [rdi + 16]
            movsd [rdi + 32], xmm0
            mulpd xmm1, xmm9
            addpd xmm1, [rdi]
            movupd [rdi + 48], xmm1
            movapd xmm2, xmm12
            mulsd xmm3, xmm8
            subsd xmm2, xmm3
            movsd [rdi + 64], xmm2
            movupd xmm2, [rdi]
            mulpd xmm4, xmm9
            subpd xmm5, xmm4
            movupd [rdi + 80], xmm5
            movsd xmm5, [rdi + 16]
            mulsd xmm6, xmm6
            mulsd xmm6, xmm6
            mulsd xmm6, xmm6
            addsd xmm6, xmm13
            movsd [rdi + 96], xmm6
            """;

    private static final String LOOP = """
            mov ecx, 40
            1:
            mulsd xmm0, xmm8
            addsd xmm0, xmm9
            mulpd xmm1, xmm10
            divsd xmm2, xmm11
            subpd xmm3, xmm1
            mulsd xmm3, xmm3
            dec ecx
            jne 1b
            """;

    /**
     * Two paths into one block (2:), whichever order the blocks are emitted in: what is known at the end of the block
     * emitted before it (XMM9 tested in the loop's first block, XMM13 zeroed in the second) must not carry over, since
     * the other path brings other values (XMM9 with bits cleared, XMM13 as it came).
     */
    private static final String JOIN = """
            mov ecx, 20
            1:
            addsd xmm0, xmm8
            mulsd xmm3, xmm9
            dec ecx
            jz 3f
            test ecx, 3
            jnz 2f
            andpd xmm9, xmm10
            pxor xmm13, xmm13
            jmp 2f
            2:
            mulsd xmm1, xmm9
            mulsd xmm2, xmm13
            jmp 1b
            3:
            """;

    @Test
    void chainsAgainstHost() throws Exception {
        List<long[]> pairs = new ArrayList<>(FpInputs.pairs(Fp.D, 400, 2026));
        long[] values = rangeEdges();
        SplittableRandom r = new SplittableRandom(41);
        for (long a : values) for (long b : values) if (r.nextInt(3) == 0) pairs.add(new long[] {a, b});
        List<State> states = new ArrayList<>(FpInputs.states(Fp.D, pairs, 0x1FA0));
        for (int k = 0; k < states.size(); k += 7) states.get(k).set("rax", r.nextLong() >> r.nextInt(64));
        states.addAll(FpInputs.states(Fp.D, pairs.subList(0, 80), 0x1F80, 0x3FA0));
        states.addAll(banded(r));
        DiffBatch b = new DiffBatch(dir);
        b.add(SCALAR, states, DiffBatch.STATUS);
        b.add(PACKED, states, DiffBatch.STATUS);
        b.add(LOOP, states, DiffBatch.STATUS);
        b.add(SUMS, states, DiffBatch.STATUS);
        b.verify();
        // regions of several blocks: a block reached on two paths
        java.nio.file.Files.createDirectories(dir.resolve("join"));
        new DiffBatch(dir.resolve("join")).threshold(8).add(JOIN, states, DiffBatch.STATUS).verify();
    }

    /**
     * States whose XMM lanes all hold values of one magnitude (an exponent near 0, near the range test's edges, or
     * where squares and products of three leave the range), some zero: chains then reach overflow and underflow.
     */
    private static List<State> banded(SplittableRandom r) {
        int[] centres = {0, 20, -20, 150, -150, 255, -255, 256, -256, 300, -300, 301, -301, 340, -340, 511, -511, 512};
        List<State> out = new ArrayList<>();
        for (int n = 0; n < 360; n++) {
            int e = centres[n % centres.length];
            State s = new State();
            s.mxcsr = 0x1FA0;
            for (int lane = 0; lane < 32; lane++) {
                if (r.nextInt(20) == 0) continue;   // zero
                int exp = Math.max(-1022, Math.min(1023, e + r.nextInt(5) - 2));
                long mant = switch (r.nextInt(3)) {
                    case 0 -> 0;
                    case 1 -> (1L << 52) - 1;
                    default -> r.nextLong() & ((1L << 52) - 1);
                };
                s.xmm[lane] = (r.nextBoolean() ? Long.MIN_VALUE : 0) | (long) (exp + 1023) << 52 | mant;
            }
            s.set("rax", r.nextLong() >> r.nextInt(64));
            out.add(s);
        }
        return out;
    }

    /** Values at and beyond the range test's edges, and exponents whose squares and powers leave the range. */
    private static long[] rangeEdges() {
        int k = FpRanges.K;
        List<Long> out = new ArrayList<>();
        double[] mags = {Math.scalb(1.0, -k), Math.nextDown(Math.scalb(1.0, -k)), Math.nextDown(Math.scalb(1.0, k + 1)),
            Math.scalb(1.0, k + 1), Math.scalb(1.5, k / 2), Math.scalb(1.9, 255), Math.scalb(1.0, 256),
            Math.scalb(1.3, -255), Math.scalb(1.0, -256), Math.scalb(1.7, -340), Math.scalb(1.1, 340), 1.0, 3.0, 0.1,
            0.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Math.scalb(1.0, 969), Math.scalb(1.5, 1000),
            Double.MIN_NORMAL, Double.MIN_VALUE};
        for (double m : mags) {
            out.add(Double.doubleToRawLongBits(m));
            out.add(Double.doubleToRawLongBits(-m));
        }
        out.add(0x7FF8_0000_0000_0001L);   // a quiet NaN with a payload
        out.add(0xFFF0_0000_0000_0002L);   // a signalling NaN
        long[] a = new long[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }
}
