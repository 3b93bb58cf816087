package dev.ring3.decoder;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps the VEX and EVEX opcode space (every map, implied prefix, W, L, opcode, ModRM.reg, register and memory
 * form) through objdump and the decoder, and compares lengths and mnemonics. Slow (tens of seconds): run with
 * {@code -Pslow}. The report of every disagreement goes to {@code target/vex-sweep.txt}.
 */
@Tag("slow")
class VexSweepTest {
    @TempDir Path dir;

    @Test
    void vexAndEvexSpace() throws Exception {
        List<byte[]> cands = new ArrayList<>();
        for (int map = 1; map <= 3; map++)
            for (int pp = 0; pp < 4; pp++)
                for (int w = 0; w < 2; w++)
                    for (int l = 0; l < 2; l++)
                        for (int op = 0; op < 256; op++)
                            for (int m = 0; m < 16; m++)
                                cands.add(bytes(0xC4, 0xE0 | map, w << 7 | 0x78 | l << 2 | pp, op, modrm(m), 0));
        int vexCount = cands.size();
        for (int map : new int[] {1, 2, 3, 5, 6})
            for (int pp = 0; pp < 4; pp++)
                for (int w = 0; w < 2; w++)
                    for (int l = 0; l < 3; l++)
                        for (int op = 0; op < 256; op++)
                            for (int m = 0; m < 16; m++)
                                cands.add(bytes(0x62, 0xF0 | map, w << 7 | 0x7C | pp, l << 5 | 0x08, op, modrm(m), 0));
        ObjdumpOracle.Answer[] answers = ObjdumpOracle.ask(dir, cands);
        Decoder d = new Decoder();
        int[] named = new int[3], nameOk = new int[3], lenBad = new int[3];
        Map<String, List<String>> bad = new HashMap<>();
        for (int i = 0; i < cands.size(); i++) {
            int kind = i < vexCount ? 0 : 1;
            byte[] c = cands.get(i);
            Insn insn;
            try {
                insn = d.decode(CodeSource.of(c, 0), 0);
            } catch (DecodeException ex) {
                insn = null;
            }
            if (insn == null) { lenBad[kind]++; continue; }
            ObjdumpOracle.Answer a = answers[i];
            String theirs = ObjdumpAgreementTest.mnemonic(a.text());
            String ours = insn.mnemonic();
            String hex = hex(c, Math.max(a.length(), insn.length));
            if (a.length() != insn.length && !a.text().contains("(bad)")) {
                lenBad[kind]++;
                bad.computeIfAbsent("length " + theirs, x -> new ArrayList<>())
                        .add(hex + "  objdump " + a.length() + ": " + a.text() + "  ring3 " + insn.length + ": " + ours);
            }
            if (a.text().contains("(bad)") || theirs.contains("{") || theirs.startsWith(".byte") || theirs.isEmpty()) continue;
            if (kind == 1 && (c[1] & 7) >= 5) kind = 2;
            named[kind]++;
            if (theirs.equals(ours)) nameOk[kind]++;
            else bad.computeIfAbsent(theirs + " (ring3: " + ours + ")", x -> new ArrayList<>()).add(hex + "  " + a.text());
        }
        StringBuilder sb = new StringBuilder();
        String summary = String.format("[vex sweep] %d VEX and %d EVEX encodings. Named by objdump and agreeing: "
                        + "VEX %d/%d (%.2f%%), EVEX maps 0F-0F3A %d/%d (%.2f%%), EVEX FP16 maps 5-6 %d/%d (%.2f%%); "
                        + "length mismatches (objdump not \"(bad)\") %d",
                vexCount, cands.size() - vexCount, nameOk[0], named[0], 100.0 * nameOk[0] / named[0],
                nameOk[1], named[1], 100.0 * nameOk[1] / named[1], nameOk[2], named[2], 100.0 * nameOk[2] / named[2],
                lenBad[0] + lenBad[1] + lenBad[2]);
        System.out.println(summary);
        sb.append(summary).append('\n');
        List<Map.Entry<String, List<String>>> e = new ArrayList<>(bad.entrySet());
        e.sort((x, y) -> y.getValue().size() - x.getValue().size());
        for (var x : e) {
            sb.append("-- x").append(x.getValue().size()).append(' ').append(x.getKey()).append('\n');
            x.getValue().stream().limit(6).forEach(s -> sb.append("    ").append(s).append('\n'));
        }
        Files.writeString(Path.of("target", "vex-sweep.txt"), sb);
        assertEquals(0, lenBad[0] + lenBad[1] + lenBad[2], "length mismatches, see target/vex-sweep.txt");
    }

    /** Sixteen ModRM forms: register forms reg 0-7 (r/m 1), memory forms [rax] reg 0-7. */
    private static int modrm(int m) {
        return m < 8 ? 0xC1 | m << 3 : (m - 8) << 3;
    }

    private static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = (byte) b[i];
        return r;
    }

    private static String hex(byte[] c, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, c.length); i++) sb.append(String.format("%02x ", c[i] & 0xff));
        return sb.toString().trim();
    }
}
