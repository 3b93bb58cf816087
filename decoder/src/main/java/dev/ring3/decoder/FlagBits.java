package dev.ring3.decoder;

/**
 * RFLAGS bit masks (Intel SDM vol. 1, 3.4.3). The decoder records which of them each operation reads and writes so
 * the translator can skip computing flags no later instruction reads.
 */
public final class FlagBits {
    public static final int CF = 1 << 0, PF = 1 << 2, AF = 1 << 4, ZF = 1 << 6, SF = 1 << 7;
    public static final int TF = 1 << 8, IF = 1 << 9, DF = 1 << 10, OF = 1 << 11;
    public static final int AC = 1 << 18, ID = 1 << 21;
    /** The six arithmetic status flags. */
    public static final int STATUS = CF | PF | AF | ZF | SF | OF;
    /** Status flags except CF (what INC and DEC write). */
    public static final int STATUS_NO_CF = PF | AF | ZF | SF | OF;

    private FlagBits() {}

    /** The flags a condition code (the low nibble of Jcc/SETcc/CMOVcc) tests. */
    public static int readByCondition(int cc) {
        return switch (cc >> 1) {
            case 0 -> OF;            // O, NO
            case 1 -> CF;            // B, AE
            case 2 -> ZF;            // E, NE
            case 3 -> CF | ZF;       // BE, A
            case 4 -> SF;            // S, NS
            case 5 -> PF;            // P, NP
            case 6 -> SF | OF;       // L, GE
            default -> ZF | SF | OF; // LE, G
        };
    }
}
