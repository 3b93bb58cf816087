package dev.ring3.decoder;

/**
 * A decoded operand packed into one {@code int}, so an {@link Insn} holds its operands as plain fields and the
 * interpreter and translator read them without indirection.
 *
 * <pre>
 *  bits 0-7   register number (GPR 0-15, or 16-19 for AH CH DH BH; XMM 0-15; ST(i) 0-7; segment 0-5)
 *  bits 8-11  kind: {@link #NONE} {@link #GPR} {@link #MEM} {@link #IMM} {@link #XMM} {@link #MMX} {@link #ST} {@link #SEG}
 *             {@link #CR} {@link #DR}
 *  bits 12-23 access size in bytes (1, 2, 4, 8, 10, 16; 0 where the size has no meaning, e.g. LEA or FXSAVE)
 * </pre>
 *
 * A memory operand's address fields (segment, base, index, scale, displacement) live in the {@link Insn} itself:
 * x86 has at most one memory operand per instruction. An immediate's value is {@link Insn#imm} (or
 * {@link Insn#imm2} for the second immediate of ENTER), already sign- or zero-extended as the instruction needs.
 */
public final class Operand {
    public static final int NONE = 0, GPR = 1, MEM = 2, IMM = 3, XMM = 4, MMX = 5, ST = 6, SEG = 7;
    /** Control and debug registers (MOV CRn/DRn: privileged, decoded for printing only). */
    public static final int CR = 8, DR = 9;

    /** Register numbers 16-19 name the legacy high-byte registers AH, CH, DH, BH (bits 8-15 of registers 0-3). */
    public static final int AH = 16;

    private Operand() {}

    public static int of(int kind, int size, int reg) { return (size << 12) | (kind << 8) | (reg & 0xff); }
    public static int kind(int op) { return (op >>> 8) & 0xf; }
    public static int size(int op) { return op >>> 12; }
    public static int reg(int op) { return op & 0xff; }
    public static boolean isMem(int op) { return kind(op) == MEM; }
    public static boolean isGpr(int op) { return kind(op) == GPR; }
    /** True for AH, CH, DH, BH. */
    public static boolean isHighByte(int op) { return kind(op) == GPR && reg(op) >= AH; }
}
