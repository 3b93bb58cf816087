package dev.ring3.jit.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults against the host: unmasked x87 exceptions are delivered at the next waiting instruction as SIGFPE with
 * Linux's si_code (FPE_FLTINV, FLTDIV, FLTOVF, FLTUND, FLTRES), FLDCW that unmasks a raised flag makes it pending,
 * non-waiting instructions never fault, and FXSAVE/FXRSTOR on a misaligned area or with reserved MXCSR bits are #GP
 * (SIGSEGV, SI_KERNEL). Natively each snippet runs under a SA_SIGINFO handler that records the signal, si_code and
 * the faulting RIP as an offset into the snippet; ring3 must report the same.
 */
class X87FaultTest {
    @TempDir Path dir;

    static final String PRE = "fninit\nsub rsp, 1024\nand rsp, -16\n";

    /** Sets the control word to {@code cw}. */
    static String cw(int cw) { return "mov word ptr [rsp], " + cw + "\nfldcw [rsp]\n"; }

    static final String[] CASES = {
        // FNSTENV masks everything: the pending ZE is no longer delivered
        PRE + cw(0x37B) + "fld1\nfldz\nfdivp st(1), st\nfnstsw ax\nfnstenv [rsp+16]\nfwait\nnop",
        PRE + cw(0x37B) + "fld1\nfldz\nfdivp st(1), st\nfnstsw ax\nfnstcw [rsp+16]\nfwait\nnop",
        PRE + cw(0x37E) + "fld1\nfchs\nfsqrt\nfnop\nfld1",
        PRE + cw(0x35F) + "fld1\nfld1\nfadd st, st(0)\nfld1\nfaddp st(1), st\nfld1\nfdivrp st(1), st\nfstp st(0)\nfld1",
        PRE + cw(0x377) + "mov dword ptr [rsp], 0x7f7fffff\nfld dword ptr [rsp]\nfmul st, st(0)\nfmul st, st(0)\n"
                + "fmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\n"
                + "fmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfmul st, st(0)\nfld1",
        PRE + cw(0x36F) + "mov word ptr [rsp], -20000\nfild word ptr [rsp]\nfld1\nfscale\nfld1",
        PRE + cw(0x37D) + "mov dword ptr [rsp], 1\nfld dword ptr [rsp]\nfld1\nfld1",
        PRE + cw(0x37F) + "fld1\nfldz\nfdivp st(1), st\n" + cw(0x37B) + "fnop\nfld1",
        PRE + cw(0x37E) + "fld1\nfld1\nfld1\nfld1\nfld1\nfld1\nfld1\nfld1\nfld1\nfnstsw ax\nfnclex\nfld1\nfld1",
        PRE + cw(0x37E) + "fld1\nfxch st(3)\nfnstsw ax\nfnstcw [rsp+8]\nfnsave [rsp+16]\nfld1",
        PRE + cw(0x37E) + "fld1\nfxch st(3)\nfnstsw ax\nfxsave [rsp+512]\nfld1",
        PRE + cw(0x37F) + "fxsave [rsp+8]",
        PRE + "fxsave [rsp+16]\nmov dword ptr [rsp+40], 0x10000\nfxrstor [rsp+16]",
        PRE + cw(0x37B) + "fld1\nfldz\nfdivp st(1), st\nfnclex\nfwait\nfld1\nfstp st(0)\nfstp st(0)",
    };

    @Test
    void faultsLikeTheHost() throws Exception {
        List<int[]> nat = runNative();
        List<int[]> emu = runRing3();
        for (int k = 0; k < CASES.length; k++) {
            System.out.println("x87 fault case " + k + ": " + describe(nat.get(k)));
            assertEquals(describe(nat.get(k)), describe(emu.get(k)), "case " + k + ":\n" + CASES[k]);
        }
    }

    private static String describe(int[] r) {
        return r[0] == 0 ? "no fault" : "signal " + r[0] + " code " + r[1] + " at +" + r[2];
    }

    private List<int[]> runNative() throws Exception {
        StringBuilder asm = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int k = 0; k < CASES.length; k++) {
            asm.append(".globl case").append(k).append("\ncase").append(k).append(":\npush rbp\nmov rbp, rsp\n")
                    .append(".globl body").append(k).append("\nbody").append(k).append(":\n").append(CASES[k])
                    .append("\nfninit\nmov rsp, rbp\npop rbp\nret\n");
        }
        asm.append(".section .note.GNU-stack,\"\",@progbits\n");
        StringBuilder c = new StringBuilder("""
                #define _GNU_SOURCE
                #include <setjmp.h>
                #include <signal.h>
                #include <stdio.h>
                #include <ucontext.h>
                static sigjmp_buf jb;
                static volatile long rip;
                static volatile int sig, code;
                static void handler(int s, siginfo_t *si, void *uc) {
                    sig = s;
                    code = si->si_code;
                    rip = ((ucontext_t *) uc)->uc_mcontext.gregs[REG_RIP];
                    siglongjmp(jb, 1);
                }
                """);
        for (int k = 0; k < CASES.length; k++) c.append("void case").append(k).append("(void); extern char body").append(k).append("[];\n");
        c.append("int main(void) {\n    struct sigaction sa = {0};\n    sa.sa_sigaction = handler;\n    sa.sa_flags = SA_SIGINFO | SA_NODEFER;\n"
                + "    sigaction(SIGFPE, &sa, 0);\n    sigaction(SIGSEGV, &sa, 0);\n");
        for (int k = 0; k < CASES.length; k++) {
            c.append("    sig = 0; if (!sigsetjmp(jb, 1)) case").append(k).append("();\n")
                    .append("    printf(\"%d %d %ld\\n\", sig, sig ? code : 0, sig ? rip - (long) body").append(k).append(" : 0);\n");
        }
        c.append("    return 0;\n}\n");
        Path s = dir.resolve("faults.s"), src = dir.resolve("faults.c"), exe = dir.resolve("faults");
        Files.writeString(s, asm);
        Files.writeString(src, c);
        HostX87.exec("gcc", "-O1", "-no-pie", "-o", exe.toString(), src.toString(), s.toString());
        String out = HostX87.exec(exe.toString());
        List<int[]> r = new ArrayList<>();
        for (String line : out.trim().split("\n")) {
            String[] f = line.trim().split(" ");
            r.add(new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])});
        }
        return r;
    }

    private List<int[]> runRing3() throws Exception {
        List<int[]> r = new ArrayList<>();
        GuestMemory mem = GuestMemory.reserve(0x4000_0000L);
        try {
            long code = 0x3000_0000L;
            for (String body : CASES) {
                Path s = dir.resolve("one.s"), obj = dir.resolve("one.o"), bin = dir.resolve("one.bin");
                Files.writeString(s, ".intel_syntax noprefix\n.text\n" + body + "\nint3\n");
                HostX87.exec("as", "-o", obj.toString(), s.toString());
                HostX87.exec("objcopy", "-O", "binary", "--only-section=.text", obj.toString(), bin.toString());
                byte[] text = Files.readAllBytes(bin);
                code += 0x1000;
                mem.writeBytes(code, text, 0, text.length);
                Cpu c = new Cpu(mem, cpu -> {
                    throw new IllegalStateException("syscall");
                });
                c.r[Cpu.RSP] = 0x2000_1000L;
                c.rip = code;
                try {
                    new Interpreter(new CodeCache(mem, PageInfo.ALL)).run(c);
                    r.add(new int[] {-1, 0, 0});
                } catch (GuestFault f) {
                    boolean end = f.signal == GuestFault.SIGTRAP && f.rip == code + text.length;
                    r.add(end ? new int[] {0, 0, 0} : new int[] {f.signal, f.code, (int) (f.rip - code)});
                }
            }
        } finally {
            mem.release();
        }
        return r;
    }
}
