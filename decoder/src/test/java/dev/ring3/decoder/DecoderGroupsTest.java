package dev.ring3.decoder;

import static dev.ring3.decoder.Bytes.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Raw-byte tests of opcode groups (ModRM.reg selects), mandatory-prefix selection of SSE forms, x87 rows and
 * VEX/EVEX lengths and names. Expected texts are objdump's ({@code objdump -d -M intel}) for the same bytes.
 */
class DecoderGroupsTest {
    // ---- groups -------------------------------------------------------------------------------------------------

    @Test void group3TestWithImmediate() {
        Insn i = d("f6 c3 01");
        assertEquals(Op.TEST, i.op);
        operands(i, gpr(3, 1), imm(1));
        assertEquals(Op.TEST, d("f6 cb 01").op);   // F6 /1 is an alias of /0
        assertEquals(0x12345678, d("f7 c0 78 56 34 12").imm);
        Insn w = d("48 f7 c0 ff ff ff ff");
        assertEquals(-1, w.imm);
        assertEquals("test   rax,0xffffffffffffffff", w.toString());
    }

    @Test void group3Others() {
        assertEquals(Op.NOT, d("f7 d0").op);
        assertEquals(Op.NEG, d("f7 d8").op);
        assertEquals(Op.MUL, d("f7 e1").op);
        assertEquals(Op.IMUL1, d("f7 e9").op);
        assertEquals(Op.DIV, d("f7 f1").op);
        assertEquals(Op.IDIV, d("f7 f9").op);
        assertEquals(1, d("f6 f1").osize);
    }

    @Test void groupFE() {
        assertEquals(Op.INC, d("fe c0").op);
        assertEquals(Op.DEC, d("fe c8").op);
        assertEquals(Op.INVALID, first("fe d0").op);
    }

    @Test void groupFF() {
        assertEquals(Op.INC, d("ff c0").op);
        assertEquals(Op.DEC, d("48 ff c8").op);
        Insn p = d("ff 30");
        assertEquals(Op.PUSH, p.op);
        assertEquals(8, p.osize);
        operands(p, mem(8));
        assertEquals(Op.INVALID, first("ff 38").op);
        assertEquals("call   FWORD PTR [rax]", d("ff 18").toString());
    }

    @Test void group8BitTests() {
        Insn i = d("0f ba e0 05");
        assertEquals(Op.BT, i.op);
        assertEquals(5, i.imm);
        assertEquals(Op.BTS, d("0f ba e8 05").op);
        assertEquals(Op.BTR, d("0f ba f0 05").op);
        assertEquals(Op.BTC, d("0f ba f8 05").op);
        assertEquals(Op.INVALID, first("0f ba c0 05").op);
        assertEquals("bt     DWORD PTR [rax],0x5", d("0f ba 20 05").toString());
    }

    @Test void group9() {
        Insn c8 = d("0f c7 08");
        assertEquals(Op.CMPXCHG8B, c8.op);
        operands(c8, mem(8));
        Insn c16 = d("f0 48 0f c7 0e");
        assertEquals(Op.CMPXCHG16B, c16.op);
        operands(c16, mem(16));
        assertEquals("lock cmpxchg16b OWORD PTR [rsi]", c16.toString());
        assertEquals(Op.INVALID, first("0f c7 c8").op);
        Insn r = d("f3 0f c7 f8");
        assertEquals(Op.RDPID, r.op);
        operands(r, gpr(0, 8));
    }

    @Test void group15FencesAndState() {
        assertEquals(Op.LFENCE, d("0f ae e8").op);
        assertEquals(Op.MFENCE, d("0f ae f0").op);
        assertEquals(Op.SFENCE, d("0f ae f8").op);
        assertEquals(Op.FXSAVE, d("0f ae 00").op);
        Insn fx = d("48 0f ae 08");
        assertEquals(Op.FXRSTOR, fx.op);
        assertEquals("fxrstor64 [rax]", fx.toString());
        Insn ld = d("0f ae 10");
        assertEquals(Op.LDMXCSR, ld.op);
        operands(ld, mem(4));
        assertEquals(Op.STMXCSR, d("0f ae 18").op);
        assertEquals(Op.CLFLUSH, d("0f ae 38").op);
        Insn fs = d("f3 48 0f ae c0");
        assertEquals(Op.RDFSBASE, fs.op);
        operands(fs, gpr(0, 8));
        assertEquals(Op.WRGSBASE, d("f3 0f ae d8").op);
    }

    @Test void group7SystemRows() {
        assertEquals(Op.XGETBV, d("0f 01 d0").op);
        assertEquals(Op.RDTSCP, d("0f 01 f9").op);
        assertEquals(Op.UNSUPPORTED, d("0f 01 f8").op);   // swapgs
    }

    // ---- SSE: mandatory prefixes ---------------------------------------------------------------------------------

    @Test void mandatoryPrefixSelectsTheForm() {
        assertEquals(Op.ADDPS, d("0f 58 c1").op);
        assertEquals(Op.ADDPD, d("66 0f 58 c1").op);
        assertEquals(Op.ADDSS, d("f3 0f 58 c1").op);
        assertEquals(Op.ADDSD, d("f2 0f 58 c1").op);
        assertTrue(d("f2 0f 58 c1").has(Prefix.MANDATORY));
        assertFalse(d("f2 0f 58 c1").has(Prefix.REPNE));
    }

    @Test void f3WinsOver66() {
        assertEquals(Op.ADDSS, d("66 f3 0f 58 c1").op);
        assertEquals(Op.ADDSS, d("f3 66 0f 58 c1").op);
        assertEquals("data16 addss xmm0,xmm1", d("66 f3 0f 58 c1").toString());
    }

    @Test void lastOfF2F3Wins() {
        assertEquals(Op.ADDSS, d("f2 f3 0f 58 c1").op);
        assertEquals(Op.ADDSD, d("f3 f2 0f 58 c1").op);
        assertEquals("repnz addss xmm0,xmm1", d("f2 f3 0f 58 c1").toString());
    }

    @Test void prefixWithoutItsOwnSseFormIsInvalid() {
        assertEquals(Op.INVALID, first("66 0f 52 c0").op);   // rsqrtps has no 66 form
        assertEquals(Op.INVALID, first("f2 0f 6f c0").op);
        assertEquals(Op.INVALID, first("f3 0f 38 00 c0").op);
        // MOVNTI takes no prefix: 66, F3 and F2 forms raise #UD on hardware (checked natively; found by TierFuzzTest)
        assertEquals(Op.MOVNTI, first("44 0f c3 07").op);
        assertEquals(Op.INVALID, first("66 44 0f c3 07").op);
        assertEquals(Op.INVALID, first("f3 44 0f c3 07").op);
        assertEquals(Op.INVALID, first("f2 44 0f c3 07").op);
    }

    @Test void memoryOperandSizes() {
        operands(d("f3 0f 10 00"), xmm(0, 4), mem(4));
        operands(d("f2 0f 10 00"), xmm(0, 8), mem(8));
        operands(d("0f 28 00"), xmm(0, 16), mem(16));
        assertEquals("movq   xmm0,QWORD PTR [rbp+0x0]", d("f3 0f 7e 45 00").toString());
    }

    @Test void movdOrMovqByRexW() {
        Insn d32 = d("66 0f 6e c0");
        assertEquals(Op.MOVD, d32.op);
        operands(d32, xmm(0, 16), gpr(0, 4));
        Insn q = d("66 48 0f 6e c0");
        assertEquals(Op.MOVQ, q.op);
        operands(q, xmm(0, 16), gpr(0, 8));
    }

    @Test void prefixedIntegerOps() {
        assertEquals(Op.POPCNT, d("f3 0f b8 c1").op);
        assertEquals(Op.INVALID, first("0f b8 c1").op);
        assertEquals(Op.TZCNT, d("f3 0f bc c1").op);
        assertEquals(Op.BSF, d("0f bc c1").op);
        assertEquals(Op.LZCNT, d("f3 48 0f bd c1").op);
    }

    @Test void nopPauseAndXchg() {
        assertEquals(Op.NOP, d("90").op);
        assertEquals(Op.PAUSE, d("f3 90").op);
        Insn x = d("66 90");
        assertEquals(Op.NOP, x.op);
        assertEquals("xchg   ax,ax", x.toString());
        Insn r8 = d("41 90");
        assertEquals(Op.XCHG, r8.op);
        operands(r8, gpr(8, 4), gpr(0, 4));
        assertEquals(Op.ENDBR, d("f3 0f 1e fa").op);
        assertEquals("nop    WORD PTR [rax+rax*1+0x0]", d("66 0f 1f 84 00 00 00 00 00").toString());
        assertEquals("data16 cs nop WORD PTR [rax+rax*1+0x0]", d("66 66 2e 0f 1f 84 00 00 00 00 00").toString());
    }

    @Test void ssePredicatesPrintAsPseudoOps() {
        assertEquals("cmpltps xmm0,xmm1", d("0f c2 c1 01").toString());
        assertEquals("cmpps  xmm1,xmm3,0x8", d("0f c2 cb 08").toString());
    }

    // ---- x87 ----------------------------------------------------------------------------------------------------

    @Test void x87RegisterForms() {
        Insn x = d("d9 c9");
        assertEquals(Op.FXCH, x.op);
        operands(x, st(1));
        assertEquals("fxch   st(1)", x.toString());
        Insn a = d("d8 c1");
        operands(a, st(0), st(1));
        assertEquals("fadd   st,st(1)", a.toString());
        assertEquals("fadd   st(1),st", d("dc c1").toString());
        assertEquals("faddp  st(1),st", d("de c1").toString());
        assertEquals("fld    st(0)", d("d9 c0").toString());
        assertEquals("fucomip st,st(1)", d("df e9").toString());
        assertEquals("fcmovb st,st(1)", d("da c1").toString());
        assertEquals(Op.FUCOMPP, d("da e9").op);
        assertEquals(Op.FLD1, d("d9 e8").op);
    }

    @Test void x87MemoryForms() {
        Insn s = d("dd 1c 24");
        assertEquals(Op.FSTP, s.op);
        operands(s, mem(8));
        Insn t = d("db 2c 24");
        assertEquals(Op.FLD, t.op);
        operands(t, mem(10));
        assertEquals("fld    TBYTE PTR [rsp]", t.toString());
        assertEquals("fild   QWORD PTR [rax]", d("df 28").toString());
        assertEquals("fiadd  WORD PTR [rax]", d("de 00").toString());
        assertEquals("fnstcw WORD PTR [rax]", d("d9 38").toString());
        assertEquals("fnstenv [rax]", d("d9 30").toString());
        Insn sw = d("df e0");
        assertEquals(Op.FNSTSW, sw.op);
        operands(sw, gpr(0, 2));
    }

    // ---- VEX and EVEX: length and name only ----------------------------------------------------------------------

    @Test void vexLengthsAndNames() {
        vex("c5 f8 77", "vzeroupper");
        vex("c5 fc 77", "vzeroall");
        vex("c5 fd 6f 06", "vmovdqa");
        vex("c4 e2 7d 58 c0", "vpbroadcastd");
        vex("c4 e2 7a f7 c1", "sarx");
        vex("c4 e3 fb f0 c1 05", "rorx");
        vex("c4 e2 70 f2 c2", "andn");
        vex("c4 e2 78 f3 c9", "blsr");
        vex("c5 fb 93 c0", "kmovd");
        vex("c4 e1 f9 90 c1", "kmovd");
        vex("c5 fd 74 0f", "vpcmpeqb");
        vex("c4 e3 7d 39 c1 01", "vextracti128");
        vex("c4 e2 f1 a9 c2", "vfmadd213sd");
        vex("c5 f0 c2 c2 01", "vcmpltps");
    }

    @Test void evexLengthsAndNames() {
        vex("62 f1 fe 48 6f 06", "vmovdqu64");
        vex("62 f1 fe 48 6f 46 01", "vmovdqu64");       // compressed disp8 is still one byte
        vex("62 f1 7f 48 6f 06", "vmovdqu8");
        vex("62 f1 fd 48 7f 0f", "vmovdqa64");
        vex("62 f3 7d 20 3f 07 00", "vpcmpeqb");
        vex("62 f3 75 48 3e ca 01", "vpcmpltub");
        vex("62 f3 75 48 3e ca 03", "vpcmpub");
        vex("62 b2 75 20 26 d1", "vptestmb");
        vex("62 f3 75 48 25 ca 96", "vpternlogd");
        vex("62 f1 fd 48 ef c0", "vpxorq");
        vex("62 f2 7d 48 7a c0", "vpbroadcastb");
        vex("62 f1 7c 48 10 05 00 00 00 00", "vmovups");
    }

    private static void vex(String hex, String name) {
        Insn i = d(hex);
        assertEquals(Op.UNSUPPORTED, i.op, hex);
        assertTrue(i.has(Prefix.VEX), hex);
        assertEquals(name, i.mnemonic(), hex);
    }
}
