package dev.ring3.decoder;

/**
 * Comparison predicates that objdump folds from an immediate into the mnemonic ("cmpltps", "vpcmpnequb",
 * "pclmulhqlqdq"); an immediate without a pseudo-op keeps the plain mnemonic and prints as an operand.
 */
final class Predicates {
    private Predicates() {}

    /** CMPPS/CMPPD/CMPSS/CMPSD and their VEX/EVEX forms: 8 legacy predicates, 32 with VEX. */
    private static final String[] FP = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord",
        "eq_uq", "nge", "ngt", "false", "neq_oq", "ge", "gt", "true",
        "eq_os", "lt_oq", "le_oq", "unord_s", "neq_us", "nlt_uq", "nle_uq", "ord_s",
        "eq_us", "nge_uq", "ngt_uq", "false_os", "neq_os", "ge_oq", "gt_oq", "true_us"};

    /** AVX-512 VPCMP[U]B/W/D/Q: objdump has no pseudo-op for 3 (false) and 7 (true). */
    private static final String[] INT = {"eq", "lt", "le", null, "neq", "nlt", "nle", null};

    /** Predicate of a floating-point compare, or null; {@code vex} allows all 32. */
    static String fp(long imm, boolean vex) {
        int i = (int) (imm & 0xff);
        return i < (vex ? 32 : 8) ? FP[i] : null;
    }

    /** Predicate of an AVX-512 integer compare, or null. */
    static String integer(long imm) {
        int i = (int) (imm & 0xff);
        return i < 8 ? INT[i] : null;
    }

    /** 3DNow! operations by suffix byte (AMD's 3DNow! manual); null where the byte names none. */
    private static final String[] AMD_3DNOW = new String[256];

    static {
        String[] ops = {"0cpi2fw", "0dpi2fd", "1cpf2iw", "1dpf2id", "8apfnacc", "8epfpnacc", "90pfcmpge", "94pfmin",
            "96pfrcp", "97pfrsqrt", "9apfsub", "9epfadd", "a0pfcmpgt", "a4pfmax", "a6pfrcpit1", "a7pfrsqit1",
            "aapfsubr", "aepfacc", "b0pfcmpeq", "b4pfmul", "b6pfrcpit2", "b7pmulhrw", "bbpswapd", "bfpavgusb"};
        for (String s : ops) AMD_3DNOW[Integer.parseInt(s.substring(0, 2), 16)] = s.substring(2);
    }

    /** The 3DNow! operation a suffix byte selects, or null. */
    static String amd3dnow(long imm) { return AMD_3DNOW[(int) (imm & 0xff)]; }

    /** Which quadwords PCLMULQDQ multiplies, as objdump names them (it reads 2 and 3 like 0x10 and 0x11). */
    static String clmul(long imm) {
        return switch ((int) (imm & 0xff)) {
            case 0x00 -> "lqlq";
            case 0x01 -> "hqlq";
            case 0x02, 0x10 -> "lqhq";
            case 0x03, 0x11 -> "hqhq";
            default -> null;
        };
    }
}
