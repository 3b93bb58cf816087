package dev.ring3.decoder;

import static dev.ring3.decoder.Bytes.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Raw-byte tests of the decoder, one small test per form (FEX/Box64 style): prefixes, ModRM/SIB shapes,
 * RIP-relative addressing, high-byte registers, immediates and branch targets. Each asserts {@link Insn} fields,
 * not only the printed text. Groups, SSE, x87 and VEX are in {@link DecoderGroupsTest}.
 */
class DecoderTest {
    private static final int N = Insn.NO_REG;

    // ---- prefixes -----------------------------------------------------------------------------------------------

    @Test void operandSize66() {
        Insn i = d("66 01 c8");
        assertEquals(Op.ADD, i.op);
        assertEquals(2, i.osize);
        operands(i, gpr(0, 2), gpr(1, 2));
        assertTrue(i.has(Prefix.OPSIZE));
    }

    @Test void rexW() {
        Insn i = d("48 01 c8");
        assertEquals(8, i.osize);
        assertTrue(i.has(Prefix.REX_W));
        operands(i, gpr(0, 8), gpr(1, 8));
    }

    @Test void rexWWinsOver66() { assertEquals(8, d("66 48 01 c8").osize); }

    @Test void rexRExtendsReg() { operands(d("4c 01 c0"), gpr(0, 8), gpr(8, 8)); }

    @Test void rexBExtendsRm() { operands(d("49 01 c0"), gpr(8, 8), gpr(0, 8)); }

    @Test void rexXExtendsIndex() {
        Insn i = d("4a 8b 04 20");
        operands(i, gpr(0, 8), mem(8));
        address(i, 0, 12, 0, 0);
    }

    @Test void rexFollowedByLegacyPrefixIsIgnored() {
        Insn i = d("48 66 01 c8");
        assertEquals(2, i.osize);
        assertFalse(i.has(Prefix.REX));
        operands(i, gpr(0, 2), gpr(1, 2));
    }

    @Test void onlyTheLastRexCounts() {
        Insn i = d("41 48 01 c0");
        assertEquals(8, i.osize);
        assertFalse(i.has(Prefix.REX_B));
        operands(i, gpr(0, 8), gpr(0, 8));
    }

    @Test void addressSize67() {
        Insn i = d("67 8b 00");
        assertEquals(4, i.asize);
        assertEquals(4, i.osize);
        address(i, 0, N, 0, 0);
    }

    @Test void fsSegment() {
        Insn i = d("64 48 8b 04 25 28 00 00 00");
        assertEquals(Prefix.SEG_FS, i.seg);
        assertTrue(i.has(Prefix.SEG));
        address(i, N, N, 0, 0x28);
        assertEquals("mov    rax,QWORD PTR fs:0x28", i.toString());
    }

    @Test void gsSegment() {
        Insn i = d("65 48 8b 03");
        assertEquals(Prefix.SEG_GS, i.seg);
        address(i, 3, N, 0, 0);
    }

    @Test void esCsSsDsHaveNoEffect() {
        for (String p : new String[] {"26", "2e", "36", "3e"}) {
            Insn i = d(p + " 48 8b 00");
            assertEquals(Prefix.SEG_NONE, i.seg, p);
            assertFalse(i.has(Prefix.SEG), p);
        }
    }

    @Test void lockOnMemoryDestination() {
        Insn i = d("f0 48 0f b1 0a");
        assertEquals(Op.CMPXCHG, i.op);
        assertTrue(i.has(Prefix.LOCK));
        assertEquals("lock cmpxchg QWORD PTR [rdx],rcx", i.toString());
    }

    @Test void lockWithRegisterDestinationIsInvalid() { assertEquals(Op.INVALID, d("f0 01 c0").op); }

    @Test void lockOnMovIsInvalid() { assertEquals(Op.INVALID, d("f0 89 00").op); }

    @Test void fifteenBytesIsTheLimit() {
        Insn ok = d("64 67 f0 48 81 84 80 44 33 22 11 78 56 34 12");
        assertEquals(Op.ADD, ok.op);
        assertEquals(15, ok.length);
        assertEquals(0x12345678, ok.imm);
        address(ok, 0, 0, 2, 0x11223344);
        Insn tooLong = first("26 64 67 f0 48 81 84 80 44 33 22 11 78 56 34 12");
        assertEquals(Op.INVALID, tooLong.op);
        assertEquals(15, tooLong.length);
    }

    @Test void fourteenPrefixesAndAnOpcode() {
        assertEquals(Op.NOP, d("66 66 66 66 66 66 66 66 66 66 66 66 66 66 90").op);
        Insn i = first("66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90");
        assertEquals(Op.INVALID, i.op);
        assertEquals(15, i.length);
    }

    // ---- ModRM and SIB ------------------------------------------------------------------------------------------

    @Test void sibWithoutBaseTakesDisp32() { address(d("8b 04 25 10 00 00 00"), N, N, 0, 0x10); }

    @Test void sibIndexWithoutBase() { address(d("8b 04 c5 f0 ff ff ff"), N, 0, 3, -16); }

    @Test void rbpBaseNeedsDisp8() {
        address(d("8b 45 00"), 5, N, 0, 0);
        address(d("8b 45 f8"), 5, N, 0, -8);
        assertEquals("mov    eax,DWORD PTR [rbp+0x0]", d("8b 45 00").toString());
    }

    @Test void r13BaseNeedsDisp8() { address(d("41 8b 45 00"), 13, N, 0, 0); }

    @Test void rspBaseNeedsSib() {
        address(d("8b 04 24"), 4, N, 0, 0);
        address(d("8b 44 24 08"), 4, N, 0, 8);
    }

    @Test void r12BaseNeedsSib() { address(d("41 8b 04 24"), 12, N, 0, 0); }

    @Test void sibIndexRspMeansNone() {
        Insn i = d("8b 04 20");
        address(i, 0, N, 0, 0);
        assertEquals("mov    eax,DWORD PTR [rax+riz*1]", i.toString());
    }

    @Test void rexXMakesIndexR12() { address(d("42 8b 04 20"), 0, 12, 0, 0); }

    @Test void sibBase5WithDisp8IsRbp() { address(d("8b 44 25 08"), 5, N, 0, 8); }

    @Test void sibBase5WithoutDispIgnoresRexB() { address(d("41 8b 04 25 10 00 00 00"), N, N, 0, 0x10); }

    @Test void disp32() { address(d("8b 80 00 01 00 00"), 0, N, 0, 0x100); }

    @Test void negativeDisp32() { address(d("8b 80 00 ff ff ff"), 0, N, 0, -0x100); }

    @Test void registerForm() {
        Insn i = d("89 d8");
        operands(i, gpr(0, 4), gpr(3, 4));
        assertFalse(i.hasMemory());
        assertEquals(0xd8, i.modrm);
        assertEquals(-1, i.sib);
    }

    // ---- RIP-relative -------------------------------------------------------------------------------------------

    @Test void ripRelative() {
        Insn i = d("8b 05 10 00 00 00");
        assertTrue(i.ripRelative);
        address(i, N, N, 0, AT + 6 + 0x10);
    }

    @Test void ripRelativeTargetCountsTheImmediate() {
        Insn i = d("c7 05 10 00 00 00 01 00 00 00");
        assertEquals(AT + 10 + 0x10, i.disp);
        assertEquals(1, i.imm);
        Insn j = d("48 81 3d f0 ff ff ff 78 56 34 12");
        assertEquals(Op.CMP, j.op);
        assertEquals(AT + 11 - 16, j.disp);
        assertEquals(0x12345678, j.imm);
        assertEquals(AT + 7, d("80 3d 00 00 00 00 05").disp);
        assertEquals(AT + 9, d("66 81 3d 00 00 00 00 34 12").disp);
    }

    @Test void eipRelativeWith67() {
        Insn i = d("67 8b 05 10 00 00 00");
        assertTrue(i.ripRelative);
        assertEquals(4, i.asize);
        assertEquals((AT + 7 + 0x10) & 0xFFFF_FFFFL, i.disp);
    }

    // ---- byte registers -----------------------------------------------------------------------------------------

    @Test void highByteRegistersWithoutRex() {
        Insn i = d("88 e0");
        operands(i, gpr(0, 1), gpr(Operand.AH, 1));
        assertTrue(Operand.isHighByte(i.o1));
        operands(d("88 f6"), gpr(Operand.AH + 2, 1), gpr(Operand.AH + 2, 1));
        assertEquals("mov    dh,dh", d("88 f6").toString());
    }

    @Test void rexSelectsSplToDil() {
        Insn i = d("40 88 e0");
        operands(i, gpr(0, 1), gpr(4, 1));
        assertFalse(Operand.isHighByte(i.o1));
        assertEquals("mov    al,spl", i.toString());
        operands(d("41 88 e0"), gpr(8, 1), gpr(4, 1));
    }

    // ---- immediates ---------------------------------------------------------------------------------------------

    @Test void imm8SignExtended() {
        Insn i = d("83 c0 ff");
        assertEquals(-1, i.imm);
        operands(i, gpr(0, 4), imm(1));
        assertEquals("add    eax,0xffffffff", i.toString());
        assertEquals(-1, d("48 83 c0 ff").imm);
        assertEquals("add    rax,0xffffffffffffffff", d("48 83 c0 ff").toString());
    }

    @Test void pushImm8And32In64BitMode() {
        Insn i = d("6a ff");
        assertEquals(8, i.osize);
        assertEquals(-1, i.imm);
        assertEquals(0xffffffff80000000L, d("68 00 00 00 80").imm);
        assertEquals(2, d("66 6a ff").osize);
    }

    @Test void movabsImm64() {
        Insn i = d("48 b8 88 77 66 55 44 33 22 11");
        assertEquals(Op.MOV, i.op);
        assertEquals(0x1122334455667788L, i.imm);
        assertEquals("movabs", i.mnemonic());
        operands(i, gpr(0, 8), imm(8));
    }

    @Test void movImm32AndSignExtendedImm32() {
        assertEquals(0x55667788L, d("b8 88 77 66 55").imm);
        assertEquals(-1, d("48 c7 c0 ff ff ff ff").imm);
        assertEquals(0x1234, d("66 b8 34 12").imm);
        operands(d("41 b8 01 00 00 00"), gpr(8, 4), imm(4));
    }

    @Test void moffs64() {
        Insn i = d("48 a1 88 77 66 55 44 33 22 11");
        assertEquals(Op.MOV, i.op);
        operands(i, gpr(0, 8), mem(8));
        address(i, N, N, 0, 0x1122334455667788L);
        Insn s = d("a2 00 10 00 00 00 00 00 00");
        operands(s, mem(1), gpr(0, 1));
        assertEquals(0x1000, s.disp);
        assertEquals("movabs ds:0x1000,al", s.toString());
    }

    @Test void enterAndRetImm16() {
        Insn e = d("c8 10 00 01");
        assertEquals(0x10, e.imm);
        assertEquals(1, e.imm2);
        assertEquals(8, d("c2 08 00").imm);
    }

    // ---- branches -----------------------------------------------------------------------------------------------

    @Test void shortJumpTarget() {
        Insn i = d("eb fe");
        assertEquals(Op.JMP, i.op);
        assertEquals(AT, i.imm);
        assertTrue(i.op.endsBlock);
    }

    @Test void nearTargets() {
        assertEquals(AT + 5, d("e9 00 00 00 00").imm);
        assertEquals(AT + 5 + 0x100, d("e8 00 01 00 00").imm);
        Insn j = d("0f 84 fa ff ff ff");
        assertEquals(Op.JCC, j.op);
        assertEquals(4, j.cc);
        assertEquals(AT, j.imm);
        Insn s = d("75 10");
        assertEquals(5, s.cc);
        assertEquals(AT + 2 + 0x10, s.imm);
    }

    @Test void operandSizePrefixIgnoredOnNearBranches() {
        Insn i = d("66 e9 00 00 00 00");
        assertEquals(8, i.osize);
        assertEquals(AT + 6, i.imm);
        assertEquals(AT + 3, d("66 eb 00").imm);
        assertEquals(AT + 7, d("66 0f 84 00 00 00 00").imm);
    }

    @Test void jrcxzAndJecxz() {
        assertEquals("jrcxz", d("e3 00").mnemonic());
        Insn i = d("67 e3 00");
        assertEquals("jecxz", i.mnemonic());
        assertEquals(4, i.asize);
        assertEquals(Op.LOOP, d("e2 fe").op);
    }

    @Test void indirectBranches() {
        Insn c = d("ff d0");
        assertEquals(Op.CALL_IND, c.op);
        operands(c, gpr(0, 8));
        Insn j = d("ff 25 00 00 00 00");
        assertEquals(Op.JMP_IND, j.op);
        operands(j, mem(8));
        assertEquals(AT + 6, j.disp);
        assertEquals(8, d("66 ff d0").osize);
    }
}
