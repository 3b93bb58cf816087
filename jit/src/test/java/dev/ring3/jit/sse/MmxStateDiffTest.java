package dev.ring3.jit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The x87 side effects of MMX instructions against the host CPU (SDM vol. 1, 9.5): natively each snippet runs after
 * FNINIT and FLD1 (TOP 7, physical register 7 in use) and FNSTENV then reports TOP and which registers are empty;
 * ring3 starts from the same x87 state. Then, with every MMX register first loaded by MOVQ, FXSAVE reports each
 * register's significand and sign/exponent (with TOP 0, ST(i) is physical register i), compared with ring3's.
 */
class MmxStateDiffTest {
    @TempDir Path dir;

    private static final String[] SNIPPETS = {
        "nop", "xorps xmm0, xmm0", "paddb mm0, mm1", "paddb mm3, [rdi]", "movq rax, mm2", "movd eax, mm5",
        "movq mm4, rax", "movd mm6, eax", "movq [rdi], mm1", "movntq [rdi], mm7", "movq mm1, [rdi]", "emms",
        "cvtpi2ps xmm0, [rdi]", "cvtpi2ps xmm0, mm1", "cvtpi2pd xmm0, [rdi]", "cvtpi2pd xmm0, mm2",
        "cvtps2pi mm3, xmm1", "cvttpd2pi mm4, xmm1", "cvtpd2pi mm5, [rdi]", "movq2dq xmm0, mm1", "movdq2q mm2, xmm1",
        "pmovmskb eax, mm3", "pextrw eax, mm4, 2", "pinsrw mm5, eax, 3", "pshufw mm6, mm1, 0x1b", "psllq mm7, 3",
        "psrlw mm1, mm2", "maskmovq mm1, mm2", "packsswb mm2, mm3", "punpcklbw mm4, [rdi]", "pmaddwd mm0, mm0",
        "paddq mm1, mm2", "psubq mm3, [rdi]", "pmuludq mm4, mm5", "psadbw mm6, mm7", "movq mm7, mm0",
        "pxor xmm1, xmm1", "paddb mm0, mm1\nemms", "emms\npaddb mm0, mm1",
    };

    @Test
    void tagsTopAndRegisters() throws Exception {
        StringBuilder a = new StringBuilder(".intel_syntax noprefix\n.text\n");
        StringBuilder ring3Src = new StringBuilder(".intel_syntax noprefix\n.text\n");
        int n = SNIPPETS.length;
        for (int k = 0; k < n; k++) {
            String s = SNIPPETS[k];
            a.append(".globl env_").append(k).append("\nenv_").append(k).append(":\n  fninit\n  fld1\n  mov rax, 0x123456789\n")
                    .append("  mov rdi, rsi\n").append(s).append("\n  fnstenv [rsi+512]\n  fninit\n  ret\n");
            a.append(".globl regs_").append(k).append("\nregs_").append(k).append(":\n  fninit\n  mov rdi, rsi\n");
            for (int r = 0; r < 8; r++) a.append("  mov rax, ").append(0x0102030405060708L * (r + 1)).append("\n  movq mm").append(r).append(", rax\n");
            a.append("  mov rax, 0x123456789\n").append(s).append("\n  fxsave [rsi]\n  fninit\n  ret\n");
            ring3Src.append("s_").append(k).append(":\n").append(s).append("\ne_").append(k).append(":\n");
        }
        a.append(".section .data.rel.ro\n.globl envs, regss\nenvs:\n");
        for (int k = 0; k < n; k++) a.append("  .quad env_").append(k).append('\n');
        a.append("regss:\n");
        for (int k = 0; k < n; k++) a.append("  .quad regs_").append(k).append('\n');
        a.append(".section .note.GNU-stack,\"\",@progbits\n");
        String csrc = """
                #include <stdint.h>
                #include <stdio.h>
                #include <string.h>
                typedef void (*fn)(void);
                extern fn envs[], regss[];
                static uint8_t buf[1024] __attribute__((aligned(64)));
                static void call(fn f) {
                    __asm__ volatile("pxor %%%%xmm1, %%%%xmm1\\n\\tmov %%0, %%%%rsi\\n\\tcall *%%1"
                                     :: "r"(buf), "r"(f) : "rax", "rsi", "rdi", "xmm0", "xmm1", "memory");
                }
                int main(void) {
                    for (int k = 0; k < %d; k++) {
                        for (int i = 0; i < 512; i++) buf[i] = (uint8_t) (i * 13 + 5);
                        call(envs[k]);
                        uint16_t sw, tw;
                        memcpy(&sw, buf + 512 + 4, 2);
                        memcpy(&tw, buf + 512 + 8, 2);
                        fwrite(&sw, 2, 1, stdout);
                        fwrite(&tw, 2, 1, stdout);
                        call(regss[k]);
                        for (int r = 0; r < 8; r++) fwrite(buf + 32 + 16 * r, 10, 1, stdout);
                    }
                    return 0;
                }
                """.formatted(n);
        Files.writeString(dir.resolve("m.s"), a);
        Files.writeString(dir.resolve("m.c"), csrc);
        exec("gcc", "-O1", "-no-pie", "-o", dir.resolve("m").toString(), dir.resolve("m.c").toString(), dir.resolve("m.s").toString());
        Process p = new ProcessBuilder(dir.resolve("m").toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        ByteBuffer nat = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);

        byte[][] code = assemble(ring3Src.toString(), n);
        List<String> failures = new ArrayList<>();
        GuestMemory mem = GuestMemory.reserve(0x4000_0000L);
        try {
            for (int k = 0; k < n; k++) {
                int sw = nat.getShort() & 0xFFFF, tw = nat.getShort() & 0xFFFF;
                long[] mant = new long[8];
                int[] se = new int[8];
                for (int r = 0; r < 8; r++) {
                    mant[r] = nat.getLong();
                    se[r] = nat.getShort() & 0xFFFF;
                }
                // x87 state after FNINIT; FLD1: TOP 7, physical register 7 valid
                Cpu c = run(mem, code[k], cpu -> {
                    cpu.fpu.top = 7;
                    cpu.fpu.tag = 0x3FFF;
                    cpu.fpu.mant[7] = 0x8000_0000_0000_0000L;
                    cpu.fpu.se[7] = 0x3FFF;
                });
                int top = (sw >>> 11) & 7;
                String d = "";
                if (c.fpu.top != top) d += " top native " + top + " ring3 " + c.fpu.top;
                for (int r = 0; r < 8; r++) {
                    boolean nEmpty = ((tw >>> (2 * r)) & 3) == 3, rEmpty = ((c.fpu.tag >>> (2 * r)) & 3) == 3;
                    if (nEmpty != rEmpty) d += " reg" + r + " empty native " + nEmpty + " ring3 " + rEmpty;
                }
                Cpu c2 = run(mem, code[k], cpu -> {
                    for (int r = 0; r < 8; r++) {
                        cpu.fpu.mant[r] = 0x0102030405060708L * (r + 1);
                        cpu.fpu.se[r] = 0xFFFF;
                    }
                    cpu.fpu.tag = 0;
                });
                for (int r = 0; r < 8; r++) {
                    if (c2.fpu.mant[r] != mant[r] || c2.fpu.se[r] != se[r]) {
                        d += String.format(" mm%d native %04x:%016x ring3 %04x:%016x", r, se[r], mant[r], c2.fpu.se[r], c2.fpu.mant[r]);
                    }
                }
                if (!d.isEmpty()) failures.add("`" + SNIPPETS[k] + "`:" + d);
            }
        } finally {
            mem.release();
        }
        if (!failures.isEmpty()) fail(failures.size() + " of " + n + " differ:\n" + String.join("\n", failures));
    }

    private static final long CODE = 0x3000_0000L, BUF = 0x2000_0000L;

    private static Cpu run(GuestMemory mem, byte[] code, java.util.function.Consumer<Cpu> init) {
        mem.writeBytes(CODE, code, 0, code.length);
        mem.write8(CODE + code.length, 0xCC);
        byte[] b = new byte[512];
        for (int i = 0; i < 512; i++) b[i] = (byte) (i * 13 + 5);
        mem.writeBytes(BUF, b, 0, 512);
        Cpu c = new Cpu(mem, cpu -> {
            throw new IllegalStateException("syscall");
        });
        c.r[Cpu.RDI] = BUF;
        c.r[Cpu.RAX] = 0x123456789L;
        c.rip = CODE;
        init.accept(c);
        try {
            new Interpreter(new CodeCache(mem, PageInfo.ALL)).run(c);
        } catch (GuestFault f) {
            if (f.signal != GuestFault.SIGTRAP) throw f;
        }
        return c;
    }

    private byte[][] assemble(String src, int n) throws Exception {
        Path s = dir.resolve("r.s"), o = dir.resolve("r.o"), bin = dir.resolve("r.bin");
        Files.writeString(s, src);
        exec("as", "-o", o.toString(), s.toString());
        exec("objcopy", "-O", "binary", "--only-section=.text", o.toString(), bin.toString());
        byte[] text = Files.readAllBytes(bin);
        Map<String, Integer> sym = new HashMap<>();
        for (String line : exec("nm", o.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) sym.put(f[2], Integer.parseInt(f[0], 16));
        }
        byte[][] code = new byte[n][];
        for (int k = 0; k < n; k++) code[k] = Arrays.copyOfRange(text, sym.get("s_" + k), sym.get("e_" + k));
        return code;
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
