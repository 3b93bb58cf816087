package dev.ring3.decoder;

/** Small constructors that keep the opcode maps readable as tables. */
final class Maps {
    private Maps() {}

    static Row r(String mnemonic, Op op, String operands, int attrs) { return Row.of(mnemonic, op, operands, attrs); }
    static Row r(String mnemonic, Op op, String operands) { return Row.of(mnemonic, op, operands, 0); }
    static Row r(String mnemonic, Op op) { return Row.of(mnemonic, op, "", 0); }
    static Row un(String mnemonic, String operands) { return Row.unsupported(mnemonic, operands); }
    static Row un(String mnemonic) { return Row.unsupported(mnemonic, ""); }

    /** An opcode group selected by ModRM.reg: exactly eight cells, nulls for holes. */
    static Entry group(Entry... byReg) {
        if (byReg.length != 8) throw new IllegalArgumentException("a group has 8 cells");
        return new Entry.ByReg(byReg);
    }

    static Entry mod(Entry mem, Entry reg) { return new Entry.ByMod(mem, reg); }

    static Entry rm(Entry... byRm) {
        if (byRm.length != 8) throw new IllegalArgumentException("rm selects among 8 cells");
        return new Entry.ByRm(byRm);
    }

    /** Mandatory-prefix variants: none, 66, F3, F2 (nulls for absent ones, which fall back to none). */
    static Entry pfx(Entry none, Entry p66, Entry pF3, Entry pF2) {
        return new Entry.ByPrefix(none, p66, pF3, pF2, false);
    }

    /** SSE/MMX mandatory-prefix variants: none, 66, F3, F2; a prefix whose variant is null makes the encoding invalid. */
    static Entry sse(Entry none, Entry p66, Entry pF3, Entry pF2) {
        return new Entry.ByPrefix(none, p66, pF3, pF2, true);
    }

    static Entry w(Entry w0, Entry w1) { return new Entry.ByRexW(w0, w1); }
}
