/**
 * The JIT tier: hot guest code translated into JVM bytecode, one hidden class per region.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li><b>Tiering</b> ({@link dev.ring3.jit.Engine}): blocks are interpreted and counted; at the threshold
 *   ({@code --jit-threshold}, default 1000) the block becomes the entry of a region.</li>
 *   <li><b>Regions</b> ({@link dev.ring3.jit.translate.RegionBuilder}): from the hot block, direct branches,
 *   fall-through, return sites and the profiled targets of indirect jumps, to blocks already run and not owned by
 *   another region, up to 256 guest instructions. Regions partition the hot code and any block of a region can be
 *   entered (a {@code tableswitch} on entry), so nothing is translated twice.</li>
 *   <li><b>Method</b> ({@link dev.ring3.jit.translate.Translator}): guest registers in JVM long locals and XMM
 *   lanes in double locals (loaded on entry, stored at exits), branches inside the region as JVM branches (loops
 *   are JVM loops C2 optimises), lazy
 *   flags with liveness (a CMP+Jcc becomes one long comparison; dead flags are never computed), memory as raw
 *   accesses to the flat window with one unsigned bounds check each, and the interpreter's own semantics
 *   (a constant {@code Exec}) for instructions without an emitter. A loop's back edge is a forward conditional
 *   jump over a backward GOTO, so the safepoint poll HotSpot puts on the back edge has nothing on the operand
 *   stack to keep (the sieve kernel went from 26.7 to 22.3 ms per call, matmul 4.4 to 3.7 s). Methods stay under 6000 bytes of bytecode
 *   (HotSpot compiles nothing over 8000 and stops inlining at 8000); a region too large is built again at half
 *   the size (without translating it first when its instruction count alone makes it too large, and giving up on
 *   an attempt as soon as its blocks pass the limit, before ASM computes its frames: zlib's translation time 446
 *   to 259 ms for the same 68 regions; translation runs on the guest's thread, about 1.1 s of sqlite scale 1). A
 *   region expected to be too large at the program's bytecode per instruction so far is built at the size expected
 *   to fit instead of being tried ({@link dev.ring3.jit.translate.RegionSizer}: sqlite's failed attempts 85 to
 *   33, zlib's 6 to 3, lua's 11 to 6).</li>
 *   <li><b>Exits</b>: an exit to a fixed address is chained (the region calls the next region's code itself,
 *   depth-bounded); an indirect jump compares the target with the targets seen while interpreting, a switch when
 *   there are many (a bytecode interpreter's dispatch stays inside one method); anything else returns to the
 *   engine with the exit's index, which is a per-exit inline cache of the next two blocks (a return goes back to
 *   more than one caller: with one, 23% of sqlite's and 20% of lua's dispatches missed it and searched the jump
 *   cache; with two, 19% and 8%, and lua 3 ran 4.22 to 3.95 s, best of 6). The region that took the
 *   exit is named in {@code Cpu.exitRegion}, so an exit taken in a chained callee comes back as the callee's own:
 *   the engine uses the callee's cache (no jump-cache lookup after chained exits: {@code Engine.lookup} had 9-10%
 *   of sqlite's samples in its insert and query phases), and a callee's side exits count against the callee, not
 *   its caller. Exits taken in a chained callee are not linked (see below: deeper chains). A chained call's depth
 *   travels in the entry argument (bounded by {@code Compiled.MAX_CHAIN}), its target comes from the chain arrays
 *   as constants of the method, and only exits to a fixed address try it: crossing into another region and back
 *   through the engine costs about 8 ns where a CALL/RET inside one region costs 1 ({@code perf/jmh CallBench}).</li>
 *   <li><b>Instructions without an emitter</b> run through the interpreter's semantics (a fallback: registers
 *   stored before, reloaded after), which costs 100 ns and more each. {@code -Dring3.jit.profile=true} lists them
 *   by count and site; real programs showed hot ones that the benchmarks did not: ROL/ROR with their flags
 *   considered live (busybox sha256sum 3.8 times faster once translated), MOVLPD/MOVHPD and BT (busybox sort),
 *   the SIMD shifts by an immediate (bzip2), XCHG and CMPXCHG with memory (libc's locks,
 *   {@link dev.ring3.jit.translate.AtomicEmitters}).</li>
 *   <li><b>Constants</b>: objects the method uses (its region, instructions for fault paths, the chain array) are
 *   class data, loaded as dynamic constants; the constructor resolves them all, so that C2 never compiles an
 *   unresolved one as an uncommon trap (each such trap deoptimized a region the first time a new exit was taken:
 *   8 in zlib 2, 19 in sqlite 1, 7 in lua 3).</li>
 *   <li><b>Faults</b>: a failed bounds check stores the state as it was before the instruction and side-exits to
 *   the interpreter, which runs that instruction exactly and raises SIGSEGV naming its RIP if it faults. The check
 *   may therefore refuse valid accesses: every size is checked against the 16-byte limit (one limit register in a
 *   loop instead of five; zlib's match loop spilled guest registers for them), and the window's last 15 bytes go
 *   through the interpreter. A block's stack accesses (PUSH, POP, CALL, RET and {@code [rsp + d]}, while RSP
 *   changes only by those and constant ADD/SUB) share one pair of checks at the first of them, and so do its
 *   {@code [reg + d]} operands between writes of reg ({@link dev.ring3.jit.translate.SharedChecks}): the stack's
 *   made sqlite 1 7.12 to 6.66 s and lua 5 4.50 to 4.19 s, the other registers' zlib 3 2.57 to 2.48 s (three
 *   rounds of interleaved runs, 3% each); sort and n-body flat. An instruction whose accesses a shared check
 *   covers has no fault path of its own (it used to get one nothing jumped to, dead code that ASM padded with NOPs:
 *   sqlite's bytecode per instruction 51.8 to 47.8, its regions too large at a first attempt 37 to 27). Slow paths of fast emitters (special floating-point values, misaligned 16-byte
 *   operands) are side exits too, and a region that takes side exits too often is translated again with them
 *   inline and with exact limits.</li>
 *   <li><b>Floating point</b> ({@link dev.ring3.jit.translate.SseEmitters}): SSE2 double arithmetic is the host's
 *   IEEE operation under an MXCSR checked on region entry; it may raise no flag but PE when its operands are
 *   ordinary and its result can neither overflow nor be tiny, which {@link dev.ring3.jit.translate.FpRanges}
 *   proves for chains of operations from one range test per input value (matmul 30 3.43 to 2.74 s, n-body 10
 *   4.88 to 3.27 s, against testing the operands and result of each operation). A region whose range tests fail
 *   too often is translated again with per-operation tests, then with exact slow paths inline. XMM lanes live in
 *   double locals holding their bits (raw conversions, exact for any pattern), and the range test compares the
 *   double's magnitude with two constants ({@link dev.ring3.jit.translate.FloatOps#inRange}), so a lane used as a
 *   double stays in a host XMM register: C2 turns a long load or store whose only use is such a conversion into a
 *   double load or store, and no general register holds a lane or a test constant in a loop (matmul 40 2.86 to
 *   2.33 s, n-body 8 3.11 to 2.34 s; the rest flat). History: lanes as double locals measured worse at first
 *   (matmul 2.5 to 2.7 s, n-body 7.2 to 8.7 s, when every operation tested its operands and result on their bits),
 *   then long locals won once operations were proved from ranges (matmul 30 2.69 to 2.35 s), while the range test
 *   itself worked on the bits in a general register; with the test on the double, double locals win. A sum or
 *   difference whose result is only stored (no later instruction of the block reads its register before
 *   overwriting it) tests its unknown operand on one side only ({@link dev.ring3.jit.translate.FloatOps#notTiny}:
 *   zero or 2^-K and up, infinities included) when the other is known below 2^969: no finite value added to such
 *   a number can overflow, and an infinite one makes an infinite sum with no flag (matmul's
 *   {@code c[i][j] += x * b[k][j]}: one comparison and branch per lane fewer, matmul 40 2.49 to 2.30 s).</li>
 *   <li><b>Byte results</b>: SETcc keeps the byte it wrote in a local until the register is written otherwise
 *   ({@code Gen.byteKnown}), so {@code setg al; movzbl al, eax} reads the 0/1 itself instead of masking the merged
 *   register (sort's comparison callback: sort 4 1.70 to 1.49 s).</li>
 *   <li><b>Self-modifying code</b>: writes, mprotect and munmap invalidate translations of the pages touched;
 *   code decoded from writable pages re-checks its bytes at every block start.</li>
 *   <li><b>Checking</b>: {@link dev.ring3.jit.CoSim} runs every block under both tiers and compares the complete
 *   state and the stores ({@code --jit=cosim}); the tier fuzz test drives it with random instruction sequences.</li>
 * </ul>
 *
 * <h2>Measured, and kept out</h2>
 * Ideas that measured no better or worse on this class of machine (2 cores; numbers from
 * {@code perf/bench} and {@code perf/jmh}), recorded so they are not tried blind again:
 * <ul>
 *   <li>Re-forming a region the engine keeps entering (after 10000 entries, rebuilt from that block taking in the
 *   blocks of other regions): n-body's time step is four regions entered once per step from the engine, but the
 *   re-formed region (125 instructions of SSE code) was over the bytecode limit; lua and sqlite took 5% longer
 *   (more compilation), zlib re-formed nothing.</li>
 *   <li>Return-address prediction through the JVM stack (after a chained call returns, continue at the call's
 *   return site inside the caller's method), chaining of indirect exits, and linking exits taken in nested
 *   regions: engine entries on sqlite fell from 271 million to 52 million, yet sqlite took 10-15% longer, lua
 *   12.7 s to 14.1 s, zlib 5.4 s to 5.9 s (deeper JVM stacks of megamorphic calls, and more C1/C2 work).
 *   Tried again (2026-12-06) in a per-call-site form: a CALL leaving the region with its return site inside
 *   calls the callee's region from its own code (so the continuation joins only the return site's block, not
 *   every block through the common exit), links made by translated code for exits taken in nests, indirect calls
 *   re-linked to a new target up to 16 times, return sites taken into a region even when another region owns
 *   them. Engine entries: sqlite 1 90 to 49 million, lua 5 105 to 68 million; time: sqlite 1 7.7 to 9.0 s, lua 5
 *   4.50 to 4.99 s (min of 3 interleaved runs each). Resuming through the common exit instead (every exit's
 *   path loops back into the return sites) was far worse: lua 12 to 20 s. Dispatch through the engine is not
 *   where these programs lose time to a deeper call structure.</li>
 *   <li>Cpu.r and Cpu.xmm read from the Cpu at each use (entry, exits) instead of kept in locals, so that one
 *   value fewer is live through loops: zlib's match loop compiled with the same spills (451 vs 455 stack
 *   references in its C2 code), time flat.</li>
 *   <li>{@code -XX:Tier3DelayOn=100000} (translated regions go to tier 3 even while C2's queue is long, instead
 *   of tier 2 first and tier 3 later: sqlite 1 compiles 199 regions twice with C1): sqlite 1 7.71 to 7.29 s, but
 *   sqlite 3 flat (15.78 vs 15.64 s); lua 11.4 to 15.3 s in one A/B (its hot code would run longer in tier-3
 *   code with full profiling) and 13.7 vs 15.0 s in a second, both minimums of 3 runs that ranged up to 25.8 s:
 *   no gain shown.</li>
 *   <li>{@code Objects.checkIndex} bounds checks (so that C2 might hoist them from loops): hash kernel 4.6 ms to
 *   6.6 ms per call, sieve marking loop 24 ms to 42 ms.</li>
 *   <li>One combined exponent test for SSE ADD/SUB/MUL/DIV instead of per-operand checks: matmul 4.4 s to 4.9 s,
 *   nbody 2.1 s to 2.6 s.</li>
 *   <li>JVM tiering flags: {@code -XX:-TieredCompilation} and higher C1 thresholds were slower; C1 only
 *   ({@code TieredStopAtLevel=1}) is 2-3 times slower: translated code needs C2. {@code CompileThresholdScaling}
 *   0.1 to 3 and lower tier-3 thresholds: flat or slower (zlib, sort, hash, sqlite, lua). Per region, through a
 *   compiler directive: C2 excluded (all regions at C1) made sqlite 10.3 to 17.9 s; C1 excluded (regions go from
 *   the interpreter to C2) cut sqlite's compiler CPU from 10.0 to 6.1 s with no change in time. What helped was
 *   the opposite of early C2: tier-4 invocation thresholds ten times HotSpot's (etc/jvm.options).</li>
 *   <li>Uncommon traps ({@code PerMethodTrapLimit} 100, the JVM's default, instead of 0 in etc/jvm.options): C2
 *   prunes cold paths of translated methods and loops get much faster (sort 3.8 to 3.1 s, matmul 20 2.7 to 2.2 s,
 *   n-body 7.0 to 6.1 s, sieve -5%), but programs with hundreds of regions deoptimize and recompile (88 traps in
 *   zlib: unstable_if and class checks at chained calls): sqlite +6-10%, zlib +3-7%, hash +9%, lua +2-4%. Not
 *   loop predication ({@code -UseLoopPredicate} kept the gain); limits 4 and 20, {@code PerBytecodeTrapLimit=0}
 *   (n-body 21 s), smaller regions, and chained calls through a static helper (no class-check traps) did not
 *   remove the losses. Most of the gain came from pruning the fault paths and side exits, which
 *   {@link dev.ring3.jit.translate.ColdPath} now gets without the churn (n-body 5.89 to 5.74 s, zlib 5.05 to 4.93,
 *   lua 11.0 to 10.6); with it, PerMethodTrapLimit=100 still gives sort 3.36 to 3.19 s and n-body nothing.</li>
 *   <li>Marking exits to code that had never run when the region was built as cold, per site (an unresolved
 *   dynamic constant, which C2 also compiles as an uncommon trap): such exits are rare (8 in all of zlib's
 *   regions, none in its match loop), so there was nothing to gain.</li>
 *   <li>Storing the guest registers on each exit's own path instead of at the common exit (no merge of every
 *   exit's register values): zlib 5.3 to 6.1 s, sort 3.4 to 4.3 s, lua and hash flat. The shared exit stays.</li>
 *   <li>Start-up: ASM's classes are Java 5 class files, which the AOT cache cannot hold, so the first translation
 *   loaded and verified them (about 55 ms of a static glibc program's 340 ms start, with the method-handle forms of
 *   defining the class). Doing that in a background thread from the start of main: no change on this 2-core
 *   machine (the JIT compiler threads already fill the second core during start-up); turning verification off
 *   (so the jar's classes might be archived): no change either, and it would drop the check of generated code.
 *   What worked: the launcher rewrites the jar's classes as Java 8 class files with frames
 *   ({@code dev.ring3.kernel.cli.FramedJar}) before recording the cache, which then holds them (do-nothing
 *   program 300 to 270 ms; the first translation 43 ms to 7 ms).</li>
 *   <li>The window's host address and limit as constants in the bytecode (one memory per code cache) instead of
 *   locals loaded on entry, so that they would hold no register through a loop: zlib 4.69 to 5.27 s, sort 3.37 to
 *   4.41 s, sieve and hash flat (C2 materialises the 64-bit constants at every access). Smaller regions (64 and 32
 *   instructions: zlib 4.86 to 5.27 and 6.26 s) and a larger method limit (7800 bytes: sqlite 7.57 to 8.24 s,
 *   zlib flat) were worse too, although zlib's hash-chain loop, in a 21-block region, spills guest registers
 *   (35 instructions per iteration where the native loop has 11).</li>
 *   <li>Bounds-check elimination by known-valid ranges per guest register (a passed 16-byte check of register +
 *   d proves [d, d + 16); forward edges carry the ranges, backward edges and entries from the engine re-check
 *   what the block relied on): flat on sqlite (7.86 vs 7.93 s, 6 runs each), zlib, sort and lua. zlib's hottest
 *   loop (longest_match's hash-chain walk) uses indexed addresses it does not cover, and a predicted compare and
 *   branch per access costs little next to the loads. A first version re-checking every known range on each
 *   entry made methods too large (808 regions instead of 435) and sqlite 36% slower.</li>
 *   <li>Copying small callees (up to 48 instructions held by another region) into the caller's region, RETs
 *   checked against the region's call sites: sqlite 15.5 to 16.2 s (entries from the engine did not fall: its hot
 *   calls are indirect), lua unchanged.</li>
 *   <li>An entry cache for the engine (address to translated code and entry index in flat arrays, skipping the
 *   Block and Region objects): no change on sqlite, lua, zlib (the engine's samples are branch mispredictions at
 *   the megamorphic call, not the loads).</li>
 *   <li>A fixed exit for an indirect jump's hottest target outside the region (a PLT stub's function), so the
 *   engine chains it: sqlite's engine entries 274 to 267 million, times unchanged (sqlite, zlib) or slightly
 *   worse (lua 12.0 to 12.3 s).</li>
 *   <li>Linking exits taken inside chains of region calls (the innermost region reports its unlinked exit): n-body's
 *   engine entries 12 million to 1.7 million, time unchanged; sqlite +4%.</li>
 *   <li>Tracking which XMM lanes hold results of checked operations, to skip their operand tests: no change on
 *   n-body or matmul (C2 already removes a repeated test of the same value; the rest are loads from memory).</li>
 *   <li>Unsafe accesses to Cpu.xmm (no null and range check, which C2 cannot hoist without traps): matmul 2.7 to
 *   2.4 s but n-body 6.5 to 6.9 s.</li>
 *   <li>Carrying XMM ranges into a block from the block emitted before it when that is its only predecessor (with
 *   an entry stub testing them for the engine's entries): n-body 10 3.37 to 3.48 s, matmul flat. In n-body's
 *   region the loop's second half is the entry block, so nothing carries where the inputs are re-tested; that
 *   would take ranges through back edges (a fixed point over the region).</li>
 *   <li>Single-entry regions, so that C2 sees reducible loops: with every block an entry (the {@code tableswitch}),
 *   a loop entered in the middle is irreducible and C2 optimises none of it (23 of zlib's 177 region compilations,
 *   longest_match's and deflate's loops among them). Entering longest_match's region at its first block only (its
 *   other entries, 4052 of them, interpreted) made its loops reducible, and zlib ran the same (4.48 vs 4.47 s,
 *   best of 4 interleaved). Its loops are loads, compares and bounds checks C2 has nothing more to do with.</li>
 *   <li>Compilation policy, again (2026-12-06, interleaved runs): ten times higher tier-4 invocation thresholds
 *   (fewer C2 compilations of lukewarm regions: 83 regions C2 compiled in sqlite scale 1 never got a profiler
 *   sample in a whole scale-3 run, 0.87 s of C2 time, and 124 more got 1-9 samples, 1.26 s) made sqlite 1 slower
 *   (7.69-8.10 to 8.06-8.56 s): the regions stay in tier-3 code with full profiling instead. Later OSR
 *   compilations ({@code Tier4BackEdgeThreshold} 120000 and 400000; zlib compiles 28 OSR versions, 0.63 of its
 *   1.41 s of C2 time on regions) and no OSR at all (zlib 4.9 to 7.2 s) were no better; nor were
 *   {@code -C1ProfileBranches} or {@code -C1ProfileCalls}, nor block thresholds of 300 or 3000 instead of 1000.</li>
 *   <li>Compiling the translator sooner ({@code CompileThresholdScaling} 0.05 for ASM, the decoder and the
 *   emitters): sqlite 1's translation 0.93-1.05 s to 0.99-1.16 s, no faster. Where a translation's time goes
 *   (sqlite 1, 432 regions): emitting the method 370 ms, ASM's frames 92 ms, defining the hidden class 207 ms,
 *   the constructor 44 ms; zlib (52 regions): 130, 20, 27 and 8 ms.</li>
 *   <li>Sizing regions for a density a sixth above the program's average bytecode per instruction (fewer failed
 *   attempts still: sqlite 85 to 7): zlib's hottest loop was split differently and zlib took about 5% longer.
 *   RegionSizer tests at the average, which keeps the shapes halving gives zlib.</li>
 *   <li>One bounds-check limit for all sizes, checking the offset of an access's last byte: fewer registers held in
 *   loops (zlib, sort, sieve 4-5% faster), but wrong: an access starting below the window's bottom passed.</li>
 *   <li>(2026-12-06, second session) An inline cache of translated code per exit for the engine (the address, the
 *   next region's code and entry index, so a dispatch loads no Block or Region): CallBench and a call-heavy C
 *   loop flat, lua 5 slower (5.29 to 5.75 s, best of 4 interleaved). Linking exits taken in chained callees again,
 *   now that chained calls are cheaper: lua 3's engine entries 63.5 to 32.1 million, but lua 5 flat (5.16 to
 *   5.01 s best, 5.41 to 5.72 s mean), a call-heavy C loop 1.73 to 2.32 s, n-body 1.74 to 1.91 s, sqlite flat: a
 *   deeper chain of region calls costs about what the engine's dispatch does. Compiling {@code Engine.run} early
 *   ({@code CompileThresholdScaling} 0.01: tier-4 OSR at 132 ms instead of 1.4 s): zlib 1 2.21 to 2.05 s, zlib 2,
 *   hash, sort, lua 3 and sqlite 1 flat or slower. C2 flags against compile time ({@code -DoEscapeAnalysis
 *   -UseSuperWord LoopUnrollLimit=0 -PartialPeelLoop -LoopUnswitching}): 8% fewer C2 samples, sqlite 1 flat.</li>
 *   <li>(same day) Cheaper SSE range tests: the zero test after the range comparison instead of before (matmul's
 *   loop came out at 75 instructions instead of 72, times within noise), and the two lanes of a packed operand
 *   tested with one comparison (a range of 512 exponents, [-256, 255], so that ORed offsets compare once):
 *   matmul 40 2.74 to 3.17 s. For scale, no range tests at all (unsound, measured only): matmul 40 3.56 to
 *   2.32 s, n-body 4 2.48 to 1.87 s; C2's loop code (spills, long/double moves) is the rest of the gap to native.</li>
 *   <li>(2026-12-07) A bounds check without a limit register: the window reserved as a power of two plus a page
 *   (2^39 offsets) and each access checked as {@code off >>> 39 == 0}. C2 emits a copy, a shift and a test where
 *   the compare was one instruction, and the register it frees did not keep guest registers out of the stack in
 *   sort's or zlib's loops: sort 4, zlib 2, sieve and hash flat; KernelBench's sieve 23.3 +- 2.8 vs 25.4 +- 1.9
 *   ms. Also flat or within noise: {@code -XX:-UseCompressedOops} (frees R12; zlib's hash-chain loop compiled to
 *   the same 41 instructions), region {@code CompileThresholdScaling} 0.01 instead of 0.05 (lua 3 3.36 to 3.20 s
 *   best, sqlite 1 6.98 to 7.52 s), compiler threads at a lower priority ({@code ThreadPriorityPolicy=1}), and
 *   class verification off (sqlite 1's translation 625 to 525 ms: 1% of the run, not worth a verifier).</li>
 *   <li>(same day) Where sqlite and lua spend the main thread (perf, C2 code listed per compilation level by
 *   {@code jcmd Compiler.codelist}): sqlite 1 regions at tier 4 42%, the engine 14% and its megamorphic call
 *   (vtable stub) ~10%, regions at tiers 2-3 7%, the JVM's interpreter ~7%; compiler threads take 42% of all CPU
 *   samples. In {@code Engine.run} the samples sit on loads of Region and Block fields after the region returns
 *   (cache misses), which an engine cache of flat arrays did not remove before. lua spends 25% in two regions
 *   (lua_geti's tail and index2value with its callers' return sites) that call each other through the engine
 *   for every table access of table.sort; half of lua's engine entries are fixed exits taken in chained callees
 *   ({@code -Dring3.jit.profile.sites=true}).</li>
 *   <li>(same day) Lazy flags stored to the Cpu on branches inside a region (a join whose flags are live only
 *   because some exit might read them): sqlite 1 takes 85 million such stores-to-Cpu for 89 million region
 *   entries, sort 2 40 million. The upper bound of keeping them out (exits after CALL and RET counted as reading
 *   no flags, which the ABI allows but a faithful emulator may not assume; measured only): sort 4, zlib 2 flat,
 *   sqlite 1 -3% and lua 3 -2% on means. Not worth lazy flags carried in locals across joins.</li>
 *   <li>(same day) The method limit at 7800 bytes: n-body's whole time step became one region (125 SSE
 *   instructions) and ran 3.4 times slower (nbody 8 2.21 to 7.03-7.57 s): over HotSpot's inlining budget the
 *   FloatOps tests stay calls. SSE code takes 56 bytes of bytecode per instruction since lanes are double locals
 *   (each lane read or written as bits converts; the emitters still keep operands in long temporaries), so
 *   fewer conversions would be what lets such a step fit.</li>
 *   <li>(2026-12-07, later session; interleaved A/Bs, min of 3-4 runs) Engine dispatch through eight call sites
 *   chosen by a hash of the exit taken (one indirect-branch history per site, as QEMU's exits have): lua 5 5.06 to
 *   5.66 s. Blocking compilation of regions (CompileCommand BackgroundCompilation false: the guest waits for C1 and
 *   C2 instead of running interpreted bytecode): zlib 2 2.65 to 3.60 s. A third compiler thread
 *   ({@code CICompilerCount=3}): zlib 2 2.17 to 2.44 s, sqlite 1 8.06 to 8.56 s. HotSpot's own
 *   {@code Tier4MinInvocationThreshold} (600, fewer OSR compilations of regions with long loops), and replaying
 *   the AOT training run's compilations: flat on zlib.</li>
 *   <li>(same) Where zlib and sqlite lose to QEMU is before their steady state: per unit of work ring3 is faster
 *   (zlib 0.54 s per unit of scale, QEMU 0.62), but pays 1.3-1.5 s first, QEMU about 0.1. In zlib 8's first 5 s
 *   the compilers spent 2.5 s on regions (C1 787 ms in 86 compilations, 9 ms each at tier 3, whose code reaches
 *   84 KB for one region; C2 1674 ms: 43 normal at 16 ms, 33 OSR at 30 ms; one region was compiled eight times:
 *   three C1 OSR, C1, three C2 OSR, C2) and 1 s on ring3's own code; C2's time goes mostly to register
 *   allocation (coalescing and spilling, about 1 s of its phases). The first 50 translations take 6.4 ms each
 *   (the translator not compiled yet), later ones 0.9 ms. sqlite's fixed cost is its 5000 statements compiled
 *   once each ({@code sqlite 0}: ring3 2.35 s with the JIT or without, QEMU 0.2 s, native 0.01 s): about 100
 *   million guest instructions of lukewarm code (23 million blocks), 254 regions translated in 638 ms that never
 *   pay back, and an interpreter at 23 ns per instruction whose samples sit on the first loads from Insn, Block
 *   and Insn[] objects (cache misses: the decoded form is large).</li>
 *   <li>(same) A region running in the JVM's bytecode interpreter is 4.3 times slower than ring3's interpreter
 *   (zlib 1 with region methods excluded from compilation 57 s, {@code --jit=off} 13.3 s, default 1.7 s); that is
 *   10% of sqlite 1's main thread, 6% of lua 5's. Running ring3's interpreter until HotSpot has compiled a region
 *   would need to know when it has: no supported API says, and a timing probe hardly tells C1 code from the
 *   interpreter (in a quick test eight calls of an early-returning method took 130-160 ns interpreted and 80-100
 *   ns compiled by C1, timer included). Keeping a new region out of use for a fixed time instead (20 to 250 ms,
 *   its blocks interpreted by ring3 while calls with an entry that returns at once drive HotSpot's counters): the
 *   JVM-interpreted share of sqlite 0's main thread fell from 20% to 12%, and the times did not move (sqlite 0,
 *   zlib 2; lua 5 4.82 to 5.16 s). Also flat: an AOT cache trained on zlib itself, with and without replaying its
 *   compilations (zlib 2), and transparent huge pages for the JVM's memory (sqlite 1).</li>
 *   <li>(same) Range tests on the exponent field in a general register with one branch (the zero test after it):
 *   matmul 40 3.04 to 3.15 s, n-body 6 2.06 to 2.42 s. One comparison for the upper bound of both lanes of a
 *   packed operand ({@code |lo| + |hi| < 2^(K+1)}): flat. Both bounds combined without short-circuit
 *   ({@code a < HIGH & (a >= LOW | a == 0)}, one branch: C2 emits SETcc and parity checks instead): matmul 40 2.11
 *   to 2.90 s, n-body 8 2.19 to 2.85 s. For scale, no upper bound at all (unsound, measured only): matmul 40 2.68
 *   to 1.96 s, n-body 6 1.77 to 1.55 s, whence the one-sided test where it is sound.</li>
 *   <li>(same) Ranges carried from block to block (blocks emitted in guest address order, a block assuming what
 *   every jump into it agreed on, the region's entries and later jumps checked in a stub), with known operands
 *   whose range grew too wide tested again, and K 128 instead of 300: n-body's pair loop went from 25 tests to
 *   21, and n-body 16 ran the same (4.66 vs 4.60 s; the loop waits on its division and square root).</li>
 *   <li>(same) What bounds checks cost, measured with unsound variants: no checks at all, zlib 3 2.76 to 2.15 s,
 *   sqlite 1 7.21 to 5.47 s, sort 4 1.38 to 1.23 s, n-body 8 2.16 to 2.01 s; checks kept but a failed check's path
 *   reduced to a return, zlib 3 2.61 to 2.32 s, sqlite 1 6.80 to 6.50 s. So about half of what they cost zlib is
 *   the precise fault path (the JVM state each check keeps live for its deoptimization), the rest the comparisons.
 *   Sharing checks between the accesses of a block off one base register (zlib's regions 1070 to 759 checks;
 *   now part of {@link dev.ring3.jit.translate.SharedChecks}) takes little of it: a first version ran zlib 3 in
 *   2.59 vs 2.57 s (min of 5), the kept one 3% faster in three rounds of 6; n-body, sort, sqlite flat. zlib's hot
 *   loops are blocks of one access each (longest_match's compare loop): sharing would have to span blocks. Split by kind
 *   (each kind's checks left out, unsound): stack operations zlib 3 -4%, sqlite 1 -9.5%; other base + disp
 *   operands zlib -7%, sqlite -9.5%; indexed operands zlib flat, sqlite -5%; RIP-relative flat. Stack operations
 *   in blocks with two or more of them: sqlite 1 -5.7%, which SharedChecks now takes.</li>
 *   <li>(same) SETcc after CMP computed without a branch (the sign of a - b, corrected for overflow at 64 bits),
 *   so that C2 could not make qsort's {@code (x > y) - (x < y)} a branch: sort 4 1.61 to 1.89 s.</li>
 *   <li>(2026-12-07, fourth session) Translating on a background thread (one translator thread; the guest thread
 *   goes on interpreting and installs finished regions at its next interpreted block, after checking that none of
 *   their blocks was invalidated meanwhile): first sqlite 1 translated 1388 regions instead of 431 (the blocks of a
 *   region still queued reached the threshold themselves and were translated again), 7.95 vs 6.90 s; with blocks
 *   claimed by regions translated but not yet installed, 430 regions, but the translations took 945 ms on the
 *   translator thread against 602 on the guest's, and sqlite 0 1.86 vs 1.83 s, sqlite 1 7.26 vs 6.92 s, zlib 3 2.59
 *   vs 2.47 s (means of 3-4 interleaved runs): on 2 cores the translator only competes with the compiler threads.
 *   Translating only blocks that reach the threshold quickly (a clock of interpreted blocks; a block too slow to
 *   get there starts counting again, up to 8 times): with JIT on, sqlite 0 interprets only 1.2 million blocks (its
 *   statement-compiling loops are hot within each statement), so a window of a million blocks changed nothing
 *   (2.07 vs 1.90 s) and 200000 still translated 98 regions. Regions excluded from C1 (a compiler directive:
 *   from the bytecode interpreter straight to C2): zlib 3 2.94 vs 2.91 s, flat as on sqlite before.</li>
 *   <li>(same) Where sqlite 1 still enters the engine most, by site ({@code -Dring3.jit.profile.sites=true}): the
 *   sorter's comparisons in CREATE INDEX take two dispatches each, 7 million times (an indirect CALL from the merge
 *   loop's region to vdbeSorterCompareText, outside it, which tail-calls memcmp through its IFUNC PLT slot; memcmp's
 *   RET then leaves for the merge loop's return site): about 0.3 s of 7. Chaining them instead would make the
 *   chains deeper, which cost as much as the engine's dispatch in every earlier measurement.</li>
 *   <li>(2026-12-07, fifth session) Where sqlite 3 spends its time, ring3 against QEMU (perf on both): QEMU spends
 *   45% of its samples in one function of its own binary, {@code helper_lookup_tb_ptr} (the jump cache it looks
 *   up for every indirect jump and return), 42% in translated code; ring3's main thread spends 58% in regions, 19%
 *   in {@code Engine.run} and 12% in the vtable stub of its call into a region, and main-thread time is 94% of the
 *   wall time (the compiler threads, 25% of all CPU, cost it about 1 s of 18). In {@code Engine.run} 1400 of 2056
 *   samples sit on four loads: the next block's region, the exit's block array and its length, and the block's
 *   address. Reading a block's code object directly (a field set with the region; no Region load on the way to
 *   the call): sqlite 1 7.13 vs 7.11 s (min of 6 interleaved), flat: the miss moves to the code object, whose
 *   class pointer the virtual call loads anyway. Inside regions the samples sit on guest data loads (the sorter's
 *   records: 266 of 492 samples of {@code vdbeSorterCompareInt}'s region) and on entry and exit (a small region,
 *   {@code vdbeSorterCompareText}: 14 registers loaded and stored each time, about a quarter of its samples).</li>
 *   <li>(same) Loops that leave the region every N iterations (a counter at each loop's first block; the engine
 *   re-enters through the method's normal entry) with on-stack replacement off, so that a region with a long loop
 *   is compiled once, normally, instead of at every loop entry HotSpot counts (zlib compiles 55 OSR versions):
 *   N = 100, zlib 3 2.67 to 2.51 s (C2's CPU 1.09 to 0.55 s), but lua 5 4.38 to 5.05 s, sort 4 1.46 to 1.62 s,
 *   hash 4 0.42 to 0.50 s, sieve 10 0.40 to 0.58 s, matmul and n-body 7-18% slower (means of 3 interleaved);
 *   N = 1000 left regions in C1 code longer (the C2 invocation threshold counts the returns). With on-stack
 *   replacement on, the counter alone: sieve +20%, hash +10%, lua +13%, zlib flat. A loop's exit to the engine
 *   costs what a hundred iterations of a tight loop do. Where the on-stack replacements come from: each loop of
 *   a region is compiled twice that way (C1, then C2) besides the method's own two compilations; edge stubs placed
 *   before their target block (so that no forward edge is a backward branch in the bytecode) did not change their
 *   number (zlib 3: 50 and 64 in two runs).</li>
 *   <li>(same) Per unit of work zlib runs as fast as under QEMU (0.54 against 0.56 s per unit of scale, from scales
 *   1 and 6); ring3's fixed cost is 1.2 s against QEMU's 0.1, all of zlib's gap at the benchmark's scale.</li>
 *   <li>(same) Indirect calls to a target seen while interpreting but outside the region, compared and left by a
 *   fixed (chainable) exit: sqlite's sorter call stayed an exit to the engine, since its comparator was not among
 *   the targets seen when the merge loop was translated (another phase of the program called another one). A
 *   higher threshold for a process's first two translations (the translator is still interpreted by the JVM then:
 *   10 ms for the first region against 1-3 ms later), to keep glibc's start-up loop in __tunables_init
 *   interpreted: do-nothing program 137 vs 131 ms, hash 0 flat, within noise. The translator and ASM kept out of
 *   C2 (a compiler directive: C1 only), so that C2 serves regions sooner: zlib 3's C2 CPU 1.15-1.35 to 1.00-1.10
 *   s, its time flat (2.72 vs 2.74 s best of 3).</li>
 *   <li>(same) Bounds checks shared across blocks would need what every block lacks: a known state at its start.
 *   Any block is an entry (the {@code tableswitch}), so a check made in a predecessor covers a block only if the
 *   engine's entry into it checks too (an entry stub per block, as ranges would need for floating point).</li>
 *   <li>(2026-12-07, sixth session) Fewer entries per region. Only about a third of the blocks in regions are ever
 *   entered from outside their region (sqlite 1: 1079 of 3759 blocks entered by the engine or a chained call;
 *   zlib 3: 134 of 476; lua 5: 314 of 1214), yet every block is a case of the method's switch, with a merge of
 *   every guest register at its start. With an oracle (the entries a first run recorded, the other cases leaving
 *   at once for the interpreter; misses in the second run: sqlite 5528 of 94 million entries, zlib 0, lua 49):
 *   C1 time on regions 2.48-2.52 to 1.85-2.16 s, C2 3.59-3.83 to 3.35-3.45 s, and sqlite 1 7.04 to 6.62 s (min
 *   of 4 interleaved), zlib 3 2.51 to 2.47 s, lua 5 4.42 to 4.58 s min but 4.73 to 4.64 s mean. Without the
 *   oracle, entries chosen from the predecessors the interpreter saw (a block entered from outside the region's
 *   blocks, after a region's exit or a SYSCALL, or from more blocks than recorded; 1134 entries in sqlite, 34
 *   needed ones missed), plus loop heads and return sites, and a region translated again with an entry where the
 *   engine kept missing one (64 times; 34 regions of 443 in sqlite, since other regions' exits land inside
 *   regions built before them): the compile times came out as before (more, smaller compilations) and the times
 *   flat or worse (sqlite 1 7.38 to 7.54 s min, zlib 3 2.76 to 2.90 s; without loop heads and return sites, more
 *   translations again, sqlite 7.20 to 7.63 s). Interpreting a missed block instead of translating again runs
 *   on into the region's other blocks, none of them entries (zlib 3 2.59 to 2.51 s, sqlite 1 6.87 to 7.75 s).
 *   Translating a region again must keep its blocks' run counts: with them reset, the new region held only its
 *   first block (zlib's region entries 0.8 to 8.5 million, 2.56 to 3.84 s).</li>
 *   <li>(same) Where the compilers' time goes in sqlite 1 (HotSpot's compilation log): regions, C1 474-629
 *   compilations in 2.1-2.5 s and C2 300-330 in 3.2-3.8 s; ring3's own code and ASM, C2 1.2-1.5 s and C1 0.6 s. In
 *   sqlite 0 (its statements compiled, nothing run long) the compiler threads take two thirds of all CPU samples.
 *   The translator, ASM and the decoder kept at C1 (a compiler directive excluding them from C2), now measured
 *   on sqlite too: sqlite 1 7.08 to 6.76 s in one round of 4 interleaved runs, 6.95 to 6.87 s in a second; sqlite
 *   3 14.84 to 14.62 s, then 15.00 to 15.30 s; zlib 3, lua 5 and hash flat. Within noise again. Compact object
 *   headers ({@code -XX:+UseCompactObjectHeaders}, smaller Block and Step objects; the AOT cache, recorded without
 *   them, goes unused): sqlite 1 6.71 to 7.16 s, lua 5 4.16 to 4.41 s (min of 4 interleaved).</li>
 *   <li>(2026-12-07, seventh session) SSE exception flags kept in the host's MXCSR instead of proved absent: under
 *   the entry MXCSR the host's ADD/SUB/MUL/DIV raises exactly the guest instruction's flags in its own MXCSR, so a
 *   translation needs no range tests, only a NaN test (with two NaN operands x86 returns the first, and C2 may swap
 *   a commutative operation's operands); ring3 reads the flags back (a second function in its native library,
 *   STMXCSR/LDMXCSR) when the guest reads MXCSR and clears them when it loads it. Kept on branch
 *   {@code host-mxcsr} with its tests (HostFlagsTiersTest; fenv.c, which main keeps, against the native run).
 *   What it takes to be exact, found on the way: only operations with an operand loaded in their own block (a
 *   pinned raw load; otherwise C2 may fold them from constants or hoist a loop-invariant one out of the branch that
 *   guards it), each result used in its block or kept alive by a test (C2 dropped an overwritten product and its OE
 *   once it compiled the loop), and no floating-point comparison of a single guest value anywhere, translated or
 *   interpreted: comparing a denormal raises DE, which the guest's instruction does not raise when its other
 *   operand is a NaN or when the denormal is a result (FpRangeChainDiffTest caught it; the JVM itself raises only
 *   PE on a Java thread, seen when starting a thread). A one-operand NaN test ({@code x == x}) is therefore not
 *   exact; the exact one compares the two operands, which C2 compiles to two UCOMISDs and two branches. Numbers
 *   (min of 3-4 interleaved runs): the first, inexact version matmul 40 2.68 to 1.87 s and n-body 4 1.18 to 1.03 s;
 *   the exact one matmul 40 2.20 to 1.85 s but n-body 8 2.11 to 2.50 s (its chain through sqrt and the division
 *   has no load in its block: range tests, now preceded by the two-operand comparison, and bit tests for the
 *   rest); for scale, no test at all (unsound) matmul 40 1.11 s. Not worth its complexity while it loses on
 *   n-body; a version that wins on both needs a one-instruction exact NaN test or loads anchoring more
 *   operations.</li>
 *   <li>(2026-12-08) Bounds checks replaced by a mask of the offset into a power-of-two window (every access lands
 *   in the reservation, no branch and no fault path; a null pointer would need the window's top pages to be a
 *   mapping past the end of an empty file, so that the access raises SIGBUS, which HotSpot turns into an
 *   asynchronous InternalError, too late to name the instruction: only for processes with no SIGSEGV handler).
 *   Measured before building any of that, sqlite 1, medians of 5 interleaved runs: checks 7.79 s, none at all
 *   (unsound) 6.41 s, {@code off & (2^39 - 1)} 7.17 s; a second round: checks 7.31 s, mask 6.88 s, two shifts
 *   instead of the 64-bit constant 6.98 s. A mask keeps only a third of what the checks cost (C2 can no longer fold
 *   the displacement into the access's address), not worth imprecise faults. Also flat: MADV_HUGEPAGE on the
 *   guest window (sqlite 1 7.39 vs 7.30 s, zlib 2 2.14 vs 2.14 s, medians of 4; sqlite's heap got 10 MB of huge
 *   pages).</li>
 * </ul>
 */
package dev.ring3.jit.translate;
