package dev.ring3.decoder;

import java.util.HashMap;
import java.util.Map;

/**
 * Mnemonics of VEX and EVEX encoded instructions, for printing and SIGILL messages. Most are "v" plus the legacy
 * SSE name of the same map, opcode and prefix; instructions with no legacy twin (AVX2 permutes, BMI, AVX-512
 * masks) are listed here.
 */
final class VexNames {
    private VexNames() {}

    /** Key: evex(1) map(3) pp(2) W(1) opcode(8). */
    private static final Map<Integer, String> SPECIAL = new HashMap<>();

    static String name(boolean evex, int map, int pp, int opcode, boolean w) {
        String s = SPECIAL.get(key(evex, map, pp, w, opcode));
        if (s == null) s = SPECIAL.get(key(evex, map, pp, false, opcode) | ANY_W);
        if (s != null) return s;
        String legacy = legacyName(map, pp, opcode);
        return legacy == null ? "(bad)" : "v" + legacy;
    }

    private static final int ANY_W = 1 << 20;

    private static int key(boolean evex, int map, int pp, boolean w, int opcode) {
        return (evex ? 1 << 14 : 0) | (map << 11) | (pp << 9) | (w ? 1 << 8 : 0) | opcode;
    }

    /** The legacy row's first mnemonic for a map (1 = 0F, 2 = 0F38, 3 = 0F3A) and implied prefix. */
    private static String legacyName(int map, int pp, int opcode) {
        Entry[] m = switch (map) {
            case 1 -> TwoByteMap.MAP;
            case 2 -> ThreeByteMaps.MAP_38;
            case 3 -> ThreeByteMaps.MAP_3A;
            default -> null;
        };
        if (m == null) return null;
        Entry e = m[opcode];
        if (e instanceof Entry.ByPrefix p) {
            e = switch (pp) { case 0 -> p.none(); case 1 -> p.p66(); case 2 -> p.pF3(); default -> p.pF2(); };
        } else if (pp != 0 && !(e instanceof Row)) {
            return null;
        }
        Row row = firstRow(e);
        return row == null || row.op == Op.INVALID ? null : row.names[0];
    }

    private static Row firstRow(Entry e) {
        return switch (e) {
            case null -> null;
            case Row r -> r;
            case Entry.ByMod m -> firstRow(m.reg() != null ? m.reg() : m.mem());
            case Entry.ByRexW w -> firstRow(w.w0());
            case Entry.ByPrefix p -> firstRow(p.none());
            case Entry.ByReg g -> null;
            case Entry.ByRm r -> null;
        };
    }
}
