package dev.ring3.jit;

/**
 * x87 FPU state: eight 80-bit registers kept as (64-bit significand, 16-bit sign+exponent) pairs in physical order,
 * the stack top, and the control, status and tag words. MMX registers alias the significands of the physical
 * registers (MM0 is physical register 0), as on hardware.
 */
public final class X87 {
    /** Significand (with its explicit integer bit) of physical register i. */
    public final long[] mant = new long[8];
    /** Sign (bit 15) and biased exponent (bits 0-14) of physical register i. */
    public final int[] se = new int[8];
    /** Stack top, 0-7. ST(i) is physical register (top + i) & 7. */
    public int top;
    /** Control word; 0x37F after FNINIT (all exceptions masked, 64-bit precision, round to nearest). */
    public int cw = 0x37F;
    /** Status word without TOP (bits 11-13 come from {@link #top} when read). */
    public int sw;
    /**
     * Tag word, two bits per physical register: 0 valid, 1 zero, 2 special, 3 empty. The x87 semantics keep only
     * empty (3) versus in use (0 is written); the stored forms (FNSTENV, FNSAVE) derive zero and special from the
     * register contents, as the hardware does.
     */
    public int tag = 0xFFFF;
    /** Last instruction and operand pointers (FNSTENV/FXSAVE report them). */
    public long lastIp, lastDp;
    /**
     * Last x87 opcode (11 bits: low three bits of the escape byte, then ModRM), or -1 when it is to be read from the
     * code at {@link #lastIp} (the x87 semantics record only the address; FNSTENV and FXSAVE derive the opcode).
     */
    public int lastOpcode;
    /** Code and data selectors that go with {@link #lastIp} and {@link #lastDp} in FNSTENV's 32-bit format. */
    public int lastCs, lastDs;

    /**
     * Scratch latch of the software arithmetic ({@code dev.ring3.jit.x87.F80}), not architectural state: the last
     * computed 80-bit result (significand and sign+exponent) and the exception flags and C1 raised by the
     * instruction running now, which it commits to {@link #sw} once its memory accesses have succeeded.
     */
    public long resMant;
    public int resSe;
    public int exc;

    public void copyFrom(X87 o) {
        System.arraycopy(o.mant, 0, mant, 0, 8);
        System.arraycopy(o.se, 0, se, 0, 8);
        top = o.top;
        cw = o.cw;
        sw = o.sw;
        tag = o.tag;
        lastIp = o.lastIp;
        lastDp = o.lastDp;
        lastOpcode = o.lastOpcode;
        lastCs = o.lastCs;
        lastDs = o.lastDs;
    }

    /** True if the architectural state (not the scratch latch) equals {@code o}'s. */
    public boolean sameAs(X87 o) {
        return java.util.Arrays.equals(mant, o.mant) && java.util.Arrays.equals(se, o.se) && top == o.top
                && cw == o.cw && sw == o.sw && tag == o.tag && lastIp == o.lastIp && lastDp == o.lastDp
                && lastOpcode == o.lastOpcode && lastCs == o.lastCs && lastDs == o.lastDs;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("cw=%04x sw=%04x tag=%04x top=%d", cw, statusWord(), tag, top));
        for (int k = 0; k < 8; k++) sb.append(String.format(" r%d=%04x:%016x", k, se[k], mant[k]));
        return sb.toString();
    }

    /** FNINIT. */
    public void reset() {
        cw = 0x37F;
        sw = 0;
        tag = 0xFFFF;
        top = 0;
        lastIp = lastDp = 0;
        lastOpcode = 0;
        lastCs = lastDs = 0;
    }

    /** The status word as FNSTSW reads it, TOP included. */
    public int statusWord() { return (sw & ~0x3800) | (top << 11); }
}
