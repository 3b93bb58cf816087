package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.testing.TierLoops;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INC and DEC keep CF. Where the flags are in the Cpu (a block start), the translator leaves the carry-in there and
 * reads it only where it is needed (a flush at an exit, a fallback or a fault path; a condition on CF; ADC):
 * loops of each kind end translated in the state the interpreter leaves, flags included.
 */
class CarryThroughIncDecTest {
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
        TierLoops.assertSameAsInterpreted(dir, c -> {
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            c.r[Cpu.RDI] = 77;
        }, 0, LOOPS);
    }
}
