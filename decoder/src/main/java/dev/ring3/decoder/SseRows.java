package dev.ring3.decoder;

import static dev.ring3.decoder.Maps.*;

/**
 * The SSE, SSE2 and MMX rows of the 0F map, selected by mandatory prefix (none = packed single or MMX,
 * 66 = packed double or XMM integer, F3 = scalar single, F2 = scalar double), as in SDM vol. 2, table A-3.
 * SSE3 rows are present for decoding and printing; ring3 does not advertise or execute them.
 */
final class SseRows {
    private SseRows() {}

    static void fill(Entry[] m) {
        m[0x10] = sse(r("movups", Op.MOVUPS, "Vps,Wps"), r("movupd", Op.MOVUPD, "Vpd,Wpd"),
                r("movss", Op.MOVSS, "Vss,Wss"), r("movsd", Op.MOVSD_X, "Vsd,Wsd"));
        m[0x11] = sse(r("movups", Op.MOVUPS, "Wps,Vps"), r("movupd", Op.MOVUPD, "Wpd,Vpd"),
                r("movss", Op.MOVSS, "Wss,Vss"), r("movsd", Op.MOVSD_X, "Wsd,Vsd"));
        m[0x12] = sse(mod(r("movlps", Op.MOVLPS, "Vq,Mq"), r("movhlps", Op.MOVHLPS, "Vq,Uq")),
                r("movlpd", Op.MOVLPD, "Vq,Mq"), un("movsldup", "Vx,Wx"), un("movddup", "Vx,Wq"));
        m[0x13] = sse(r("movlps", Op.MOVLPS, "Mq,Vq"), r("movlpd", Op.MOVLPD, "Mq,Vq"), null, null);
        m[0x14] = sse(r("unpcklps", Op.UNPCKLPS, "Vx,Wx"), r("unpcklpd", Op.UNPCKLPD, "Vx,Wx"), null, null);
        m[0x15] = sse(r("unpckhps", Op.UNPCKHPS, "Vx,Wx"), r("unpckhpd", Op.UNPCKHPD, "Vx,Wx"), null, null);
        m[0x16] = sse(mod(r("movhps", Op.MOVHPS, "Vq,Mq"), r("movlhps", Op.MOVLHPS, "Vq,Uq")),
                r("movhpd", Op.MOVHPD, "Vq,Mq"), un("movshdup", "Vx,Wx"), null);
        m[0x17] = sse(r("movhps", Op.MOVHPS, "Mq,Vq"), r("movhpd", Op.MOVHPD, "Mq,Vq"), null, null);
        m[0x28] = sse(r("movaps", Op.MOVAPS, "Vps,Wps"), r("movapd", Op.MOVAPD, "Vpd,Wpd"), null, null);
        m[0x29] = sse(r("movaps", Op.MOVAPS, "Wps,Vps"), r("movapd", Op.MOVAPD, "Wpd,Vpd"), null, null);
        m[0x2A] = sse(r("cvtpi2ps", Op.CVTPI2PS, "Vps,Qq"), r("cvtpi2pd", Op.CVTPI2PD, "Vpd,Qq"),
                r("cvtsi2ss", Op.CVTSI2SS, "Vss,Ey"), r("cvtsi2sd", Op.CVTSI2SD, "Vsd,Ey"));
        m[0x2B] = sse(r("movntps", Op.MOVNTPS, "Mps,Vps"), r("movntpd", Op.MOVNTPD, "Mpd,Vpd"),
                un("movntss", "Md,Vx"), un("movntsd", "Mq,Vx"));
        m[0x2C] = sse(r("cvttps2pi", Op.CVTTPS2PI, "Pq,Wq"), r("cvttpd2pi", Op.CVTTPD2PI, "Pq,Wpd"),
                r("cvttss2si", Op.CVTTSS2SI, "Gy,Wss"), r("cvttsd2si", Op.CVTTSD2SI, "Gy,Wsd"));
        m[0x2D] = sse(r("cvtps2pi", Op.CVTPS2PI, "Pq,Wq"), r("cvtpd2pi", Op.CVTPD2PI, "Pq,Wpd"),
                r("cvtss2si", Op.CVTSS2SI, "Gy,Wss"), r("cvtsd2si", Op.CVTSD2SI, "Gy,Wsd"));
        m[0x2E] = sse(r("ucomiss", Op.UCOMISS, "Vss,Wss"), r("ucomisd", Op.UCOMISD, "Vsd,Wsd"), null, null);
        m[0x2F] = sse(r("comiss", Op.COMISS, "Vss,Wss"), r("comisd", Op.COMISD, "Vsd,Wsd"), null, null);

        m[0x50] = sse(r("movmskps", Op.MOVMSKPS, "Gy,Ups"), r("movmskpd", Op.MOVMSKPD, "Gy,Upd"), null, null);
        m[0x51] = arith("sqrt", Op.SQRTPS, Op.SQRTPD, Op.SQRTSS, Op.SQRTSD);
        m[0x52] = sse(r("rsqrtps", Op.RSQRTPS, "Vps,Wps"), null, r("rsqrtss", Op.RSQRTSS, "Vss,Wss"), null);
        m[0x53] = sse(r("rcpps", Op.RCPPS, "Vps,Wps"), null, r("rcpss", Op.RCPSS, "Vss,Wss"), null);
        m[0x54] = sse(r("andps", Op.ANDPS, "Vps,Wps"), r("andpd", Op.ANDPD, "Vpd,Wpd"), null, null);
        m[0x55] = sse(r("andnps", Op.ANDNPS, "Vps,Wps"), r("andnpd", Op.ANDNPD, "Vpd,Wpd"), null, null);
        m[0x56] = sse(r("orps", Op.ORPS, "Vps,Wps"), r("orpd", Op.ORPD, "Vpd,Wpd"), null, null);
        m[0x57] = sse(r("xorps", Op.XORPS, "Vps,Wps"), r("xorpd", Op.XORPD, "Vpd,Wpd"), null, null);
        m[0x58] = arith("add", Op.ADDPS, Op.ADDPD, Op.ADDSS, Op.ADDSD);
        m[0x59] = arith("mul", Op.MULPS, Op.MULPD, Op.MULSS, Op.MULSD);
        m[0x5A] = sse(r("cvtps2pd", Op.CVTPS2PD, "Vpd,Wq"), r("cvtpd2ps", Op.CVTPD2PS, "Vps,Wpd"),
                r("cvtss2sd", Op.CVTSS2SD, "Vsd,Wss"), r("cvtsd2ss", Op.CVTSD2SS, "Vss,Wsd"));
        m[0x5B] = sse(r("cvtdq2ps", Op.CVTDQ2PS, "Vps,Wdq"), r("cvtps2dq", Op.CVTPS2DQ, "Vdq,Wps"),
                r("cvttps2dq", Op.CVTTPS2DQ, "Vdq,Wps"), null);
        m[0x5C] = arith("sub", Op.SUBPS, Op.SUBPD, Op.SUBSS, Op.SUBSD);
        m[0x5D] = arith("min", Op.MINPS, Op.MINPD, Op.MINSS, Op.MINSD);
        m[0x5E] = arith("div", Op.DIVPS, Op.DIVPD, Op.DIVSS, Op.DIVSD);
        m[0x5F] = arith("max", Op.MAXPS, Op.MAXPD, Op.MAXSS, Op.MAXSD);

        // the MMX forms of the low unpacks read 32 bits of memory
        m[0x60] = sse(r("punpcklbw", Op.PUNPCKLBW, "Pq,Qd"), r("punpcklbw", Op.PUNPCKLBW, "Vx,Wx"), null, null);
        m[0x61] = sse(r("punpcklwd", Op.PUNPCKLWD, "Pq,Qd"), r("punpcklwd", Op.PUNPCKLWD, "Vx,Wx"), null, null);
        m[0x62] = sse(r("punpckldq", Op.PUNPCKLDQ, "Pq,Qd"), r("punpckldq", Op.PUNPCKLDQ, "Vx,Wx"), null, null);
        m[0x63] = integer("packsswb", Op.PACKSSWB);
        m[0x64] = integer("pcmpgtb", Op.PCMPGTB);
        m[0x65] = integer("pcmpgtw", Op.PCMPGTW);
        m[0x66] = integer("pcmpgtd", Op.PCMPGTD);
        m[0x67] = integer("packuswb", Op.PACKUSWB);
        m[0x68] = integer("punpckhbw", Op.PUNPCKHBW);
        m[0x69] = integer("punpckhwd", Op.PUNPCKHWD);
        m[0x6A] = integer("punpckhdq", Op.PUNPCKHDQ);
        m[0x6B] = integer("packssdw", Op.PACKSSDW);
        m[0x6C] = sse(null, r("punpcklqdq", Op.PUNPCKLQDQ, "Vx,Wx"), null, null);
        m[0x6D] = sse(null, r("punpckhqdq", Op.PUNPCKHQDQ, "Vx,Wx"), null, null);
        m[0x6E] = sse(w(r("movd", Op.MOVD, "Pq,Ed"), r("movq", Op.MOVQ, "Pq,Eq")),
                w(r("movd", Op.MOVD, "Vx,Ed"), r("movq", Op.MOVQ, "Vx,Eq")), null, null);
        m[0x6F] = sse(r("movq", Op.MOVQ, "Pq,Qq"), r("movdqa", Op.MOVDQA, "Vx,Wx"), r("movdqu", Op.MOVDQU, "Vx,Wx"), null);
        m[0x70] = sse(r("pshufw", Op.PSHUFW, "Pq,Qq,Ib"), r("pshufd", Op.PSHUFD, "Vx,Wx,Ib"),
                r("pshufhw", Op.PSHUFHW, "Vx,Wx,Ib"), r("pshuflw", Op.PSHUFLW, "Vx,Wx,Ib"));
        m[0x71] = shiftImm("psrlw", Op.PSRLW, "psraw", Op.PSRAW, "psllw", Op.PSLLW, null, null, null, null);
        m[0x72] = shiftImm("psrld", Op.PSRLD, "psrad", Op.PSRAD, "pslld", Op.PSLLD, null, null, null, null);
        m[0x73] = shiftImm("psrlq", Op.PSRLQ, null, null, "psllq", Op.PSLLQ, "psrldq", Op.PSRLDQ, "pslldq", Op.PSLLDQ);
        m[0x74] = integer("pcmpeqb", Op.PCMPEQB);
        m[0x75] = integer("pcmpeqw", Op.PCMPEQW);
        m[0x76] = integer("pcmpeqd", Op.PCMPEQD);
        m[0x77] = sse(r("emms", Op.EMMS), null, null, null);
        m[0x7C] = sse(null, un("haddpd", "Vpd,Wpd"), null, un("haddps", "Vps,Wps"));
        m[0x7D] = sse(null, un("hsubpd", "Vpd,Wpd"), null, un("hsubps", "Vps,Wps"));
        m[0x7E] = sse(w(r("movd", Op.MOVD, "Ed,Pq"), r("movq", Op.MOVQ, "Eq,Pq")),
                w(r("movd", Op.MOVD, "Ed,Vx"), r("movq", Op.MOVQ, "Eq,Vx")), r("movq", Op.MOVQ, "Vq,Wq"), null);
        m[0x7F] = sse(r("movq", Op.MOVQ, "Qq,Pq"), r("movdqa", Op.MOVDQA, "Wx,Vx"), r("movdqu", Op.MOVDQU, "Wx,Vx"), null);

        m[0xAE] = group(
                mod(w(r("fxsave", Op.FXSAVE, "M"), r("fxsave64", Op.FXSAVE, "M")),
                        pfx(null, null, r("rdfsbase", Op.RDFSBASE, "Ry"), null)),
                mod(w(r("fxrstor", Op.FXRSTOR, "M"), r("fxrstor64", Op.FXRSTOR, "M")),
                        pfx(null, null, r("rdgsbase", Op.RDGSBASE, "Ry"), null)),
                mod(r("ldmxcsr", Op.LDMXCSR, "Md"), pfx(null, null, r("wrfsbase", Op.WRFSBASE, "Ry"), null)),
                mod(r("stmxcsr", Op.STMXCSR, "Md"), pfx(null, null, r("wrgsbase", Op.WRGSBASE, "Ry"), null)),
                pfx(mod(w(un("xsave", "M"), un("xsave64", "M")), null), null, un("ptwrite", "Ey"), null),
                mod(w(un("xrstor", "M"), un("xrstor64", "M")),
                        pfx(r("lfence", Op.LFENCE), null, w(un("incsspd", "Rd"), un("incsspq", "Rq")), null)),
                mod(pfx(w(un("xsaveopt", "M"), un("xsaveopt64", "M")), un("clwb", "Mb"), un("clrssbsy", "Mq"), null),
                        pfx(r("mfence", Op.MFENCE), un("tpause", "Rd"), un("umonitor", "Rv"), un("umwait", "Rd"))),
                mod(pfx(r("clflush", Op.CLFLUSH, "Mb"), r("clflushopt", Op.CLFLUSH, "Mb"), null, null),
                        r("sfence", Op.SFENCE)));

        m[0xC2] = sse(r("cmpps", Op.CMPPS, "Vps,Wps,Ib"), r("cmppd", Op.CMPPD, "Vpd,Wpd,Ib"),
                r("cmpss", Op.CMPSS, "Vss,Wss,Ib"), r("cmpsd", Op.CMPSD_X, "Vsd,Wsd,Ib"));
        // PINSRW takes r32 or m16
        m[0xC4] = sse(mod(r("pinsrw", Op.PINSRW, "Pq,Mw,Ib"), r("pinsrw", Op.PINSRW, "Pq,Rd,Ib")),
                mod(r("pinsrw", Op.PINSRW, "Vx,Mw,Ib"), r("pinsrw", Op.PINSRW, "Vx,Rd,Ib")), null, null);
        m[0xC5] = sse(r("pextrw", Op.PEXTRW, "Gd,Nq,Ib"), r("pextrw", Op.PEXTRW, "Gd,Ux,Ib"), null, null);
        m[0xC6] = sse(r("shufps", Op.SHUFPS, "Vps,Wps,Ib"), r("shufpd", Op.SHUFPD, "Vpd,Wpd,Ib"), null, null);
        m[0xD0] = sse(null, un("addsubpd", "Vpd,Wpd"), null, un("addsubps", "Vps,Wps"));
        m[0xD1] = integer("psrlw", Op.PSRLW);
        m[0xD2] = integer("psrld", Op.PSRLD);
        m[0xD3] = integer("psrlq", Op.PSRLQ);
        m[0xD4] = integer("paddq", Op.PADDQ);
        m[0xD5] = integer("pmullw", Op.PMULLW);
        m[0xD6] = sse(null, r("movq", Op.MOVQ, "Wq,Vq"), r("movq2dq", Op.MOVQ2DQ, "Vx,Nq"), r("movdq2q", Op.MOVDQ2Q, "Pq,Uq"));
        m[0xD7] = sse(r("pmovmskb", Op.PMOVMSKB, "Gy,Nq"), r("pmovmskb", Op.PMOVMSKB, "Gy,Ux"), null, null);
        m[0xD8] = integer("psubusb", Op.PSUBUSB);
        m[0xD9] = integer("psubusw", Op.PSUBUSW);
        m[0xDA] = integer("pminub", Op.PMINUB);
        m[0xDB] = integer("pand", Op.PAND);
        m[0xDC] = integer("paddusb", Op.PADDUSB);
        m[0xDD] = integer("paddusw", Op.PADDUSW);
        m[0xDE] = integer("pmaxub", Op.PMAXUB);
        m[0xDF] = integer("pandn", Op.PANDN);
        m[0xE0] = integer("pavgb", Op.PAVGB);
        m[0xE1] = integer("psraw", Op.PSRAW);
        m[0xE2] = integer("psrad", Op.PSRAD);
        m[0xE3] = integer("pavgw", Op.PAVGW);
        m[0xE4] = integer("pmulhuw", Op.PMULHUW);
        m[0xE5] = integer("pmulhw", Op.PMULHW);
        m[0xE6] = sse(null, r("cvttpd2dq", Op.CVTTPD2DQ, "Vx,Wpd"), r("cvtdq2pd", Op.CVTDQ2PD, "Vx,Wq"),
                r("cvtpd2dq", Op.CVTPD2DQ, "Vx,Wpd"));
        m[0xE7] = sse(r("movntq", Op.MOVNTQ, "Mq,Pq"), r("movntdq", Op.MOVNTDQ, "Mx,Vx"), null, null);
        m[0xE8] = integer("psubsb", Op.PSUBSB);
        m[0xE9] = integer("psubsw", Op.PSUBSW);
        m[0xEA] = integer("pminsw", Op.PMINSW);
        m[0xEB] = integer("por", Op.POR);
        m[0xEC] = integer("paddsb", Op.PADDSB);
        m[0xED] = integer("paddsw", Op.PADDSW);
        m[0xEE] = integer("pmaxsw", Op.PMAXSW);
        m[0xEF] = integer("pxor", Op.PXOR);
        m[0xF0] = sse(null, null, null, un("lddqu", "Vx,M"));
        m[0xF1] = integer("psllw", Op.PSLLW);
        m[0xF2] = integer("pslld", Op.PSLLD);
        m[0xF3] = integer("psllq", Op.PSLLQ);
        m[0xF4] = integer("pmuludq", Op.PMULUDQ);
        m[0xF5] = integer("pmaddwd", Op.PMADDWD);
        m[0xF6] = integer("psadbw", Op.PSADBW);
        m[0xF7] = sse(r("maskmovq", Op.MASKMOVQ, "Pq,Nq"), r("maskmovdqu", Op.MASKMOVDQU, "Vx,Ux"), null, null);
        m[0xF8] = integer("psubb", Op.PSUBB);
        m[0xF9] = integer("psubw", Op.PSUBW);
        m[0xFA] = integer("psubd", Op.PSUBD);
        m[0xFB] = integer("psubq", Op.PSUBQ);
        m[0xFC] = integer("paddb", Op.PADDB);
        m[0xFD] = integer("paddw", Op.PADDW);
        m[0xFE] = integer("paddd", Op.PADDD);
    }

    /** The four floating-point forms: packed single, packed double, scalar single, scalar double. */
    private static Entry arith(String name, Op ps, Op pd, Op ss, Op sd) {
        return sse(r(name + "ps", ps, "Vps,Wps"), r(name + "pd", pd, "Vpd,Wpd"),
                r(name + "ss", ss, "Vss,Wss"), r(name + "sd", sd, "Vsd,Wsd"));
    }

    /** An integer operation with an MMX form (no prefix) and an XMM form (66). */
    private static Entry integer(String name, Op op) {
        return sse(r(name, op, "Pq,Qq"), r(name, op, "Vx,Wx"), null, null);
    }

    /**
     * Groups 12-14 (0F 71-73): shifts of a register by an immediate, selected by ModRM.reg. Slots /2, /4 and /6
     * have an MMX and an XMM form; /3 and /7 (PSRLDQ, PSLLDQ) only an XMM form. Null names leave a slot empty.
     */
    private static Entry shiftImm(String n2, Op o2, String n4, Op o4, String n6, Op o6, String x3, Op p3, String x7, Op p7) {
        Entry[] g = new Entry[8];
        g[2] = both(n2, o2);
        g[4] = both(n4, o4);
        g[6] = both(n6, o6);
        g[3] = x3 == null ? null : sse(null, r(x3, p3, "Ux,Ib"), null, null);
        g[7] = x7 == null ? null : sse(null, r(x7, p7, "Ux,Ib"), null, null);
        return group(g);
    }

    private static Entry both(String name, Op op) {
        return name == null ? null : sse(r(name, op, "Nq,Ib"), r(name, op, "Ux,Ib"), null, null);
    }
}
