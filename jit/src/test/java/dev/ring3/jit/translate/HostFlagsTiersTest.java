package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.sse.HostMxcsr;
import dev.ring3.jit.testing.Asm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSE arithmetic whose exception flags translated code leaves in the host's MXCSR ({@link HostFlagOps},
 * {@link HostMxcsr}): hot loops that raise each flag from values in memory, clear MXCSR with LDMXCSR and read it
 * back with STMXCSR every iteration (summing what they read), run long enough for C2 to compile their regions,
 * must read what the interpreter reads, and end in its state (registers, XMM, memory, MXCSR). Among them the
 * operations C2 would drop: a result overwritten before any use, one used only in the next block, one stored
 * twice to the same address; and two NaN operands, whose order C2 may swap.
 */
class HostFlagsTiersTest {
    @TempDir
    Path dir;

    static final long CODE = 0x400000, DATA = 0x500000, STACK = 0x600000;

    /** The values at DATA, in quadwords: 2^1000, 2^-1000, a denormal, 0, 1, two NaNs, an SNaN, -1, 3. */
    static final long[] VALUES = {
        Double.doubleToRawLongBits(0x1p1000), Double.doubleToRawLongBits(0x1p-1000), 0x0000_0000_0000_1234L, 0,
        Double.doubleToRawLongBits(1), 0x7FF8_0000_0000_0001L, 0xFFF8_0000_0000_0002L, 0x7FF0_0000_0000_0003L,
        Double.doubleToRawLongBits(-1), Double.doubleToRawLongBits(3),
    };

    /** MXCSR with PE set (DATA + 80), loaded at the top of each iteration; operands at DATA + 8 * index. */
    static String loop(int n, String body) {
        return "mov r12, 0x500000\nmov dword ptr [r12+80], 0x1fa0\nmov rcx, " + n + "\nxor r8, r8\n1:\n"
                + "ldmxcsr [r12+80]\n" + body + "\nstmxcsr [r12+88]\nmov eax, [r12+88]\nadd r8, rax\n"
                + "dec rcx\njnz 1b\nint3";
    }

    static final String[] BODIES = {
        // OE, UE, ZE, IE (0 / 0), IE (sqrt -1), DE: each from a value loaded in the block, each result stored
        "movsd xmm0, [r12]\nmulsd xmm0, [r12]\nmovsd [r12+0x100], xmm0",
        "movsd xmm0, [r12+8]\nmulsd xmm0, [r12+8]\nmovsd [r12+0x100], xmm0",
        "movsd xmm0, [r12+32]\ndivsd xmm0, [r12+24]\nmovsd [r12+0x100], xmm0",
        "movsd xmm0, [r12+24]\ndivsd xmm0, [r12+24]\nmovsd [r12+0x100], xmm0",
        "sqrtsd xmm0, [r12+64]\nmovsd [r12+0x100], xmm0",
        "movsd xmm0, [r12+16]\naddsd xmm0, [r12+32]\nmovsd [r12+0x100], xmm0",
        // the result overwritten unused; used in the next block only; stored twice to one address
        "movsd xmm1, [r12]\nmulsd xmm1, xmm1\npxor xmm1, xmm1",
        "movsd xmm2, [r12+8]\nmulsd xmm2, [r12+8]\ntest rcx, 1\njz 2f\n2:\nmovsd [r12+0x108], xmm2",
        "movsd xmm3, [r12+32]\ndivsd xmm3, [r12+24]\nmovsd [r12+0x110], xmm3\nmovsd [r12+0x110], xmm4",
        // packed: the high lane overflows, the low one does not
        "movupd xmm5, [r12+24]\nmovupd xmm6, [r12]\nmulpd xmm6, xmm6\naddpd xmm5, xmm6\nmovupd [r12+0x120], xmm5",
        // two NaN operands, both orders, and an SNaN (IE, quieted)
        "movsd xmm7, [r12+40]\naddsd xmm7, [r12+48]\nmovsd [r12+0x130], xmm7\n"
                + "movsd xmm8, [r12+48]\nmulsd xmm8, [r12+40]\nmovsd [r12+0x138], xmm8\n"
                + "movsd xmm9, [r12+56]\nsubsd xmm9, [r12+72]\nmovsd [r12+0x140], xmm9",
        // flags of operations without a load in their block: range-tested (the first block) or not
        "movsd xmm10, [r12+72]\nmulsd xmm10, xmm11\nmovsd [r12+0x148], xmm10",
    };

    @Test
    void hotLoopsReadTheFlagsTheInterpreterReads() throws Exception {
        String[] loops = new String[BODIES.length];
        for (int k = 0; k < BODIES.length; k++) loops[k] = loop(k >= 6 && k <= 8 ? 1_000_000 : 40_000, BODIES[k]);
        byte[][] code = Asm.assemble(dir, loops);
        for (int k = 0; k < code.length; k++) {
            End a = run(code[k], false), b = run(code[k], true);
            String what = "loop " + k + " (" + BODIES[k].replace('\n', ';') + ")";
            assertEquals(Long.toHexString(a.c.r[Cpu.R8]), Long.toHexString(b.c.r[Cpu.R8]), what + ": MXCSR read");
            assertArrayEquals(a.c.r, b.c.r, what + ": registers");
            assertArrayEquals(a.c.xmm, b.c.xmm, what + ": XMM registers");
            assertEquals(a.c.mxcsr, b.c.mxcsr, what + ": MXCSR at the end");
            assertArrayEquals(a.data, b.data, what + ": memory");
        }
    }

    @Test
    void theFlagsAreLeftToTheHost() throws Exception {
        assertTrue(HostMxcsr.AVAILABLE, "the native library is loaded (NativeLibraryListener)");
        byte[] code = Asm.assemble(dir, loop(2000, BODIES[0]))[0];
        End b = run(code, true);
        assertTrue(b.hostFlags, "a region left its flags to the host");
        assertEquals(2000L * 0x1FA8, b.c.r[Cpu.R8], "OE and PE read in every iteration");
    }

    private record End(Cpu c, long[] data, boolean hostFlags) {}

    private static End run(byte[] code, boolean jit) {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            mem.writeBytes(CODE, code, 0, code.length);
            for (int k = 0; k < VALUES.length; k++) mem.write64(DATA + 8L * k, VALUES[k]);
            Cpu c = new Cpu(mem, null);
            c.rip = CODE;
            c.r[Cpu.RSP] = STACK;
            c.xmm[22] = Double.doubleToRawLongBits(0x1p900);   // xmm11
            CodeCache cache = new CodeCache(mem, PageInfo.ALL);
            Engine e = new Engine(cache, 10);
            try {
                if (jit) e.run(c);
                else new Interpreter(cache).run(c);
            } catch (GuestFault f) {
                assertEquals(GuestFault.SIGTRAP, f.signal);
            }
            HostMxcsr.fold(c);
            long[] data = new long[48];
            for (int q = 0; q < data.length; q++) data[q] = mem.read64(DATA + 8L * q);
            boolean host = false;
            for (var r : cache.regions()) host |= r.hostFlags;
            return new End(c, data, host);
        } finally {
            mem.release();
        }
    }
}
