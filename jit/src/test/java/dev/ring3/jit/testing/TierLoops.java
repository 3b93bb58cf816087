package dev.ring3.jit.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Guest loops (assembly source, each ending in INT3) run under the interpreter and under the engine translating
 * blocks after 10 runs: the two must end in the same state - general and XMM registers, flags, rip, and the
 * quadwords of a data area at {@link #DATA} (filled with a pattern first).
 */
public final class TierLoops {
    private TierLoops() {}

    public static final long CODE = 0x400000, DATA = 0x500000;

    /** Asserts each loop ends alike in both tiers; {@code setup} prepares the Cpu, {@code quads} data quadwords. */
    public static void assertSameAsInterpreted(Path dir, Consumer<Cpu> setup, int quads, String... loops)
            throws Exception {
        byte[][] code = Asm.assemble(dir, loops);
        for (int k = 0; k < code.length; k++) {
            End a = run(code[k], false, setup, quads), b = run(code[k], true, setup, quads);
            assertArrayEquals(a.c.r, b.c.r, "loop " + k + ": registers");
            assertArrayEquals(a.c.xmm, b.c.xmm, "loop " + k + ": XMM registers");
            assertEquals(Flags.get(a.c), Flags.get(b.c), "loop " + k + ": flags");
            assertEquals(a.c.rip, b.c.rip, "loop " + k + ": rip");
            assertArrayEquals(a.data, b.data, "loop " + k + ": data");
        }
    }

    private record End(Cpu c, long[] data) {}

    private static End run(byte[] code, boolean jit, Consumer<Cpu> setup, int quads) {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            mem.writeBytes(CODE, code, 0, code.length);
            for (int q = 0; q < quads; q++) mem.write64(DATA + 8L * q, 0x0101_0101_0101_0101L << q);
            Cpu c = new Cpu(mem, null);
            c.rip = CODE;
            setup.accept(c);
            Tiers.runToInt3(c, new CodeCache(mem, PageInfo.ALL), jit, 10);
            long[] data = new long[quads];
            for (int q = 0; q < quads; q++) data[q] = mem.read64(DATA + 8L * q);
            return new End(c, data);
        } finally {
            mem.release();
        }
    }
}
