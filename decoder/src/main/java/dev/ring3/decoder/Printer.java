package dev.ring3.decoder;

/**
 * Formats instructions in Intel syntax, close to {@code objdump -d -M intel}, for diagnostics (SIGILL messages,
 * --trace, tests). Not on any hot path.
 */
public final class Printer {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};
    private static final String[] SEGS = {"es", "cs", "ss", "ds", "fs", "gs"};
    private static final String[] CMP_PREDICATES = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};

    private Printer() {}

    /** Name of a general-purpose register of the given size. */
    public static String gpr(int reg, int size) {
        return switch (size) {
            case 1 -> R8[reg];
            case 2 -> R16[reg];
            case 4 -> R32[reg];
            default -> R64[reg];
        };
    }

    /** The instruction as "mnemonic operands", with "rep"/"lock" prefixes as objdump shows them. */
    public static String format(Insn i) {
        StringBuilder sb = new StringBuilder();
        if (i.has(Prefix.LOCK)) sb.append("lock ");
        boolean string = switch (i.op) {
            case MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS -> true;
            default -> false;
        };
        if (string && i.has(Prefix.REP)) sb.append(i.op == Op.CMPS || i.op == Op.SCAS ? "repz " : "rep ");
        if (string && i.has(Prefix.REPNE)) sb.append("repnz ");
        String mnemonic = i.mnemonic();
        int nops = i.nops;
        if (isSseCompare(i.op) && (i.imm & 0xff) < 8) {
            mnemonic = "cmp" + CMP_PREDICATES[(int) (i.imm & 7)] + mnemonic.substring(3);
            nops--;
        }
        sb.append(mnemonic);
        if (string) {
            pad(sb);
            stringOperands(sb, i);
            return sb.toString().trim();
        }
        if (nops > 0) pad(sb);
        for (int k = 0; k < nops; k++) {
            if (k > 0) sb.append(',');
            operand(sb, i, i.operand(k));
        }
        if (i.ripRelative) sb.append("        # 0x").append(Long.toHexString(i.disp));
        return sb.toString();
    }

    private static boolean isSseCompare(Op op) {
        return op == Op.CMPPS || op == Op.CMPPD || op == Op.CMPSS || op == Op.CMPSD_X;
    }

    private static void pad(StringBuilder sb) {
        int start = sb.lastIndexOf(" ") + 1;
        int len = sb.length() - start;
        do sb.append(' '); while (++len < 7);
    }

    private static void operand(StringBuilder sb, Insn i, int o) {
        int size = Operand.size(o);
        switch (Operand.kind(o)) {
            case Operand.GPR -> sb.append(gpr(Operand.reg(o), size));
            case Operand.XMM -> sb.append("xmm").append(Operand.reg(o));
            case Operand.MMX -> sb.append("mm").append(Operand.reg(o));
            case Operand.ST -> sb.append(Operand.reg(o) == 0 && i.row.specs.length > 1 ? "st" : "st(" + Operand.reg(o) + ")");
            case Operand.SEG -> sb.append(Operand.reg(o) < 6 ? SEGS[Operand.reg(o)] : "?");
            case Operand.IMM -> immediate(sb, i, o, size);
            case Operand.MEM -> memory(sb, i, size);
            default -> sb.append('?');
        }
    }

    private static void immediate(StringBuilder sb, Insn i, int o, int size) {
        if (i.row.specs.length > 0 && i.operand(0) != o && size < 8 && i.op != Op.ENTER) {
            // an immediate second operand prints at the size of the first (sign-extended)
            int dst = Operand.size(i.o0);
            if (dst > size && Operand.kind(i.o0) != Operand.XMM && Operand.kind(i.o0) != Operand.MMX) size = dst;
        }
        long v = o == i.o1 && i.op == Op.ENTER ? i.imm2 : i.imm;
        if (i.op == Op.ENTER && o == i.o1) v = i.imm2 & 0xff;
        if (Operand.kind(i.o0) == Operand.IMM && o == i.o0 && i.nops == 2 && Operand.kind(i.o1) == Operand.IMM) v = i.imm;
        if (isSseCompare(i.op) || i.op == Op.RET || i.op == Op.INT || i.op == Op.IN || i.op == Op.OUT) size = Math.min(size, 2);
        long masked = size >= 8 ? v : v & ((1L << (8 * size)) - 1);
        sb.append("0x").append(Long.toHexString(masked));
    }

    private static void memory(StringBuilder sb, Insn i, int size) {
        if (i.op != Op.LEA && i.op != Op.NOP || i.op == Op.NOP) {
            String ptr = switch (size) {
                case 1 -> "BYTE PTR ";
                case 2 -> "WORD PTR ";
                case 4 -> "DWORD PTR ";
                case 8 -> "QWORD PTR ";
                case 10 -> "TBYTE PTR ";
                case 16 -> "XMMWORD PTR ";
                default -> "";
            };
            if (i.op != Op.LEA) sb.append(ptr);
        }
        if (i.seg >= 0) sb.append(SEGS[i.seg]).append(':');
        String[] regs = i.asize == 4 ? R32 : R64;
        if (i.ripRelative) {
            long rel = i.disp - i.next();
            sb.append('[').append(i.asize == 4 ? "eip" : "rip").append(rel < 0 ? "-0x" : "+0x")
                    .append(Long.toHexString(Math.abs(rel))).append(']');
            return;
        }
        if (i.base == Insn.NO_REG && i.index == Insn.NO_REG) {
            if (i.seg < 0) sb.append("ds:");
            sb.append("0x").append(Long.toHexString(i.disp));
            return;
        }
        sb.append('[');
        boolean first = true;
        if (i.base != Insn.NO_REG) { sb.append(regs[i.base]); first = false; }
        if (i.index != Insn.NO_REG) {
            if (!first) sb.append('+');
            sb.append(regs[i.index]).append('*').append(1 << i.scale);
            first = false;
        }
        if (i.disp != 0 || (i.index != Insn.NO_REG && i.base == Insn.NO_REG)) {
            sb.append(i.disp < 0 ? "-0x" : first ? "0x" : "+0x").append(Long.toHexString(Math.abs(i.disp)));
        }
        sb.append(']');
    }

    private static void stringOperands(StringBuilder sb, Insn i) {
        String ptr = switch (i.osize) { case 1 -> "BYTE"; case 2 -> "WORD"; case 4 -> "DWORD"; default -> "QWORD"; };
        String di = ptr + " PTR es:[" + (i.asize == 4 ? "edi" : "rdi") + "]";
        String src = i.seg >= 0 ? SEGS[i.seg] : "ds";
        String si = ptr + " PTR " + src + ":[" + (i.asize == 4 ? "esi" : "rsi") + "]";
        String acc = gpr(0, i.osize);
        sb.append(switch (i.op) {
            case MOVS -> di + "," + si;
            case CMPS -> si + "," + di;
            case STOS -> di + "," + acc;
            case LODS -> acc + "," + si;
            case SCAS -> acc + "," + di;
            case INS -> di + ",dx";
            default -> "dx," + si;
        });
    }
}
