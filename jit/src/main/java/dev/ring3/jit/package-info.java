/**
 * Executing guest code: CPU state, guest memory, lazy flags, the code cache, the interpreter, and the instruction
 * families ({@code ops/}, {@code sse/}, {@code x87/}); later the bytecode translator.
 *
 * <h2>Foundations, and why</h2>
 * <ul>
 *   <li><b>Guest memory is one flat window</b> ({@link dev.ring3.jit.GuestMemory}): a single host reservation seen
 *   as a {@link java.lang.foreign.MemorySegment}, guest address {@code a} at offset {@code a - 0x10000}. A load is
 *   one bounds-checked segment access, no page walk (DESIGN.md decision 2: 2.2x faster than byte[] pages behind a
 *   software TLB). The window starts at Linux's mmap_min_addr, so null pointers, the kernel half and non-canonical
 *   addresses fall outside it and the segment's bounds check is the SIGSEGV. Protections are the kernel's side
 *   table, checked on slow paths (syscalls, code fetch), not on every access.</li>
 *   <li><b>CPU state</b> ({@link dev.ring3.jit.Cpu}): GPRs in a {@code long[16]} indexed by the decoder's register
 *   numbers, XMM as long pairs, x87 as (significand, sign+exponent) pairs. The interpreter indexes the arrays; the
 *   translator will load the registers a region uses into JVM locals and store back only those it changed.</li>
 *   <li><b>Lazy flags</b> ({@link dev.ring3.jit.Flags}): a flag-setting instruction records its operation kind,
 *   size, operands and result; conditions are answered from them (a CMP+Jcc never builds RFLAGS). Each
 *   {@link dev.ring3.decoder.Op} declares the flags it reads and writes, for the translator's liveness pass.</li>
 *   <li><b>One handler signature</b> ({@link dev.ring3.jit.Exec}): every operation is {@code run(Cpu, Insn)},
 *   registered per family in {@link dev.ring3.jit.Semantics}; translated code calls it, with the decoded
 *   instruction as a constant, for instructions without an emitter. The interpreter runs the common integer forms
 *   as compact {@link dev.ring3.jit.step.Step}s of their own (a third faster on lukewarm code, where the decoded
 *   form's size made it wait on memory) and everything else through the Exec.</li>
 *   <li><b>Faults name their instruction</b>: semantics touch memory before registers, so a fault leaves the
 *   state as before the instruction; the tier catches the segment's bounds exception and raises
 *   {@link dev.ring3.jit.GuestFault} with the address of the instruction that faulted (the interpreter knows it by
 *   index; translated code will know it from its exception table, at no cost on the hot path).</li>
 *   <li><b>Host system calls</b> ({@link dev.ring3.jit.NativeSyscall}): a JNI method whose code is ten instructions
 *   in a library ring3 writes itself ({@link dev.ring3.jit.SyscallLibrary}); FFM downcalls only as the fallback,
 *   since linking the first one cost every start 25-35 ms. The library also holds an interruptible form of the
 *   call and the handler of the host signal that interrupts it ({@link dev.ring3.jit.NativeSyscall#interruptible}),
 *   so that a guest signal reaches a thread blocked in the host kernel.</li>
 *   <li><b>Self-modifying code</b>: blocks decoded from writable pages keep their bytes and are checked before each
 *   run; blocks from read-only code are dropped by mprotect/munmap ({@link dev.ring3.jit.CodeCache#invalidate}).</li>
 * </ul>
 * The jit knows the kernel only through {@link dev.ring3.jit.SyscallGate} and {@link dev.ring3.jit.PageInfo}.
 */
package dev.ring3.jit;
