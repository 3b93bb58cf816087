package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.IntInputs.eight;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSE/SSE2/MMX data movement against the host CPU: whole, scalar and half-register moves between registers and
 * (aligned and unaligned) memory, MOVD/MOVQ in all forms, MOVQ2DQ/MOVDQ2Q, non-temporal and byte-masked stores,
 * sign masks, floating-point logic, shuffles and unpacks, and LDMXCSR/STMXCSR.
 */
class SseMovesDiffTest {
    @TempDir Path dir;

    @Test
    void moves() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(12, 201);
        for (String op : new String[] {"movaps", "movapd", "movdqa", "movups", "movupd", "movdqu"}) {
            b.add(eight(op + " $d, $s"), in, 0);
            b.add(eight(op + " $d, xmmword ptr [rsp-0x400+16*$k]"), in, 0);
            b.add(eight(op + " xmmword ptr [rsp-0x400+16*$k], $s"), in, 0);
        }
        for (String op : new String[] {"movups", "movupd", "movdqu"}) {
            b.add(eight(op + " $d, xmmword ptr [rsp-0x403+17*$k]"), in, 0);
            b.add(eight(op + " xmmword ptr [rsp-0x405+19*$k], $s"), in, 0);
        }
        for (String op : new String[] {"movntps", "movntpd", "movntdq"}) {
            b.add(eight(op + " xmmword ptr [rsp-0x400+16*$k], $s"), in, 0);
        }
        b.add(eight("movdq2q mm$k, $s\nmovntq qword ptr [rsp-0x400+9*$k], mm$k"), in, 0);
        for (String op : new String[] {"movss", "movsd"}) {
            String size = op.equals("movss") ? "dword" : "qword";
            b.add(eight(op + " $d, $s"), in, 0);
            b.add(eight(op + " $d, " + size + " ptr [rsp-0x401+12*$k]"), in, 0);
            b.add(eight(op + " " + size + " ptr [rsp-0x401+12*$k], $s"), in, 0);
        }
        for (String op : new String[] {"movlps", "movhps", "movlpd", "movhpd"}) {
            b.add(eight(op + " $d, qword ptr [rsp-0x401+12*$k]"), in, 0);
            b.add(eight(op + " qword ptr [rsp-0x401+12*$k], $s"), in, 0);
        }
        b.add(eight("movhlps $d, $s"), in, 0);
        b.add(eight("movlhps $d, $s"), in, 0);
        b.add(eight("movmskps $e, $s"), in, 0);
        b.add(eight("movmskpd $e, $s"), in, 0);
        b.add(eight("movmskps $g, $s"), in, 0);
        Runs.verify(b, "SseMovesDiffTest.moves");
    }

    @Test
    void movdMovq() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(12, 202);
        b.add(eight("movd $d, $e"), in, 0);
        b.add(eight("movq $d, $g"), in, 0);
        b.add(eight("movd $d, dword ptr [rsp-0x401+12*$k]"), in, 0);
        b.add(eight("movq $d, qword ptr [rsp-0x401+12*$k]"), in, 0);
        b.add(eight("movd $e, $s"), in, 0);
        b.add(eight("movq $g, $s"), in, 0);
        b.add(eight("movd dword ptr [rsp-0x401+12*$k], $s"), in, 0);
        b.add(eight("movq qword ptr [rsp-0x401+12*$k], $s"), in, 0);
        b.add(eight("movq $d, $s"), in, 0);
        // MMX: in from a general register or memory, out to a general register, memory or an XMM register
        b.add(eight("movq mm$k, $g\nmovq2dq $d, mm$k"), in, 0);
        b.add(eight("movd mm$k, $e\nmovq2dq $d, mm$k"), in, 0);
        b.add(eight("movq mm$k, qword ptr [rsp-0x401+12*$k]\nmovq2dq $d, mm$k"), in, 0);
        b.add(eight("movd mm$k, dword ptr [rsp-0x401+12*$k]\nmovq2dq $d, mm$k"), in, 0);
        b.add(eight("movdq2q mm$k, $s\nmovq $g, mm$k"), in, 0);
        b.add(eight("movdq2q mm$k, $s\nmovd $e, mm$k"), in, 0);
        b.add(eight("movdq2q mm$k, $s\nmovq qword ptr [rsp-0x401+12*$k], mm$k"), in, 0);
        b.add(eight("movdq2q mm$k, $s\nmovd dword ptr [rsp-0x401+12*$k], mm$k"), in, 0);
        b.add(eight("movdq2q mm$k, $s\nmovq mm7, mm$k\nmovq2dq $d, mm7"), in, 0);
        b.add(eight("movdq2q mm$k, $s\nmovq mm7, $g\nmovq mm$k, mm7\nmovq2dq $d, mm$k\nemms"), in, 0);
        // the REX.W forms of 0F 6E/7E with a memory operand, which the assembler never picks for movq
        b.add(".byte 0x66, 0x48, 0x0f, 0x6e, 0x44, 0x24, 0xf0", in, 0);                  // movq xmm0, [rsp-16]
        b.add(".byte 0x66, 0x48, 0x0f, 0x7e, 0x4c, 0x24, 0xf0", in, 0);                  // movq [rsp-16], xmm1
        b.add(".byte 0x48, 0x0f, 0x6e, 0x54, 0x24, 0xf0\nmovq2dq xmm3, mm2", in, 0);    // movq mm2, [rsp-16]
        b.add("movdq2q mm5, xmm9\n.byte 0x48, 0x0f, 0x7e, 0x6c, 0x24, 0xf0", in, 0);   // movq [rsp-16], mm5
        Runs.verify(b, "SseMovesDiffTest.movdMovq");
    }

    @Test
    void maskedStores() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(40, 203);
        b.add(eight("lea rdi, [rsp-0x400+13*$k]\nmaskmovdqu $d, $s"), in, 0);
        b.add(eight("lea rdi, [rsp-0x400+13*$k]\nmov r10, 0x10000000000\nor rdi, r10\naddr32 maskmovdqu $d, $s"), in.subList(0, 10), 0);
        b.add(eight("lea rdi, [rsp-0x400+13*$k]\nmovdq2q mm0, $d\nmovdq2q mm1, $s\nmaskmovq mm0, mm1"), in, 0);
        Runs.verify(b, "SseMovesDiffTest.maskedStores");
    }

    @Test
    void logicShufflesUnpacks() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(12, 204);
        for (String op : new String[] {"andps", "andpd", "andnps", "andnpd", "orps", "orpd", "xorps", "xorpd",
            "unpcklps", "unpckhps", "unpcklpd", "unpckhpd"}) {
            b.add(eight(op + " $d, $s"), in, 0);
            b.add(eight(op + " $d, xmmword ptr [rsp-0x400+16*$k]"), in, 0);
        }
        for (int imm : new int[] {0, 1, 2, 3, 0x1B, 0xE4, 0x4E, 0xB1, 0xFF, 0x72, 0x8D}) {
            b.add(eight("shufps $d, $s, " + imm), in, 0);
            b.add(eight("shufpd $d, $s, " + imm), in, 0);
            b.add(eight("shufps $d, xmmword ptr [rsp-0x400+16*$k], " + imm), in.subList(0, 3), 0);
            b.add(eight("shufpd $d, xmmword ptr [rsp-0x400+16*$k], " + imm), in.subList(0, 3), 0);
        }
        Runs.verify(b, "SseMovesDiffTest.logicShufflesUnpacks");
    }

    @Test
    void mxcsr() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(2, 205);
        for (int v : new int[] {0x1F80, 0x0000, 0xFFFF, 0x1F81, 0x7FBF, 0x8040, 0x6000, 0x003F, 0xA5A5}) {
            b.add("mov dword ptr [rsp-8], " + v + "\nldmxcsr [rsp-8]\nstmxcsr [rsp-16]\nmov eax, [rsp-16]\n"
                    + "ldmxcsr [rsp-8]", in, 0);
        }
        Runs.verify(b, "SseMovesDiffTest.mxcsr");
    }
}
