package dev.ring3.decoder;

/**
 * Names of AVX512-FP16 instructions (EVEX maps 5 and 6, and the half-precision rows of 0F3A), in the notation of
 * {@link VexNames}. Map 5 mirrors the 0F arithmetic rows (NP = packed "ph", F3 = scalar "sh"); map 6 mirrors the
 * 0F38 FMA and reciprocal rows with the 66 prefix. Opcodes from the SDM vol. 2, spellings as objdump prints them.
 */
final class Fp16Rows {
    private Fp16Rows() {}

    static final String[] ROWS = {
        // ---- map 5 --------------------------------------------------------------------------------------------
        "E F3 M5 10 W0 vmovsh", "E F3 M5 11 W0 vmovsh",
        "E NP M5 1D W0 vcvtss2sh", "E 66 M5 1D W0 vcvtps2phx",
        "E F3 M5 2A vcvtsi2sh", "E F3 M5 2C vcvttsh2si", "E F3 M5 2D vcvtsh2si",
        "E NP M5 2E W0 vucomish", "E NP M5 2F W0 vcomish",
        "E NP M5 51 W0 vsqrtph", "E F3 M5 51 W0 vsqrtsh",
        "E NP M5 58 W0 vaddph", "E F3 M5 58 W0 vaddsh",
        "E NP M5 59 W0 vmulph", "E F3 M5 59 W0 vmulsh",
        "E NP M5 5A W0 vcvtph2pd", "E 66 M5 5A W1 vcvtpd2ph", "E F3 M5 5A W0 vcvtsh2sd", "E F2 M5 5A W1 vcvtsd2sh",
        "E NP M5 5B vcvtdq2ph|vcvtqq2ph", "E 66 M5 5B W0 vcvtph2dq", "E F3 M5 5B W0 vcvttph2dq",
        "E NP M5 5C W0 vsubph", "E F3 M5 5C W0 vsubsh",
        "E NP M5 5D W0 vminph", "E F3 M5 5D W0 vminsh",
        "E NP M5 5E W0 vdivph", "E F3 M5 5E W0 vdivsh",
        "E NP M5 5F W0 vmaxph", "E F3 M5 5F W0 vmaxsh",
        "E 66 M5 6E W0 vmovw", "E 66 M5 7E W0 vmovw",
        "E NP M5 78 W0 vcvttph2udq", "E 66 M5 78 W0 vcvttph2uqq", "E F3 M5 78 vcvttsh2usi",
        "E NP M5 79 W0 vcvtph2udq", "E 66 M5 79 W0 vcvtph2uqq", "E F3 M5 79 vcvtsh2usi",
        "E 66 M5 7A W0 vcvttph2qq", "E F2 M5 7A vcvtudq2ph|vcvtuqq2ph",
        "E 66 M5 7B W0 vcvtph2qq", "E F3 M5 7B vcvtusi2sh",
        "E NP M5 7C W0 vcvttph2uw", "E 66 M5 7C W0 vcvttph2w",
        "E NP M5 7D W0 vcvtph2uw", "E 66 M5 7D W0 vcvtph2w", "E F3 M5 7D W0 vcvtw2ph", "E F2 M5 7D W0 vcvtuw2ph",

        // ---- map 6 --------------------------------------------------------------------------------------------
        "E NP M6 13 W0 vcvtsh2ss", "E 66 M6 13 W0 vcvtph2psx",
        "E 66 M6 2C W0 vscalefph", "E 66 M6 2D W0 vscalefsh",
        "E 66 M6 42 W0 vgetexpph", "E 66 M6 43 W0 vgetexpsh",
        "E 66 M6 4C W0 vrcpph", "E 66 M6 4D W0 vrcpsh", "E 66 M6 4E W0 vrsqrtph", "E 66 M6 4F W0 vrsqrtsh",
        "E F3 M6 56 W0 vfmaddcph", "E F2 M6 56 W0 vfcmaddcph", "E F3 M6 57 W0 vfmaddcsh", "E F2 M6 57 W0 vfcmaddcsh",
        "E F3 M6 D6 W0 vfmulcph", "E F2 M6 D6 W0 vfcmulcph", "E F3 M6 D7 W0 vfmulcsh", "E F2 M6 D7 W0 vfcmulcsh",
        "E 66 M6 96 W0 vfmaddsub132ph", "E 66 M6 97 W0 vfmsubadd132ph",
        "E 66 M6 98 W0 vfmadd132ph", "E 66 M6 99 W0 vfmadd132sh", "E 66 M6 9A W0 vfmsub132ph", "E 66 M6 9B W0 vfmsub132sh",
        "E 66 M6 9C W0 vfnmadd132ph", "E 66 M6 9D W0 vfnmadd132sh", "E 66 M6 9E W0 vfnmsub132ph",
        "E 66 M6 9F W0 vfnmsub132sh",
        "E 66 M6 A6 W0 vfmaddsub213ph", "E 66 M6 A7 W0 vfmsubadd213ph",
        "E 66 M6 A8 W0 vfmadd213ph", "E 66 M6 A9 W0 vfmadd213sh", "E 66 M6 AA W0 vfmsub213ph", "E 66 M6 AB W0 vfmsub213sh",
        "E 66 M6 AC W0 vfnmadd213ph", "E 66 M6 AD W0 vfnmadd213sh", "E 66 M6 AE W0 vfnmsub213ph",
        "E 66 M6 AF W0 vfnmsub213sh",
        "E 66 M6 B6 W0 vfmaddsub231ph", "E 66 M6 B7 W0 vfmsubadd231ph",
        "E 66 M6 B8 W0 vfmadd231ph", "E 66 M6 B9 W0 vfmadd231sh", "E 66 M6 BA W0 vfmsub231ph", "E 66 M6 BB W0 vfmsub231sh",
        "E 66 M6 BC W0 vfnmadd231ph", "E 66 M6 BD W0 vfnmadd231sh", "E 66 M6 BE W0 vfnmsub231ph",
        "E 66 M6 BF W0 vfnmsub231sh",

        // ---- map 0F3A, no prefix: the half-precision twins of the 66 rows ---------------------------------------
        "E NP 0F3A 08 W0 vrndscaleph", "E NP 0F3A 0A W0 vrndscalesh",
        "E NP 0F3A 26 W0 vgetmantph", "E NP 0F3A 27 W0 vgetmantsh",
        "E NP 0F3A 56 W0 vreduceph", "E NP 0F3A 57 W0 vreducesh",
        "E NP 0F3A 66 W0 vfpclassph", "E NP 0F3A 67 W0 vfpclasssh",
        "E NP 0F3A C2 W0 vcmp{cmp}ph", "E F3 0F3A C2 W0 vcmp{cmp}sh",
    };
}
