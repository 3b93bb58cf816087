package dev.ring3.perf.jmh;

import dev.ring3.decoder.CodeSource;
import dev.ring3.decoder.Decoder;
import dev.ring3.decoder.Insn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoder throughput: linear decoding of the first 1 MiB of the .text of the JVM's own libjvm.so (real compiler
 * output, on every machine that runs ring3). Score: nanoseconds per 1 MiB; divide by the instruction count printed
 * at setup for ns per instruction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBench {
    byte[] text;
    CodeSource src;
    final Decoder decoder = new Decoder();

    @Setup
    public void setup() throws IOException {
        Path so = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");
        byte[] elf = Files.readAllBytes(so);
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3A) & 0xffff, shnum = b.getShort(0x3C) & 0xffff, shstrndx = b.getShort(0x3E) & 0xffff;
        long strOff = b.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
        for (int k = 0; k < shnum; k++) {
            int h = (int) (shoff + (long) k * shentsize);
            int name = b.getInt(h);
            StringBuilder sb = new StringBuilder();
            for (int p = (int) strOff + name; elf[p] != 0; p++) sb.append((char) elf[p]);
            if (sb.toString().equals(".text")) {
                long off = b.getLong(h + 0x18), size = Math.min(b.getLong(h + 0x20), 1 << 20);
                text = java.util.Arrays.copyOfRange(elf, (int) off, (int) (off + size));
            }
        }
        src = CodeSource.of(text, 0);
        System.out.println("\ninstructions in the benchmark's 1 MiB: " + decodeAll());
    }

    @Benchmark
    public int decodeAll() {
        int n = 0;
        long pc = 0, end = text.length - 16;
        while (pc < end) {
            Insn i = decoder.decode(src, pc);
            pc += i.length;
            n++;
        }
        return n;
    }
}
