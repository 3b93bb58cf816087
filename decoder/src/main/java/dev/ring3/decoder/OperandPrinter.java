package dev.ring3.decoder;

/**
 * Operands in objdump's Intel syntax: registers, "SIZE PTR seg:[base+index*scale+disp]" memory operands with
 * objdump's choices (a disp8 or disp32 of zero still prints as "+0x0"; a SIB byte without index prints "riz"
 * unless it only serves RSP/R12 as base; an address without base or index prints "ds:0x..."; RIP-relative
 * displacements print as 64-bit hexadecimal), immediates at the width objdump shows (sign-extended ones at the
 * operand size), branch targets as absolute addresses (as objdump prints them where it has no symbol), x87 "st"
 * and "st(i)".
 */
final class OperandPrinter {
    private static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};
    private static final String[] SEGS = {"es", "cs", "ss", "ds", "fs", "gs"};

    private OperandPrinter() {}

    static String gpr(int reg, int size) {
        return switch (size) {
            case 1 -> R8[reg];
            case 2 -> R16[reg];
            case 4 -> R32[reg];
            default -> R64[reg];
        };
    }

    /** Operand {@code o} of spec {@code s}; {@code immIndex} says which immediate (0 = imm, 1 = imm2) it is. */
    static void operand(StringBuilder sb, Insn i, Spec s, int o, int immIndex) {
        int reg = Operand.reg(o);
        switch (Operand.kind(o)) {
            case Operand.GPR -> sb.append(gpr(reg, Operand.size(o)));
            case Operand.XMM -> sb.append("xmm").append(reg);
            case Operand.MMX -> sb.append("mm").append(reg);
            case Operand.ST -> sb.append(s.method == Spec.Method.ST0 ? "st" : "st(" + reg + ")");
            case Operand.SEG -> sb.append(reg < 6 ? SEGS[reg] : "?");
            case Operand.CR -> sb.append("cr").append(reg);
            case Operand.DR -> sb.append("dr").append(reg);
            case Operand.MEM -> memory(sb, i, s, s.method == Spec.Method.O ? 0 : Operand.size(o));
            case Operand.IMM -> immediate(sb, i, s, immIndex == 0 ? i.imm : i.imm2);
            default -> sb.append('?');
        }
    }

    private static void immediate(StringBuilder sb, Insn i, Spec s, long v) {
        switch (s.method) {
            case J -> { sb.append("0x").append(Long.toHexString(v)); return; }
            case ONE -> { sb.append('1'); return; }
            default -> { }
        }
        int width = s.signExtended || s.size == Spec.SZ_Z || s.size == Spec.SZ_V ? i.osize
                : s.size == Spec.SZ_Y ? (i.has(Prefix.REX_W) ? 8 : 4) : s.size;
        long masked = width >= 8 ? v : v & ((1L << (8 * width)) - 1);
        sb.append("0x").append(Long.toHexString(masked));
    }

    static void memory(StringBuilder sb, Insn i, Spec s, int size) {
        sb.append(s.text.equals("Mo") ? "OWORD PTR " : ptr(i, size));
        if (i.seg >= 0) sb.append(SEGS[i.seg]).append(':');
        address(sb, i);
    }

    private static String ptr(Insn i, int size) {
        if (i.op == Op.LEA) return "";
        return switch (size) {
            case 1 -> "BYTE PTR ";
            case 2 -> "WORD PTR ";
            case 4 -> "DWORD PTR ";
            case 6 -> "FWORD PTR ";
            case 8 -> "QWORD PTR ";
            case 10 -> "TBYTE PTR ";
            case 16 -> "XMMWORD PTR ";
            default -> "";
        };
    }

    private static void address(StringBuilder sb, Insn i) {
        boolean a32 = i.asize == 4;
        if (i.ripRelative) {
            long rel = (int) (i.disp - i.next());
            sb.append(a32 ? "[eip+0x" : "[rip+0x").append(Long.toHexString(rel)).append(']');
            return;
        }
        int mod = i.modrm >>> 6;
        boolean sibNoIndex = i.sib >= 0 && i.index == Insn.NO_REG;
        boolean riz = sibNoIndex && !(i.scale == 0 && i.base != Insn.NO_REG && (i.base & 7) == 4);
        if (i.base == Insn.NO_REG && i.index == Insn.NO_REG && !(riz && (a32 || i.scale != 0))) {
            // absolute: moffs or a SIB without base and index
            if (i.seg < 0) sb.append("ds:");
            long d = a32 ? i.disp & 0xFFFF_FFFFL : i.disp;
            sb.append("0x").append(Long.toHexString(d));
            return;
        }
        String[] regs = a32 ? R32 : R64;
        sb.append('[');
        boolean first = true;
        if (i.base != Insn.NO_REG) { sb.append(regs[i.base]); first = false; }
        if (i.index != Insn.NO_REG || riz) {
            if (!first) sb.append('+');
            sb.append(i.index != Insn.NO_REG ? regs[i.index] : a32 ? "eiz" : "riz").append('*').append(1 << i.scale);
            first = false;
        }
        boolean hasDisp = mod == 1 || mod == 2 || i.base == Insn.NO_REG;
        if (hasDisp) {
            long d = i.disp;
            if (i.base == Insn.NO_REG && i.index == Insn.NO_REG && a32) {
                sb.append("+0x").append(Long.toHexString(d & 0xFFFF_FFFFL));
            }
            else sb.append(d < 0 ? "-0x" : "+0x").append(Long.toHexString(Math.abs(d)));
        }
        sb.append(']');
    }

    /** The implicit operands of string instructions and XLAT, which objdump spells out. */
    static void stringOperands(StringBuilder sb, Insn i) {
        String ptr = switch (i.osize) { case 1 -> "BYTE"; case 2 -> "WORD"; case 4 -> "DWORD"; default -> "QWORD"; };
        boolean a32 = i.asize == 4;
        String src = i.seg >= 0 ? SEGS[i.seg] : "ds";
        if (i.op == Op.XLAT) {
            sb.append("BYTE PTR ").append(src).append(":[").append(a32 ? "ebx" : "rbx").append(']');
            return;
        }
        String di = ptr + " PTR es:[" + (a32 ? "edi" : "rdi") + "]";
        String si = ptr + " PTR " + src + ":[" + (a32 ? "esi" : "rsi") + "]";
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
