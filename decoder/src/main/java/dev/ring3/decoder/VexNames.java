package dev.ring3.decoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mnemonics of VEX and EVEX encoded instructions, for printing and SIGILL messages, as objdump spells them.
 *
 * <p>Two sources, tried in order. First the rows of {@link VexRows}, {@link EvexRows} and {@link Fp16Rows}, written in a line
 * notation close to the SDM's opcode headers: {@code [V|E] PP MAP OP[/reg] [W0|W1] [L0|L1|L2] [m|r] name}, where
 * V or E limits a row to VEX or EVEX, PP is NP/66/F3/F2, MAP is 0F/0F38/0F3A/M5/M6, m and r select the memory or
 * register form, and a name "a|b" is a for W0 and b for W1. A name may hold a predicate taken from the immediate:
 * {@code {cmp}} (vcmp{cmp}ps, the 32 VEX predicates), {@code {pcmp}} (vpcmp{pcmp}ub) or {@code {clmul}}.
 * Among the rows of one opcode the most specific match wins.
 *
 * <p>Second, for the SSE instructions that AVX re-encoded unchanged, "v" plus the legacy row's name: the legacy
 * map is walked with the same prefix, W, ModRM.mod and ModRM.reg, and only rows with an XMM operand count (so a
 * general-purpose legacy row never lends its name to a VEX encoding).
 */
final class VexNames {
    private VexNames() {}

    private static final int VEX = 1, EVEX = 2;

    /** One row of the tables: constraints (-1 = any) and the names for W0 and W1. */
    private record Rule(int kinds, int reg, int w, int l, int mod, String w0, String w1, int specificity) {
        boolean matches(int kind, int reg, int w, int l, int mod) {
            return (kinds & kind) != 0 && (this.reg < 0 || this.reg == reg) && (this.w < 0 || this.w == w)
                    && (this.l < 0 || this.l == l) && (this.mod < 0 || this.mod == mod);
        }
    }

    /** Rules by cell: map slot (0-7) * 1024 + pp * 256 + opcode. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final List<Rule>[] CELLS = new List[8 * 1024];

    static {
        for (String row : VexRows.ROWS) add(row);
        for (String row : EvexRows.ROWS) add(row);
        for (String row : Fp16Rows.ROWS) add(row);
        for (List<Rule> rules : CELLS) {
            if (rules != null) rules.sort(Comparator.comparingInt(Rule::specificity).reversed());
        }
    }

    /**
     * The mnemonic of a VEX (evex false) or EVEX instruction. {@code map} is 1 (0F), 2 (0F38), 3 (0F3A) or 5-7;
     * {@code pp} the implied prefix (0 none, 1 66, 2 F3, 3 F2); {@code l} VEX.L or EVEX.L'L; {@code regForm} true
     * when ModRM.mod is 3; {@code imm} the 8-bit immediate or -1.
     */
    static String name(boolean evex, int map, int pp, int opcode, boolean w, int l, boolean regForm, int reg, int imm) {
        int kind = evex ? EVEX : VEX;
        int wBit = w ? 1 : 0, mod = regForm ? 1 : 0;
        List<Rule> rules = map < 8 ? CELLS[map * 1024 + pp * 256 + opcode] : null;
        if (rules != null) {
            for (Rule r : rules) {
                if (r.matches(kind, reg, wBit, l, mod)) return predicate(w ? r.w1 : r.w0, imm);
            }
        }
        String legacy = legacyName(map, pp, opcode, w, regForm, reg);
        return legacy == null ? "(bad)" : "v" + legacy;
    }

    private static String predicate(String name, int imm) {
        int open = name.indexOf('{');
        if (open < 0) return name;
        int close = name.indexOf('}', open);
        String which = name.substring(open + 1, close);
        String p = imm < 0 ? null : switch (which) {
            case "cmp" -> Predicates.fp(imm, true);
            case "pcmp" -> Predicates.integer(imm);
            case "clmul" -> Predicates.clmul(imm);
            default -> throw new IllegalStateException("unknown predicate " + which);
        };
        return name.substring(0, open) + (p == null ? "" : p) + name.substring(close + 1);
    }

    /** The legacy SSE name for a VEX-encoded twin, or null. */
    private static String legacyName(int map, int pp, int opcode, boolean w, boolean regForm, int reg) {
        Entry[] m = switch (map) {
            case 1 -> TwoByteMap.MAP;
            case 2 -> ThreeByteMaps.MAP_38;
            case 3 -> ThreeByteMaps.MAP_3A;
            default -> null;
        };
        if (m == null || (map != 1 && pp != 1)) return null;
        Entry e = m[opcode];
        while (e != null && !(e instanceof Row)) {
            e = switch (e) {
                case Entry.ByPrefix p -> switch (pp) { case 0 -> p.none(); case 1 -> p.p66(); case 2 -> p.pF3(); default -> p.pF2(); };
                case Entry.ByMod md -> regForm ? md.reg() : md.mem();
                case Entry.ByReg g -> g.byReg()[reg];
                case Entry.ByRexW x -> w ? x.w1() : x.w0();
                default -> null;
            };
        }
        if (!(e instanceof Row row) || row.names[0].equals("(bad)")) return null;
        for (Spec s : row.specs) {
            if (s.method == Spec.Method.V || s.method == Spec.Method.W || s.method == Spec.Method.U) return row.names[0];
        }
        return null;
    }

    // ---- parsing the row notation -------------------------------------------------------------------------------

    private static void add(String row) {
        String[] t = row.trim().split("\\s+");
        int i = 0;
        int kinds = VEX | EVEX;
        if (t[i].equals("V")) { kinds = VEX; i++; }
        else if (t[i].equals("E")) { kinds = EVEX; i++; }
        int pp = switch (t[i++]) {
            case "NP" -> 0; case "66" -> 1; case "F3" -> 2; case "F2" -> 3;
            default -> throw new IllegalArgumentException("bad prefix in " + row);
        };
        int map = switch (t[i++]) {
            case "0F" -> 1; case "0F38" -> 2; case "0F3A" -> 3; case "M5" -> 5; case "M6" -> 6;
            default -> throw new IllegalArgumentException("bad map in " + row);
        };
        String op = t[i++];
        int reg = -1;
        int slash = op.indexOf('/');
        if (slash >= 0) { reg = Integer.parseInt(op.substring(slash + 1)); op = op.substring(0, slash); }
        int opcode = Integer.parseInt(op, 16);
        int w = -1, l = -1, mod = -1;
        for (; i < t.length - 1; i++) {
            switch (t[i]) {
                case "W0" -> w = 0;
                case "W1" -> w = 1;
                case "L0" -> l = 0;
                case "L1" -> l = 1;
                case "L2" -> l = 2;
                case "m" -> mod = 0;
                case "r" -> mod = 1;
                default -> throw new IllegalArgumentException("bad qualifier " + t[i] + " in " + row);
            }
        }
        String[] names = t[t.length - 1].split("\\|");
        if (names.length > 1 && w >= 0) throw new IllegalArgumentException("W given twice in " + row);
        int specificity = (kinds != (VEX | EVEX) ? 1 : 0) + (reg >= 0 ? 1 : 0) + (w >= 0 ? 1 : 0) + (l >= 0 ? 1 : 0)
                + (mod >= 0 ? 1 : 0);
        int cell = map * 1024 + pp * 256 + opcode;
        if (CELLS[cell] == null) CELLS[cell] = new ArrayList<>(2);
        CELLS[cell].add(new Rule(kinds, reg, w, l, mod, names[0], names.length > 1 ? names[1] : names[0], specificity));
    }
}
