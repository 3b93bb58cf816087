package dev.ring3.decoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks objdump how it decodes many short byte strings in one run: each candidate is followed by 15 NOP bytes, so
 * whatever objdump makes of a candidate's bytes it is back in step at the next one (no instruction is longer than
 * 15 bytes), and the line at each candidate's first byte is objdump's reading of it.
 */
final class ObjdumpOracle {
    private static final int PAD = 15;
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    /**
     * objdump's length and text for one candidate, which it read at {@code addr} (decode there too, so that branch
     * targets agree); length 0 if objdump printed no line at its first byte.
     */
    record Answer(long addr, int length, String text) {}

    private ObjdumpOracle() {}

    static Answer[] ask(Path dir, List<byte[]> candidates) throws IOException, InterruptedException {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        long[] starts = new long[candidates.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = blob.size();
            blob.write(candidates.get(i));
            for (int k = 0; k < PAD; k++) blob.write(0x90);
        }
        Path bin = Files.createTempFile(dir, "oracle", ".bin");
        Files.write(bin, blob.toByteArray());
        Path out = Files.createTempFile(dir, "oracle", ".txt");
        Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                "--insn-width=15", bin.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0) throw new IOException("objdump failed: " + Files.readString(out));
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < starts.length; i++) index.put(starts[i], i);
        Answer[] answers = new Answer[starts.length];
        try (var lines = Files.lines(out)) {
            lines.forEach(line -> {
                int colon = line.indexOf(":\t");
                if (colon < 0) return;
                Integer i;
                try {
                    i = index.get(Long.parseLong(line.substring(0, colon).trim(), 16));
                } catch (NumberFormatException e) {
                    return;
                }
                Matcher m = LINE.matcher(line);
                if (i != null && m.matches()) {
                    answers[i] = new Answer(starts[i], m.group(2).trim().split(" ").length, m.group(3));
                }
            });
        }
        Files.delete(bin);
        Files.delete(out);
        for (int i = 0; i < starts.length; i++) if (answers[i] == null) answers[i] = new Answer(starts[i], 0, "");
        return answers;
    }
}
