package dev.ring3.decoder;

import static dev.ring3.decoder.Maps.*;

/**
 * The three-byte maps 0F 38 and 0F 3A (SDM vol. 2, tables ): SSSE3, SSE4, AES, SHA, MOVBE, CRC32.
 * ring3 executes none of them beyond the baseline ISA (it advertises none in CPUID), but decodes them all so that
 * lengths and names are right: every 0F 38 instruction has a ModRM and no immediate, every 0F 3A instruction a ModRM
 * and an 8-bit immediate, so cells without a name still decode to the right length.
 */
final class ThreeByteMaps {
    static final Entry[] MAP_38 = new Entry[256];
    static final Entry[] MAP_3A = new Entry[256];

    private ThreeByteMaps() {}

    static {
        for (int i = 0; i < 256; i++) {
            MAP_38[i] = un("(bad)", "Vx,Wx");
            MAP_3A[i] = un("(bad)", "Vx,Wx,Ib");
        }
        // 0F 38: MMX and 66 (XMM) forms share a name.
        String[] both = {"00pshufb", "01phaddw", "02phaddd", "03phaddsw", "04pmaddubsw", "05phsubw", "06phsubd",
            "07phsubsw", "08psignb", "09psignw", "0apsignd", "0bpmulhrsw", "1cpabsb", "1dpabsw", "1epabsd"};
        for (String s : both) {
            int op = Integer.parseInt(s.substring(0, 2), 16);
            String n = s.substring(2);
            MAP_38[op] = sse(un(n, "Pq,Qq"), un(n, "Vx,Wx"), null, null);
        }
        // 66 only; "name:operands" where the memory operand is narrower than 128 bits
        String[] x66 = {"10pblendvb:Vx,Wx,XMM0", "14blendvps:Vx,Wx,XMM0", "15blendvpd:Vx,Wx,XMM0", "17ptest",
            "20pmovsxbw:Vx,Wq", "21pmovsxbd:Vx,Wd", "22pmovsxbq:Vx,Ww", "23pmovsxwd:Vx,Wq", "24pmovsxwq:Vx,Wd",
            "25pmovsxdq:Vx,Wq", "28pmuldq", "29pcmpeqq", "2amovntdqa:Vx,Mx", "2bpackusdw",
            "30pmovzxbw:Vx,Wq", "31pmovzxbd:Vx,Wd", "32pmovzxbq:Vx,Ww", "33pmovzxwd:Vx,Wq", "34pmovzxwq:Vx,Wd",
            "35pmovzxdq:Vx,Wq", "37pcmpgtq", "38pminsb", "39pminsd", "3apminuw", "3bpminud", "3cpmaxsb", "3dpmaxsd",
            "3epmaxuw", "3fpmaxud", "40pmulld", "41phminposuw", "cfgf2p8mulb", "dbaesimc"};
        for (String s : x66) {
            int op = Integer.parseInt(s.substring(0, 2), 16);
            String[] nameOps = s.substring(2).split(":");
            MAP_38[op] = sse(null, un(nameOps[0], nameOps.length > 1 ? nameOps[1] : "Vx,Wx"), null, null);
        }
        // VMX/PCID invalidations: a 64-bit register and a 128-bit descriptor
        MAP_38[0x80] = sse(null, un("invept", "Gq,Mo"), null, null);
        MAP_38[0x81] = sse(null, un("invvpid", "Gq,Mo"), null, null);
        MAP_38[0x82] = sse(null, un("invpcid", "Gq,Mo"), null, null);
        // Key Locker (F3) next to AES-NI (66)
        MAP_38[0xDC] = sse(null, un("aesenc", "Vx,Wx"), mod(un("aesenc128kl", "Vx,M"), un("loadiwkey", "Vx,Ux")), null);
        MAP_38[0xDD] = sse(null, un("aesenclast", "Vx,Wx"), mod(un("aesdec128kl", "Vx,M"), null), null);
        MAP_38[0xDE] = sse(null, un("aesdec", "Vx,Wx"), mod(un("aesenc256kl", "Vx,M"), null), null);
        MAP_38[0xDF] = sse(null, un("aesdeclast", "Vx,Wx"), mod(un("aesdec256kl", "Vx,M"), null), null);
        MAP_38[0xD8] = sse(null, null, group(mod(un("aesencwide128kl", "M"), null), mod(un("aesdecwide128kl", "M"), null),
                mod(un("aesencwide256kl", "M"), null), mod(un("aesdecwide256kl", "M"), null), null, null, null, null),
                null);
        MAP_38[0xFA] = sse(null, null, mod(null, un("encodekey128", "Gd,Rd")), null);
        MAP_38[0xFB] = sse(null, null, mod(null, un("encodekey256", "Gd,Rd")), null);
        String[] sha = {"c8sha1nexte", "c9sha1msg1", "casha1msg2", "ccsha256msg1", "cdsha256msg2"};
        for (String s : sha) MAP_38[Integer.parseInt(s.substring(0, 2), 16)] = un(s.substring(2), "Vx,Wx");
        MAP_38[0xCB] = un("sha256rnds2", "Vx,Wx,XMM0");
        // MOVBE has no 66 variant: a 66 prefix is its operand-size override (movbe ax), so it must not be consumed
        MAP_38[0xF0] = pfx(r("movbe", Op.MOVBE, "Gv,Mv"), null, null, un("crc32", "Gy,Eb"));
        MAP_38[0xF1] = pfx(r("movbe", Op.MOVBE, "Mv,Gv"), null, null, un("crc32", "Gy,Ev"));
        MAP_38[0xF5] = pfx(null, mod(un("wrussd/wrussd/wrussq", "M,Gy"), null), null, null);
        MAP_38[0xF6] = pfx(mod(un("wrssd/wrssd/wrssq", "M,Gy"), null), un("adcx", "Gy,Ey"), un("adox", "Gy,Ey"), null);
        // RAO-INT atomic operations on memory
        MAP_38[0xFC] = mod(pfx(un("aadd", "My,Gy"), un("aand", "My,Gy"), un("axor", "My,Gy"), un("aor", "My,Gy")), null);
        // the register operand is address-sized: 64-bit unless 67
        MAP_38[0xF8] = pfx(null, un("movdir64b", "Gq,M"), un("enqcmds", "Gq,M"), un("enqcmd", "Gq,M"));
        MAP_38[0xF9] = un("movdiri", "My,Gy");

        String[] x3a = {"08roundps", "09roundpd", "0aroundss:Vx,Wd,Ib", "0broundsd:Vx,Wq,Ib", "0cblendps",
            "0dblendpd", "0epblendw", "21insertps:Vx,Wd,Ib", "40dpps", "41dppd", "42mpsadbw", "44pclmulqdq",
            "60pcmpestrm", "61pcmpestri", "62pcmpistrm", "63pcmpistri", "cfgf2p8affineinvqb", "cegf2p8affineqb",
            "dfaeskeygenassist"};
        for (String s : x3a) {
            int op = Integer.parseInt(s.substring(0, 2), 16);
            String[] nameOps = s.substring(2).split(":");
            MAP_3A[op] = sse(null, un(nameOps[0], nameOps.length > 1 ? nameOps[1] : "Vx,Wx,Ib"), null, null);
        }
        // extracts and inserts: a 32-bit register or a memory operand of the element's size
        MAP_3A[0x14] = sse(null, mod(un("pextrb", "Mb,Vx,Ib"), un("pextrb", "Rd,Vx,Ib")), null, null);
        MAP_3A[0x15] = sse(null, mod(un("pextrw", "Mw,Vx,Ib"), un("pextrw", "Rd,Vx,Ib")), null, null);
        MAP_3A[0x16] = sse(null, w(un("pextrd", "Ed,Vx,Ib"), un("pextrq", "Eq,Vx,Ib")), null, null);
        MAP_3A[0x17] = sse(null, un("extractps", "Ed,Vx,Ib"), null, null);
        MAP_3A[0x20] = sse(null, mod(un("pinsrb", "Vx,Mb,Ib"), un("pinsrb", "Vx,Rd,Ib")), null, null);
        MAP_3A[0x22] = sse(null, w(un("pinsrd", "Vx,Ed,Ib"), un("pinsrq", "Vx,Eq,Ib")), null, null);
        MAP_3A[0x0F] = sse(un("palignr", "Pq,Qq,Ib"), un("palignr", "Vx,Wx,Ib"), null, null);
        MAP_3A[0xCC] = un("sha1rnds4", "Vx,Wx,Ib");
    }
}
