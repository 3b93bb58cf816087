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
            MAP_38[op] = pfx(un(n, "Pq,Qq"), un(n, "Vx,Wx"), null, null);
        }
        String[] x66 = {"10pblendvb", "14blendvps", "15blendvpd", "17ptest", "20pmovsxbw", "21pmovsxbd", "22pmovsxbq",
            "23pmovsxwd", "24pmovsxwq", "25pmovsxdq", "28pmuldq", "29pcmpeqq", "2amovntdqa", "2bpackusdw",
            "30pmovzxbw", "31pmovzxbd", "32pmovzxbq", "33pmovzxwd", "34pmovzxwq", "35pmovzxdq", "37pcmpgtq",
            "38pminsb", "39pminsd", "3apminuw", "3bpminud", "3cpmaxsb", "3dpmaxsd", "3epmaxuw", "3fpmaxud",
            "40pmulld", "41phminposuw", "cfgf2p8mulb", "dbaesimc", "dcaesenc", "ddaesenclast", "deaesdec", "dfaesdeclast"};
        for (String s : x66) {
            int op = Integer.parseInt(s.substring(0, 2), 16);
            MAP_38[op] = pfx(null, un(s.substring(2), "Vx,Wx"), null, null);
        }
        String[] sha = {"c8sha1nexte", "c9sha1msg1", "casha1msg2", "cbsha256rnds2", "ccsha256msg1", "cdsha256msg2"};
        for (String s : sha) MAP_38[Integer.parseInt(s.substring(0, 2), 16)] = un(s.substring(2), "Vx,Wx");
        // MOVBE has no 66 variant: a 66 prefix is its operand-size override (movbe ax), so it must not be consumed
        MAP_38[0xF0] = pfx(r("movbe", Op.MOVBE, "Gv,Mv"), null, null, un("crc32", "Gy,Eb"));
        MAP_38[0xF1] = pfx(r("movbe", Op.MOVBE, "Mv,Gv"), null, null, un("crc32", "Gy,Ev"));
        MAP_38[0xF6] = pfx(un("wrssd", "Ey,Gy"), un("adcx", "Gy,Ey"), un("adox", "Gy,Ey"), null);
        MAP_38[0xF8] = pfx(null, un("movdir64b", "Gv,M"), un("enqcmds", "Gv,M"), un("enqcmd", "Gv,M"));
        MAP_38[0xF9] = un("movdiri", "My,Gy");

        String[] x3a = {"08roundps", "09roundpd", "0aroundss", "0broundsd", "0cblendps", "0dblendpd", "0epblendw",
            "14pextrb", "15pextrw", "16pextrd", "17extractps", "20pinsrb", "21insertps", "22pinsrd", "40dpps",
            "41dppd", "42mpsadbw", "44pclmulqdq", "60pcmpestrm", "61pcmpestri", "62pcmpistrm", "63pcmpistri",
            "cfgf2p8affineinvqb", "cegf2p8affineqb", "dfaeskeygenassist"};
        for (String s : x3a) {
            int op = Integer.parseInt(s.substring(0, 2), 16);
            MAP_3A[op] = pfx(null, un(s.substring(2), "Vx,Wx,Ib"), null, null);
        }
        MAP_3A[0x16] = pfx(null, w(un("pextrd", "Ed,Vx,Ib"), un("pextrq", "Eq,Vx,Ib")), null, null);
        MAP_3A[0x22] = pfx(null, w(un("pinsrd", "Vx,Ed,Ib"), un("pinsrq", "Vx,Eq,Ib")), null, null);
        MAP_3A[0x0F] = pfx(un("palignr", "Pq,Qq,Ib"), un("palignr", "Vx,Wx,Ib"), null, null);
        MAP_3A[0xCC] = un("sha1rnds4", "Vx,Wx,Ib");
    }
}
