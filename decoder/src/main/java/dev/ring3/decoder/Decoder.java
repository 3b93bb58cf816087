package dev.ring3.decoder;

import static dev.ring3.decoder.Operand.*;

/**
 * Decodes one x86-64 instruction at a time into an immutable {@link Insn}.
 *
 * <p>The work is the same for every opcode: legacy prefixes, REX, the opcode bytes that pick a map, a walk down
 * that map's {@link Entry} selectors to a {@link Row}, then ModRM/SIB/displacement and immediates as the row's
 * operand {@link Spec}s ask. Everything that differs between instructions is data in the maps
 * ({@link OneByteMap}, {@link TwoByteMap}, {@link ThreeByteMaps}, {@link X87Map}); VEX and EVEX encodings are
 * measured and named by {@link VexDecoder} and always come out {@link Op#UNSUPPORTED}.
 *
 * <p>A decoder holds scratch state, so use one per thread. Instructions longer than 15 bytes, LOCK where it is not
 * allowed, and holes in the maps decode as {@link Op#INVALID} with the bytes consumed so far as length. The decoder
 * never reads more than 15 bytes, as the CPU does not: a longer instruction is invalid at its 15th byte.
 */
public final class Decoder {
    static final int MAX_LENGTH = 15;

    private CodeSource src;
    private long start, pos;
    // prefixes
    private int prefixes, rex, lastRep, seg;
    private boolean has66;
    // ModRM and memory operand
    private int modrm, sib, mod, regField, rmField;
    private int base, index, scale;
    private long disp;
    private boolean ripRelative;
    // immediates
    private long imm, imm2;
    private int immCount;
    private boolean relative;
    // encoding details kept for printing
    private long prefixBytes;
    private int prefixCount, rexUsed;

    /** Thrown by {@link #next()} at the 16th byte; no stack trace, one instance. */
    private static final class TooLong extends RuntimeException {
        private static final TooLong INSTANCE = new TooLong();
        private TooLong() { super("instruction longer than 15 bytes", null, false, false); }
    }

    /** Decodes the instruction at {@code addr}. Faults of the code source (unmapped memory) propagate. */
    public Insn decode(CodeSource source, long addr) {
        try {
            return decodeOne(source, addr);
        } catch (TooLong e) {
            pos = start + MAX_LENGTH;
            return invalid();
        }
    }

    private Insn decodeOne(CodeSource source, long addr) {
        this.src = source;
        this.start = addr;
        this.pos = addr;
        prefixes = 0; rex = 0; lastRep = 0; seg = Prefix.SEG_NONE; has66 = false;
        modrm = -1; base = Insn.NO_REG; index = Insn.NO_REG; scale = 0; disp = 0; ripRelative = false;
        imm = 0; imm2 = 0; immCount = 0; relative = false;
        sib = -1; prefixBytes = 0; prefixCount = 0; rexUsed = 0;

        int b = readPrefixes();
        if (b < 0) return invalid();
        Entry[] map = OneByteMap.MAP;
        int opcode = b;
        if (b == 0x0F) {
            opcode = next();
            if (opcode == 0x38) { map = ThreeByteMaps.MAP_38; opcode = next(); }
            else if (opcode == 0x3A) { map = ThreeByteMaps.MAP_3A; opcode = next(); }
            else map = TwoByteMap.MAP;
        } else if (b == 0xC4 || b == 0xC5 || b == 0x62) {
            return VexDecoder.decode(this, b);
        }
        boolean xchgR8 = map == OneByteMap.MAP && opcode == 0x90 && (rex & 1) != 0 && lastRep != 0xF3;
        Row row = xchgR8 ? OneByteMap.XCHG_R8 : resolve(map[opcode]);
        if (row == null) return invalid();
        return finish(row, opcode);
    }

    /** Reads legacy prefixes and REX; returns the first opcode byte, or -1 if the prefixes alone are too long. */
    private int readPrefixes() {
        while (true) {
            if (pos - start >= MAX_LENGTH) return -1;
            int b = next();
            if (isPrefix(b)) recordPrefix(b);
            switch (b) {
                case 0xF0 -> prefixes |= Prefix.LOCK;
                case 0xF2, 0xF3 -> lastRep = b;
                case 0x66 -> has66 = true;
                case 0x67 -> prefixes |= Prefix.ADDRSIZE;
                case 0x64 -> seg = Prefix.SEG_FS;
                case 0x65 -> seg = Prefix.SEG_GS;
                case 0x3E -> prefixes |= Prefix.NOTRACK;   // DS: no effect in 64-bit mode
                case 0x26, 0x2E, 0x36 -> { }               // ES CS SS: no effect in 64-bit mode
                default -> {
                    if ((b & 0xF0) == 0x40) { rex = b; continue; }
                    return b;
                }
            }
            rex = 0; // a legacy prefix after REX cancels it
        }
    }

    private static boolean isPrefix(int b) {
        return switch (b) {
            case 0xF0, 0xF2, 0xF3, 0x66, 0x67, 0x64, 0x65, 0x3E, 0x26, 0x2E, 0x36 -> true;
            default -> (b & 0xF0) == 0x40;
        };
    }

    private void recordPrefix(int b) {
        if (prefixCount < 8) prefixBytes |= (long) b << (8 * prefixCount++);
        else prefixBytes = (prefixBytes >>> 8) | ((long) b << 56);
    }

    /** Walks selectors down to a row; null for a hole in the map. */
    private Row resolve(Entry e) {
        while (e != null && !(e instanceof Row)) {
            if (e.needsModrm()) readModrm();
            // instanceof tests, not a pattern switch: a switch over types is bootstrapped at its first run by
            // spinning a class (SwitchBootstraps.typeSwitch), which the AOT cache does not keep: a few ms of every
            // start
            if (e instanceof Entry.ByReg g) e = g.byReg()[regField & 7];
            else if (e instanceof Entry.ByMod m) e = mod == 3 ? m.reg() : m.mem();
            else if (e instanceof Entry.ByRm r) e = r.byRm()[rmField & 7];
            else if (e instanceof Entry.ByPrefix p) e = choosePrefix(p);
            else if (e instanceof Entry.ByRexW w) {
                rexUsed |= rex & 8;
                e = (rex & 8) != 0 ? w.w1() : w.w0();
            }
        }
        return (Row) e;
    }

    private Entry choosePrefix(Entry.ByPrefix p) {
        Entry chosen = null;
        if (lastRep == 0xF3) chosen = p.pF3();
        else if (lastRep == 0xF2) chosen = p.pF2();
        if (chosen != null) { lastRep = 0; prefixes |= Prefix.MANDATORY; return chosen; }
        if (p.strict() && lastRep != 0) return Row.INVALID;
        if (has66 && p.p66() != null) { has66 = false; prefixes |= Prefix.OPSIZE | Prefix.MANDATORY; return p.p66(); }
        if (p.strict() && has66) return Row.INVALID;
        return p.none();
    }

    private void readModrm() { readModrm(false); }

    private void readModrm(boolean modIgnored) {
        if (modrm >= 0) return;
        modrm = next();
        mod = modIgnored ? 3 : modrm >>> 6;
        regField = ((modrm >>> 3) & 7) | ((rex & 4) << 1);
        rmField = (modrm & 7) | ((rex & 1) << 3);
        if (mod == 3) return;
        rexUsed |= rex & 1;     // a memory operand: objdump counts REX.B as used even without a base
        int rm = modrm & 7;
        if (rm == 4) {
            sib = next();
            rexUsed |= rex & 2;
            scale = sib >>> 6;
            int idx = ((sib >>> 3) & 7) | ((rex & 2) << 2);
            index = idx == 4 ? Insn.NO_REG : idx;
            int b = sib & 7;
            if (b == 5 && mod == 0) { base = Insn.NO_REG; disp = readSigned(4); }
            else base = b | ((rex & 1) << 3);
        } else if (rm == 5 && mod == 0) {
            ripRelative = true;
            disp = readSigned(4);
        } else {
            base = rmField;
        }
        if (mod == 1) disp = readSigned(1);
        else if (mod == 2) disp = readSigned(4);
    }

    private Insn finish(Row row, int opcode) {
        if (row.needsModrm) readModrm(row.has(Row.MOD_IGNORED));
        int osize = operandSize(row);
        int asize = (prefixes & Prefix.ADDRSIZE) != 0 ? 4 : 8;
        int[] ops = new int[4];
        int n = 0;
        boolean memoryOk = true;
        for (Spec s : row.specs) {
            int o = operand(s, opcode, osize, asize);
            if (o < 0) memoryOk = false;
            ops[n++] = o;
        }
        if (!memoryOk) return invalid();
        if ((rex & 8) != 0 && osize == 8 && !row.has(Row.F64 | Row.D64) && row.sizedW) rexUsed |= 8;
        boolean hasMem = false;
        for (int i = 0; i < n; i++) hasMem |= isMem(ops[i]);
        if ((prefixes & Prefix.LOCK) != 0 && (!row.has(Row.LOCK) || !hasMem)) return invalid();
        int length = (int) (pos - start);
        if (length > MAX_LENGTH) return invalid();
        long end = start + length;
        if (relative) imm = end + imm;
        long d = ripRelative ? end + disp : disp;
        if (ripRelative && asize == 4) d &= 0xFFFF_FFFFL;
        int p = prefixes;
        if (lastRep == 0xF3) p |= Prefix.REP;
        if (lastRep == 0xF2) p |= Prefix.REPNE;
        if (has66) p |= Prefix.OPSIZE;
        if (rex != 0) p |= Prefix.REX | ((rex & 8) != 0 ? Prefix.REX_W : 0) | ((rex & 4) != 0 ? Prefix.REX_R : 0)
                | ((rex & 2) != 0 ? Prefix.REX_X : 0) | ((rex & 1) != 0 ? Prefix.REX_B : 0);
        if (seg != Prefix.SEG_NONE) p |= Prefix.SEG;
        return new Insn(start, length, row, row.op, row.cc, osize, asize, p, n, ops[0], ops[1], ops[2], ops[3],
                seg, base, index, scale, d, ripRelative, imm, imm2, modrm, sib, prefixBytes, rexUsed);
    }

    private int operandSize(Row row) {
        if (row.has(Row.BYTE)) return 1;
        if (row.specs.length > 0) {
            Spec s = row.specs[0];
            if (s.size == 1 && (s.method == Spec.Method.E || s.method == Spec.Method.G || s.method == Spec.Method.Z
                    || s.method == Spec.Method.FIXED_GPR)) return 1;
        }
        if (row.has(Row.F64)) return 8;
        if (row.has(Row.D64)) return has66 && (rex & 8) == 0 ? 2 : 8;   // REX.W wins over 66
        if (row.has(Row.Z32)) return has66 && (rex & 8) == 0 ? 2 : 4;
        if ((rex & 8) != 0) return 8;
        return has66 ? 2 : 4;
    }

    /** Builds one operand; returns -1 if the ModRM form does not fit the spec (register where memory is required). */
    private int operand(Spec s, int opcode, int osize, int asize) {
        int size = switch (s.size) {
            case Spec.SZ_V -> osize;
            case Spec.SZ_Z -> osize;
            case Spec.SZ_Y -> { rexUsed |= rex & 8; yield (rex & 8) != 0 ? 8 : 4; }
            case Spec.SZ_P -> has66 ? 4 : 6;
            default -> s.size;
        };
        switch (s.method) {
            case G, V, C, D -> rexUsed |= rex & 4;
            case E, R, W, U, Z -> { if (mod == 3 || s.method == Spec.Method.Z) rexUsed |= rex & 1; }
            default -> { }
        }
        return switch (s.method) {
            case E -> mod == 3 ? gpr(rmField, size) : of(MEM, size, 0);
            case G -> gpr(regField, size);
            case M -> mod == 3 ? -1 : of(MEM, size, 0);
            case R -> mod == 3 ? gpr(rmField, size) : -1;
            case V -> of(XMM, size, regField);
            case W -> mod == 3 ? of(XMM, size, rmField) : of(MEM, size, 0);
            case U -> mod == 3 ? of(XMM, size, rmField) : -1;
            case P -> of(MMX, size, regField & 7);
            case Q -> mod == 3 ? of(MMX, size, rmField & 7) : of(MEM, size, 0);
            case N -> mod == 3 ? of(MMX, size, rmField & 7) : -1;
            case S -> of(SEG, 2, regField & 7);
            case C -> of(CR, 8, regField);
            case D -> of(DR, 8, regField);
            case FIXED_SEG -> of(SEG, 2, s.reg);
            case FIXED_XMM -> of(XMM, 16, s.reg);
            case Z -> gpr((opcode & 7) | ((rex & 1) << 3), size);
            case FIXED_GPR -> gpr(s.reg, size);
            case ONE -> { immediate(1); yield of(IMM, 1, 0); }
            case ST0 -> of(ST, 10, 0);
            case STI -> of(ST, 10, modrm & 7);
            case I -> {
                int bytes = s.size == Spec.SZ_Z ? Math.min(osize, 4) : size;
                readImmediate(bytes);
                yield of(IMM, size, 0);
            }
            case J -> {
                relative = true;
                readImmediate(s.size == Spec.SZ_Z ? 4 : 1);
                yield of(IMM, 8, 0);
            }
            case O -> {
                disp = asize == 8 ? readSigned(8) : readSigned(4) & 0xFFFF_FFFFL;
                yield of(MEM, size, 0);
            }
        };
    }

    private int gpr(int reg, int size) {
        if (size == 1 && reg >= 4 && reg < 8) {
            if (rex == 0) return of(GPR, 1, AH + reg - 4);
            rexUsed |= 0x40;
        }
        return of(GPR, size, reg);
    }

    private void readImmediate(int bytes) { immediate(readSigned(bytes)); }

    private void immediate(long value) {
        if (immCount++ == 0) imm = value; else imm2 = value;
    }

    private long readSigned(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) v |= (long) next() << (8 * i);
        int shift = 64 - 8 * bytes;
        return shift == 0 ? v : (v << shift) >> shift;
    }

    int next() {
        if (pos - start >= MAX_LENGTH) throw TooLong.INSTANCE;
        return src.u8(pos++);
    }

    // ---- used by VexDecoder ------------------------------------------------------------------------------------

    long position() { return pos; }
    long startAddress() { return start; }
    int prefixBits() { return prefixes; }
    /** The ModRM byte read, or -1. */
    int modrmByte() { return modrm; }

    /** Reads ModRM and the memory operand for a VEX/EVEX instruction, whose R X B bits are in the VEX prefix. */
    void readModrmWithRex(int rexBits) {
        this.rex = rexBits;
        readModrm();
    }

    Insn make(Row row, int prefixBits) {
        int length = (int) (pos - start);
        if (length > MAX_LENGTH) return invalid();
        return new Insn(start, length, row, row.op, 0, 4, 8, prefixBits, 0, 0, 0, 0, 0,
                seg, Insn.NO_REG, Insn.NO_REG, 0, 0, false, 0, 0, modrm, sib, prefixBytes, 0);
    }

    Insn invalid() {
        int length = (int) Math.max(1, Math.min(pos - start, MAX_LENGTH));
        return new Insn(start, length, Row.INVALID, Op.INVALID, 0, 4, 8, prefixes, 0, 0, 0, 0, 0,
                Prefix.SEG_NONE, Insn.NO_REG, Insn.NO_REG, 0, 0, false, 0, 0, -1, -1, prefixBytes, 0);
    }
}
