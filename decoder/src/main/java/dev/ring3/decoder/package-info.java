/**
 * x86-64 instruction decoding: bytes in, immutable {@link dev.ring3.decoder.Insn} records out.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Decode once, one form for every tier.</b> The interpreter, the translator and the printer all read the
 *   same {@link dev.ring3.decoder.Insn}: an operation ({@link dev.ring3.decoder.Op}, the semantics, shared by all
 *   encodings of it), sizes, prefixes, up to four operands packed as ints ({@link dev.ring3.decoder.Operand}) and the
 *   one memory operand's parts as fields. RIP-relative addresses and branch targets are resolved to absolute
 *   addresses here, so no tier ever adds RIP.</li>
 *   <li><b>Maps are data.</b> Each opcode map is an array of {@link dev.ring3.decoder.Entry} cells written in the
 *   SDM's own terms ({@code r("add", Op.ADD, "Ev,Gv", LOCK)}), with selectors for groups (ModRM.reg), memory vs
 *   register forms, mandatory prefixes and REX.W. Adding an instruction is adding a row; its semantics live in the
 *   jit module, keyed by {@link dev.ring3.decoder.Op}.</li>
 *   <li><b>Know more than we run.</b> Instructions ring3 does not execute (AVX, SSE4, system instructions) still
 *   decode with the right length and name, as {@link dev.ring3.decoder.Op#UNSUPPORTED}; running one gives the
 *   guest SIGILL with a message naming it. Static glibc carries AVX2 and AVX-512 code in every binary, so exact
 *   lengths matter even where the code never runs.</li>
 *   <li><b>Names and text as objdump prints them.</b> {@link dev.ring3.decoder.Printer} follows
 *   {@code objdump -d -M intel} down to its prefix words (data16, rex.W, notrack, bnd...), so the decoder can be
 *   checked against objdump line by line: the tests compare every instruction of static glibc, musl, busybox and Go
 *   binaries, random instruction-shaped bytes, and the whole VEX/EVEX opcode space. VEX/EVEX names come from the
 *   row tables of {@code VexRows} and {@code EvexRows} (a line notation of the SDM's opcode headers). The few
 *   encoding details objdump shows but that change nothing ({@link dev.ring3.decoder.Insn#modrm},
 *   {@link dev.ring3.decoder.Insn#sib}, {@link dev.ring3.decoder.Insn#prefixBytes},
 *   {@link dev.ring3.decoder.Insn#rexUsed}) are kept in the instruction for the printer.</li>
 *   <li><b>Hardware over objdump where they differ.</b> 66 on a near branch is ignored (Intel; objdump decodes a
 *   16-bit target as AMD does), a REX followed by another prefix is ignored (objdump lists it alone), LOCK where
 *   the SDM says #UD is {@link dev.ring3.decoder.Op#INVALID}, and no instruction is read past its 15th byte.</li>
 *   <li><b>Flag use is recorded per operation</b> ({@link dev.ring3.decoder.Op#flagsRead},
 *   {@link dev.ring3.decoder.Op#flagsWritten}) so the translator can drop dead flag computations.</li>
 * </ul>
 * The module depends on nothing; it knows nothing of guest memory beyond {@link dev.ring3.decoder.CodeSource}.
 */
package dev.ring3.decoder;
