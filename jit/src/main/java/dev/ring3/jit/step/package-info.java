/**
 * The interpreter's form of an instruction: a {@link dev.ring3.jit.step.Step}, one small object per instruction
 * whose class is the operation and operand form (MOV register from memory, ADD register and immediate, Jcc,
 * CALL...) and whose fields are only what that form needs, so that running it reads one object of 24-40 bytes.
 *
 * <h2>Why, measured</h2>
 * The interpreter first ran every instruction as {@code exec.run(cpu, insn)} over the decoder's {@link
 * dev.ring3.decoder.Insn} (about 136 bytes, three cache lines, with every form's fields) and generic operand code
 * (switches on operand kind and size). Lukewarm code, run too few times to be translated, ran at 23 ns per
 * instruction: sqlite's statement-compiling phase ({@code sqlite 0}: about 100 million guest instructions in 23
 * million blocks) took 2.4 s with {@code --jit=off} where QEMU takes 0.2 s. Its profile sat on the first loads from
 * each Insn (29% of the loop's samples on one load) and the Block and Insn[] loads: cache misses over a working set
 * of a few megabytes of decoded form, not the work of the instructions. With steps (most of sqlite's executed
 * instructions have one of their own; the rest run {@link dev.ring3.jit.step.Generic}) the same run takes 1.75 s
 * mean instead of 2.39 s (4 interleaved runs; 1.53 vs 1.94 s best), and JMH's InterpreterBench (a four-instruction
 * loop in cache, one of them generic) 5.9-6.3 instead of 8.8 ns per instruction. With the JIT on, few blocks stay
 * interpreted (2 million block runs in sqlite 1 against 89 million region entries), so the translated programs
 * gain little; the interpreter-only mode and short runs gain the most.
 *
 * <h2>Steps run each other</h2>
 * A block runs by running its first step; every step that is not a control transfer ends by running the one after
 * it ({@link dev.ring3.jit.step.Step#then}), so each step class has its own dispatch site for what follows it, as a
 * threaded interpreter replicates its dispatch, instead of one loop's call site for every instruction. The host's
 * branch predictor tells the sites apart: JMH InterpreterBench 5.7 to 4.95 ns per instruction, {@code lua 1
 * --jit=off} 7.18 to 6.93 s mean (4 interleaved; 7.11 to 6.75 best), {@code sqlite 0 --jit=off} 1.59 to 1.47 s;
 * with the JIT on, sqlite 1 and zlib 3 within noise. The chain is at most a block (64 instructions) deep. A fault
 * in a later step reaches the step before it as the segment's exception and leaves as a
 * {@link dev.ring3.jit.step.StepFault} naming the step, so the block still names the faulting instruction.
 *
 * <h2>Rules the steps keep</h2>
 * <ul>
 *   <li>Same semantics as the {@link dev.ring3.jit.Exec}s (which the differential tests check against the host
 *   CPU): operands zero-extended at the operation size, lazy flags recorded the same way, memory read or written
 *   before any register is (a fault leaves the registers as before the instruction).</li>
 *   <li>Only control transfers write {@link dev.ring3.jit.Cpu#rip}; a block's last step always does (a last
 *   instruction that is not a control transfer runs generic, which sets rip to the next instruction first), and a
 *   fault names its instruction by its step.</li>
 *   <li>What keeps its Exec: LOCK and REP forms, 32-bit addresses, anything reading or writing flags partially
 *   (ADC, SBB, shifts, CMOV, SETcc), SSE and x87, system instructions. The translator still reads Insn; steps are
 *   the interpreter's alone.</li>
 * </ul>
 *
 * <h2>Measured, and kept out</h2>
 * <ul>
 *   <li>A CMP or TEST and the Jcc ending a block fused into one step (a superinstruction; the pair ends about a
 *   tenth of sqlite's blocks): {@code sqlite 0 --jit=off} 1.79 vs 1.83 s mean of 6 interleaved runs, no gain. The
 *   number of dispatches is not what costs: the first touch of each block's objects (the Block, its step array,
 *   its steps) is.</li>
 *   <li>More forms with steps of their own: in sqlite's statement-compiling phase only 3% of the instructions run
 *   generic (shifts, CDQE, SSE string scans, CMOVcc, SETcc: 3.0 of about 100 million).</li>
 *   <li>A higher translation threshold now that interpretation is cheaper ({@code --jit-threshold} 2500, 6000,
 *   8000 against 1000, interleaved): sqlite 3, zlib 6 and lua 15 within noise or slower (lua 15 10.46 vs 10.60 s
 *   mean), although {@code sqlite 0} alone runs 1.50 s at 20000 (nothing translated) against 2.31 s at 1000.</li>
 * </ul>
 */
package dev.ring3.jit.step;
