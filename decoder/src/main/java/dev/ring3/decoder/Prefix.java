package dev.ring3.decoder;

/** Bits of {@link Insn#prefixes}: the prefixes an instruction was decoded with, after mandatory-prefix use. */
public final class Prefix {
    public static final int LOCK = 1;
    /** F3 (REP/REPE), when not consumed as a mandatory prefix. */
    public static final int REP = 1 << 1;
    /** F2 (REPNE), when not consumed as a mandatory prefix. */
    public static final int REPNE = 1 << 2;
    /** 66 operand-size override (also set when 66 selected an SSE form). */
    public static final int OPSIZE = 1 << 3;
    /** 67 address-size override. */
    public static final int ADDRSIZE = 1 << 4;
    public static final int REX = 1 << 5;
    public static final int REX_W = 1 << 6;
    public static final int REX_R = 1 << 7;
    public static final int REX_X = 1 << 8;
    public static final int REX_B = 1 << 9;
    /** FS or GS segment override (the segment is {@link Insn#seg}). */
    public static final int SEG = 1 << 10;
    /** The instruction came with a VEX or EVEX prefix (decoded for length and name only). */
    public static final int VEX = 1 << 11;
    /** A mandatory 66/F2/F3 prefix was consumed to select the form. */
    public static final int MANDATORY = 1 << 12;
    /** 3E before a branch with CET: objdump's "notrack". Informational. */
    public static final int NOTRACK = 1 << 13;

    /** Segment numbers as in the SDM: ES CS SS DS FS GS. Only FS and GS carry a base in 64-bit mode. */
    public static final int SEG_NONE = -1, SEG_ES = 0, SEG_CS = 1, SEG_SS = 2, SEG_DS = 3, SEG_FS = 4, SEG_GS = 5;

    private Prefix() {}
}
