package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Asm;
import dev.ring3.jit.testing.Tiers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOVLPD/MOVLPS/MOVHPD/MOVHPS (a quadword between memory and one half of an XMM register, the other half kept) and
 * BT of a register (only CF changes), translated: loops end in the state the interpreter leaves - registers, XMM
 * registers, flags and memory.
 */
class HalfMovesAndBtTiersTest {
    static final long CODE = 0x400000, DATA = 0x500000;

    @TempDir
    Path dir;

    static final String[] LOOPS = {
        // halves in and out: xmm1's halves from two places, stored swapped, the other halves kept
        "mov rcx, 2000\nmov r12, 0x500000\n1:\nadd qword ptr [r12], rbx\nmovlpd xmm1, [r12]\nmovhpd xmm1, [r12 + 8]\n"
                + "movhps [r12 + 16], xmm1\nmovlps [r12 + 24], xmm1\nmovhps xmm2, [r12 + 16]\nmovlpd [r12 + 8], xmm2\n"
                + "paddq xmm3, xmm1\ndec rcx\njnz 1b\nint3",
        // BT by constants and by a register (modulo the width), CF read by JC, ADC and SETC; a BT whose CF is dead
        "mov rcx, 2000\n1:\nadd rax, rbx\nbt rax, 13\njc 2f\nadd rdx, 7\n2:\nbt eax, ecx\nadc rsi, 0\nbt ax, 3\n"
                + "setc r8b\nadd rdi, r8\nbt rax, rcx\nbt rax, 62\nadc r9, 0\nsub rcx, 1\njnz 1b\nbt rax, 5\nint3",
    };

    @Test
    void loopsEndAsInterpreted() throws Exception {
        byte[][] code = Asm.assemble(dir, LOOPS);
        for (int k = 0; k < code.length; k++) {
            Run a = run(code[k], false), b = run(code[k], true);
            for (int r = 0; r < 16; r++) assertEquals(a.c.r[r], b.c.r[r], "loop " + k + ", register " + r);
            for (int x = 0; x < 8; x++) assertEquals(a.c.xmm[x], b.c.xmm[x], "loop " + k + ", xmm lane " + x);
            assertEquals(Flags.get(a.c), Flags.get(b.c), "loop " + k + ", flags");
            for (int q = 0; q < 4; q++) assertEquals(a.data[q], b.data[q], "loop " + k + ", data quadword " + q);
        }
    }

    record Run(Cpu c, long[] data) {}

    private static Run run(byte[] code, boolean jit) {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            mem.writeBytes(CODE, code, 0, code.length);
            Cpu c = new Cpu(mem, null);
            c.rip = CODE;
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            for (int x = 0; x < 8; x++) c.xmm[x] = 0x1111_1111_1111_1111L * (x + 1);
            for (int q = 0; q < 4; q++) mem.write64(DATA + 8L * q, 0x0101_0101_0101_0101L << q);
            Tiers.runToInt3(c, new CodeCache(mem, PageInfo.ALL), jit, 10);
            long[] data = new long[4];
            for (int q = 0; q < 4; q++) data[q] = mem.read64(DATA + 8L * q);
            return new Run(c, data);
        } finally {
            mem.release();
        }
    }
}
