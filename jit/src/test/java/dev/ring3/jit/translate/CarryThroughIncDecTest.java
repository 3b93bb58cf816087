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
 * INC and DEC keep CF. Where the flags are in the Cpu (a block start), the translator leaves the carry-in there and
 * reads it only where it is needed (a flush at an exit, a fallback or a fault path; a condition on CF; ADC):
 * loops of each kind end translated in the state the interpreter leaves, flags included.
 */
class CarryThroughIncDecTest {
    static final long CODE = 0x400000;

    @TempDir
    Path dir;

    /** Each loop runs 3000 times; ADD rax, rbx with a large rbx carries on about half the iterations. */
    static final String[] LOOPS = {
        // DEC at a block start, its CF read by ADC, then exits with CF live
        "mov rcx, 3000\n1:\nadd rax, rbx\njmp 2f\n2:\ndec rcx\nadc rdx, 0\ntest rcx, rcx\njnz 1b\nint3",
        // DEC then DEC (the carry-in stays in the Cpu through both), JNZ, the exit reads CF
        "mov rcx, 3000\n1:\nadd rax, rbx\njmp 2f\n2:\ndec rdi\ndec rcx\njnz 1b\nint3",
        // INC at a block start, then a branch on CF and on CF|ZF
        "mov rcx, 3000\n1:\nadd rax, rbx\njmp 2f\n2:\ninc rsi\njb 3f\nadd rdx, 3\n3:\nja 4f\nadd rdx, 5\n4:\n"
                + "dec rcx\njnz 1b\nint3",
        // DEC at a block start, SETC, then BT (an instruction run by the interpreter's semantics) and ADC
        "mov rcx, 3000\n1:\nadd rax, rbx\njmp 2f\n2:\ndec rcx\nsetc r8b\nadd r9, r8\nbt rax, 7\nadc rdx, 0\n"
                + "test rcx, rcx\njnz 1b\nint3",
        // the carry-in chained through a DEC after a join (the loop's head is a block start)
        "mov rcx, 3000\nstc\n1:\ndec rcx\nsbb rdx, 0\nadd rax, rbx\ntest rcx, rcx\njnz 1b\nint3",
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
            c.r[Cpu.RDI] = 77;
            Tiers.runToInt3(c, new CodeCache(mem, PageInfo.ALL), jit, 10);
            return c;
        } finally {
            mem.release();
        }
    }
}
