package dev.ring3.decoder;

import java.util.Arrays;

/**
 * A leaf of an opcode map: one instruction form, written in the SDM's own terms, e.g.
 * {@code Row.of("add", Op.ADD, "Ev,Gv", LOCK)}. The mnemonic may depend on the operand size, written as
 * alternatives for 16/32/64-bit operands: {@code "cbw/cwde/cdqe"}.
 */
public final class Row implements Entry {
    /** LOCK prefix permitted (it is #UD otherwise). */
    public static final int LOCK = 1;
    /** Operand size defaults to 64 bits (66 gives 16), e.g. PUSH, POP. */
    public static final int D64 = 1 << 1;
    /** Operand size is 64 bits whatever the prefixes, e.g. near branches. */
    public static final int F64 = 1 << 2;
    /** Byte operation where the operands do not say so (string instructions). */
    public static final int BYTE = 1 << 3;
    /** Mnemonic alternatives are chosen by address size (jecxz/jrcxz), not operand size. */
    public static final int BY_ASIZE = 1 << 4;
    /** Operand size is 32 bits, or 16 with 66; REX.W has no effect (IN, OUT, INS, OUTS). */
    public static final int Z32 = 1 << 5;
    /** ModRM.mod is ignored and read as 3: the r/m field names a register, no SIB or displacement (MOV CRn/DRn). */
    public static final int MOD_IGNORED = 1 << 6;

    /** The row of encodings that are #UD: objdump's "(bad)". */
    public static final Row INVALID = new Row("(bad)", Op.INVALID, 0, "", 0);

    final String[] names;
    final Op op;
    final int cc;
    final Spec[] specs;
    final int attrs;
    final boolean needsModrm;
    /** True if a 66 prefix changes what the instruction does or how it prints. */
    final boolean sized66;
    /** True if REX.W changes what the instruction does or how it prints. */
    final boolean sizedW;
    /** A far-pointer operand (m16:16 with 66, else m16:32 in objdump's reading). */
    final boolean farPointer;

    private Row(String mnemonic, Op op, int cc, String operands, int attrs) {
        this.names = mnemonic.split("/");
        this.op = op;
        this.cc = cc;
        this.specs = operands.isEmpty() ? new Spec[0]
                : Arrays.stream(operands.split(",")).map(Spec::parse).toArray(Spec[]::new);
        this.attrs = attrs;
        boolean m = false;
        for (Spec s : specs) m |= s.needsModrm();
        this.needsModrm = m;
        boolean string = (attrs & BYTE) == 0
                && switch (op) { case MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS -> true; default -> false; };
        boolean sized = string, far = false;
        for (Spec s : specs) {
            sized |= s.size == Spec.SZ_V || s.size == Spec.SZ_Z;
            far |= s.size == Spec.SZ_P;
        }
        boolean byName = (attrs & BY_ASIZE) == 0;
        this.sized66 = sized || byName && names.length > 1;
        this.sizedW = sized || byName && names.length > 2;
        this.farPointer = far;
    }

    public static Row of(String mnemonic, Op op, String operands, int attrs) {
        return new Row(mnemonic, op, 0, operands, attrs);
    }

    public static Row of(String mnemonic, Op op, String operands) { return of(mnemonic, op, operands, 0); }

    public static Row of(String mnemonic, Op op) { return of(mnemonic, op, "", 0); }

    /** A row of a condition-code family: the mnemonic is prefix + condition name ("j" + "ne"). */
    public static Row cc(String prefix, Op op, int cc, String operands, int attrs) {
        return new Row(prefix + Conditions.NAMES[cc], op, cc, operands, attrs);
    }

    /** A condition-code row whose mnemonic is spelled out (FCMOVNB, FCMOVU...). */
    public static Row ccNamed(String mnemonic, Op op, int cc, String operands) {
        return new Row(mnemonic, op, cc, operands, 0);
    }

    /** An instruction ring3 decodes and prints but does not execute. */
    public static Row unsupported(String mnemonic, String operands) { return of(mnemonic, Op.UNSUPPORTED, operands); }

    public Op op() { return op; }

    boolean has(int attr) { return (attrs & attr) != 0; }

    /** The mnemonic for this decoded instance. */
    String mnemonic(Insn i) {
        if (names.length == 1) return names[0];
        int size = has(BY_ASIZE) ? i.asize : i.osize;
        int k = size == 2 ? 0 : size == 4 ? 1 : 2;
        return names[Math.min(k, names.length - 1)];
    }

    @Override
    public boolean needsModrm() { return needsModrm; }

    @Override
    public String toString() { return names[0] + " " + Arrays.toString(specs); }
}
