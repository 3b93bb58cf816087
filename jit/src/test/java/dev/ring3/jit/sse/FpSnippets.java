package dev.ring3.jit.sse;

/**
 * Snippet text for SSE differential tests that run one instruction on the eight operand pairs of an
 * {@link FpInputs} state and record MXCSR after each (STMXCSR to the stack area below RSP, then LDMXCSR of the
 * state's initial value), so every instruction's own exception flags are compared, not only their union.
 */
final class FpSnippets {
    private FpSnippets() {}

    /** Offset below RSP where the initial MXCSR is kept; per-instruction MXCSR values go below it. */
    static final int SAVE = 0x40;

    /** General registers used as the k-th integer operand ({@code $g}, 64-bit; {@code $e}, 32-bit). */
    static final String[] GPR64 = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9"};
    static final String[] GPR32 = {"eax", "ebx", "ecx", "edx", "esi", "edi", "r8d", "r9d"};

    /**
     * The instruction {@code insn} with {@code $d} and {@code $s} replaced by XMMk and XMM(8+k), {@code $g} and
     * {@code $e} by the k-th general register ({@link #GPR64}, {@link #GPR32}) and {@code $k} by k, k = 0..7, each
     * followed by a record of MXCSR.
     */
    static String eight(String insn) {
        StringBuilder s = new StringBuilder("stmxcsr [rsp-" + SAVE + "]\n");
        for (int k = 0; k < 8; k++) {
            s.append(subst(insn, k)).append('\n');
            s.append("stmxcsr [rsp-").append(SAVE + 4 + 4 * k).append("]\n");
            if (k < 7) s.append("ldmxcsr [rsp-").append(SAVE).append("]\n");
        }
        return s.toString();
    }

    /**
     * Like {@link #eight} with the source in memory: XMM(8+k) is first stored to a 16-byte aligned slot with
     * {@code store} (e.g. movaps, movsd) and {@code $m} names that slot.
     */
    static String eightMem(String insn, String store, String size) {
        StringBuilder s = new StringBuilder("stmxcsr [rsp-" + SAVE + "]\n");
        for (int k = 0; k < 8; k++) {
            String slot = size + " ptr [rsp-" + (0x200 + 0x10 * k) + "]";
            s.append(store).append(' ').append(slot.substring(slot.indexOf('['))).append(", xmm").append(8 + k).append('\n');
            s.append(subst(insn, k).replace("$m", slot)).append('\n');
            s.append("stmxcsr [rsp-").append(SAVE + 4 + 4 * k).append("]\n");
            if (k < 7) s.append("ldmxcsr [rsp-").append(SAVE).append("]\n");
        }
        return s.toString();
    }

    static String subst(String insn, int k) {
        return insn.replace("$d", "xmm" + k).replace("$s", "xmm" + (8 + k)).replace("$g", GPR64[k])
                .replace("$e", GPR32[k]).replace("$k", Integer.toString(k));
    }
}
