package dev.ring3.decoder;

import static dev.ring3.decoder.Maps.*;

/**
 * The x87 escape opcodes D8-DF (SDM vol. 2, tables ): for each escape byte, ModRM.reg selects the
 * operation; memory forms (mod != 3) take an operand of the size the table gives (Md m32, Mq m64, Mt m80, Mw m16),
 * register forms name ST(i) from ModRM.rm or are a single encoding chosen by ModRM.rm.
 * Reverse subtraction and division follow the SDM: DC E0+i is FSUBR ST(i),ST(0), DC E8+i is FSUB ST(i),ST(0).
 */
final class X87Map {
    /** Entries for D8..DF. */
    static final Entry[] ESCAPES = new Entry[8];

    private X87Map() {}

    private static final String[] ARITH = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
    private static final Op[] ARITH_OPS = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUB, Op.FSUBR, Op.FDIV, Op.FDIVR};
    private static final String[] IARITH = {"fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv", "fidivr"};
    private static final Op[] IARITH_OPS = {Op.FIADD, Op.FIMUL, Op.FICOM, Op.FICOMP, Op.FISUB, Op.FISUBR, Op.FIDIV, Op.FIDIVR};

    static {
        Entry[] d8 = new Entry[8], da = new Entry[8], dc = new Entry[8], de = new Entry[8];
        for (int k = 0; k < 8; k++) {
            boolean compare = k == 2 || k == 3;
            d8[k] = mod(r(ARITH[k], ARITH_OPS[k], "Md"), r(ARITH[k], ARITH_OPS[k], compare ? "STi" : "ST0,STi"));
            da[k] = r(IARITH[k], IARITH_OPS[k], "Md");
            dc[k] = r(ARITH[k], ARITH_OPS[k], "Mq");
            de[k] = r(IARITH[k], IARITH_OPS[k], "Mw");
        }
        ESCAPES[0] = group(d8);

        ESCAPES[1] = group(
                mod(r("fld", Op.FLD, "Md"), r("fld", Op.FLD, "STi")),
                mod(null, r("fxch", Op.FXCH, "STi")),
                mod(r("fst", Op.FST, "Md"), rm(r("fnop", Op.FNOP), null, null, null, null, null, null, null)),
                mod(r("fstp", Op.FSTP, "Md"), null),
                mod(r("fldenvw/fldenv", Op.FLDENV, "M"), rm(r("fchs", Op.FCHS), r("fabs", Op.FABS), null, null,
                        r("ftst", Op.FTST), r("fxam", Op.FXAM), null, null)),
                mod(r("fldcw", Op.FLDCW, "Mw"), rm(r("fld1", Op.FLD1), r("fldl2t", Op.FLDL2T), r("fldl2e", Op.FLDL2E),
                        r("fldpi", Op.FLDPI), r("fldlg2", Op.FLDLG2), r("fldln2", Op.FLDLN2), r("fldz", Op.FLDZ), null)),
                mod(r("fnstenvw/fnstenv", Op.FNSTENV, "M"), rm(r("f2xm1", Op.F2XM1), r("fyl2x", Op.FYL2X), r("fptan", Op.FPTAN),
                        r("fpatan", Op.FPATAN), r("fxtract", Op.FXTRACT), r("fprem1", Op.FPREM1),
                        r("fdecstp", Op.FDECSTP), r("fincstp", Op.FINCSTP))),
                mod(r("fnstcw", Op.FNSTCW, "Mw"), rm(r("fprem", Op.FPREM), r("fyl2xp1", Op.FYL2XP1), r("fsqrt", Op.FSQRT),
                        r("fsincos", Op.FSINCOS), r("frndint", Op.FRNDINT), r("fscale", Op.FSCALE), r("fsin", Op.FSIN),
                        r("fcos", Op.FCOS))));

        ESCAPES[2] = group(
                mod(da[0], fcmov("fcmovb", 2)),
                mod(da[1], fcmov("fcmove", 4)),
                mod(da[2], fcmov("fcmovbe", 6)),
                mod(da[3], fcmov("fcmovu", 10)),
                mod(da[4], null),
                mod(da[5], rm(null, r("fucompp", Op.FUCOMPP), null, null, null, null, null, null)),
                mod(da[6], null),
                mod(da[7], null));

        ESCAPES[3] = group(
                mod(r("fild", Op.FILD, "Md"), fcmov("fcmovnb", 3)),
                mod(r("fisttp", Op.FISTTP, "Md"), fcmov("fcmovne", 5)),
                mod(r("fist", Op.FIST, "Md"), fcmov("fcmovnbe", 7)),
                mod(r("fistp", Op.FISTP, "Md"), fcmov("fcmovnu", 11)),
                mod(null, rm(null, null, r("fnclex", Op.FNCLEX), r("fninit", Op.FNINIT), null, null, null, null)),
                mod(r("fld", Op.FLD, "Mt"), r("fucomi", Op.FUCOMI, "ST0,STi")),
                mod(null, r("fcomi", Op.FCOMI, "ST0,STi")),
                mod(r("fstp", Op.FSTP, "Mt"), null));

        ESCAPES[4] = group(
                mod(dc[0], r("fadd", Op.FADD, "STi,ST0")),
                mod(dc[1], r("fmul", Op.FMUL, "STi,ST0")),
                mod(dc[2], null),
                mod(dc[3], null),
                mod(dc[4], r("fsubr", Op.FSUBR, "STi,ST0")),
                mod(dc[5], r("fsub", Op.FSUB, "STi,ST0")),
                mod(dc[6], r("fdivr", Op.FDIVR, "STi,ST0")),
                mod(dc[7], r("fdiv", Op.FDIV, "STi,ST0")));

        ESCAPES[5] = group(
                mod(r("fld", Op.FLD, "Mq"), r("ffree", Op.FFREE, "STi")),
                mod(r("fisttp", Op.FISTTP, "Mq"), null),
                mod(r("fst", Op.FST, "Mq"), r("fst", Op.FST, "STi")),
                mod(r("fstp", Op.FSTP, "Mq"), r("fstp", Op.FSTP, "STi")),
                mod(r("frstorw/frstor", Op.FRSTOR, "M"), r("fucom", Op.FUCOM, "STi")),
                mod(null, r("fucomp", Op.FUCOMP, "STi")),
                mod(r("fnsavew/fnsave", Op.FNSAVE, "M"), null),
                mod(r("fnstsw", Op.FNSTSW, "Mw"), null));

        ESCAPES[6] = group(
                mod(de[0], r("faddp", Op.FADDP, "STi,ST0")),
                mod(de[1], r("fmulp", Op.FMULP, "STi,ST0")),
                mod(de[2], null),
                mod(de[3], rm(null, r("fcompp", Op.FCOMPP), null, null, null, null, null, null)),
                mod(de[4], r("fsubrp", Op.FSUBRP, "STi,ST0")),
                mod(de[5], r("fsubp", Op.FSUBP, "STi,ST0")),
                mod(de[6], r("fdivrp", Op.FDIVRP, "STi,ST0")),
                mod(de[7], r("fdivp", Op.FDIVP, "STi,ST0")));

        ESCAPES[7] = group(
                mod(r("fild", Op.FILD, "Mw"), un("ffreep", "STi")),
                mod(r("fisttp", Op.FISTTP, "Mw"), null),
                mod(r("fist", Op.FIST, "Mw"), null),
                mod(r("fistp", Op.FISTP, "Mw"), null),
                mod(r("fbld", Op.FBLD, "Mt"), rm(r("fnstsw", Op.FNSTSW, "AX"), null, null, null, null, null, null, null)),
                mod(r("fild", Op.FILD, "Mq"), r("fucomip", Op.FUCOMIP, "ST0,STi")),
                mod(r("fbstp", Op.FBSTP, "Mt"), r("fcomip", Op.FCOMIP, "ST0,STi")),
                mod(r("fistp", Op.FISTP, "Mq"), null));
    }

    /** FCMOVcc with an explicit name (the negated and unordered forms do not follow the Jcc spelling). */
    private static Row fcmov(String name, int cc) {
        return Row.ccNamed(name, Op.FCMOVCC, cc, "ST0,STi");
    }
}
