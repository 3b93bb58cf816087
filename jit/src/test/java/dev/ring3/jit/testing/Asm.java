package dev.ring3.jit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Assembles snippets (Intel syntax, GNU as) into their bytes, all in one run of the assembler. */
public final class Asm {
    private Asm() {}

    /** The machine code of each snippet, in order. */
    public static byte[][] assemble(Path dir, String... snippets) throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int k = 0; k < snippets.length; k++) {
            s.append(".globl s_").append(k).append(", e_").append(k).append('\n');
            s.append("s_").append(k).append(":\n").append(snippets[k]).append("\ne_").append(k).append(":\n");
        }
        Path src = dir.resolve("asm.s"), obj = dir.resolve("asm.o"), bin = dir.resolve("asm.bin");
        Files.writeString(src, s);
        exec("as", "-o", obj.toString(), src.toString());
        exec("objcopy", "-O", "binary", "--only-section=.text", obj.toString(), bin.toString());
        byte[] text = Files.readAllBytes(bin);
        Map<String, Integer> sym = new HashMap<>();
        for (String line : exec("nm", obj.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) sym.put(f[2], Integer.parseInt(f[0], 16));
        }
        byte[][] code = new byte[snippets.length][];
        for (int k = 0; k < snippets.length; k++) code[k] = Arrays.copyOfRange(text, sym.get("s_" + k), sym.get("e_" + k));
        return code;
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
