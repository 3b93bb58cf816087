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
