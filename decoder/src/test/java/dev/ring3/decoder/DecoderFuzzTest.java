package dev.ring3.decoder;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Robustness of the decoder on arbitrary bytes, as a seeded random loop: it throws nothing but
 * {@link DecodeException} (and that only when the instruction really runs past the bytes given), every instruction
 * is 1-15 bytes, reads no byte past its length (appending bytes changes nothing), has well-formed operands, and
 * prints. Two generators: uniform random bytes, and bytes shaped like instructions (prefixes, REX, VEX/EVEX
 * escapes, the opcode maps), which reach far deeper into the tables. A failure is shrunk (bytes dropped from the
 * end, then zeroed) and reported with its seed. The default runs take a few seconds; the {@code slow} ones
 * ({@code -Pslow}) run tens of millions of inputs. {@code -Dring3.seed=N} changes the seed.
 */
class DecoderFuzzTest {
    private static final int[] PREFIXES = {0x66, 0x67, 0xF2, 0xF3, 0xF0, 0x2E, 0x3E, 0x26, 0x36, 0x64, 0x65};
    private static final long SEED = Long.getLong("ring3.seed", 20250101L);

    @Test
    void randomBytes() { run(1_000_000, false); }

    @Test
    void instructionShapedBytes() { run(2_000_000, true); }

    @Test
    @Tag("slow")
    void randomBytesLong() { run(20_000_000, false); }

    @Test
    @Tag("slow")
    void instructionShapedBytesLong() { run(40_000_000, true); }

    private static void run(int iterations, boolean shaped) {
        SplittableRandom rnd = new SplittableRandom(SEED + (shaped ? 1 : 0));
        Decoder d = new Decoder();
        long t0 = System.nanoTime();
        for (int k = 0; k < iterations; k++) {
            byte[] b = shaped ? shaped(rnd) : random(rnd);
            String problem = problem(d, b);
            if (problem != null) {
                byte[] small = shrink(d, b);
                fail("seed " + SEED + " input " + k + ": " + problem(d, small) + " for bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(small) + " (found as " + HexFormat.ofDelimiter(" ").formatHex(b) + ")");
            }
        }
        System.out.printf("[decoder fuzz, %s] %d inputs in %.1f s, no failure%n", shaped ? "instruction-shaped" : "random",
                iterations, (System.nanoTime() - t0) / 1e9);
    }

    /** What is wrong with decoding {@code bytes}, or null. */
    static String problem(Decoder d, byte[] bytes) {
        try {
            check(d, bytes);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return e.toString();
        }
    }

    static void check(Decoder d, byte[] bytes) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 16);
        Arrays.fill(longer, bytes.length, longer.length, (byte) 0xCC);
        Insn insn;
        try {
            insn = d.decode(CodeSource.of(bytes, 0x1000), 0x1000);
        } catch (DecodeException e) {
            // only when the instruction really goes on past the bytes given
            Insn whole = d.decode(CodeSource.of(longer, 0x1000), 0x1000);
            assertTrue(whole.length > bytes.length, "DecodeException for a " + whole.length + "-byte instruction");
            return;
        }
        assertTrue(insn.length >= 1 && insn.length <= 15, "length " + insn.length);
        assertTrue(insn.length <= bytes.length, "length beyond the bytes");
        assertTrue(insn.nops >= 0 && insn.nops <= 4);
        for (int k = 0; k < insn.nops; k++) {
            int o = insn.operand(k);
            int kind = Operand.kind(o);
            assertTrue(kind >= Operand.GPR && kind <= Operand.DR, "operand kind " + kind);
            if (kind == Operand.GPR) {
                assertTrue(Operand.reg(o) < 20 && Arrays.asList(1, 2, 4, 8).contains(Operand.size(o)), "GPR operand");
            }
        }
        if (insn.base != Insn.NO_REG) assertTrue(insn.base >= 0 && insn.base < 16, "base");
        if (insn.index != Insn.NO_REG) assertTrue(insn.index >= 0 && insn.index < 16 && insn.index != 4, "index");
        String text = Printer.format(insn);
        assertNotNull(insn.mnemonic());
        assertFalse(text.isEmpty());
        // the decoder reads nothing past the instruction: more bytes after it change nothing
        Insn again = d.decode(CodeSource.of(longer, 0x1000), 0x1000);
        assertEquals(insn.length, again.length, "length changed with bytes after the instruction");
        assertEquals(insn.op, again.op);
        assertEquals(text, Printer.format(again));
    }

    /** The smallest input still failing that shrinking by dropping trailing bytes and zeroing bytes finds. */
    private static byte[] shrink(Decoder d, byte[] b) {
        byte[] best = b.clone();
        boolean progress = true;
        while (progress) {
            progress = false;
            if (best.length > 1 && problem(d, Arrays.copyOf(best, best.length - 1)) != null) {
                best = Arrays.copyOf(best, best.length - 1);
                progress = true;
                continue;
            }
            for (int i = 0; i < best.length && !progress; i++) {
                if (best[i] == 0) continue;
                byte[] t = best.clone();
                t[i] = 0;
                if (problem(d, t) != null) { best = t; progress = true; }
            }
        }
        return best;
    }

    private static byte[] random(SplittableRandom rnd) {
        byte[] b = new byte[1 + rnd.nextInt(20)];
        for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
        return b;
    }

    /** Up to four legacy prefixes, maybe a REX, an escape into one of the maps (VEX/EVEX included), random rest. */
    private static byte[] shaped(SplittableRandom rnd) {
        byte[] b = new byte[4 + 1 + 2 + 1 + rnd.nextInt(16)];
        int k = 0;
        for (int p = rnd.nextInt(5); p > 0; p--) b[k++] = (byte) PREFIXES[rnd.nextInt(PREFIXES.length)];
        if (rnd.nextInt(10) < 4) b[k++] = (byte) (0x40 + rnd.nextInt(16));
        switch (rnd.nextInt(9)) {
            case 0 -> b[k++] = 0x0F;
            case 1 -> { b[k++] = 0x0F; b[k++] = 0x38; }
            case 2 -> { b[k++] = 0x0F; b[k++] = 0x3A; }
            case 3 -> b[k++] = (byte) 0xC4;
            case 4 -> b[k++] = (byte) 0xC5;
            case 5 -> b[k++] = 0x62;
            case 6 -> { b[k++] = 0x0F; b[k++] = 0x0F; }
            default -> { }
        }
        while (k < b.length) b[k++] = (byte) rnd.nextInt(256);
        return b;
    }
}
