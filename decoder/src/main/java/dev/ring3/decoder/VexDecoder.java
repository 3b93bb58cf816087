package dev.ring3.decoder;

/**
 * VEX (C4, C5) and EVEX (62) encoded instructions: AVX, AVX2, AVX-512, BMI. ring3 implements none of them and does
 * not advertise them in CPUID, so they always decode to {@link Op#UNSUPPORTED} (SIGILL when run). They are decoded
 * all the same, because glibc carries AVX2 and EVEX variants of its string functions in every static binary: their
 * lengths must be exact for a disassembly, and their names make the SIGILL message useful.
 *
 * <p>Length: prefix (2, 3 or 4 bytes), opcode, ModRM (all but VZEROUPPER/VZEROALL, VEX 0F 77), SIB and
 * displacement as usual (EVEX's compressed disp8 is still one byte), and an 8-bit immediate for every opcode of
 * map 0F3A and for 0F 70-73, C2, C4-C6.
 */
final class VexDecoder {
    private VexDecoder() {}

    static Insn decode(Decoder d, int escape) {
        int map, pp, rex, opcode, l;
        boolean evex = escape == 0x62;
        if (escape == 0xC5) {
            int b1 = d.next();
            rex = (b1 & 0x80) == 0 ? 4 : 0;
            map = 1;
            pp = b1 & 3;
            l = (b1 >>> 2) & 1;
        } else if (escape == 0xC4) {
            int b1 = d.next();
            int b2 = d.next();
            rex = (~b1 >>> 5) & 7 | ((b2 & 0x80) != 0 ? 8 : 0);
            map = b1 & 0x1F;
            pp = b2 & 3;
            l = (b2 >>> 2) & 1;
        } else {
            int p0 = d.next();
            int p1 = d.next();
            int p2 = d.next(); // z L'L b V' aaa
            rex = (~p0 >>> 5) & 7 | ((p1 & 0x80) != 0 ? 8 : 0);
            map = p0 & 7;
            pp = p1 & 3;
            l = (p2 >>> 5) & 3;
        }
        opcode = d.next();
        boolean modrm = !(map == 1 && opcode == 0x77 && !evex);
        if (modrm) d.readModrmWithRex(rex);
        boolean imm8 = map == 3 || (map == 1 && ((opcode >= 0x70 && opcode <= 0x73) || opcode == 0xC2
                || (opcode >= 0xC4 && opcode <= 0xC6)));
        int imm = imm8 ? d.next() : -1;
        int m = d.modrmByte();
        String name = VexNames.name(evex, map, pp, opcode, (rex & 8) != 0, l, m >= 0xC0, (m >>> 3) & 7, imm);
        int prefixes = d.prefixBits() | Prefix.VEX;
        return d.make(Row.unsupported(name, ""), prefixes);
    }
}
