package dev.ring3.decoder;

/**
 * A cell of an opcode map: either a {@link Row} (a leaf) or a selector that picks the next cell by something the
 * decoder has read: the ModRM reg field, ModRM mod (memory or register form), the ModRM r/m field, a mandatory
 * prefix, or REX.W. Maps are arrays of these, so each opcode's shape is data, as in the SDM's tables.
 */
sealed interface Entry permits Row, Entry.ByReg, Entry.ByMod, Entry.ByRm, Entry.ByPrefix, Entry.ByRexW {

    /** True if choosing among this entry's children needs the ModRM byte. */
    boolean needsModrm();

    /** Selects by ModRM.reg (opcode groups, "/digit" in the SDM). */
    record ByReg(Entry[] byReg) implements Entry {
        public boolean needsModrm() { return true; }
    }

    /** Selects the memory form (mod != 3) or the register form (mod == 3). */
    record ByMod(Entry mem, Entry reg) implements Entry {
        public boolean needsModrm() { return true; }
    }

    /** Selects by ModRM.rm; only reached for register forms. */
    record ByRm(Entry[] byRm) implements Entry {
        public boolean needsModrm() { return true; }
    }

    /**
     * Selects by mandatory prefix: none, 66, F3, F2. The prefix chosen is the last F2/F3 if any, else 66. In a
     * {@code strict} table (the SSE and MMX rows) a prefix without its own variant makes the encoding invalid, as
     * objdump reads it; otherwise a missing variant falls back to the unprefixed one and the prefix stays an
     * ordinary prefix (F3 before BSF, 66 before NOP).
     */
    record ByPrefix(Entry none, Entry p66, Entry pF3, Entry pF2, boolean strict) implements Entry {
        public boolean needsModrm() { return false; }
    }

    /** Selects by REX.W (e.g. MOVD/MOVQ, CMPXCHG8B/16B). */
    record ByRexW(Entry w0, Entry w1) implements Entry {
        public boolean needsModrm() { return false; }
    }
}
