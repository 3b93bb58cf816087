/**
 * The x87 FPU in software, bit-exact with the hardware: every x87 operation of {@code Op} plus FXSAVE/FXRSTOR.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@link dev.ring3.jit.x87.F80} and its siblings ({@code F80Arith}, {@code F80Convert}, {@code F80Misc}) are
 *       the 80-bit arithmetic on (significand, sign+exponent) primitive pairs: one rounding routine for every
 *       format and precision, the x87 NaN rules, exception flags gathered in a latch of the {@code X87} state.
 *       Nothing allocates.</li>
 *   <li>{@code F80Trans} and {@code Wide} evaluate the transcendentals in 128-bit working precision and round once;
 *       the results are correctly rounded (checked against a BigDecimal reference in the tests).</li>
 *   <li>The {@code X87*} classes are the instructions: stack, tags, condition codes, status-word commit, the
 *       instruction and data pointers, the saved-state images.</li>
 * </ul>
 *
 * <h2>Where the SDM leaves a choice, what this host (AMD, family 19h) does and ring3 copies</h2>
 * Each was observed with the differential tests in {@code jit/src/test/.../x87}:
 * <ul>
 *   <li>Tininess is detected after rounding; an unmasked UE or OE on a store to memory stores nothing and does not
 *       pop, and reports no PE; on a register result the exponent is wrapped by 24576.</li>
 *   <li>No DE on stores (FST, FIST, FBSTP), for a finite / 0, or when the other operand is a NaN; a denormal
 *       single or double memory operand raises DE like a denormal register.</li>
 *   <li>FPREM/FPREM1 partial remainders reduce the exponent difference to 32 * (floor(D / 32) - 1) and clear C0 C1
 *       C3; a NaN result clears C1 and C2 and keeps C0 and C3.</li>
 *   <li>FCMOVcc from an empty register writes the indefinite whatever the condition.</li>
 *   <li>Trigonometric arguments are reduced against the 66-bit pi; FSINCOS's C1 describes the sine. FYL2X,
 *       FYL2XP1 and F2XM1 report PE even for exact results; F2XM1 leaves |x| &gt; 1 unchanged (1 gives 1 with C1);
 *       FYL2XP1 with x &lt;= -1 returns x.</li>
 *   <li>FNSTENV's 32-bit environment: upper halves 0xFFFF, FCS = 0x33, FDS = SS (0x2B) for RSP/RBP-based operands
 *       and 0 otherwise, FDP the offset within the segment; FNSTENV then masks everything (nothing stays
 *       pending). FLDENV, FXRSTOR and FLDCW recompute ES and B from the flags and masks.</li>
 *   <li>FXSAVE stores FOP, FIP and FDP only while an exception is pending (zeros otherwise) and leaves bytes
 *       416-511 alone; FXRSTOR loads them. MXCSR_MASK is 0xFFFF (ring3 has no misaligned-SSE mode; this host
 *       reports 0x2FFFF).</li>
 * </ul>
 *
 * <h2>Not modelled</h2>
 * The aliases the decoder does not know (FFREEP, FSTP1/8/9, FXCH4/7, FCOM2, FCOMP3/5, FENI/FDISI/FSETPM as no-ops);
 * the transcendentals' last-ulp and C1 disagreements with the host's microcode (ring3 is correctly rounded, the host
 * within one ulp of it).
 */
package dev.ring3.jit.x87;
