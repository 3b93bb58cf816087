package dev.ring3.decoder;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes every instruction of the .text of a static glibc and a static musl binary, built here from C, and checks
 * length and mnemonic against {@code objdump -d -M intel}. Lengths must agree everywhere; the mnemonic agreement
 * rate is printed (and must stay high).
 */
class ObjdumpAgreementTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");
    private static final Set<String> PREFIX_WORDS = Set.of("rep", "repz", "repe", "repnz", "repne", "lock", "bnd",
            "notrack", "data16", "data32", "addr32", "cs", "ds", "es", "ss", "fs", "gs", "xacquire", "xrelease", "{vex}",
            "{evex}", "{vex3}");

    @TempDir Path dir;

    @Test
    void glibcStatic() throws Exception { check("gcc", "glibc"); }

    @Test
    void muslStatic() throws Exception { check("musl-gcc", "musl"); }

    private void check(String cc, String label) throws Exception {
        Path src = dir.resolve("prog.c");
        Files.writeString(src, """
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                #include <math.h>
                int main(int argc, char **argv) {
                    char buf[64];
                    snprintf(buf, sizeof buf, "%d %f %s", argc, sqrt(argc * 2.0), argv[0]);
                    qsort(argv, argc, sizeof *argv, (int (*)(const void *, const void *)) strcmp);
                    puts(buf);
                    return (int) strlen(buf);
                }
                """);
        Path exe = dir.resolve("prog-" + label);
        run(List.of(cc, "-O2", "-static", "-o", exe.toString(), src.toString(), "-lm"));
        String dump = run(List.of("objdump", "-d", "-M", "intel", "--insn-width=15", "-j", ".text", exe.toString()));

        TreeMap<Long, String[]> insns = new TreeMap<>();   // address -> {bytes, text}
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) insns.put(Long.parseUnsignedLong(m.group(1), 16), new String[] {m.group(2), m.group(3)});
        }
        assertTrue(insns.size() > 1000, "objdump listed too few instructions: " + insns.size());
        long base = insns.firstKey();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (Map.Entry<Long, String[]> e : insns.entrySet()) {
            assertEquals(base + text.size(), (long) e.getKey(), "objdump output is not contiguous");
            for (String b : e.getValue()[0].trim().split(" ")) text.write(Integer.parseInt(b, 16));
        }
        byte[] code = text.toByteArray();
        CodeSource source = CodeSource.of(code, base);
        Decoder decoder = new Decoder();
        int total = 0, lengthOk = 0, nameOk = 0;
        List<String> lengthBad = new ArrayList<>();
        Map<String, Integer> nameBad = new TreeMap<>();
        for (Map.Entry<Long, String[]> e : insns.entrySet()) {
            long addr = e.getKey();
            int expectedLength = e.getValue()[0].trim().split(" ").length;
            String expectedName = mnemonic(e.getValue()[1]);
            total++;
            Insn insn;
            try {
                insn = decoder.decode(source, addr);
            } catch (RuntimeException ex) {
                lengthBad.add(String.format("%x: %s  objdump: %s  ring3: %s", addr, e.getValue()[0], e.getValue()[1], ex));
                continue;
            }
            if (insn.length == expectedLength) lengthOk++;
            else lengthBad.add(String.format("%x: %s  objdump: %s (%d)  ring3: %s (%d)", addr, e.getValue()[0],
                    e.getValue()[1], expectedLength, Printer.format(insn), insn.length));
            String ours = mnemonic(Printer.format(insn));
            if (ours.equals(expectedName)) nameOk++;
            else nameBad.merge(expectedName + " (ring3: " + ours + ")", 1, Integer::sum);
        }
        System.out.printf("[decoder vs objdump, %s] %d instructions: lengths %d/%d (%.3f%%), mnemonics %d/%d (%.3f%%)%n",
                label, total, lengthOk, total, 100.0 * lengthOk / total, nameOk, total, 100.0 * nameOk / total);
        nameBad.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(x -> System.out.printf("    mnemonic mismatch x%d: %s%n", x.getValue(), x.getKey()));
        assertTrue(lengthBad.isEmpty(), lengthBad.size() + " length mismatches, first: "
                + String.join("\n", lengthBad.subList(0, Math.min(20, lengthBad.size()))));
        assertTrue(nameOk >= total * 0.99, "mnemonic agreement fell below 99%");
    }

    /** The mnemonic of an objdump (or ring3) line: the first word that is not a prefix. */
    static String mnemonic(String text) {
        for (String w : text.trim().split("\\s+")) {
            if (PREFIX_WORDS.contains(w) || w.startsWith("rex")) continue;
            return w;
        }
        return "";
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) fail(String.join(" ", cmd) + " failed (" + rc + "): " + out);
        return out;
    }
}
