package dev.ring3.decoder;

import static dev.ring3.decoder.FlagBits.*;

/**
 * The semantic operations the tiers implement: one constant per behaviour, shared by every encoding of it
 * (all forms of ADD are {@link #ADD}; the operand forms are in the {@link Insn}). Each carries the flags it reads
 * and writes (for the translator's flag liveness) and whether it ends a basic block.
 *
 * <p>Condition-code families ({@link #JCC}, {@link #SETCC}, {@link #CMOVCC}, {@link #FCMOVCC}) keep the condition in
 * {@link Insn#cc}; their flag reads depend on it ({@link Insn#flagsRead()}).
 *
 * <p>{@link #UNSUPPORTED} is an instruction the decoder knows (its length and mnemonic are right, so it prints)
 * but no tier executes: running it raises SIGILL with its name. {@link #INVALID} is an encoding that is #UD on
 * real hardware too.
 */
public enum Op {
    // ---- integer ALU ------------------------------------------------------------------------------------------
    ADD(0, STATUS), OR(0, STATUS), ADC(CF, STATUS), SBB(CF, STATUS), AND(0, STATUS), SUB(0, STATUS), XOR(0, STATUS),
    CMP(0, STATUS), TEST(0, STATUS), INC(0, STATUS_NO_CF), DEC(0, STATUS_NO_CF), NEG(0, STATUS), NOT(0, 0),
    MUL(0, STATUS), IMUL1(0, STATUS), IMUL(0, STATUS), DIV(0, 0), IDIV(0, 0),   // flags undefined; ring3 leaves them unchanged, so none written (liveness)
    // shifts leave flags untouched when the masked count is 0, so they also "read" what they may keep
    ROL(CF | OF, CF | OF), ROR(CF | OF, CF | OF), RCL(CF | OF, CF | OF), RCR(CF | OF, CF | OF),
    SHL(STATUS, STATUS), SHR(STATUS, STATUS), SAR(STATUS, STATUS), SHLD(STATUS, STATUS), SHRD(STATUS, STATUS),
    BT(0, CF), BTS(0, CF), BTR(0, CF), BTC(0, CF), BSF(0, ZF), BSR(0, ZF),
    TZCNT(0, CF | ZF), LZCNT(0, CF | ZF), POPCNT(0, STATUS), BSWAP(0, 0),
    CBW(0, 0), CWD(0, 0),

    // ---- data movement ----------------------------------------------------------------------------------------
    MOV(0, 0), MOVZX(0, 0), MOVSX(0, 0), MOVSXD(0, 0), LEA(0, 0), XCHG(0, 0), XADD(0, STATUS),
    CMPXCHG(0, STATUS), CMPXCHG8B(0, ZF), CMPXCHG16B(0, ZF), MOVBE(0, 0), MOVNTI(0, 0),
    PUSH(0, 0), POP(0, 0), PUSHF(STATUS | DF, 0), POPF(0, STATUS | DF), LEAVE(0, 0), ENTER(0, 0),
    SETCC(0, 0), CMOVCC(0, 0), LAHF(STATUS & ~OF, 0), SAHF(0, STATUS & ~OF), XLAT(0, 0), MOV_SREG(0, 0),

    // ---- flags --------------------------------------------------------------------------------------------------
    CLC(0, CF), STC(0, CF), CMC(CF, CF), CLD(0, DF), STD(0, DF), CLI(0, 0), STI(0, 0),

    // ---- control transfer (end the block) ---------------------------------------------------------------------
    JMP(0, 0, true), JMP_IND(0, 0, true), JCC(0, 0, true), CALL(0, 0, true), CALL_IND(0, 0, true), RET(0, 0, true),
    JRCXZ(0, 0, true), LOOP(0, 0, true), LOOPE(ZF, 0, true), LOOPNE(ZF, 0, true),
    SYSCALL(0, 0, true), INT3(0, 0, true), INT(0, 0, true), INT1(0, 0, true), HLT(0, 0, true), UD(0, 0, true),

    // ---- strings (REP handled by the implementation; DF read) -------------------------------------------------
    MOVS(DF, 0), CMPS(DF, STATUS), STOS(DF, 0), LODS(DF, 0), SCAS(DF, STATUS), INS(DF, 0), OUTS(DF, 0),

    // ---- system and miscellaneous -----------------------------------------------------------------------------
    NOP(0, 0), PAUSE(0, 0), ENDBR(0, 0), CPUID(0, 0), RDTSC(0, 0), RDTSCP(0, 0), XGETBV(0, 0), RDPID(0, 0),
    MFENCE(0, 0), LFENCE(0, 0), SFENCE(0, 0), CLFLUSH(0, 0), PREFETCH(0, 0), IN(0, 0, true), OUT(0, 0, true),
    RDFSBASE(0, 0), RDGSBASE(0, 0), WRFSBASE(0, 0), WRGSBASE(0, 0),

    // ---- SSE / SSE2 floating point -----------------------------------------------------------------------------
    MOVUPS, MOVUPD, MOVSS, MOVSD_X, MOVLPS, MOVLPD, MOVHPS, MOVHPD, MOVHLPS, MOVLHPS, MOVAPS, MOVAPD,
    MOVNTPS, MOVNTPD, MOVMSKPS, MOVMSKPD, UNPCKLPS, UNPCKLPD, UNPCKHPS, UNPCKHPD,
    CVTSI2SS, CVTSI2SD, CVTTSS2SI, CVTTSD2SI, CVTSS2SI, CVTSD2SI,
    UCOMISS(0, STATUS), UCOMISD(0, STATUS), COMISS(0, STATUS), COMISD(0, STATUS),
    SQRTPS, SQRTPD, SQRTSS, SQRTSD, RSQRTPS, RSQRTSS, RCPPS, RCPSS,
    ANDPS, ANDPD, ANDNPS, ANDNPD, ORPS, ORPD, XORPS, XORPD,
    ADDPS, ADDPD, ADDSS, ADDSD, MULPS, MULPD, MULSS, MULSD, SUBPS, SUBPD, SUBSS, SUBSD,
    MINPS, MINPD, MINSS, MINSD, DIVPS, DIVPD, DIVSS, DIVSD, MAXPS, MAXPD, MAXSS, MAXSD,
    CVTPS2PD, CVTPD2PS, CVTSS2SD, CVTSD2SS, CVTDQ2PS, CVTPS2DQ, CVTTPS2DQ, CVTDQ2PD, CVTPD2DQ, CVTTPD2DQ,
    CVTPI2PS, CVTPS2PI, CVTTPS2PI, CVTPI2PD, CVTPD2PI, CVTTPD2PI,
    CMPPS, CMPPD, CMPSS, CMPSD_X, SHUFPS, SHUFPD, LDMXCSR, STMXCSR, FXSAVE, FXRSTOR,

    // ---- SSE2 integer (and their MMX forms) ---------------------------------------------------------------------
    PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PACKSSWB, PCMPGTB, PCMPGTW, PCMPGTD, PACKUSWB,
    PUNPCKHBW, PUNPCKHWD, PUNPCKHDQ, PACKSSDW, PUNPCKLQDQ, PUNPCKHQDQ,
    MOVD, MOVQ, MOVDQA, MOVDQU, MOVQ2DQ, MOVDQ2Q, PSHUFD, PSHUFHW, PSHUFLW, PSHUFW,
    PSRLW, PSRAW, PSLLW, PSRLD, PSRAD, PSLLD, PSRLQ, PSLLQ, PSRLDQ, PSLLDQ,
    PCMPEQB, PCMPEQW, PCMPEQD, EMMS, PADDQ, PMULLW, PMOVMSKB, PSUBUSB, PSUBUSW, PMINUB, PAND, PADDUSB, PADDUSW,
    PMAXUB, PANDN, PAVGB, PAVGW, PMULHUW, PMULHW, MOVNTQ, MOVNTDQ, PSUBSB, PSUBSW, PMINSW, POR, PADDSB, PADDSW,
    PMAXSW, PXOR, PMULUDQ, PMADDWD, PSADBW, MASKMOVQ, MASKMOVDQU, PSUBB, PSUBW, PSUBD, PSUBQ, PADDB, PADDW, PADDD,
    PINSRW, PEXTRW,

    // ---- x87 --------------------------------------------------------------------------------------------------
    FLD, FST, FSTP, FILD, FIST, FISTP, FISTTP, FBLD, FBSTP, FLD1, FLDZ, FLDPI, FLDL2E, FLDLN2, FLDL2T, FLDLG2,
    FXCH, FADD, FADDP, FIADD, FSUB, FSUBP, FSUBR, FSUBRP, FISUB, FISUBR, FMUL, FMULP, FIMUL,
    FDIV, FDIVP, FDIVR, FDIVRP, FIDIV, FIDIVR, FCOM, FCOMP, FCOMPP, FUCOM, FUCOMP, FUCOMPP,
    FCOMI(0, STATUS), FCOMIP(0, STATUS), FUCOMI(0, STATUS), FUCOMIP(0, STATUS), FICOM, FICOMP, FTST, FXAM,
    FCHS, FABS, FSQRT, FRNDINT, FSCALE, FXTRACT, FPREM, FPREM1, F2XM1, FYL2X, FYL2XP1, FPTAN, FPATAN,
    FSIN, FCOS, FSINCOS, FLDCW, FNSTCW, FNSTSW, FNSTENV, FLDENV, FNSAVE, FRSTOR, FNINIT, FNCLEX, FWAIT,
    FFREE, FDECSTP, FINCSTP, FCMOVCC, FNOP,

    // ---- decoded but not executed ---------------------------------------------------------------------------
    /** Known instruction (prints, has the right length) that ring3 does not implement: SIGILL when run. */
    UNSUPPORTED(0, 0, true),
    /** An encoding that is undefined (#UD) on hardware too: SIGILL when run. */
    INVALID(0, 0, true);

    /** Flags this operation reads (before condition codes; see {@link Insn#flagsRead()}). */
    public final int flagsRead;
    /** Flags this operation writes or leaves undefined. */
    public final int flagsWritten;
    /** True if control may leave the straight line after this instruction, or must return to the kernel. */
    public final boolean endsBlock;

    Op() { this(0, 0, false); }
    Op(int read, int written) { this(read, written, false); }
    Op(int read, int written, boolean endsBlock) {
        this.flagsRead = read;
        this.flagsWritten = written;
        this.endsBlock = endsBlock;
    }
}
