package dev.ring3.jit.sse;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.io.IOException;
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

/**
 * Differential tests of instructions that fault: each snippet runs natively under a SIGFPE/SIGSEGV handler that
 * records the signal, its si_code, the faulting RIP (as an offset into the snippet) and, from the signal context,
 * MXCSR, XMM0 and RAX; and under ring3, where the {@link GuestFault} gives the same. A snippet that completes is
 * compared too. Snippets start with XMM0, XMM1, RAX and MXCSR as given, RDI pointing at a 16-byte aligned 256-byte
 * buffer (compared afterwards), and must leave R15 alone.
 */
final class FaultDiff {
    private record Case(String asm, long x0lo, long x0hi, long x1lo, long x1hi, long rax, int mxcsr) {}

    /** What a run ended with. */
    private record Outcome(int signal, int code, long ripOffset, int mxcsr, long x0lo, long x0hi, long rax, byte[] buf) {
        String diff(Outcome o) {
            StringBuilder s = new StringBuilder();
            if (signal != o.signal || code != o.code) {
                s.append(String.format("  signal: native %d code %d, ring3 %d code %d%n", signal, code, o.signal, o.code));
            }
            if (ripOffset != o.ripOffset) s.append(String.format("  rip offset: native %d ring3 %d%n", ripOffset, o.ripOffset));
            if (mxcsr != o.mxcsr) s.append(String.format("  mxcsr: native %04x ring3 %04x%n", mxcsr, o.mxcsr));
            if (x0lo != o.x0lo || x0hi != o.x0hi) {
                s.append(String.format("  xmm0: native %016x_%016x ring3 %016x_%016x%n", x0hi, x0lo, o.x0hi, o.x0lo));
            }
            if (rax != o.rax) s.append(String.format("  rax: native %016x ring3 %016x%n", rax, o.rax));
            if (!Arrays.equals(buf, o.buf)) s.append("  buffer differs\n");
            return s.toString();
        }
    }

    static final int BUF = 256;
    private static final long CODE = 0x3000_0000L, BUFFER = 0x2000_0000L;
    private final List<Case> cases = new ArrayList<>();

    FaultDiff add(String asm, long x0lo, long x0hi, long x1lo, long x1hi, int mxcsr) {
        cases.add(new Case(asm, x0lo, x0hi, x1lo, x1hi, 0x1111_2222_3333_4444L, mxcsr));
        return this;
    }

    /** Runs every case both ways; fails listing the differences. Returns the number of cases. */
    int verify(Path dir) throws IOException, InterruptedException {
        List<Outcome> nat = runNative(dir);
        byte[][] code = assemble(dir);
        List<String> failures = new ArrayList<>();
        GuestMemory mem = GuestMemory.reserve(0x4000_0000L);
        try {
            for (int k = 0; k < cases.size(); k++) {
                Outcome emu = emulate(mem, code[k], cases.get(k));
                String d = nat.get(k).diff(emu);
                if (!d.isEmpty()) failures.add("`" + cases.get(k).asm + "` mxcsr " + Integer.toHexString(cases.get(k).mxcsr) + ":\n" + d);
            }
        } finally {
            mem.release();
        }
        if (!failures.isEmpty()) fail(failures.size() + " of " + cases.size() + " differ:\n" + String.join("\n", failures));
        System.out.println("[sse-diff] faults: " + cases.size() + " cases agree with the host");
        return cases.size();
    }

    private static byte[] pattern() {
        byte[] b = new byte[BUF];
        for (int k = 0; k < BUF; k++) b[k] = (byte) (k * 7 + 1);
        return b;
    }

    private Outcome emulate(GuestMemory mem, byte[] code, Case cs) {
        mem.writeBytes(CODE, code, 0, code.length);
        mem.write8(CODE + code.length, 0xCC);
        mem.writeBytes(BUFFER, pattern(), 0, BUF);
        Cpu c = new Cpu(mem, cpu -> {
            throw new IllegalStateException("syscall");
        });
        c.xmm[0] = cs.x0lo;
        c.xmm[1] = cs.x0hi;
        c.xmm[2] = cs.x1lo;
        c.xmm[3] = cs.x1hi;
        c.mxcsr = cs.mxcsr;
        c.r[Cpu.RDI] = BUFFER;
        c.r[Cpu.RAX] = cs.rax;
        c.rip = CODE;
        int signal = 0, si = 0;
        long off = -1;
        try {
            new Interpreter(new CodeCache(mem, PageInfo.ALL)).run(c);
        } catch (GuestFault f) {
            if (!(f.signal == GuestFault.SIGTRAP && f.rip == CODE + code.length + 1)) {
                signal = f.signal;
                si = f.code;
                off = f.rip - CODE;
            }
        }
        return new Outcome(signal, si, off, c.mxcsr, c.xmm[0], c.xmm[1], c.r[Cpu.RAX], mem.readBytes(BUFFER, BUF));
    }

    private byte[][] assemble(Path dir) throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int k = 0; k < cases.size(); k++) {
            s.append("s_").append(k).append(":\n").append(cases.get(k).asm).append("\ne_").append(k).append(":\n");
        }
        Path src = dir.resolve("f.s"), obj = dir.resolve("f.o"), bin = dir.resolve("f.bin");
        Files.writeString(src, s);
        exec("as", "-o", obj.toString(), src.toString());
        exec("objcopy", "-O", "binary", "--only-section=.text", obj.toString(), bin.toString());
        byte[] text = Files.readAllBytes(bin);
        Map<String, Integer> sym = new HashMap<>();
        for (String line : exec("nm", obj.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) sym.put(f[2], Integer.parseInt(f[0], 16));
        }
        byte[][] code = new byte[cases.size()][];
        for (int k = 0; k < cases.size(); k++) code[k] = Arrays.copyOfRange(text, sym.get("s_" + k), sym.get("e_" + k));
        return code;
    }

    private List<Outcome> runNative(Path dir) throws IOException, InterruptedException {
        StringBuilder a = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int k = 0; k < cases.size(); k++) {
            Case cs = cases.get(k);
            a.append(".globl case_").append(k).append(", s_").append(k).append("\ncase_").append(k).append(":\n");
            a.append("  push r15\n  mov r15, rdi\n  movdqu xmm0, [r15]\n  movdqu xmm1, [r15+16]\n  ldmxcsr [r15+32]\n");
            a.append("  mov rdi, [r15+40]\n  mov rax, [r15+48]\n");
            a.append("s_").append(k).append(":\n").append(cs.asm).append('\n');
            a.append("  movdqu [r15], xmm0\n  stmxcsr [r15+32]\n  mov [r15+48], rax\n  pop r15\n  ret\n");
        }
        a.append(".section .data.rel.ro\n.globl cases, starts\ncases:\n");
        for (int k = 0; k < cases.size(); k++) a.append("  .quad case_").append(k).append('\n');
        a.append("starts:\n");
        for (int k = 0; k < cases.size(); k++) a.append("  .quad s_").append(k).append('\n');
        a.append(".section .note.GNU-stack,\"\",@progbits\n");
        StringBuilder in = new StringBuilder();
        for (Case cs : cases) {
            in.append(String.format("{{0x%xUL,0x%xUL,0x%xUL,0x%xUL},0x%x,0x%xUL},%n", cs.x0lo, cs.x0hi, cs.x1lo, cs.x1hi,
                    cs.mxcsr, cs.rax));
        }
        String c = """
                #define _GNU_SOURCE
                #include <signal.h>
                #include <setjmp.h>
                #include <stdint.h>
                #include <stdio.h>
                #include <string.h>
                #include <ucontext.h>
                struct io { uint64_t x[4]; uint32_t mxcsr, pad; void *buf; uint64_t rax; };
                struct init { uint64_t x[4]; uint32_t mxcsr; uint64_t rax; };
                extern void (*cases[])(struct io *);
                extern uint64_t starts[];
                static const struct init inits[] = {
                %s};
                static sigjmp_buf jb;
                static struct { int32_t sig, code; int64_t off; uint32_t mxcsr, pad; uint64_t x0[2], rax; } out;
                static int current;
                static void handler(int s, siginfo_t *si, void *p) {
                    ucontext_t *uc = p;
                    out.sig = s; out.code = si->si_code;
                    out.off = (int64_t) (uc->uc_mcontext.gregs[REG_RIP] - starts[current]);
                    out.mxcsr = uc->uc_mcontext.fpregs->mxcsr;
                    memcpy(out.x0, &uc->uc_mcontext.fpregs->_xmm[0], 16);
                    out.rax = uc->uc_mcontext.gregs[REG_RAX];
                    uc->uc_mcontext.fpregs->mxcsr = 0x1f80;
                    siglongjmp(jb, 1);
                }
                int main(void) {
                    static uint8_t buf[%d] __attribute__((aligned(16)));
                    struct sigaction sa = {0};
                    sa.sa_sigaction = handler;
                    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
                    sigaction(SIGFPE, &sa, 0);
                    sigaction(SIGSEGV, &sa, 0);
                    for (current = 0; current < %d; current++) {
                        for (int k = 0; k < (int) sizeof buf; k++) buf[k] = (uint8_t) (k * 7 + 1);
                        memset(&out, 0, sizeof out);
                        static struct io io;
                        memcpy(io.x, inits[current].x, 32);
                        io.mxcsr = inits[current].mxcsr; io.buf = buf; io.rax = inits[current].rax;
                        if (!sigsetjmp(jb, 1)) {
                            cases[current](&io);
                            out.off = -1; out.mxcsr = io.mxcsr; out.x0[0] = io.x[0]; out.x0[1] = io.x[1]; out.rax = io.rax;
                        }
                        __asm__ volatile("ldmxcsr %%0" :: "m"((uint32_t){0x1f80}));
                        fwrite(&out, sizeof out, 1, stdout);
                        fwrite(buf, sizeof buf, 1, stdout);
                    }
                    return 0;
                }
                """.formatted(in, BUF, cases.size());
        Path asm = dir.resolve("fcases.s"), csrc = dir.resolve("frunner.c"), exe = dir.resolve("frunner");
        Files.writeString(asm, a);
        Files.writeString(csrc, c);
        exec("gcc", "-O1", "-no-pie", "-o", exe.toString(), csrc.toString(), asm.toString());
        Process p = new ProcessBuilder(exe.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] result = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) fail("native fault runner failed");
        int rec = 48 + BUF;
        if (result.length != rec * cases.size()) fail("native fault runner wrote " + result.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
        List<Outcome> outs = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            int sig = b.getInt(), code = b.getInt();
            long off = b.getLong();
            int mx = b.getInt();
            b.getInt();
            long lo = b.getLong(), hi = b.getLong(), rax = b.getLong();
            byte[] buf = new byte[BUF];
            b.get(buf);
            outs.add(new Outcome(sig, code, off, mx, lo, hi, rax, buf));
        }
        return outs;
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
