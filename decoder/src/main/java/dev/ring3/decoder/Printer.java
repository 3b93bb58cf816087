package dev.ring3.decoder;

/**
 * Formats instructions in Intel syntax as {@code objdump -d -M intel} does, for diagnostics (SIGILL messages,
 * --trace, tests). Not on any hot path.
 *
 * <p>A line is: prefix words, mnemonic padded to six columns, operands ({@link OperandPrinter}). Prefixes that
 * changed the decoding are silent (the operand-size 66, a mandatory prefix, the REX bits that took effect, the
 * FS/GS segment, which shows in the memory operand); the others are printed as objdump names them: data16,
 * addr32, cs/ds/es/ss/fs/gs, rep/repz/repnz, bnd (F2 on a branch), notrack (3E on an indirect branch),
 * xacquire/xrelease (F2/F3 with LOCK), lock, and rex/rex.WRXB. VEX and EVEX instructions print their mnemonic only.
 */
public final class Printer {
    private Printer() {}

    /** Name of a general-purpose register of the given size. */
    public static String gpr(int reg, int size) { return OperandPrinter.gpr(reg, size); }

    /** The instruction as objdump prints it: prefix words, mnemonic, operands (and a "# address" comment). */
    public static String format(Insn i) {
        if (i.op == Op.INVALID || i.mnemonic().equals("(bad)")) return "(bad)";
        StringBuilder sb = new StringBuilder();
        prefixWords(sb, i);
        int nops = i.nops;
        String mnemonic = moffs(i) && i.asize == 4 ? "mov" : i.mnemonic();
        String predicate = predicate(i);
        if ("(bad)".equals(predicate)) return predicate;
        if (predicate != null) {
            mnemonic = predicate;
            nops--;     // the immediate became part of the mnemonic
        }
        sb.append(mnemonic);
        if (i.has(Prefix.VEX)) return sb.toString();
        int before = sb.length();
        if (isString(i.op) || i.op == Op.XLAT) {
            pad(sb);
            OperandPrinter.stringOperands(sb, i);
        } else {
            if (nops > 0) pad(sb);
            for (int k = 0, imms = 0; k < nops; k++) {
                if (k > 0) sb.append(',');
                int o = i.operand(k);
                OperandPrinter.operand(sb, i, i.row.specs[k], o, Operand.kind(o) == Operand.IMM ? imms++ : 0);
            }
        }
        if (i.ripRelative) sb.append("        # 0x").append(Long.toHexString(i.disp));
        return sb.length() == before ? sb.toString().trim() : sb.toString();
    }

    /** objdump's pseudo-op for a compare whose predicate is an immediate (cmpltps, pclmulhqlqdq), or null. */
    private static String predicate(Insn i) {
        if (i.nops == 0 || Operand.kind(i.operand(i.nops - 1)) != Operand.IMM) return null;
        String m = i.mnemonic();
        if (m.equals("3dnow")) {
            String n = Predicates.amd3dnow(i.imm);
            return n == null ? "(bad)" : n;
        }
        String p = switch (i.op) {
            case CMPPS, CMPPD, CMPSS, CMPSD_X -> Predicates.fp(i.imm, false);
            default -> m.equals("pclmulqdq") ? Predicates.clmul(i.imm) : null;
        };
        if (p == null) return null;
        return m.equals("pclmulqdq") ? "pclmul" + p + "dq" : "cmp" + p + m.substring(3);
    }

    static boolean isString(Op op) {
        return switch (op) {
            case MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS -> true;
            default -> false;
        };
    }

    private static boolean isBranch(Op op) {
        return switch (op) {
            case JMP, JMP_IND, JCC, CALL, CALL_IND, RET -> true;
            default -> false;
        };
    }

    /** objdump's column: the words before the operands padded to six characters, then a space. */
    private static void pad(StringBuilder sb) {
        int len = sb.length();
        do sb.append(' '); while (++len < 7);
    }

    // ---- prefixes ------------------------------------------------------------------------------------------------

    private static void prefixWords(StringBuilder sb, Insn i) {
        long bytes = i.prefixBytes;
        int count = 0;
        while (count < 8 && ((bytes >>> (8 * count)) & 0xff) != 0) count++;
        int last66 = -1, last67 = -1, lastRep = -1, lastF2 = -1, lastF3 = -1, lastSeg = -1;
        boolean fsGs = false;
        for (int k = 0; k < count; k++) {
            int b = (int) (bytes >>> (8 * k)) & 0xff;
            switch (b) {
                case 0x66 -> last66 = k;
                case 0x67 -> last67 = k;
                case 0xF2 -> { lastRep = k; lastF2 = k; }
                case 0xF3 -> { lastRep = k; lastF3 = k; }
                case 0x64, 0x65 -> { lastSeg = k; fsGs = true; }
                case 0x26, 0x2E, 0x36, 0x3E -> lastSeg = k;
                default -> { }
            }
        }
        boolean repConsumed = lastRep >= 0 && i.has(Prefix.MANDATORY) && !i.has(Prefix.REP) && !i.has(Prefix.REPNE);
        boolean opsizeConsumed = i.has(Prefix.MANDATORY) && !repConsumed
                || i.osize == 2 && i.row.sized66 && !i.has(Prefix.VEX) || i.row.farPointer && i.has(Prefix.OPSIZE);
        boolean addrUsed = i.hasMemory() || isString(i.op) || i.op == Op.XLAT || i.row.has(Row.BY_ASIZE);
        // objdump takes the last segment prefix as the one in use, silently, where it shows a segment: always for
        // string instructions, for other memory operands only if FS or GS is among the prefixes
        boolean segUsed = switch (i.op) { case MOVS, CMPS, LODS, OUTS, XLAT -> true; default -> i.hasMemory() && fsGs; };
        boolean hle = i.has(Prefix.LOCK) || i.hasMemory() && (i.op == Op.XCHG);
        // each prefix byte in order: silent if it took effect, else its objdump name; of repeated F2s (F3s) only the
        // last gets the instruction's own name (rep, bnd, xacquire...), earlier ones are plain repnz (repz)
        for (int k = 0; k < count; k++) {
            int b = (int) (bytes >>> (8 * k)) & 0xff;
            String w = switch (b) {
                case 0xF0 -> "lock";
                case 0xF2, 0xF3 -> k == lastRep && repConsumed ? null
                        : k == lastF2 || k == lastF3 ? repName(i, b, hle) : b == 0xF2 ? "repnz" : "repz";
                case 0x66 -> k == last66 && opsizeConsumed ? null : "data16";
                case 0x67 -> k == last67 && addrUsed && !moffs(i) ? null : "addr32";
                case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 -> k == lastSeg && segUsed ? null : segName(i, b);
                default -> rexName(i, b, k == count - 1);
            };
            if (w != null) sb.append(w).append(' ');
        }
    }

    /** A MOV with a 64-bit absolute address (A0-A3); objdump calls it "addr32 mov" when 67 shortens the address. */
    static boolean moffs(Insn i) {
        return i.op == Op.MOV && i.nops == 2 && (i.row.specs[0].method == Spec.Method.O || i.row.specs[1].method == Spec.Method.O);
    }

    private static String segName(Insn i, int b) {
        return switch (b) {
            case 0x26 -> "es";
            case 0x2E -> "cs";
            case 0x36 -> "ss";
            case 0x3E -> i.op == Op.JMP_IND || i.op == Op.CALL_IND ? "notrack" : "ds";
            case 0x64 -> "fs";
            default -> "gs";
        };
    }

    /** The last F2 or F3 as objdump names it; {@code hle} on a locked (or XCHG) memory operation. */
    private static String repName(Insn i, int b, boolean hle) {
        if (hle) return b == 0xF2 ? "xacquire" : "xrelease";
        if (b == 0xF3 && i.op == Op.MOV && i.hasMemory() && Operand.isMem(i.o0) && !i.row.specs[0].text.startsWith("O")) {
            return "xrelease";
        }
        if (b == 0xF2) return isBranch(i.op) ? "bnd" : "repnz";
        if (isString(i.op)) return i.op == Op.CMPS || i.op == Op.SCAS ? "repz" : "rep";
        return "repz";
    }

    /** "rex.WB" etc. when some of a REX prefix's bits did nothing; null when all of them took effect. */
    private static String rexName(Insn i, int b, boolean applies) {
        if ((b & 0xF0) != 0x40 || i.has(Prefix.VEX)) return null;
        int bits = b & 0xF;
        if (applies) {
            if (bits == 0 && (i.rexUsed & 0x40) != 0) return null;
            if (bits != 0 && (bits & ~i.rexUsed) == 0) return null;
        }
        if (bits == 0) return "rex";
        return "rex." + ((bits & 8) != 0 ? "W" : "") + ((bits & 4) != 0 ? "R" : "") + ((bits & 2) != 0 ? "X" : "")
                + ((bits & 1) != 0 ? "B" : "");
    }
}
