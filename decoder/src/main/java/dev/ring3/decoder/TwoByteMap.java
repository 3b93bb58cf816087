package dev.ring3.decoder;

import static dev.ring3.decoder.Maps.*;
import static dev.ring3.decoder.Row.*;

/**
 * The two-byte opcode map, 0F xx (SDM vol. 2, table A-3): general-purpose and system rows here, the SSE/SSE2/MMX
 * rows (mandatory-prefix selected) in {@link SseRows}. 0F 38 and 0F 3A lead to {@link ThreeByteMaps}.
 */
final class TwoByteMap {
    static final Entry[] MAP = new Entry[256];

    private TwoByteMap() {}

    static {
        MAP[0x00] = group(mod(un("sldt", "Mw"), un("sldt", "Rv")), mod(un("str", "Mw"), un("str", "Rv")),
                un("lldt", "Ew"), un("ltr", "Ew"),
                un("verr", "Ew"), un("verw", "Ew"), null, null);
        MAP[0x01] = group(
                mod(un("sgdt", "M"), rm(null, un("vmcall"), un("vmlaunch"), un("vmresume"), un("vmxoff"), null, null, null)),
                mod(un("sidt", "M"), rm(un("monitor"), un("mwait"), un("clac"), un("stac"), null, null, null, un("encls"))),
                mod(un("lgdt", "M"), rm(r("xgetbv", Op.XGETBV), un("xsetbv"), null, null, un("vmfunc"), un("xend"),
                        un("xtest"), un("enclu"))),
                mod(un("lidt", "M"), rm(un("vmrun"), un("vmmcall"), un("vmload"), un("vmsave"), un("stgi"), un("clgi"),
                        un("skinit"), un("invlpga"))),
                mod(un("smsw", "Ew"), un("smsw", "Ev")),
                mod(pfx(null, null, un("rstorssp", "Mq"), null),
                        pfx(rm(un("serialize"), null, null, null, null, null, un("rdpkru"), un("wrpkru")),
                                null, rm(un("setssbsy"), null, un("saveprevssp"), null, null, null, null, null), null)),
                un("lmsw", "Ew"),
                mod(un("invlpg", "Mb"), rm(un("swapgs"), r("rdtscp", Op.RDTSCP), un("monitorx"), un("mwaitx"),
                        un("clzero"), un("rdpid"), null, null)));
        MAP[0x02] = mod(un("lar", "Gv,Mw"), un("lar", "Gv,Rv"));
        MAP[0x03] = mod(un("lsl", "Gv,Mw"), un("lsl", "Gv,Rv"));
        MAP[0x05] = r("syscall", Op.SYSCALL);
        MAP[0x06] = un("clts");
        MAP[0x07] = w(un("sysretd"), un("sysretq"));
        MAP[0x08] = un("invd");
        MAP[0x09] = sse(un("wbinvd"), null, un("wbnoinvd"), null);
        MAP[0x0B] = r("ud2", Op.UD);
        MAP[0x0E] = un("femms");
        // 3DNow!: the operation is named by a suffix byte in the place of an immediate (see Predicates.amd3dnow)
        MAP[0x0F] = un("3dnow", "Pq,Qq,Ib");
        MAP[0x0D] = group(un("prefetch", "Mb"), r("prefetchw", Op.PREFETCH, "Mb"), r("prefetchwt1", Op.PREFETCH, "Mb"),
                un("prefetch", "Mb"), un("prefetch", "Mb"), un("prefetch", "Mb"), un("prefetch", "Mb"), un("prefetch", "Mb"));
        MAP[0x18] = group(mod(r("prefetchnta", Op.PREFETCH, "Mb"), r("nop", Op.NOP, "Ev")),
                mod(r("prefetcht0", Op.PREFETCH, "Mb"), r("nop", Op.NOP, "Ev")),
                mod(r("prefetcht1", Op.PREFETCH, "Mb"), r("nop", Op.NOP, "Ev")),
                mod(r("prefetcht2", Op.PREFETCH, "Mb"), r("nop", Op.NOP, "Ev")),
                r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"));
        for (int k = 0x19; k <= 0x1F; k++) MAP[k] = r("nop", Op.NOP, "Ev");
        // CLDEMOTE is a hint: a NOP where the CPU does not implement it
        MAP[0x1C] = group(mod(r("cldemote", Op.NOP, "Mb"), r("nop", Op.NOP, "Ev")), r("nop", Op.NOP, "Ev"),
                r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"),
                r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"));
        // F3 0F 1E: CET instructions, which a CPU without CET runs as the hint NOPs they are encoded as.
        MAP[0x1E] = pfx(r("nop", Op.NOP, "Ev"), null,
                group(r("nop", Op.NOP, "Ev"), mod(r("nop", Op.NOP, "Ev"), r("rdsspd/rdsspd/rdsspq", Op.NOP, "Rv")),
                        r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"),
                        r("nop", Op.NOP, "Ev"),
                        mod(r("nop", Op.NOP, "Ev"), rm(r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"),
                                r("endbr64", Op.ENDBR), r("endbr32", Op.ENDBR), r("nop", Op.NOP, "Ev"),
                                r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev"), r("nop", Op.NOP, "Ev")))),
                null);
        MAP[0x20] = Row.of("mov", Op.UNSUPPORTED, "Rq,Cd", MOD_IGNORED);
        MAP[0x21] = Row.of("mov", Op.UNSUPPORTED, "Rq,Dd", MOD_IGNORED);
        MAP[0x22] = Row.of("mov", Op.UNSUPPORTED, "Cd,Rq", MOD_IGNORED);
        MAP[0x23] = Row.of("mov", Op.UNSUPPORTED, "Dd,Rq", MOD_IGNORED);
        MAP[0x30] = un("wrmsr");
        MAP[0x31] = r("rdtsc", Op.RDTSC);
        MAP[0x32] = un("rdmsr");
        MAP[0x33] = un("rdpmc");
        MAP[0x34] = un("sysenter");
        MAP[0x35] = w(un("sysexitd"), un("sysexitq"));
        MAP[0x37] = un("getsec");
        for (int cc = 0; cc < 16; cc++) {
            MAP[0x40 + cc] = Row.cc("cmov", Op.CMOVCC, cc, "Gv,Ev", 0);
            MAP[0x80 + cc] = Row.cc("j", Op.JCC, cc, "Jz", F64);
            MAP[0x90 + cc] = Row.cc("set", Op.SETCC, cc, "Eb", 0);
        }
        // VMREAD/VMWRITE (64-bit operands in 64-bit mode); AMD SSE4a EXTRQ/INSERTQ with 66 and F2
        MAP[0x78] = sse(un("vmread", "Eq,Gq"), group(mod(null, un("extrq", "Ux,Ib,Ib")), null, null, null, null, null,
                null, null), null, mod(null, un("insertq", "Vx,Ux,Ib,Ib")));
        MAP[0x79] = sse(un("vmwrite", "Gq,Eq"), mod(null, un("extrq", "Vx,Ux")), null, mod(null, un("insertq", "Vx,Ux")));
        MAP[0xA0] = Row.of("pushw/push/push", Op.UNSUPPORTED, "FS", D64);
        MAP[0xA1] = Row.of("popw/pop/pop", Op.UNSUPPORTED, "FS", D64);
        MAP[0xA2] = r("cpuid", Op.CPUID);
        MAP[0xA3] = r("bt", Op.BT, "Ev,Gv");
        MAP[0xA4] = r("shld", Op.SHLD, "Ev,Gv,Ib");
        MAP[0xA5] = r("shld", Op.SHLD, "Ev,Gv,CL");
        MAP[0xA8] = Row.of("pushw/push/push", Op.UNSUPPORTED, "GS", D64);
        MAP[0xA9] = Row.of("popw/pop/pop", Op.UNSUPPORTED, "GS", D64);
        MAP[0xAA] = un("rsm");
        MAP[0xAB] = r("bts", Op.BTS, "Ev,Gv", LOCK);
        MAP[0xAC] = r("shrd", Op.SHRD, "Ev,Gv,Ib");
        MAP[0xAD] = r("shrd", Op.SHRD, "Ev,Gv,CL");
        MAP[0xAF] = r("imul", Op.IMUL, "Gv,Ev");
        MAP[0xB0] = r("cmpxchg", Op.CMPXCHG, "Eb,Gb", LOCK);
        MAP[0xB1] = r("cmpxchg", Op.CMPXCHG, "Ev,Gv", LOCK);
        MAP[0xB2] = un("lss", "Gv,Mp");
        MAP[0xB3] = r("btr", Op.BTR, "Ev,Gv", LOCK);
        MAP[0xB4] = un("lfs", "Gv,Mp");
        MAP[0xB5] = un("lgs", "Gv,Mp");
        MAP[0xB6] = r("movzx", Op.MOVZX, "Gv,Eb");
        MAP[0xB7] = r("movzx", Op.MOVZX, "Gv,Ew");
        MAP[0xB8] = pfx(null, null, r("popcnt", Op.POPCNT, "Gv,Ev"), null);
        MAP[0xB9] = r("ud1", Op.UD, "Gv,Ev");
        MAP[0xBA] = group(null, null, null, null, r("bt", Op.BT, "Ev,Ib"), r("bts", Op.BTS, "Ev,Ib", LOCK),
                r("btr", Op.BTR, "Ev,Ib", LOCK), r("btc", Op.BTC, "Ev,Ib", LOCK));
        MAP[0xBB] = r("btc", Op.BTC, "Ev,Gv", LOCK);
        MAP[0xBC] = pfx(r("bsf", Op.BSF, "Gv,Ev"), null, r("tzcnt", Op.TZCNT, "Gv,Ev"), null);
        MAP[0xBD] = pfx(r("bsr", Op.BSR, "Gv,Ev"), null, r("lzcnt", Op.LZCNT, "Gv,Ev"), null);
        MAP[0xBE] = r("movsx", Op.MOVSX, "Gv,Eb");
        MAP[0xBF] = r("movsx", Op.MOVSX, "Gv,Ew");
        MAP[0xC0] = r("xadd", Op.XADD, "Eb,Gb", LOCK);
        MAP[0xC1] = r("xadd", Op.XADD, "Ev,Gv", LOCK);
        MAP[0xC3] = sse(r("movnti", Op.MOVNTI, "My,Gy"), null, null, null);   // 66/F3/F2 0F C3: #UD
        MAP[0xC7] = group(null,
                mod(w(r("cmpxchg8b", Op.CMPXCHG8B, "Mq", LOCK), r("cmpxchg16b", Op.CMPXCHG16B, "Mo", LOCK)), null),
                null,
                mod(w(un("xrstors", "M"), un("xrstors64", "M")), null),
                mod(w(un("xsavec", "M"), un("xsavec64", "M")), null),
                mod(w(un("xsaves", "M"), un("xsaves64", "M")), null),
                mod(un("vmptrld", "Mq"), un("rdrand", "Rv")),
                mod(un("vmptrst", "Mq"), pfx(un("rdseed", "Rv"), null, r("rdpid", Op.RDPID, "Rq"), null)));
        for (int k = 0; k < 8; k++) MAP[0xC8 + k] = r("bswap", Op.BSWAP, "Zv");
        MAP[0xFF] = r("ud0", Op.UD, "Gv,Ev");
        SseRows.fill(MAP);
    }
}
