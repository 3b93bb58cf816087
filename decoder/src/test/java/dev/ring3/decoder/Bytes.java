package dev.ring3.decoder;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;

/** Helpers for the raw-byte decoder tests: decode hex text at an address, build expected operands. */
final class Bytes {
    /** Where the tests place their instruction (so RIP-relative and branch targets are easy to compute). */
    static final long AT = 0x1000;

    private Bytes() {}

    /** Decodes the instruction in {@code hex} ("48 01 c8") at {@link #AT}; it must use every byte. */
    static Insn d(String hex) {
        byte[] b = HexFormat.ofDelimiter(" ").parseHex(hex);
        Insn i = new Decoder().decode(CodeSource.of(b, AT), AT);
        assertEquals(b.length, i.length, () -> "length of " + hex + " (" + Printer.format(i) + ")");
        return i;
    }

    /** Decodes the first instruction in {@code hex}, which may be followed by other bytes. */
    static Insn first(String hex) {
        byte[] b = HexFormat.ofDelimiter(" ").parseHex(hex);
        return new Decoder().decode(CodeSource.of(b, AT), AT);
    }

    static int gpr(int reg, int size) { return Operand.of(Operand.GPR, size, reg); }
    static int mem(int size) { return Operand.of(Operand.MEM, size, 0); }
    static int imm(int size) { return Operand.of(Operand.IMM, size, 0); }
    static int xmm(int reg, int size) { return Operand.of(Operand.XMM, size, reg); }
    static int st(int i) { return Operand.of(Operand.ST, 10, i); }

    /** Asserts the memory operand's address parts. */
    static void address(Insn i, int base, int index, int scale, long disp) {
        assertEquals(base, i.base, "base");
        assertEquals(index, i.index, "index");
        assertEquals(scale, i.scale, "scale");
        assertEquals(disp, i.disp, "disp");
    }

    /** Asserts the operands, in order. */
    static void operands(Insn i, int... ops) {
        assertEquals(ops.length, i.nops, "operand count");
        for (int k = 0; k < ops.length; k++) {
            int want = ops[k], got = i.operand(k);
            assertEquals(Operand.kind(want), Operand.kind(got), "kind of operand " + k);
            assertEquals(Operand.size(want), Operand.size(got), "size of operand " + k);
            assertEquals(Operand.reg(want), Operand.reg(got), "register of operand " + k);
        }
    }
}
