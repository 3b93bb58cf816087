package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.testing.TierLoops;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOVLPD/MOVLPS/MOVHPD/MOVHPS (a quadword between memory and one half of an XMM register, the other half kept) and
 * BT of a register (only CF changes), translated: loops end in the state the interpreter leaves - registers, XMM
 * registers, flags and memory.
 */
class HalfMovesAndBtTiersTest {
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
        TierLoops.assertSameAsInterpreted(dir, c -> {
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            for (int x = 0; x < 8; x++) c.xmm[x] = 0x1111_1111_1111_1111L * (x + 1);
        }, 4, LOOPS);
    }
}
