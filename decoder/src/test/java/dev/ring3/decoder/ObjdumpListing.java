package dev.ring3.decoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The .text of a binary as {@code objdump -d -z -M intel} lists it: one run of objdump per binary, parsed into
 * parallel arrays (address, length, text) plus the raw bytes, so a test can decode the same bytes and compare.
 * Also builds the test programs (static glibc, static musl, static Go) into a directory.
 */
final class ObjdumpListing {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");

    final String label;
    final long base;
    final byte[] code;
    final long[] addr;
    final int[] length;
    final String[] text;

    private ObjdumpListing(String label, long base, byte[] code, long[] addr, int[] length, String[] text) {
        this.label = label;
        this.base = base;
        this.code = code;
        this.addr = addr;
        this.length = length;
        this.text = text;
    }

    int size() { return addr.length; }

    /** Runs objdump over the .text of {@code exe} and parses the listing. */
    static ObjdumpListing of(String label, Path exe) throws IOException, InterruptedException {
        String dump = run(List.of("objdump", "-d", "-z", "-M", "intel", "--insn-width=15", "-j", ".text", exe.toString()),
                null);
        List<long[]> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long base = -1;
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            long a = Long.parseUnsignedLong(m.group(1), 16);
            if (base < 0) base = a;
            if (a != base + bytes.size()) throw new IllegalStateException("objdump listing not contiguous at " + m.group(1));
            String[] hex = m.group(2).trim().split(" ");
            for (String h : hex) bytes.write(Integer.parseInt(h, 16));
            rows.add(new long[] {a, hex.length});
            texts.add(m.group(3));
        }
        long[] addr = new long[rows.size()];
        int[] len = new int[rows.size()];
        for (int i = 0; i < addr.length; i++) {
            addr[i] = rows.get(i)[0];
            len[i] = (int) rows.get(i)[1];
        }
        return new ObjdumpListing(label, base, bytes.toByteArray(), addr, len, texts.toArray(String[]::new));
    }

    /** A small C program that pulls in stdio, qsort, string functions and libm, linked statically with {@code cc}. */
    static Path buildC(Path dir, String cc, String label) throws IOException, InterruptedException {
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
        run(List.of(cc, "-O2", "-static", "-o", exe.toString(), src.toString(), "-lm"), null);
        return exe;
    }

    /** A static Go hello world ({@code CGO_ENABLED=0}); null when no Go toolchain is installed. */
    static Path buildGo(Path dir) throws IOException, InterruptedException {
        if (!onPath("go")) return null;
        Path src = dir.resolve("hello.go");
        Files.writeString(src, """
                package main

                import "fmt"

                func main() { fmt.Println("hello, world") }
                """);
        Path exe = dir.resolve("hello-go");
        run(List.of("go", "build", "-o", exe.toString(), src.toString()), dir);
        return exe;
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    static String run(List<String> cmd, Path goDir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (goDir != null) {
            pb.environment().put("CGO_ENABLED", "0");
            pb.environment().put("GO111MODULE", "off");
            pb.environment().putIfAbsent("GOCACHE", goDir.resolve("gocache").toString());
            pb.environment().putIfAbsent("GOPATH", goDir.resolve("gopath").toString());
            pb.directory(goDir.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) throw new IOException(String.join(" ", cmd) + " failed (" + rc + "): " + out);
        return out;
    }
}
