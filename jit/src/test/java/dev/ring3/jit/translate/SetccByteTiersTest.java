package dev.ring3.jit.translate;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.testing.TierLoops;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SETcc followed by reads of the byte it wrote (the translator keeps the byte in a local until the register is
 * written otherwise, {@link Gen#byteKnown}): the compilers' {@code setg al; movzbl al, eax} idiom, and every way the
 * kept byte must be forgotten (a byte write, a full write, a POP, an XCHG, a high-byte write, another block, a
 * fallback's reload), with the merged upper bits read too: loops end translated in the state the interpreter
 * leaves.
 */
class SetccByteTiersTest {
    @TempDir
    Path dir;

    static final String[] LOOPS = {
        // a comparison function's result: (x > y) - (x < y), summed
        "mov rcx, 3000\n1:\nmov rax, rcx\nimul rax, rbx\ncmp rax, rdx\nsetg al\nsetl dl\nmovzx edx, dl\n"
                + "movzx eax, al\nsub eax, edx\nadd r8, rax\nadd rdx, rbx\ndec rcx\njnz 1b\nint3",
        // the kept byte forgotten: a byte write, a full write, a POP, an XCHG, a high-byte write
        "mov rcx, 3000\n1:\ncmp rcx, 1500\nseta al\nadd al, 5\nmovzx r9d, al\nadd r8, r9\n"
                + "setb r11b\nmov r11d, ebx\nmovzx r9d, r11b\nadd r8, r9\n"
                + "sete sil\npush rbx\npop rsi\nmovzx r9d, sil\nadd r8, r9\n"
                + "setne dil\nxchg rdi, rbx\nmovzx r9d, dil\nadd r8, r9\nxchg rdi, rbx\n"
                + "setp r10b\nmov r10, rbx\nmovzx r9d, r10b\nadd r8, r9\n"
                + "sets al\nmov ah, 7\nmovzx r9d, al\nadd r8, r9\nmovzx edx, ah\nadd r8, rdx\nadd r8, rax\n"
                + "dec rcx\njnz 1b\nint3",
        // the byte read in another block (a branch between), and the merged register read whole
        "mov rcx, 3000\n1:\nmov rax, rbx\nxor rax, rcx\ntest rcx, 3\nsetz al\njz 2f\nadd r8, 1\n2:\n"
                + "movzx r9d, al\nadd r8, r9\nadd r8, rax\nsetc bl\nmovsx r9, bl\nadd r8, r9\nadd rbx, rcx\n"
                + "dec rcx\njnz 1b\nint3",
        // into memory (not kept), then the register form reading it back; RSP's byte, then a PUSH
        "mov rcx, 3000\nmov r12, 0x500000\n1:\ncmp rcx, rbx\nsetl byte ptr [r12]\nmovzx r9d, byte ptr [r12]\n"
                + "add r8, r9\nsetge dl\nmovzx r9d, dl\nadd r8, r9\nadd r8, rdx\n"
                + "lea rsp, [r12+0x800]\nsete spl\npush rbx\nmovzx r9d, spl\nadd r8, r9\npop rbx\n"
                + "dec rcx\njnz 1b\nint3",
    };

    @Test
    void loopsEndAsInterpreted() throws Exception {
        TierLoops.assertSameAsInterpreted(dir, c -> {
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            c.r[Cpu.RDX] = 0x0123456789ABCDEFL;
            c.r[Cpu.RSI] = -1;
            c.r[Cpu.RDI] = 0x5555_5555_5555_5555L;
            c.r[Cpu.RSP] = TierLoops.DATA + 0x800;
        }, 1, LOOPS);
    }
}
