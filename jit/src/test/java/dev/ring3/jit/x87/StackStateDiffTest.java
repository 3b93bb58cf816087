package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.X87Values.*;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register stack and the saved state against the host: overflow and underflow (masked responses, IE SF C1),
 * FXCH FFREE FINCSTP FDECSTP, the constants under each rounding mode, FLDCW/FNSTCW, FNCLEX, the FNSTENV
 * environment (tags derived from contents, pointers, opcode), FNSAVE/FRSTOR and FXSAVE/FXRSTOR round trips, and
 * unmasked exceptions (the destination kept, ES and B set; FNCLEX before anything waits).
 *
 * <p>The instruction pointer in a saved environment is the code address, which differs between the native and the
 * emulated run: snippets replace it by its distance from a label ({@link #ENV}). FXSAVE's MXCSR_MASK is ring3's
 * own choice (0xFFFF; this AMD host says 0x2FFFF for its misaligned-SSE mode, which ring3 does not implement), so
 * snippets clear that field.
 */
class StackStateDiffTest {
    @TempDir Path dir;

    /** Stores the environment at +0x200 with FIP made relative to label 2 (placed before the last x87 instruction). */
    static final String ENV = """
            fnstenv [0x20000200]
            lea rax, [rip + 2b]
            sub dword ptr [0x2000020c], eax
            xor eax, eax
            fldenv [0x20000200]
            """;

    private static DiffBatch env(DiffBatch b, String setup, String last, List<State> states) {
        b.add(STORE_OPERANDS + setup + "\n2:\n" + last + "\n" + ENV + "fnstsw ax\nfninit", states, 0);
        return b;
    }

    @Test
    void stackFaultsAndEnvironment() throws Exception {
        List<State> s = new ArrayList<>();
        List<long[]> xs = values(0, 0, 0);
        for (int k = 0; k < xs.size(); k += 3) s.add(state(xs.get(k), xs.get((k * 7 + 1) % xs.size()), xs.get((k * 5 + 2) % xs.size())));
        String fill7 = "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\nfld tbyte ptr " + C
                + "\nfld1\nfldz\nfldpi\nfld tbyte ptr " + A;
        DiffBatch b = new DiffBatch(dir);
        env(b, "fld tbyte ptr " + A, "fld tbyte ptr " + B, s);
        env(b, fill7, "fld tbyte ptr " + B, s);                                  // 8 in use
        env(b, fill7 + "\nfld1", "fld tbyte ptr " + B, s);                       // overflow
        env(b, fill7 + "\nfld1", "fild dword ptr " + B, s);
        env(b, fill7 + "\nfld1", "fld st(3)", s);
        env(b, fill7 + "\nfld1", "fxtract", s);
        env(b, fill7 + "\nfld1", "fldl2t", s);
        env(b, fill7 + "\nfld1", "fbld tbyte ptr " + C, s);
        env(b, fill7 + "\nfld1", "fptan", s);                                   // the pushing transcendentals
        env(b, fill7 + "\nfld1", "fsincos", s);
        env(b, fill7.substring(0, fill7.lastIndexOf('\n')) + "\nfldz", "fptan", s);   // tan 0: exact, unlike tan A
        env(b, "", "fsin", s);
        env(b, "", "fsincos", s);
        env(b, "fld tbyte ptr " + A, "fpatan", s);
        env(b, "fld tbyte ptr " + A, "fyl2x", s);
        env(b, "", "f2xm1", s);
        env(b, "fld tbyte ptr " + A, "fadd st, st(1)", s);                       // underflow
        env(b, "fld tbyte ptr " + A, "faddp st(2), st", s);
        env(b, "fld tbyte ptr " + A, "fxch st(3)", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B, "fxch st(1)", s);
        env(b, "", "fxch st(2)", s);
        env(b, "", "fchs", s);
        env(b, "", "fsqrt", s);
        env(b, "", "fprem", s);
        env(b, "", "fstp st(3)", s);
        env(b, "", "fst dword ptr [0x20000100]", s);
        env(b, "", "fcom st(1)", s);
        env(b, "", "fxam", s);
        env(b, "fld tbyte ptr " + A, "fucomi st, st(1)", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B, "ffree st(1)", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\nffree st(0)", "fincstp", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B, "fdecstp", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\nfdecstp", "fadd st, st(1)", s);
        env(b, "fld tbyte ptr " + A + "\nfincstp\nfincstp", "fld tbyte ptr " + B, s);
        env(b, "fld tbyte ptr " + A, "fnop", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\nfld tbyte ptr " + C, "fstp st(1)", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\nfld tbyte ptr " + C, "fst st(2)", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B, "fcompp", s);
        env(b, "fld tbyte ptr " + A + "\nfld tbyte ptr " + B, "fstp tbyte ptr [rsp-64]\nmov rdx, [rsp-64]", s);
        env(b, "fld tbyte ptr " + A, "fld qword ptr [rsp+8]", s);
        X87Diff.verify(b);
    }

    @Test
    void constantsControlAndClear() throws Exception {
        String[] consts = {"fld1", "fldz", "fldpi", "fldl2e", "fldln2", "fldl2t", "fldlg2"};
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < consts.length; k++) {
            body.append(consts[k]).append("\nfnstsw word ptr [rbx+").append(16 * k + 10).append("]\n");
            body.append("fstp tbyte ptr [rbx+").append(16 * k).append("]\nfnclex\n");
        }
        DiffBatch b = new DiffBatch(dir);
        b.add(perControlWord(new int[] {0x37F, 0x77F, 0xB7F, 0xF7F, 0x07F, 0xC7F}, body.toString(), 16 * consts.length),
                new State(), 0);
        // control words: reserved bits, and what FNSTCW reads back
        List<State> cws = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(71);
        for (int k = 0; k < 40; k++) cws.add(new State().set("rdx", r.nextInt(0x10000) | 0x3F));
        cws.add(new State().set("rdx", 0xFFFF));
        cws.add(new State().set("rdx", 0x3F));
        b.add("mov [rsp-8], dx\nfldcw [rsp-8]\nfnstcw [rsp-16]\nmovzx eax, word ptr [rsp-16]\nfld1\nfld1\nfdiv st, st(1)"
                + "\nfnstsw ax\nfninit", cws, 0);
        // FNCLEX after each kind of exception; condition codes survive it
        b.add("fld1\nfldz\nfdivr st, st(1)\nfnclex\nfnstsw ax\nfninit", new State(), 0);
        b.add("fldz\nfld1\nfcom\nfsqrt\nfchs\nfsqrt\nfnclex\nfnstsw ax\nfninit", new State(), 0);
        X87Diff.verify(b);
    }

    @Test
    void unmaskedExceptions() throws Exception {
        // the pending exception stays pending: only non-waiting instructions run until FNCLEX
        String[] cases = {
            "fld1\nfldz\n2:\nfdiv st(1), st",           // ZE unmasked: ST(1) unchanged
            "fld1\nfchs\n2:\nfsqrt",                     // IE unmasked
            "fld tbyte ptr " + A + "\n2:\nfld tbyte ptr " + B + "\nfmul st, st(1)",
            "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\n2:\nfaddp st(1), st",
            "fld tbyte ptr " + A + "\n2:\nfstp qword ptr [0x20000100]",
            "fld tbyte ptr " + A + "\n2:\nfistp dword ptr [0x20000100]",
            "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\n2:\nfcomip st, st(1)\nfnstsw ax",
        };
        List<State> s = new ArrayList<>();
        List<long[]> xs = values(0, 0, 0);
        for (int k = 0; k < xs.size(); k += 2) s.add(state(xs.get(k), xs.get((k * 3 + 5) % xs.size())));
        DiffBatch b = new DiffBatch(dir);
        for (int mask : new int[] {0x37E, 0x37D, 0x37B, 0x360}) {
            for (String body : cases) {
                b.add(STORE_OPERANDS + "mov word ptr [rsp-8], " + mask + "\nfldcw [rsp-8]\n" + body + "\n"
                        + "fnstenv [0x20000200]\nlea rax, [rip + 2b]\nsub dword ptr [0x2000020c], eax\n"
                        + "fnsave [0x20000300]\nsub dword ptr [0x2000030c], eax\nxor eax, eax\nfnstsw ax\nfninit", s, 0);
            }
        }
        X87Diff.verify(b);
    }

    @Test
    void saveAndRestoreImages() throws Exception {
        SplittableRandom r = new SplittableRandom(81);
        List<State> s = new ArrayList<>();
        List<long[]> xs = values(60, 200, 82);
        for (int k = 0; k < 60; k++) {
            State st = state(xs.get(r.nextInt(xs.size())), xs.get(r.nextInt(xs.size())), xs.get(r.nextInt(xs.size())));
            for (int x = 0; x < 16; x++) st.xmm(x, r.nextLong(), r.nextLong());
            st.mxcsr = 0x1F80 | (r.nextInt(4) << 13) | r.nextInt(0x40);
            // a random environment to load: tags, status (without ES), control word (all masked), pointers
            st.set("rdx", r.nextLong()).set("r14", r.nextLong() & 0xC77F).set("rsi", r.nextLong()).set("rdi", r.nextLong());
            s.add(st);
        }
        String fill = "fld tbyte ptr " + A + "\nfld tbyte ptr " + B + "\nfld tbyte ptr " + C + "\nfldz\nfld1\n";
        String fx = "fxsave [0x20000400]\nmov dword ptr [0x2000041c], 0\n";
        DiffBatch b = new DiffBatch(dir);
        // FXSAVE of the live state, FXRSTOR of a modified image, FXSAVE again; then FXSAVE64
        b.add(STORE_OPERANDS + fill + fx
                + "mov word ptr [0x20000404], dx\nmov word ptr [0x20000402], r14w\n"
                + "mov [0x20000408], rsi\nmov [0x20000410], rdi\nmov word ptr [0x20000400], 0x0b7f\n"
                + "fxrstor [0x20000400]\nfxsave [0x20000600]\nmov dword ptr [0x2000061c], 0\n"
                + "fnstenv [0x20000800]\nfxsave64 [0x20000a00]\nmov dword ptr [0x20000a1c], 0\n"
                + "fstp tbyte ptr [0x20000c00]\nfstp tbyte ptr [0x20000c10]\nfninit\nfxrstor64 [0x20000a00]\n"
                + "fnstenv [0x20000c20]\nfninit", s, 0);
        // FNSAVE, FRSTOR of a modified image, FNSAVE again
        b.add(STORE_OPERANDS + fill + "fnsave [0x20000400]\n"
                + "mov word ptr [0x20000408], dx\nmov word ptr [0x20000404], r14w\n"
                + "mov [0x2000040c], rsi\nmov [0x20000414], rdi\n"
                + "frstor [0x20000400]\nfnsave [0x20000600]\nfrstor [0x20000600]\nfstp tbyte ptr [0x20000800]\n"
                + "fstp tbyte ptr [0x20000810]\nfnstsw ax\nfninit", s, 0);
        // FLDENV with random tags, then the registers as the tags say; FNSTENV derives the tags again
        b.add(STORE_OPERANDS + fill + "fnstenv [0x20000400]\nmov word ptr [0x20000408], dx\nmov dword ptr [0x2000040c], 0\n"
                + "mov word ptr [0x20000404], 0x3800\nfldenv [0x20000400]\nfnstenv [0x20000600]\n"
                + "fxam\nfnstsw ax\nfninit", s, 0);
        // with an exception pending, FXSAVE stores the pointers (made relative to the label)
        b.add(STORE_OPERANDS + "mov word ptr [rsp-8], 0x37b\nfldcw [rsp-8]\nfld1\nfldz\n2:\nfdivr st, st(1)\n"
                + "fxsave [0x20000400]\nmov dword ptr [0x2000041c], 0\nlea rax, [rip + 2b]\n"
                + "sub dword ptr [0x20000408], eax\nfxsave64 [0x20000600]\nmov dword ptr [0x2000061c], 0\n"
                + "sub qword ptr [0x20000608], rax\nxor eax, eax\nfnclex\nfninit", s, 0);
        // the 16-bit environment (66 prefix)
        b.add(STORE_OPERANDS + fill + "2:\nfadd st, st(1)\n.byte 0x66\nfnstenv [0x20000400]\nlea rax, [rip + 2b]\n"
                + "sub word ptr [0x20000406], ax\nxor eax, eax\n.byte 0x66\nfldenv [0x20000400]\nfnstsw ax\nfninit", s, 0);
        X87Diff.verify(b);
    }
}
