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
 * ROL and ROR translated with CF and OF live (read by a branch or ADC, or live at the region's exit) and dead (the
 * next rotate by a constant writes them whatever they were: it reads none), by constants and by CL including
 * counts that mask to 0 (flags kept) and counts that are multiples of the width (flags set, value unchanged): loops
 * end translated in the state the interpreter leaves, flags included.
 */
class RotateFlagsTiersTest {
    static final long CODE = 0x400000;

    @TempDir
    Path dir;

    static final String[] LOOPS = {
        // constant rotates back to back (the first one's flags dead), the last one's CF read by ADC
        "mov rcx, 3000\n1:\nror rax, 25\nrol rax, 3\nadc rdx, 0\nadd rax, rbx\ndec rcx\njnz 1b\nint3",
        // a 32-bit rotate whose CF and OF decide branches
        "mov rcx, 3000\n1:\nadd eax, ebx\nror eax, 7\njc 2f\nadd rdx, 1\n2:\njo 3f\nadd rdx, 4\n3:\ndec rcx\njnz 1b\nint3",
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
        byte[][] code = Asm.assemble(dir, LOOPS);
        for (int k = 0; k < code.length; k++) {
            Cpu a = run(code[k], false), b = run(code[k], true);
            for (int r = 0; r < 16; r++) assertEquals(a.r[r], b.r[r], "loop " + k + ", register " + r);
            assertEquals(Flags.get(a), Flags.get(b), "loop " + k + ", flags");
            assertEquals(a.rip, b.rip, "loop " + k);
        }
    }

    private static Cpu run(byte[] code, boolean jit) {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            mem.writeBytes(CODE, code, 0, code.length);
            Cpu c = new Cpu(mem, null);
            c.rip = CODE;
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            c.r[Cpu.RAX] = 0x0123456789ABCDEFL;
            Tiers.runToInt3(c, new CodeCache(mem, PageInfo.ALL), jit, 10);
            return c;
        } finally {
            mem.release();
        }
    }
}
