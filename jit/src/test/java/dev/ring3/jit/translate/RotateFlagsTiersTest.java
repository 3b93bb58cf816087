package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.testing.TierLoops;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ROL and ROR translated with CF and OF live (read by a branch or ADC, or live at the region's exit) and dead (the
 * next rotate by a constant writes them whatever they were: it reads none), by constants and by CL including
 * counts that mask to 0 (flags kept) and counts that are multiples of the width (flags set, value unchanged): loops
 * end translated in the state the interpreter leaves, flags included.
 */
class RotateFlagsTiersTest {
    @TempDir
    Path dir;

    static final String[] LOOPS = {
        // constant rotates back to back (the first one's flags dead), the last one's CF read by ADC
        "mov rcx, 3000\n1:\nror rax, 25\nrol rax, 3\nadc rdx, 0\nadd rax, rbx\ndec rcx\njnz 1b\nint3",
        // a 32-bit rotate whose CF and OF decide branches
        "mov rcx, 3000\n1:\nadd eax, ebx\nror eax, 7\njc 2f\nadd rdx, 1\n2:\njo 3f\nadd rdx, 4\n3:\n"
                + "dec rcx\njnz 1b\nint3",
        // by CL: counts 0 (flags and value kept), 8 and 32 on a byte and a dword, 1 (OF defined)
        "mov rcx, 3000\n1:\nmov r8, rcx\nand r8, 7\nlea r9, [r8*8]\nxchg rcx, r9\nadd eax, ebx\nrol al, cl\n"
                + "setc r10b\nseto r11b\nadd rdx, r10\nadd rsi, r11\nror eax, cl\nadc rdi, 0\nxchg rcx, r9\n"
                + "dec rcx\njnz 1b\nint3",
        // a 16-bit rotate in memory, the flags live at the loop's exit
        "mov rcx, 3000\nmov r12, 0x500000\n1:\nadd word ptr [r12], bx\nrol word ptr [r12], 5\nsbb rdx, 0\n"
                + "dec rcx\njnz 1b\nror ax, 9\nint3",
    };

    @Test
    void loopsEndAsInterpreted() throws Exception {
        TierLoops.assertSameAsInterpreted(dir, c -> {
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            c.r[Cpu.RAX] = 0x0123456789ABCDEFL;
        }, 1, LOOPS);
    }
}
