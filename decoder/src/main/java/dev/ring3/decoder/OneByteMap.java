package dev.ring3.decoder;

import static dev.ring3.decoder.Maps.*;
import static dev.ring3.decoder.Row.*;

/**
 * The one-byte opcode map in 64-bit mode (SDM vol. 2, table A-2), in the manual's order. Prefix bytes (26 2E 36 3E
 * 40-4F 64-67 F0 F2 F3) never reach it; C4, C5 and 62 are VEX/EVEX and go to {@link VexDecoder}; D8-DF are the x87
 * escapes of {@link X87Map}. Cells left null (06 07 0E 16 17 1E 1F 27 2F 37 3F 60 61 82 9A C4 C5 CE D4 D5 D6 EA)
 * are invalid in 64-bit mode.
 */
final class OneByteMap {
    static final Entry[] MAP = new Entry[256];

    /** 90 with REX.B is not NOP but XCHG r8, rAX. */
    static final Row XCHG_R8 = r("xchg", Op.XCHG, "Zv,rAX");

    private OneByteMap() {}

    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    private static final Op[] ALU_OPS = {Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP};
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", "shl", "sar"};
    private static final Op[] SHIFT_OPS = {Op.ROL, Op.ROR, Op.RCL, Op.RCR, Op.SHL, Op.SHR, Op.SHL, Op.SAR};

    static {
        // 00-3F: the eight ALU operations, six forms each
        for (int k = 0; k < 8; k++) {
            int b = k * 8;
            int lock = ALU_OPS[k] == Op.CMP ? 0 : LOCK;
            MAP[b] = r(ALU[k], ALU_OPS[k], "Eb,Gb", lock);
            MAP[b + 1] = r(ALU[k], ALU_OPS[k], "Ev,Gv", lock);
            MAP[b + 2] = r(ALU[k], ALU_OPS[k], "Gb,Eb");
            MAP[b + 3] = r(ALU[k], ALU_OPS[k], "Gv,Ev");
            MAP[b + 4] = r(ALU[k], ALU_OPS[k], "AL,Ib");
            MAP[b + 5] = r(ALU[k], ALU_OPS[k], "rAX,Iz");
        }
        // 50-5F: push/pop register
        for (int k = 0; k < 8; k++) {
            MAP[0x50 + k] = r("push", Op.PUSH, "Zv", D64);
            MAP[0x58 + k] = r("pop", Op.POP, "Zv", D64);
        }
        MAP[0x63] = r("movsxd", Op.MOVSXD, "Gv,Ed");
        MAP[0x68] = r("pushw/push/push", Op.PUSH, "Iz", D64);
        MAP[0x69] = r("imul", Op.IMUL, "Gv,Ev,Iz");
        MAP[0x6A] = r("pushw/push/push", Op.PUSH, "Ibs", D64);
        MAP[0x6B] = r("imul", Op.IMUL, "Gv,Ev,Ibs");
        MAP[0x6C] = r("ins", Op.INS, "", BYTE);
        MAP[0x6D] = r("ins", Op.INS, "", Z32);
        MAP[0x6E] = r("outs", Op.OUTS, "", BYTE);
        MAP[0x6F] = r("outs", Op.OUTS, "", Z32);
        for (int cc = 0; cc < 16; cc++) MAP[0x70 + cc] = Row.cc("j", Op.JCC, cc, "Jb", F64);

        // 80-8F
        MAP[0x80] = aluGroup("Eb,Ib");
        MAP[0x81] = aluGroup("Ev,Iz");
        MAP[0x83] = aluGroup("Ev,Ibs");
        MAP[0x84] = r("test", Op.TEST, "Eb,Gb");
        MAP[0x85] = r("test", Op.TEST, "Ev,Gv");
        MAP[0x86] = r("xchg", Op.XCHG, "Eb,Gb", LOCK);
        MAP[0x87] = r("xchg", Op.XCHG, "Ev,Gv", LOCK);
        MAP[0x88] = r("mov", Op.MOV, "Eb,Gb");
        MAP[0x89] = r("mov", Op.MOV, "Ev,Gv");
        MAP[0x8A] = r("mov", Op.MOV, "Gb,Eb");
        MAP[0x8B] = r("mov", Op.MOV, "Gv,Ev");
        MAP[0x8C] = mod(r("mov", Op.MOV_SREG, "Mw,Sw"), r("mov", Op.MOV_SREG, "Rv,Sw"));
        MAP[0x8D] = r("lea", Op.LEA, "Gv,M");
        MAP[0x8E] = mod(r("mov", Op.MOV_SREG, "Sw,Mw"), r("mov", Op.MOV_SREG, "Sw,Rv"));
        MAP[0x8F] = group(r("pop", Op.POP, "Ev", D64), null, null, null, null, null, null, null);

        // 90-9F
        MAP[0x90] = pfx(r("nop", Op.NOP), w(r("xchg", Op.NOP, "AX,AX"), r("xchg", Op.NOP, "rAX,rAX")),
                r("pause", Op.PAUSE), null);
        for (int k = 1; k < 8; k++) MAP[0x90 + k] = r("xchg", Op.XCHG, "Zv,rAX");
        MAP[0x98] = r("cbw/cwde/cdqe", Op.CBW);
        MAP[0x99] = r("cwd/cdq/cqo", Op.CWD);
        MAP[0x9B] = r("fwait", Op.FWAIT);
        MAP[0x9C] = r("pushfw/pushf/pushf", Op.PUSHF, "", D64);
        MAP[0x9D] = r("popfw/popf/popf", Op.POPF, "", D64);
        MAP[0x9E] = r("sahf", Op.SAHF);
        MAP[0x9F] = r("lahf", Op.LAHF);

        // A0-AF
        MAP[0xA0] = r("movabs", Op.MOV, "AL,Ob");
        MAP[0xA1] = r("movabs", Op.MOV, "rAX,Ov");
        MAP[0xA2] = r("movabs", Op.MOV, "Ob,AL");
        MAP[0xA3] = r("movabs", Op.MOV, "Ov,rAX");
        MAP[0xA4] = r("movs", Op.MOVS, "", BYTE);
        MAP[0xA5] = r("movs", Op.MOVS);
        MAP[0xA6] = r("cmps", Op.CMPS, "", BYTE);
        MAP[0xA7] = r("cmps", Op.CMPS);
        MAP[0xA8] = r("test", Op.TEST, "AL,Ib");
        MAP[0xA9] = r("test", Op.TEST, "rAX,Iz");
        MAP[0xAA] = r("stos", Op.STOS, "", BYTE);
        MAP[0xAB] = r("stos", Op.STOS);
        MAP[0xAC] = r("lods", Op.LODS, "", BYTE);
        MAP[0xAD] = r("lods", Op.LODS);
        MAP[0xAE] = r("scas", Op.SCAS, "", BYTE);
        MAP[0xAF] = r("scas", Op.SCAS);

        // B0-BF
        for (int k = 0; k < 8; k++) {
            MAP[0xB0 + k] = r("mov", Op.MOV, "Zb,Ib");
            MAP[0xB8 + k] = r("mov/mov/movabs", Op.MOV, "Zv,Iv");
        }

        // C0-CF
        MAP[0xC0] = shiftGroup("Eb,Ib");
        MAP[0xC1] = shiftGroup("Ev,Ib");
        MAP[0xC2] = r("ret", Op.RET, "Iw", F64);
        MAP[0xC3] = r("ret", Op.RET, "", F64);
        MAP[0xC6] = group(r("mov", Op.MOV, "Eb,Ib"), null, null, null, null, null, null,
                mod(null, rm(un("xabort", "Ib"), null, null, null, null, null, null, null)));
        MAP[0xC7] = group(r("mov", Op.MOV, "Ev,Iz"), null, null, null, null, null, null,
                mod(null, rm(un("xbegin", "Jz"), null, null, null, null, null, null, null)));
        MAP[0xC8] = r("enterw/enter/enter", Op.ENTER, "Iw,Ib", D64);
        MAP[0xC9] = r("leavew/leave/leave", Op.LEAVE, "", D64);
        MAP[0xCA] = un("retfw/retf/retfq", "Iw");
        MAP[0xCB] = un("retfw/retf/retfq");
        MAP[0xCC] = r("int3", Op.INT3);
        MAP[0xCD] = r("int", Op.INT, "Ib");
        MAP[0xCF] = un("iretw/iret/iretq");

        // D0-DF
        MAP[0xD0] = shiftGroup("Eb,1");
        MAP[0xD1] = shiftGroup("Ev,1");
        MAP[0xD2] = shiftGroup("Eb,CL");
        MAP[0xD3] = shiftGroup("Ev,CL");
        MAP[0xD7] = r("xlat", Op.XLAT, "", BYTE);
        for (int k = 0; k < 8; k++) MAP[0xD8 + k] = X87Map.ESCAPES[k];

        // E0-EF
        MAP[0xE0] = r("loopne", Op.LOOPNE, "Jb", F64);
        MAP[0xE1] = r("loope", Op.LOOPE, "Jb", F64);
        MAP[0xE2] = r("loop", Op.LOOP, "Jb", F64);
        MAP[0xE3] = r("jecxz/jecxz/jrcxz", Op.JRCXZ, "Jb", F64 | BY_ASIZE);
        MAP[0xE4] = r("in", Op.IN, "AL,Ib");
        MAP[0xE5] = r("in", Op.IN, "eAX,Ib", Z32);
        MAP[0xE6] = r("out", Op.OUT, "Ib,AL");
        MAP[0xE7] = r("out", Op.OUT, "Ib,eAX", Z32);
        MAP[0xE8] = r("call", Op.CALL, "Jz", F64);
        MAP[0xE9] = r("jmp", Op.JMP, "Jz", F64);
        MAP[0xEB] = r("jmp", Op.JMP, "Jb", F64);
        MAP[0xEC] = r("in", Op.IN, "AL,DX");
        MAP[0xED] = r("in", Op.IN, "eAX,DX", Z32);
        MAP[0xEE] = r("out", Op.OUT, "DX,AL");
        MAP[0xEF] = r("out", Op.OUT, "DX,eAX", Z32);

        // F0-FF
        MAP[0xF1] = r("int1", Op.INT1);
        MAP[0xF4] = r("hlt", Op.HLT);
        MAP[0xF5] = r("cmc", Op.CMC);
        MAP[0xF6] = group(r("test", Op.TEST, "Eb,Ib"), r("test", Op.TEST, "Eb,Ib"), r("not", Op.NOT, "Eb", LOCK),
                r("neg", Op.NEG, "Eb", LOCK), r("mul", Op.MUL, "Eb"), r("imul", Op.IMUL1, "Eb"),
                r("div", Op.DIV, "Eb"), r("idiv", Op.IDIV, "Eb"));
        MAP[0xF7] = group(r("test", Op.TEST, "Ev,Iz"), r("test", Op.TEST, "Ev,Iz"), r("not", Op.NOT, "Ev", LOCK),
                r("neg", Op.NEG, "Ev", LOCK), r("mul", Op.MUL, "Ev"), r("imul", Op.IMUL1, "Ev"),
                r("div", Op.DIV, "Ev"), r("idiv", Op.IDIV, "Ev"));
        MAP[0xF8] = r("clc", Op.CLC);
        MAP[0xF9] = r("stc", Op.STC);
        MAP[0xFA] = r("cli", Op.CLI);
        MAP[0xFB] = r("sti", Op.STI);
        MAP[0xFC] = r("cld", Op.CLD);
        MAP[0xFD] = r("std", Op.STD);
        MAP[0xFE] = group(r("inc", Op.INC, "Eb", LOCK), r("dec", Op.DEC, "Eb", LOCK), null, null, null, null, null, null);
        MAP[0xFF] = group(r("inc", Op.INC, "Ev", LOCK), r("dec", Op.DEC, "Ev", LOCK),
                r("call", Op.CALL_IND, "Ev", F64), un("call", "Mp"), r("jmp", Op.JMP_IND, "Ev", F64), un("jmp", "Mp"),
                r("push", Op.PUSH, "Ev", D64), null);
    }

    private static Entry aluGroup(String operands) {
        Entry[] g = new Entry[8];
        for (int k = 0; k < 8; k++) g[k] = r(ALU[k], ALU_OPS[k], operands, ALU_OPS[k] == Op.CMP ? 0 : LOCK);
        return group(g);
    }

    private static Entry shiftGroup(String operands) {
        Entry[] g = new Entry[8];
        for (int k = 0; k < 8; k++) g[k] = r(SHIFT[k], SHIFT_OPS[k], operands);
        return group(g);
    }
}
