package dev.ring3.jit.sse;

import static dev.ring3.jit.sse.IntInputs.eight;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MMX and SSE2 packed-integer instructions against the host CPU, in their XMM form (register and aligned memory
 * source) and MMX form (register and memory source; MMX registers are loaded from and stored back to XMM registers
 * with MOVDQ2Q/MOVQ2DQ, which are tested too).
 */
class SseIntegerDiffTest {
    @TempDir Path dir;

    static final String[] LANE_OPS = {"paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq",
        "paddsb", "paddsw", "paddusb", "paddusw", "psubsb", "psubsw", "psubusb", "psubusw", "pmullw", "pmulhw",
        "pmulhuw", "pmuludq", "pmaddwd", "psadbw", "pavgb", "pavgw", "pminub", "pmaxub", "pminsw", "pmaxsw",
        "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd", "pand", "pandn", "por", "pxor",
        "packsswb", "packuswb", "packssdw", "punpcklbw", "punpcklwd", "punpckldq", "punpckhbw", "punpckhwd",
        "punpckhdq"};

    /** MMX register k from the low quadword of XMM(8+k) ... */
    static final String MM_IN = "movdq2q mm$k, $d\nmovdq2q mm7, $s\n";
    /** ... and back into XMMk. */
    static final String MM_OUT = "movq2dq $d, mm$k\n";

    @Test
    void laneOperations() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(60, 101);
        for (String op : LANE_OPS) {
            b.add(eight(op + " $d, $s"), in, 0);
            b.add(eight(op + " $d, xmmword ptr [rsp-0x400+16*$k]"), in.subList(0, 15), 0);
            b.add(eight(MM_IN + op + " mm$k, mm7\n" + MM_OUT), in.subList(0, 30), 0);
            String m64 = op.startsWith("punpckl") ? "dword" : "qword";   // the MMX low unpacks read mm/m32
            b.add(eight(MM_IN + op + " mm$k, " + m64 + " ptr [rsp-0x400+8*$k]\n" + MM_OUT), in.subList(0, 15), 0);
        }
        for (String op : new String[] {"punpcklqdq", "punpckhqdq"}) {
            b.add(eight(op + " $d, $s"), in, 0);
            b.add(eight(op + " $d, xmmword ptr [rsp-0x400+16*$k]"), in.subList(0, 15), 0);
        }
        b.add("emms", in.subList(0, 1), 0);
        Runs.verify(b, "SseIntegerDiffTest.laneOperations");
    }

    @Test
    void shifts() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(16, 102);
        // counts in the low quadword of the source: small, at and past the lane widths, and with high bits set
        long[] counts = {0, 1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 0x1_0000_0001L, -1L, 0x8000_0000_0000_0004L};
        for (String op : new String[] {"psrlw", "psraw", "psllw", "psrld", "psrad", "pslld", "psrlq", "psllq"}) {
            for (int imm : new int[] {0, 1, 4, 7, 15, 16, 31, 32, 63, 64, 200, 255}) {
                b.add(eight(op + " $d, " + imm), in.subList(0, 4), 0);
                b.add(eight(MM_IN + op + " mm$k, " + imm + "\n" + MM_OUT), in.subList(0, 2), 0);
            }
            for (long n : counts) {
                String load = "mov rax, " + n + "\nmovq xmm15, rax\nmov [rsp-0x300], rax\n";
                b.add(load + eight(op + " $d, xmm15"), in.subList(0, 4), 0);
                b.add(load + eight(op + " $d, xmmword ptr [rsp-0x300]"), in.subList(4, 6), 0);
                b.add(load + eight("movdq2q mm$k, $d\nmovdq2q mm7, xmm15\n" + op + " mm$k, mm7\n" + MM_OUT), in.subList(6, 8), 0);
                b.add(load + eight("movdq2q mm$k, $d\n" + op + " mm$k, qword ptr [rsp-0x300]\n" + MM_OUT), in.subList(8, 10), 0);
            }
        }
        for (String op : new String[] {"psrldq", "pslldq"}) {
            for (int imm = 0; imm <= 17; imm++) b.add(eight(op + " $d, " + imm), in.subList(0, 3), 0);
            b.add(eight(op + " $d, 255"), in.subList(0, 3), 0);
        }
        Runs.verify(b, "SseIntegerDiffTest.shifts");
    }

    @Test
    void shufflesAndExtracts() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = IntInputs.states(24, 103);
        for (int imm : new int[] {0x00, 0x1B, 0xE4, 0x4E, 0xB1, 0xFF, 0x39, 0x93, 0x72}) {
            for (String op : new String[] {"pshufd", "pshufhw", "pshuflw"}) {
                b.add(eight(op + " $d, $s, " + imm), in, 0);
                b.add(eight(op + " $d, xmmword ptr [rsp-0x400+16*$k], " + imm), in.subList(0, 4), 0);
            }
            b.add(eight(MM_IN + "pshufw mm$k, mm7, " + imm + "\n" + MM_OUT), in, 0);
            b.add(eight(MM_IN + "pshufw mm$k, qword ptr [rsp-0x400+8*$k], " + imm + "\n" + MM_OUT), in.subList(0, 4), 0);
        }
        b.add(eight("pmovmskb $e, $s"), in, 0);
        b.add(eight("pmovmskb $g, $s"), in, 0);
        b.add(eight("movdq2q mm$k, $s\npmovmskb $e, mm$k"), in, 0);
        for (int imm : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 9, 255}) {
            b.add(eight("pextrw $e, $s, " + imm), in.subList(0, 8), 0);
            b.add(eight("pextrw $g, $s, " + imm), in.subList(0, 4), 0);
            b.add(eight("movdq2q mm$k, $s\npextrw $e, mm$k, " + imm), in.subList(0, 8), 0);
            b.add(eight("pinsrw $d, $e, " + imm), in.subList(0, 8), 0);
            b.add(eight("pinsrw $d, word ptr [rsp-0x400+2*$k], " + imm), in.subList(0, 4), 0);
            b.add(eight(MM_IN + "pinsrw mm$k, $e, " + imm + "\n" + MM_OUT), in.subList(0, 8), 0);
            b.add(eight(MM_IN + "pinsrw mm$k, word ptr [rsp-0x3ff+2*$k], " + imm + "\n" + MM_OUT), in.subList(0, 4), 0);
        }
        Runs.verify(b, "SseIntegerDiffTest.shufflesAndExtracts");
    }
}
