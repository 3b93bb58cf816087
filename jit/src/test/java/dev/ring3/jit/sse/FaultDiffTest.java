package dev.ring3.jit.sse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faulting SSE instructions against the host CPU: unmasked SIMD floating-point exceptions (#XM, SIGFPE with the
 * si_code Linux picks; which flags MXCSR shows; destination unchanged), misaligned 16-byte operands of the
 * alignment-checked forms (#GP, SIGSEGV SI_KERNEL) and the forms that accept any alignment, and LDMXCSR of reserved
 * bits (#GP).
 */
class FaultDiffTest {
    @TempDir Path dir;

    private static final long ONE_D = 0x3FF0000000000000L, ONE_S = 0x3F800000L, MAX_D = 0x7FE0000000000000L;
    private static final long MIN_D = 0x0010000000000001L, HALF_D = 0x3FE0000000000000L, INF_D = 0x7FF0000000000000L;
    private static final long QNAN_D = 0x7FF8000000000000L, SNAN_D = 0x7FF0000000000001L, SNAN_S = 0x7F800001L;

    @Test
    void unmaskedExceptions() throws Exception {
        FaultDiff f = new FaultDiff();
        int[] masks = {0x1F80, 0x1D80, 0x0F80, 0x1B80, 0x1780, 0x0780, 0x1F00, 0x1E80, 0x0000, 0x9780, 0x7780};
        for (int m : masks) {
            f.add("divss xmm0, xmm1", ONE_S, 5, 0, 0, m);
            f.add("divsd xmm0, xmm1", 1, 5, 0, 0, m);                      // denormal / 0
            f.add("addsd xmm0, xmm1", ONE_D, 5, 0x3C30000000000000L, 0, m);
            f.add("mulsd xmm0, xmm1", MAX_D, 5, MAX_D, 0, m);
            f.add("mulsd xmm0, xmm1", 0x0010000000000000L, 5, HALF_D, 0, m);
            f.add("mulsd xmm0, xmm1", MIN_D, 5, HALF_D, 0, m);
            f.add("mulsd xmm0, xmm1", MIN_D, 5, 0x3FE0000000000001L, 0, m);
            f.add("mulsd xmm0, xmm1", 0x7FEFFFFFFFFFFFFFL, 5, 0x3FF0000000000001L, 0, m);
            f.add("divss xmm0, xmm1", 0x00800001L, 5, 0x40400000L, 0, m);
            f.add("cvtsd2ss xmm0, xmm1", 3, 5, 0x3690000000000000L, 0, m);
            f.add("cvtsd2ss xmm0, xmm1", 3, 5, 0x47EFFFFFF0000000L, 0, m);
            f.add("mulpd xmm0, xmm1", MAX_D, 0x3FF0000000000001L, MAX_D, 0x3FF0000000000001L, m);
            f.add("addps xmm0, xmm1", 0x7F8000003F800000L, 7, 0xFF80000033000000L, 9, m);
            f.add("addsd xmm0, xmm1", 1, 5, ONE_D, 0, m);
            f.add("subsd xmm0, xmm1", INF_D, 5, INF_D, 0, m);
            f.add("sqrtsd xmm0, xmm1", 7, 5, 0xBFF0000000000000L, 0, m);
            f.add("minsd xmm0, xmm1", QNAN_D, 5, ONE_D, 0, m);
            f.add("cvtsd2si eax, xmm1", 0, 0, INF_D, 0, m);
            f.add("cvttsd2si rax, xmm1", 0, 0, 0x43E0000000000000L, 0, m);
            f.add("cvtsd2si eax, xmm1", 0, 0, 0x3FF8000000000000L, 0, m);
            f.add("cvtsd2ss xmm0, xmm1", 3, 5, 0x47F0000000000000L, 0, m);
            f.add("cvtsd2ss xmm0, xmm1", 3, 5, 0x3690000000000001L, 0, m);
            f.add("cvtpd2ps xmm0, xmm1", 3, 5, 0x3690000000000001L, 0x3FF0000000000001L, m);
            f.add("cvtpd2ps xmm0, xmm1", 3, 5, 0x3690000000000000L, 0x47F0000000000000L, m);
            f.add("cvtss2sd xmm0, xmm1", 3, 5, SNAN_S, 0, m);
            f.add("cvtsi2sd xmm0, rax\ncvtsi2ss xmm0, rax", 3, 5, 0, 0, m);
            f.add("cvtsi2ss xmm0, rax", 3, 5, 0, 0, m);
            f.add("comisd xmm0, xmm1", ONE_D, 5, QNAN_D, 0, m);
            f.add("ucomisd xmm0, xmm1", ONE_D, 5, QNAN_D, 0, m);
            f.add("ucomisd xmm0, xmm1", ONE_D, 5, SNAN_D, 0, m);
            f.add("cmpltpd xmm0, xmm1", ONE_D, 2, QNAN_D, 3, m);
            f.add("cmpeqpd xmm0, xmm1", ONE_D, 2, QNAN_D, 3, m);
            f.add("cvttps2dq xmm0, xmm1", 0, 0, 0x4F0000003F800000L, 0x3FC00000L, m);
            f.add("rcpps xmm0, xmm1", 0, 0, 0, SNAN_S, m);
            f.add("addsd xmm0, xmm1\naddsd xmm0, xmm1", ONE_D, 5, 0x3C30000000000000L, 0, m);
        }
        f.verify(dir);
    }

    @Test
    void alignment() throws Exception {
        FaultDiff f = new FaultDiff();
        String[] checked = {"movaps xmm0, [rdi+$]", "movapd [rdi+$], xmm1", "movdqa xmm0, [rdi+$]", "movdqa [rdi+$], xmm1",
            "movntps [rdi+$], xmm1", "movntpd [rdi+$], xmm1", "movntdq [rdi+$], xmm1", "addps xmm0, [rdi+$]",
            "sqrtpd xmm0, [rdi+$]", "andnps xmm0, [rdi+$]", "cmpps xmm0, [rdi+$], 1", "shufps xmm0, [rdi+$], 3",
            "unpcklps xmm0, [rdi+$]", "unpckhpd xmm0, [rdi+$]", "cvtdq2ps xmm0, [rdi+$]", "cvtpd2ps xmm0, [rdi+$]",
            "cvttpd2dq xmm0, [rdi+$]", "cvtpd2pi mm0, [rdi+$]", "paddb xmm0, [rdi+$]", "punpcklbw xmm0, [rdi+$]",
            "pshufd xmm0, [rdi+$], 0x1b", "psrlw xmm0, [rdi+$]", "pmaddwd xmm0, [rdi+$]", "rcpps xmm0, [rdi+$]",
            "movups xmm0, [rdi+$]", "movupd [rdi+$], xmm1", "movdqu xmm0, [rdi+$]", "movdqu [rdi+$], xmm1",
            "addss xmm0, [rdi+$]", "addsd xmm0, [rdi+$]", "comisd xmm0, [rdi+$]", "movhps xmm0, [rdi+$]",
            "movlpd [rdi+$], xmm1", "cvtps2pd xmm0, [rdi+$]", "cvtdq2pd xmm0, [rdi+$]", "movq xmm0, [rdi+$]",
            "movsd [rdi+$], xmm1", "paddb mm0, [rdi+$]\nemms", "cvtpi2ps xmm0, [rdi+$]", "cvtss2si eax, [rdi+$]"};
        for (String insn : checked) {
            for (int off : new int[] {0, 1, 4, 8, 12, 15}) {
                f.add(insn.replace("$", Integer.toString(off)), 0x1122334455667788L, -1L, 0x0102030405060708L, 0x0A0B0C0D0E0F0001L, 0x1F80);
            }
        }
        f.verify(dir);
    }

    @Test
    void ldmxcsrReservedBits() throws Exception {
        FaultDiff f = new FaultDiff();
        for (long v : new long[] {0x1F80, 0xFFFF, 0x10000, 0x41F80, 0x80001F80L, 0xFFFF0000L, 0x1FBF}) {
            f.add("mov dword ptr [rdi+4], " + v + "\nldmxcsr [rdi+4]\nstmxcsr [rdi+8]", 1, 2, 3, 4, 0x1F80);
        }
        f.verify(dir);
    }
}
