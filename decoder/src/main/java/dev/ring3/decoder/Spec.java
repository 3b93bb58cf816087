package dev.ring3.decoder;

/**
 * One operand form of a table row, in the letters of the Intel SDM's opcode tables (vol. 2, appendix A.2):
 * an addressing method and an operand size, e.g. {@code Ev} (ModRM r/m, operand-sized), {@code Ib} (8-bit immediate),
 * {@code Wsd} (XMM register or 64-bit memory). Fixed operands are spelled out: {@code AL}, {@code rAX}, {@code CL},
 * {@code DX}, {@code 1}, {@code ST0}. {@code Ibs} is an 8-bit immediate sign-extended to the operand size (the SDM
 * writes Ib and says so in a footnote); {@code Mp} a far pointer (m16:32, objdump's FWORD, or m16:16 with 66);
 * {@code eAX} EAX or AX
 * (never RAX); {@code FS}, {@code GS} and {@code XMM0} are fixed registers; {@code Cd} and {@code Dd} control and
 * debug registers.
 */
final class Spec {
    /** Addressing methods. */
    enum Method {
        E, G, M, R, I, J, O, Z, V, W, U, P, Q, N, S, C, D, STI, FIXED_GPR, FIXED_SEG, FIXED_XMM, ONE, ST0
    }

    /** Size codes; positive values are fixed sizes in bytes. */
    static final int SZ_NONE = 0, SZ_V = -1, SZ_Z = -2, SZ_Y = -3, SZ_P = -4;

    final Method method;
    final int size;
    /** Register number for fixed register operands. */
    final int reg;
    final String text;
    /** An immediate that the instruction sign-extends to its operand size (printed at that size). */
    final boolean signExtended;

    private Spec(Method method, int size, int reg, String text) {
        this.method = method;
        this.size = size;
        this.reg = reg;
        this.text = text;
        this.signExtended = text.equals("Ibs");
    }

    boolean needsModrm() {
        return switch (method) {
            case E, G, M, R, V, W, U, P, Q, N, S, C, D, STI -> true;
            default -> false;
        };
    }

    static Spec parse(String s) {
        switch (s) {
            case "AL": return new Spec(Method.FIXED_GPR, 1, 0, s);
            case "CL": return new Spec(Method.FIXED_GPR, 1, 1, s);
            case "AX": return new Spec(Method.FIXED_GPR, 2, 0, s);
            case "DX": return new Spec(Method.FIXED_GPR, 2, 2, s);
            case "EAX": return new Spec(Method.FIXED_GPR, 4, 0, s);
            case "rAX": return new Spec(Method.FIXED_GPR, SZ_V, 0, s);
            case "eAX": return new Spec(Method.FIXED_GPR, SZ_Z, 0, s);
            case "FS": return new Spec(Method.FIXED_SEG, 2, Prefix.SEG_FS, s);
            case "GS": return new Spec(Method.FIXED_SEG, 2, Prefix.SEG_GS, s);
            case "XMM0": return new Spec(Method.FIXED_XMM, 16, 0, s);
            case "1": return new Spec(Method.ONE, 1, 0, s);
            case "ST0": return new Spec(Method.ST0, 10, 0, s);
            case "Ibs": return new Spec(Method.I, 1, 0, s);
            case "STi": return new Spec(Method.STI, 10, 0, s);
            default: break;
        }
        Method m = Method.valueOf(s.substring(0, 1));
        return new Spec(m, size(s.substring(1), s), 0, s);
    }

    private static int size(String code, String whole) {
        return switch (code) {
            case "" -> SZ_NONE;
            case "b" -> 1;
            case "w" -> 2;
            case "d", "ss" -> 4;
            case "q", "sd" -> 8;
            case "t" -> 10;
            case "p" -> SZ_P;
            case "x", "ps", "pd", "dq", "o" -> 16;
            case "v" -> SZ_V;
            case "z" -> SZ_Z;
            case "y" -> SZ_Y;
            default -> throw new IllegalArgumentException("bad operand size in " + whole);
        };
    }

    @Override
    public String toString() { return text; }
}
