package dev.ring3.decoder;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes every instruction of the .text of real static binaries (a glibc and a musl C program built here, busybox,
 * a Go hello world) and compares with {@code objdump -d -M intel}: the length of every instruction must agree; the
 * mnemonic agreement rate must stay above a floor per binary; the full-text agreement of non-VEX instructions
 * (objdump's {@code <symbol>} and {@code # comment} annotations stripped, blanks collapsed) is measured and printed.
 * Every disagreement is written to {@code target/objdump-agreement/LABEL.txt}.
 */
class ObjdumpAgreementTest {
    private static final Set<String> PREFIX_WORDS = Set.of("rep", "repz", "repe", "repnz", "repne", "lock", "bnd",
            "notrack", "data16", "data32", "addr32", "cs", "ds", "es", "ss", "fs", "gs", "xacquire", "xrelease", "{vex}",
            "{evex}", "{vex3}");
    private static final Pattern TARGET = Pattern.compile("\\b([0-9a-f]+) <[^>]*>");
    private static final Pattern SYMBOL = Pattern.compile("\\s*<[^>]*>");
    private static final Pattern COMMENT = Pattern.compile("\\s*#.*$");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    @TempDir static Path dir;

    @Test
    void glibcStatic() throws Exception {
        Result r = check(ObjdumpListing.of("glibc", ObjdumpListing.buildC(dir, "gcc", "glibc")));
        assertTrue(r.nameOk >= r.total * 0.999, "mnemonic agreement fell below 99.9%");
        decodeSpeed(r.listing);
    }

    @Test
    void muslStatic() throws Exception {
        Result r = check(ObjdumpListing.of("musl", ObjdumpListing.buildC(dir, "musl-gcc", "musl")));
        assertEquals(r.total, r.nameOk, "every mnemonic of the musl program must agree");
    }

    @Test
    void busyboxStatic() throws Exception {
        Path busybox = Path.of("/bin/busybox");
        assumeTrue(Files.isRegularFile(busybox), "busybox-static is not installed");
        assumeTrue(ObjdumpListing.run(List.of("file", "-L", busybox.toString()), null).contains("statically linked"),
                "/bin/busybox is not the static build");
        Result r = check(ObjdumpListing.of("busybox", busybox));
        assertTrue(r.nameOk >= r.total * 0.999, "mnemonic agreement fell below 99.9%");
    }

    @Test
    void goStatic() throws Exception {
        Path exe = ObjdumpListing.buildGo(dir);
        assumeTrue(exe != null, "no Go toolchain (apt-get install golang-go)");
        Result r = check(ObjdumpListing.of("go", exe));
        assertTrue(r.nameOk >= r.total * 0.999, "mnemonic agreement fell below 99.9%");
    }

    record Result(ObjdumpListing listing, int total, int nameOk, int textTotal, int textOk) {}

    private Result check(ObjdumpListing l) throws IOException {
        CodeSource source = CodeSource.of(l.code, l.base);
        Decoder decoder = new Decoder();
        int total = l.size(), lengthOk = 0, nameOk = 0, textTotal = 0, textOk = 0;
        List<String> lengthBad = new ArrayList<>();
        Map<String, List<String>> nameBad = new HashMap<>();
        Map<String, List<String>> textBad = new HashMap<>();
        for (int k = 0; k < total; k++) {
            long addr = l.addr[k];
            String line = String.format("%x: %-30s objdump: %s", addr, hex(l, k), l.text[k]);
            Insn insn;
            try {
                insn = decoder.decode(source, addr);
            } catch (RuntimeException ex) {
                lengthBad.add(line + "  ring3: " + ex);
                continue;
            }
            String ours = Printer.format(insn);
            if (insn.length == l.length[k]) lengthOk++;
            else lengthBad.add(line + " (" + l.length[k] + ")  ring3: " + ours + " (" + insn.length + ")");
            String expectedName = mnemonic(l.text[k]);
            if (mnemonic(ours).equals(expectedName)) nameOk++;
            else nameBad.computeIfAbsent(expectedName + " (ring3: " + mnemonic(ours) + ")", x -> new ArrayList<>()).add(line);
            if (insn.has(Prefix.VEX)) continue;
            textTotal++;
            if (normalize(ours).equals(normalize(l.text[k]))) textOk++;
            else textBad.computeIfAbsent(expectedName, x -> new ArrayList<>()).add(line + "\n        ring3:   " + ours);
        }
        System.out.printf("[decoder vs objdump, %s] %d instructions: lengths %d/%d (%.3f%%), mnemonics %d/%d (%.3f%%), "
                        + "full text of non-VEX %d/%d (%.3f%%)%n", l.label, total, lengthOk, total, 100.0 * lengthOk / total,
                nameOk, total, 100.0 * nameOk / total, textOk, textTotal, 100.0 * textOk / textTotal);
        report(l.label, lengthBad, nameBad, textBad);
        assertTrue(lengthBad.isEmpty(), lengthBad.size() + " length mismatches, first: "
                + String.join("\n", lengthBad.subList(0, Math.min(20, lengthBad.size()))));
        return new Result(l, total, nameOk, textTotal, textOk);
    }

    /** Prints the most frequent mnemonic mismatches and writes every disagreement to target/objdump-agreement/. */
    private static void report(String label, List<String> lengthBad, Map<String, List<String>> nameBad,
                               Map<String, List<String>> textBad) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("== length mismatches: ").append(lengthBad.size()).append('\n');
        lengthBad.forEach(s -> sb.append(s).append('\n'));
        sb.append("\n== mnemonic mismatches\n");
        List<Map.Entry<String, List<String>>> names = byCount(nameBad);
        names.stream().limit(15).forEach(e ->
                System.out.printf("    mnemonic mismatch x%d: %s%n", e.getValue().size(), e.getKey()));
        for (Map.Entry<String, List<String>> e : names) {
            sb.append("-- x").append(e.getValue().size()).append(' ').append(e.getKey()).append('\n');
            e.getValue().stream().limit(5).forEach(s -> sb.append("    ").append(s).append('\n'));
        }
        sb.append("\n== full-text mismatches (non-VEX)\n");
        for (Map.Entry<String, List<String>> e : byCount(textBad)) {
            sb.append("-- x").append(e.getValue().size()).append(' ').append(e.getKey()).append('\n');
            e.getValue().stream().limit(8).forEach(s -> sb.append("    ").append(s).append('\n'));
        }
        Path out = Path.of("target", "objdump-agreement");
        Files.createDirectories(out);
        Files.writeString(out.resolve(label + ".txt"), sb);
    }

    private static List<Map.Entry<String, List<String>>> byCount(Map<String, List<String>> m) {
        List<Map.Entry<String, List<String>>> e = new ArrayList<>(m.entrySet());
        e.sort((a, b) -> b.getValue().size() - a.getValue().size());
        return e;
    }

    /** Decodes the listing a few times and prints instructions per second (informational, not asserted). */
    private static void decodeSpeed(ObjdumpListing l) {
        CodeSource source = CodeSource.of(l.code, l.base);
        Decoder decoder = new Decoder();
        long sink = 0;
        double best = 0;
        for (int pass = 0; pass < 8; pass++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < l.size(); k++) sink += decoder.decode(source, l.addr[k]).length;
            long ns = System.nanoTime() - t0;
            best = Math.max(best, l.size() * 1e9 / ns);
        }
        System.out.printf("[decoder speed, %s] %.1f million instructions/s (best of 8 passes over %d; sink %d)%n",
                l.label, best / 1e6, l.size(), sink);
    }

    private static String hex(ObjdumpListing l, int k) {
        StringBuilder sb = new StringBuilder();
        int off = (int) (l.addr[k] - l.base);
        for (int i = 0; i < l.length[k]; i++) sb.append(String.format("%02x ", l.code[off + i] & 0xff));
        return sb.toString().trim();
    }

    /**
     * objdump's text without symbol and comment annotations, blanks collapsed. A branch target with a symbol
     * ("call 401126 &lt;foo&gt;") becomes "call 0x401126", as objdump prints it where it has no symbol.
     */
    static String normalize(String text) {
        String s = COMMENT.matcher(text).replaceAll("");
        s = TARGET.matcher(s).replaceAll("0x$1");
        s = SYMBOL.matcher(s).replaceAll("");
        return BLANKS.matcher(s.trim()).replaceAll(" ");
    }

    /** The mnemonic of an objdump (or ring3) line: the first word that is not a prefix. */
    static String mnemonic(String text) {
        for (String w : text.trim().split("\\s+")) {
            if (PREFIX_WORDS.contains(w) || w.startsWith("rex")) continue;
            return w;
        }
        return "";
    }
}
