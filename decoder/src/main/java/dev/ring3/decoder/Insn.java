package dev.ring3.decoder;

/**
 * One decoded x86-64 instruction: immutable, decoded once, read by the interpreter, the translator and the printer.
 *
 * <p>Design: plain final fields rather than accessors over a packed word (Blink) because the JVM reads a field as
 * cheaply as a shift-and-mask, and an object per instruction costs nothing once blocks are cached. Operands are
 * packed ints ({@link Operand}); the one memory operand's address parts are fields here. RIP-relative addresses are
 * resolved at decode time: {@link #disp} then holds the absolute address and {@link #base} is {@link #NO_REG}, so
 * no tier ever adds RIP.
 */
public final class Insn {
    public static final int NO_REG = -1;

    /** Guest address of the first byte. */
    public final long addr;
    /** Length in bytes, 1-15. */
    public final int length;
    public final Op op;
    /** Condition code 0-15 (O NO B AE E NE BE A S NS P NP L GE LE G) for the *CC operations; else 0. */
    public final int cc;
    /** Operand size in bytes (1, 2, 4, 8) for integer operations; the effective size for the rest. */
    public final int osize;
    /** Address size in bytes: 8, or 4 with a 67 prefix. */
    public final int asize;
    /** {@link Prefix} bits. */
    public final int prefixes;
    /** Number of explicit operands (0-4) and the operands themselves ({@link Operand} encoding). */
    public final int nops, o0, o1, o2, o3;
    /** Memory operand: segment override ({@link Prefix#SEG_FS}/{@link Prefix#SEG_GS} or {@link Prefix#SEG_NONE}). */
    public final int seg;
    /** Memory operand: base and index registers or {@link #NO_REG}; scale as a shift count 0-3. */
    public final int base, index, scale;
    /** Memory operand displacement; for RIP-relative operands, the absolute address. */
    public final long disp;
    /** True when the memory operand was RIP-relative (kept for printing). */
    public final boolean ripRelative;
    /** First and second immediate (relative branch targets are resolved into {@link #imm} as absolute addresses). */
    public final long imm, imm2;
    /** The table row it was decoded from: mnemonic and operand forms for printing. */
    public final Row row;

    // ---- encoding details, kept for printing: objdump shows choices that do not change what the instruction does ----
    /** The ModRM and SIB bytes as encoded, or -1 where the instruction has none. */
    public final int modrm, sib;
    /** Legacy and REX prefix bytes in encoding order, the first in the low byte (the last eight of a longer run). */
    public final long prefixBytes;
    /** The REX bits that took effect (W R X B as 8 4 2 1; 0x40 when a plain REX selected SPL-DIL). */
    public final int rexUsed;

    Insn(long addr, int length, Row row, Op op, int cc, int osize, int asize, int prefixes, int nops, int o0, int o1,
         int o2, int o3, int seg, int base, int index, int scale, long disp, boolean ripRelative, long imm, long imm2,
         int modrm, int sib, long prefixBytes, int rexUsed) {
        this.addr = addr;
        this.length = length;
        this.row = row;
        this.op = op;
        this.cc = cc;
        this.osize = osize;
        this.asize = asize;
        this.prefixes = prefixes;
        this.nops = nops;
        this.o0 = o0;
        this.o1 = o1;
        this.o2 = o2;
        this.o3 = o3;
        this.seg = seg;
        this.base = base;
        this.index = index;
        this.scale = scale;
        this.disp = disp;
        this.ripRelative = ripRelative;
        this.imm = imm;
        this.imm2 = imm2;
        this.modrm = modrm;
        this.sib = sib;
        this.prefixBytes = prefixBytes;
        this.rexUsed = rexUsed;
    }

    /** Address of the next instruction. */
    public long next() { return addr + length; }

    public boolean has(int prefix) { return (prefixes & prefix) != 0; }

    /** Operand i (0-3). */
    public int operand(int i) {
        return switch (i) { case 0 -> o0; case 1 -> o1; case 2 -> o2; default -> o3; };
    }

    /** True if one of the operands is memory. */
    public boolean hasMemory() {
        return Operand.isMem(o0) || Operand.isMem(o1) || Operand.isMem(o2) || Operand.isMem(o3);
    }

    /** Flags this instruction reads, with its condition code taken into account. */
    public int flagsRead() {
        int r = op.flagsRead;
        if (op == Op.JCC || op == Op.SETCC || op == Op.CMOVCC || op == Op.FCMOVCC) r |= FlagBits.readByCondition(cc);
        // with RCX = 0 a REP string compare executes nothing and leaves every status flag as it was
        if ((op == Op.CMPS || op == Op.SCAS) && (prefixes & (Prefix.REP | Prefix.REPNE)) != 0) r |= FlagBits.STATUS;
        // a shift or rotate leaves the flags as they were only for a count of 0: by an immediate count that is not
        // 0 (masked as the hardware does) it writes them whatever they were, and reads none
        if ((op == Op.SHL || op == Op.SHR || op == Op.SAR || op == Op.ROL || op == Op.ROR)
                && Operand.kind(o1) == Operand.IMM && (imm & (osize == 8 ? 63 : 31)) != 0) {
            r &= ~op.flagsWritten;
        }
        return r;
    }

    /** The mnemonic as objdump prints it (without prefixes such as "rep" or "lock"). */
    public String mnemonic() { return row.mnemonic(this); }

    @Override
    public String toString() { return Printer.format(this); }
}
