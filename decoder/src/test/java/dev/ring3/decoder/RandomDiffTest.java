package dev.ring3.decoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test against objdump on random instructions shaped like real ones (a few legacy prefixes, maybe a
 * REX, an opcode from one of the maps, random ModRM/SIB/displacement/immediate bytes): lengths and full text must
 * agree, except where objdump knowingly differs from the hardware (see {@link #knownDifference}). Slow: runs with
 * {@code -Pslow}; every disagreement goes to {@code target/random-diff.txt}.
 */
@Tag("slow")
class RandomDiffTest {
    private static final int[] PREFIXES = {0x66, 0x67, 0xF2, 0xF3, 0xF0, 0x2E, 0x3E, 0x26, 0x36, 0x64, 0x65};

    @TempDir Path dir;

    @Test
    void randomInstructions() throws Exception {
        SplittableRandom rnd = new SplittableRandom(Long.getLong("ring3.seed", 42));
        int n = Integer.getInteger("ring3.randomDiff", 200_000);
        List<byte[]> cands = new ArrayList<>(n);
        for (int k = 0; k < n; k++) cands.add(candidate(rnd));
        ObjdumpOracle.Answer[] answers = ObjdumpOracle.ask(dir, cands);
        Decoder d = new Decoder();
        int compared = 0, lengthOk = 0, textOk = 0, skipped = 0;
        Map<String, List<String>> bad = new HashMap<>();
        for (int k = 0; k < n; k++) {
            byte[] c = cands.get(k);
            byte[] padded = new byte[c.length + 15];
            System.arraycopy(c, 0, padded, 0, c.length);
            java.util.Arrays.fill(padded, c.length, padded.length, (byte) 0x90);
            ObjdumpOracle.Answer a = answers[k];
            Insn insn = d.decode(CodeSource.of(padded, a.addr()), a.addr());
            String ours = ObjdumpAgreementTest.normalize(Printer.format(insn));
            String theirs = ObjdumpAgreementTest.normalize(a.text());
            if (knownDifference(c, insn, theirs) || insn.has(Prefix.VEX)) { skipped++; continue; }
            compared++;
            boolean bothBad = ours.equals("(bad)") && theirs.contains("(bad)");
            boolean lenSame = a.length() == insn.length || bothBad;
            if (lenSame) lengthOk++;
            if (ours.equals(theirs) || bothBad) textOk++;
            if (lenSame && (ours.equals(theirs) || bothBad)) continue;
            String key = (lenSame ? "text " : "LENGTH ") + ObjdumpAgreementTest.mnemonic(theirs);
            bad.computeIfAbsent(key, x -> new ArrayList<>()).add(String.format("%-45s objdump %2d: %s%n%-45s ring3  %2d: %s",
                    hex(padded, Math.max(a.length(), insn.length)), a.length(), a.text(), "", insn.length, ours));
        }
        String summary = String.format("[random diff] %d instructions, %d compared (%d skipped: VEX or known "
                        + "objdump/hardware differences): lengths agree %d (%.3f%%), text agrees %d (%.3f%%)",
                n, compared, skipped, lengthOk, 100.0 * lengthOk / compared, textOk, 100.0 * textOk / compared);
        System.out.println(summary);
        StringBuilder sb = new StringBuilder(summary).append('\n');
        List<Map.Entry<String, List<String>>> e = new ArrayList<>(bad.entrySet());
        e.sort((x, y) -> y.getValue().size() - x.getValue().size());
        for (var x : e) {
            sb.append("-- x").append(x.getValue().size()).append(' ').append(x.getKey()).append('\n');
            x.getValue().stream().limit(6).forEach(s -> sb.append("    ").append(s).append('\n'));
        }
        Files.writeString(Path.of("target", "random-diff.txt"), sb);
    }

    /**
     * Encodings where objdump follows AMD or its own reading rather than Intel hardware: 66 on a near branch (Intel
     * ignores it in 64-bit mode, objdump decodes a 16-bit target), a REX followed by another prefix (ignored by the
     * CPU, listed by objdump as an instruction of its own), and more than 15 bytes.
     */
    static boolean knownDifference(byte[] c, Insn insn, String theirs) {
        int k = 0;
        boolean has66 = false, rexThenPrefix = false, rex = false;
        while (k < c.length) {
            int b = c[k] & 0xff;
            boolean legacy = b == 0x66 || b == 0x67 || b == 0xF2 || b == 0xF3 || b == 0xF0 || b == 0x2E || b == 0x3E
                    || b == 0x26 || b == 0x36 || b == 0x64 || b == 0x65;
            boolean isRex = (b & 0xF0) == 0x40;
            if (!legacy && !isRex) break;
            if (rex) rexThenPrefix = true;
            rex = isRex;
            has66 |= b == 0x66;
            k++;
        }
        if (rexThenPrefix) return true;
        // LOCK where the SDM says #UD: objdump prints "lock" and decodes on
        if (insn.op == Op.INVALID && theirs.contains("lock")) return true;
        // 9B (FWAIT) is a prefix of the x87 instruction after it to objdump
        if (insn.op == Op.FWAIT) return true;
        if (has66 && switch (insn.op) { case JMP, JCC, CALL, RET, JMP_IND, CALL_IND, LOOP, LOOPE, LOOPNE, JRCXZ -> true; default -> false; }) return true;
        return insn.op == Op.INVALID && insn.length == Decoder.MAX_LENGTH;
    }

    private static byte[] candidate(SplittableRandom rnd) {
        byte[] b = new byte[15];
        int k = 0;
        int prefixes = rnd.nextInt(10) < 6 ? 0 : 1 + rnd.nextInt(3);
        for (int p = 0; p < prefixes; p++) b[k++] = (byte) PREFIXES[rnd.nextInt(PREFIXES.length)];
        if (rnd.nextInt(10) < 4) b[k++] = (byte) (0x40 + rnd.nextInt(16));
        int map = rnd.nextInt(20);
        if (map < 11) {
            b[k++] = (byte) rnd.nextInt(256);
        } else {
            b[k++] = 0x0F;
            if (map == 18) b[k++] = 0x38;
            else if (map == 19) b[k++] = 0x3A;
            b[k++] = (byte) rnd.nextInt(256);
        }
        while (k < b.length) b[k++] = (byte) rnd.nextInt(256);
        return b;
    }

    private static String hex(byte[] c, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, c.length); i++) sb.append(String.format("%02x ", c[i] & 0xff));
        return sb.toString().trim();
    }
}
