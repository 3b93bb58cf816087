/**
 * SSE, SSE2 and MMX semantics: four instruction families registered with {@link dev.ring3.jit.Semantics}
 * ({@link dev.ring3.jit.sse.SseMoves}, {@link dev.ring3.jit.sse.SseFloat}, {@link dev.ring3.jit.sse.SseConvert},
 * {@link dev.ring3.jit.sse.SseInteger}) and the helpers they share.
 *
 * <p>Floating point is bit-exact with the hardware, MXCSR included: {@code Fp} rounds exact intermediate results
 * under the rounding control with FTZ and DAZ and raises the sticky flags as the SDM specifies; {@code FpArith},
 * {@code FpCompare} and {@code FpConvert} compute one lane each; {@code FpFast} answers the common case (default
 * MXCSR, ordinary operands) with the host's own IEEE operations; {@code Mxcsr} brackets every instruction so that an
 * unmasked exception raises SIGFPE and leaves the destination alone. {@code Approx} holds the implementation-specific
 * RCP/RSQRT tables. Integer SIMD works on 64-bit groups of lanes ({@code Lanes}); MMX registers are the x87
 * significands, and every MMX instruction makes the x87-to-MMX transition ({@code Simd}).
 *
 * <p>Everything is checked against the host CPU by the differential tests in this package's test tree.
 */
package dev.ring3.jit.sse;
