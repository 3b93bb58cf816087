package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Operand;
import dev.ring3.jit.Block;
import dev.ring3.jit.Semantics;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates a {@link Region} into one JVM method of a hidden class.
 *
 * <p>Shape of the method {@code int run(Cpu c)}: load the guest registers the region uses into locals; then the
 * blocks in order, each guest instruction either emitted directly ({@link Emitters}) or, where no emitter exists,
 * a call of the interpreter's own {@link dev.ring3.jit.Exec} with the decoded instruction as a constant (registers
 * and flags written back before, reloaded after). Branches between the region's blocks are JVM branches, so loops
 * are JVM loops; every way out stores the registers and the lazy flags back, sets {@code c.rip} and returns the
 * exit's index.
 *
 * <p>Flags: each flag-setting instruction whose flags are live ({@link FlagLiveness}) leaves its result and
 * operands in locals ({@link Producer}); a following Jcc/SETcc/CMOVcc tests them directly (a CMP+JL becomes one
 * long comparison). The lazy state is written to the Cpu only where it escapes: at exits, before fallbacks, and on
 * edges into blocks that read flags on entry.
 *
 * <p>Faults: each instruction that may fault has an exception-table entry for IndexOutOfBoundsException (what the
 * memory segment throws outside the window); its handler stores the state as it was before the instruction and
 * raises the guest's SIGSEGV naming that instruction. Emitters access memory before writing any register, so the
 * state before the instruction is the state in the locals.
 */
public final class Translator {
    static final String COMPILED = "dev/ring3/jit/translate/Compiled";
    static final String ENTRY = "dev/ring3/jit/translate/Entry";
    static final String EXEC = "dev/ring3/jit/Exec";
    static final String INSN = "dev/ring3/decoder/Insn";
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles",
            "classDataAt", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;",
            false);
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /**
     * Bytecode size limit of a translated method. HotSpot does not JIT-compile methods over 8000 bytes
     * (HugeMethodLimit), and C2 stops inlining into a method once it and its inlined callees reach 8000 bytes
     * (DesiredMethodLimit): a 5000-byte translation left its floating-point helpers as calls. 6000 leaves room to
     * inline the helpers and memory accesses of a full region (measured on nbody, lua, sqlite and zlib between 3000 and 7500: 6000 is as good as any).
     */
    static final int METHOD_LIMIT = 6000;

    final Region region;
    final Gen g;
    final MethodVisitor mv;
    private final List<Object> constants = new ArrayList<>();
    private final Map<Object, Integer> constantIndex = new HashMap<>();
    /**
     * Stand-in for {@link Region#chain} among the class data until the exits are counted: the array itself is a
     * constant of the method, so a chained call loads its target with no load of the array from the region and no
     * bounds check (C2 knows a constant array's length).
     */
    private final Object chainKey = new Object();
    final Map<Long, Integer> index = new HashMap<>();
    private final Label[] blockLabel;
    private final FlagLiveness liveness;
    /** The current flag producer (null: the flags are in the Cpu). */
    Producer producer;
    /** Flags live after the instruction being emitted. */
    int liveAfter;
    private int exits;
    private final Label exitLabel = new Label(), faultLabel = new Label(), endOfCode = new Label();
    /** Where exits to a fixed address go: the common exit, trying the exit's chained call after the stores. */
    private final Label fixedExitLabel = new Label();
    /** Exits whose target is fixed (candidates for chaining), exit index to target. */
    final Map<Integer, Long> staticTargets = new HashMap<>();
    /** With the profile: what each dynamic exit leaves for (the kind of branch), by exit index. */
    final Map<Integer, String> exitKinds = new HashMap<>();
    private final List<Runnable> deferred = new ArrayList<>();
    /** A local holding 0L, for NEG's lazy flags (0 - x). */
    int zeroLocal;
    final boolean[] written = new boolean[16];
    dev.ring3.jit.SyscallLinker linker = dev.ring3.jit.SyscallLinker.NONE;
    /** Inline slow paths instead of side exits. */
    boolean conservative;
    /** What is known of the XMM lanes' values in the current block (SSE arithmetic proved by ranges). */
    FpRanges ranges = new FpRanges(false);
    /**
     * True while the status flags are certainly eager in Cpu.flags (ccOp NONE), as UCOMISD/COMISD leave them: a
     * condition is then a test of flag bits, not a call of the lazy-flags evaluator. Any new producer clears it.
     */
    boolean eagerFlags;
    /** The flag producer before the instruction being emitted (its state for side exits and faults). */
    Producer producerBefore;

    private Translator(Region region, MethodVisitor mv) {
        this.region = region;
        this.mv = mv;
        this.g = new Gen(mv);
        List<Block> blocks = region.blocks;
        // an isolated region's branches all leave it (even a block's branch to itself)
        if (!region.isolated) for (int k = 0; k < blocks.size(); k++) index.putIfAbsent(blocks.get(k).start, k);
        blockLabel = new Label[blocks.size()];
        for (int k = 0; k < blockLabel.length; k++) blockLabel[k] = new Label();
        liveness = new FlagLiveness(blocks, index, new RegionGraph(blocks, index));
    }

    /**
     * Translates a region: defines the hidden class and sets {@link Region#code} and {@link Region#exitBlock}.
     * Throws if the method would be too large for HotSpot to compile ({@link MethodTooLarge}).
     */
    public static void translate(Region region) { translate(region, dev.ring3.jit.SyscallLinker.NONE); }

    /** As {@link #translate(Region)}, with SYSCALLs of constant number linked to their handlers. */
    public static void translate(Region region, dev.ring3.jit.SyscallLinker linker) { translate(region, linker, false); }

    /**
     * As above; {@code conservative} compiles the exact semantics of fast-path instructions into the method
     * instead of side exits (for regions whose side exits were taken too often).
     */
    public static void translate(Region region, dev.ring3.jit.SyscallLinker linker, boolean conservative) {
        translate(region, linker, conservative, !conservative);
    }

    /**
     * As above; {@code ranges} lets SSE arithmetic go untested where the ranges of its operands prove it
     * ({@link FpRanges}); without them every operation tests its operands and result (for regions whose range
     * tests failed too often: values outside the tested range are slow paths then).
     */
    public static void translate(Region region, dev.ring3.jit.SyscallLinker linker, boolean conservative,
            boolean ranges) {
        translate(region, linker, conservative, ranges, false);
    }

    /** As above; {@code pollLoops}: back edges leave the region when {@link dev.ring3.jit.Cpu#interrupted} is set. */
    public static void translate(Region region, dev.ring3.jit.SyscallLinker linker, boolean conservative,
            boolean ranges, boolean pollLoops) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        String name = "dev/ring3/jit/translate/R" + Long.toHexString(region.entry);
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, COMPILED, null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(L" + Gen.CPU + ";I)I", null, null);
        Translator t = new Translator(region, mv);
        t.linker = linker;
        t.conservative = conservative;
        t.pollLoops = pollLoops;
        t.ranges = new FpRanges(ranges && !conservative);
        t.g.exactLimits = conservative;
        t.emitMethod();
        t.constructor(cw);
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        int size = t.endOfCode.getOffset();
        if (DUMP != null) dump(name, bytes);
        if (size > METHOD_LIMIT) throw new MethodTooLarge(size);
        region.chain = new Entry[t.exits];
        t.setConstant(t.chainKey, region.chain);
        try {
            MethodHandles.Lookup l = LOOKUP.defineHiddenClassWithClassData(bytes, List.copyOf(t.constants), true);
            region.code = (Compiled) l.findConstructor(l.lookupClass(), java.lang.invoke.MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("defining translated region 0x" + Long.toHexString(region.entry), e);
        }
        region.exitBlock = new Block[2 * t.exits];
        region.exitTarget = new long[t.exits];
        java.util.Arrays.fill(region.exitTarget, -1);
        for (var e : t.staticTargets.entrySet()) region.exitTarget[e.getKey()] = e.getValue();
        if (Runtime.PROFILE) {
            region.exitKinds = new String[t.exits];
            for (var e : t.exitKinds.entrySet()) region.exitKinds[e.getKey()] = e.getValue();
        }
        region.bytecodeSize = size;
        region.rangeTests = t.ranges.used;
    }

    /** -Dring3.jit.dump=DIR writes every translated class there (inspect with javap -c). */
    private static final String DUMP = System.getProperty("ring3.jit.dump");

    private static void dump(String name, byte[] bytes) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(DUMP, name.substring(name.lastIndexOf('/') + 1) + ".class");
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, bytes);
        } catch (java.io.IOException e) {
            // diagnostics only
        }
    }

    /**
     * Gives up as soon as the code emitted so far (up to a label just visited) is over the limit: the engine
     * translates the region again at half the size, and the frames of the whole method, which ASM computes at the
     * end and which are most of a translation's cost, are not computed for an attempt that fails anyway (zlib
     * retried 15 of its 68 regions, some twice).
     */
    private static void tooLarge(Label visited) {
        if (visited.getOffset() > METHOD_LIMIT) throw new MethodTooLarge(visited.getOffset());
    }

    /**
     * Fewest bytes of bytecode per guest instruction seen in a region of 32 instructions or more (30.7 in
     * sqlite, zlib, lua, sort, hash and matmul; most regions take 40 to 60), rounded down.
     */
    static final int MIN_BYTES_PER_INSN = 28;

    /**
     * True if a region has so many instructions that its method would almost certainly be over the limit (a
     * heuristic: a region of simple register moves could still fit): the engine builds it at half the size without
     * translating it first. Such attempts took a third of sqlite's translation time (165 failed attempts, 568 ms of
     * 1.7 s), and no region over 152 instructions fitted in sqlite, zlib, lua, sort or n-body; with this, 88 of the
     * 165 attempts are skipped (sqlite still translates 435 regions, zlib 68).
     */
    public static boolean likelyTooLarge(Region r) {
        return (long) r.instructions * MIN_BYTES_PER_INSN > METHOD_LIMIT;
    }

    /** The bytecode would exceed HotSpot's limit for compiling a method (DontCompileHugeMethods, 8000 bytes). */
    public static final class MethodTooLarge extends RuntimeException {
        MethodTooLarge(int size) { super("translated method of " + size + " bytes", null, false, false); }
    }

    // ---- method skeleton ---------------------------------------------------------------------------------------

    private void emitMethod() {
        mv.visitCode();
        for (Block b : region.blocks) for (Insn i : b.insns) Emitters.registers(i, g, written);
        xmmLocals();
        zeroLocal = g.newPermanentLong();
        g.startTemps();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "r", "[J");
        mv.visitVarInsn(ASTORE, Gen.L_REGS);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "mem", "L" + Gen.MEMORY + ";");
        mv.visitFieldInsn(GETFIELD, Gen.MEMORY, "seg", "L" + Gen.SEGMENT + ";");
        mv.visitVarInsn(ASTORE, Gen.L_SEG);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "xmm", "[J");
        mv.visitVarInsn(ASTORE, Gen.L_XMM);
        g.memoryLocals();
        g.lconst(0);
        g.lstore(zeroLocal);
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, Gen.L_FAULT_INSN);
        reloadRegisters();
        reloadXmm();
        mxcsrEntryCheck();
        // enter at the block asked for
        if (region.blocks.size() > 1) {
            mv.visitVarInsn(ILOAD, Gen.L_ENTRY);
            g.iconst(Compiled.ENTRY_MASK);
            mv.visitInsn(IAND);
            mv.visitTableSwitchInsn(0, blockLabel.length - 1, blockLabel[0], blockLabel);
        }
        for (int k = 0; k < region.blocks.size(); k++) emitBlock(k);
        Label blocksEnd = new Label();
        mv.visitLabel(blocksEnd);
        tooLarge(blocksEnd);
        for (int k = 0; k < deferred.size(); k++) deferred.get(k).run();
        // common exit: [int exit index] -> registers back, then into the next region if the exit is chained (only
        // exits to a fixed address can be: returns, indirect jumps and side exits skip the chain's lookup)
        int k = g.newInt(), next = g.newRef(), link = g.newRef(), fixed = g.newInt();
        Label common = new Label();
        mv.visitLabel(fixedExitLabel);
        mv.visitVarInsn(ISTORE, k);
        g.iconst(1);
        mv.visitVarInsn(ISTORE, fixed);
        mv.visitJumpInsn(GOTO, common);
        mv.visitLabel(exitLabel);
        mv.visitVarInsn(ISTORE, k);
        g.iconst(0);
        mv.visitVarInsn(ISTORE, fixed);
        mv.visitLabel(common);
        storeDirty();
        Label plain = new Label();
        mv.visitVarInsn(ILOAD, fixed);
        mv.visitJumpInsn(IFEQ, plain);
        constant(chainKey, "[L" + ENTRY + ";");
        mv.visitVarInsn(ILOAD, k);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ASTORE, link);
        mv.visitVarInsn(ALOAD, link);
        mv.visitJumpInsn(IFNULL, plain);
        mv.visitVarInsn(ALOAD, link);
        mv.visitFieldInsn(GETFIELD, ENTRY, "code", "L" + COMPILED + ";");
        mv.visitVarInsn(ASTORE, next);
        mv.visitVarInsn(ALOAD, next);
        mv.visitFieldInsn(GETFIELD, COMPILED, "valid", "Z");
        mv.visitJumpInsn(IFEQ, plain);
        mv.visitVarInsn(ILOAD, Gen.L_ENTRY);           // depth (high half) below the bound
        g.iconst(Compiled.MAX_CHAIN << Compiled.DEPTH_SHIFT);
        mv.visitJumpInsn(IF_ICMPGE, plain);
        mv.visitVarInsn(ALOAD, next);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitVarInsn(ALOAD, link);
        mv.visitFieldInsn(GETFIELD, ENTRY, "index", "I");
        mv.visitVarInsn(ILOAD, Gen.L_ENTRY);           // + this region's depth + 1
        g.iconst(~Compiled.ENTRY_MASK);
        mv.visitInsn(IAND);
        mv.visitInsn(IADD);
        g.iconst(1 << Compiled.DEPTH_SHIFT);
        mv.visitInsn(IADD);
        // the callee's exit (or its callee's), named by Cpu.exitRegion: pass it on
        mv.visitMethodInsn(INVOKEVIRTUAL, COMPILED, "run", "(L" + Gen.CPU + ";I)I", false);
        mv.visitInsn(IRETURN);
        mv.visitLabel(plain);
        exitRegion();
        mv.visitVarInsn(ILOAD, k);
        mv.visitInsn(IRETURN);
        // common fault path: registers back, then a side exit before the instruction in L_FAULT_INSN, which the
        // engine runs interpreted (raising SIGSEGV as the interpreter does, or completing an access the
        // conservative bounds check refused)
        mv.visitLabel(faultLabel);
        storeDirty();
        exitRegion();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitVarInsn(ALOAD, Gen.L_FAULT_INSN);
        mv.visitFieldInsn(GETFIELD, INSN, "addr", "J");
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        g.iconst(~exits++);
        mv.visitInsn(IRETURN);
        mv.visitLabel(endOfCode);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Regions with fast floating-point paths run only under the MXCSR they assume ({@link SseEmitters#ENTRY_MXCSR});
     * otherwise the entry is a side exit (nothing has changed yet) and the engine interprets the first block.
     */
    private void mxcsrEntryCheck() {
        if (conservative) return;
        boolean needed = false;
        for (Block b : region.blocks) for (Insn i : b.insns) needed |= SseEmitters.needsEntryMxcsr(i);
        if (!needed) return;
        Label ok = new Label();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "mxcsr", "I");
        g.iconst(SseEmitters.ENTRY_MASK);
        mv.visitInsn(IAND);
        g.iconst(SseEmitters.ENTRY_MXCSR);
        mv.visitJumpInsn(IF_ICMPEQ, ok);
        exitRegion();
        g.iconst(Compiled.MXCSR_EXIT);
        mv.visitInsn(IRETURN);
        mv.visitLabel(ok);
    }

    /** Leaves the region after instruction {@code i} (its state may invalidate what the region assumed on entry). */
    void exitAfter(Insn i) {
        flagsToCpu();
        exitTo(i.next());
    }

    void storeRegisters() {
        for (int k = 0; k < 16; k++) if (g.reg[k] >= 0 && written[k]) store(k);
    }

    /**
     * At the common exit and fault paths, emitted after every block: only the registers some emitted instruction
     * wrote (a region's exits used to store every register it used).
     */
    private void storeDirty() {
        for (int k = 0; k < 16; k++) if (g.reg[k] >= 0 && g.dirty[k]) store(k);
        storeXmm();
    }

    /** XMM lanes some instruction of the region may write (both lanes of every XMM destination). */
    private final boolean[] xmmWritten = new boolean[32];

    /**
     * Every XMM register the region names gets a local per lane, loaded on entry, stored at exits if some
     * instruction writes it (matmul 2.69 to 2.35 s: C2 keeps loop-invariant lanes and their range tests out of
     * loops; n-body, zlib, sort, lua, sqlite flat).
     */
    private void xmmLocals() {
        for (Block b : region.blocks) {
            for (Insn i : b.insns) {
                for (int k = 0; k < i.nops; k++) {
                    int o = i.operand(k);
                    if (dev.ring3.decoder.Operand.kind(o) != dev.ring3.decoder.Operand.XMM) continue;
                    int x = dev.ring3.decoder.Operand.reg(o);
                    for (int h = 0; h < 2; h++) {
                        if (g.xmmLocal[2 * x + h] < 0) g.xmmLocal[2 * x + h] = g.newPermanentDouble();
                        if (k == 0) xmmWritten[2 * x + h] = true;
                    }
                }
            }
        }
    }

    /** Written XMM lanes from their locals to the Cpu. */
    void storeXmm() {
        for (int l = 0; l < 32; l++) if (g.xmmLocal[l] >= 0 && xmmWritten[l]) g.xmmTransfer(l, true);
    }

    /** XMM lanes from the Cpu into their locals. */
    void reloadXmm() {
        for (int l = 0; l < 32; l++) if (g.xmmLocal[l] >= 0) g.xmmTransfer(l, false);
    }

    /** True if a fallback of the instruction may read or write XMM registers in the Cpu. */
    private static boolean touchesXmm(Insn i) {
        return FpRanges.mayWriteXmm(i) || i.op == dev.ring3.decoder.Op.FXSAVE;
    }

    void reloadRegisters() {
        for (int k = 0; k < 16; k++) if (g.reg[k] >= 0) load(k);
    }

    private void emitBlock(int k) {
        cur = k;
        Block b = region.blocks.get(k);
        mv.visitLabel(blockLabel[k]);
        java.util.Arrays.fill(g.byteKnown, false);
        tooLarge(blockLabel[k]);
        setProducer(null);   // a join point: the flags are in the Cpu
        ranges.clear();      // and nothing is known of the XMM registers
        if (b.selfChecking()) checkCode(b);
        Insn[] insns = b.insns;
        blockInsns = insns;
        // one pair of checks for the block's stack accesses (not in conservative translations: exact limits)
        SharedChecks stack = g.exactLimits || !Gen.RAW ? null : SharedChecks.of(insns);
        for (int n = 0; n < insns.length; n++) {
            Insn i = insns[n];
            insnIndex = n;
            liveAfter = liveness.liveAfter[k][n];
            Label start = new Label(), end = new Label();
            Producer before = producer;
            producerBefore = before;
            g.fault = new Label();
            g.faultUsed = false;
            // the instruction's range, for an exception handler (segment accesses only): with raw accesses no
            // label, since ASM starts a basic block, and computes a frame, at every label
            if (!Gen.RAW) mv.visitLabel(start);
            if (!SseEmitters.handles(i) && FpRanges.mayWriteXmm(i)) ranges.clear();
            if (stack != null) {
                if (n == stack.at) g.checkSpan(dev.ring3.jit.Cpu.RSP, stack.lo, stack.hi);
                long[] o = stack.others[n];
                if (o != null) for (int q = 0; q < o.length; q += 3) g.checkSpan((int) o[q], o[q + 1], o[q + 2]);
                g.skipBounds = stack.covered[n];
            }
            boolean mayFault = Emitters.emit(this, i);
            g.skipBounds = false;
            if (!Gen.RAW) mv.visitLabel(end);
            g.endInstruction(producer);
            // with raw accesses only a bounds check reaches the fault path: none was emitted when the instruction's
            // accesses were all covered by a shared check, and the path would be dead code (ASM pads it with NOPs
            // and ATHROW, bytes that count against the method's limit)
            boolean exceptions = mayFault && !Gen.RAW;
            if (g.faultUsed || exceptions) faultHandler(start, end, i, before, exceptions);
        }
        Insn last = insns[insns.length - 1];
        if (!last.op.endsBlock) jumpTo(b.end);   // blocks cut short fall through
    }

    /**
     * The instruction's way out when an access may fault: a failed bounds check jumps to {@link Gen#fault}, an
     * IndexOutOfBoundsException (segment access) lands on the handler, which drops it and joins; both then hand
     * over the state before the instruction, for the interpreter to run it (and raise SIGSEGV if it faults).
     */
    private void faultHandler(Label start, Label end, Insn i, Producer before, boolean exceptions) {
        region.faultPaths++;
        Label handler = new Label(), checked = g.fault;
        if (exceptions) mv.visitTryCatchBlock(start, end, handler, "java/lang/IndexOutOfBoundsException");
        deferred.add(() -> {
            mv.visitLabel(handler);
            if (exceptions) mv.visitInsn(POP);
            mv.visitLabel(checked);
            if (!conservative) ColdPath.emit(mv, ColdPath.FAULT);
            flush(before);
            constant(i, "L" + INSN + ";");
            mv.visitVarInsn(ASTORE, Gen.L_FAULT_INSN);
            mv.visitJumpInsn(GOTO, faultLabel);
        });
    }

    // ---- control flow -------------------------------------------------------------------------------------------

    /** Continues at a guest address: a JVM branch to its block when it is in the region, else an exit. */
    void jumpTo(long target) {
        mv.visitJumpInsn(GOTO, edge(target));
    }

    /** The block being emitted. */
    private int cur;

    /** The instructions of the block being emitted, and the index of the one being emitted (for look-ahead). */
    Insn[] blockInsns;
    int insnIndex;

    /** True if {@code l} is the label of a block already emitted (a jump to it goes backward). */
    boolean backward(Label l) {
        for (int k = 0; k <= cur; k++) if (blockLabel[k] == l) return true;
        return false;
    }

    /** A label that, jumped to, continues at {@code target} with the current flag state correctly handed over. */
    Label edge(long target) {
        Integer b = index.get(target);
        Producer p = producer;
        if (pollLoops && b != null && b <= cur) return polledBackEdge(target, b, p);
        if (b != null && (p == null || (liveness.liveIn[b] & FlagBits.STATUS) == 0)) return blockLabel[b];
        Label stub = new Label();
        deferred.add(() -> {
            mv.visitLabel(stub);
            flush(p);
            if (b != null) mv.visitJumpInsn(GOTO, blockLabel[b]);
            else exitTo(target);
        });
        return stub;
    }

    /** Set for threads of a multi-threaded process ({@link dev.ring3.jit.CodeCache#pollLoops}). */
    boolean pollLoops;

    /**
     * A back edge that first looks at {@link dev.ring3.jit.Cpu#interrupted}: set, the region returns to the engine
     * at the loop's head (the engine then takes the signal or the thread's end); else the loop goes on, by an
     * unconditional backward GOTO (see {@code Emitters.jcc} for why).
     */
    private Label polledBackEdge(long target, int b, Producer p) {
        Label stub = new Label();
        deferred.add(() -> {
            mv.visitLabel(stub);
            Label leave = new Label();
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            mv.visitFieldInsn(GETFIELD, Gen.CPU, "interrupted", "Z");
            mv.visitJumpInsn(IFNE, leave);
            boolean live = p != null && (liveness.liveIn[b] & FlagBits.STATUS) != 0;
            if (live) flush(p);
            mv.visitJumpInsn(GOTO, blockLabel[b]);
            mv.visitLabel(leave);   // an exit the engine does not chain (a chained call would loop on inside)
            flush(p);
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            g.lconst(target);
            mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
            g.iconst(exits++);
            mv.visitJumpInsn(GOTO, exitLabel);
        });
        return stub;
    }

    /**
     * Code decoded from writable memory is checked each time control reaches it, not only on region entry: a guest
     * that generates code in a loop rewrites it while the region runs. If the bytes changed, a side exit hands the
     * block to the engine, which decodes it again.
     */
    private void checkCode(Block b) {
        Label same = new Label();
        constant(b, "Ldev/ring3/jit/Block;");
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "mem", "L" + Gen.MEMORY + ";");
        mv.visitMethodInsn(INVOKEVIRTUAL, "dev/ring3/jit/Block", "unchanged", "(L" + Gen.MEMORY + ";)Z", false);
        mv.visitJumpInsn(IFNE, same);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lconst(b.start);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        g.iconst(~exits++);
        mv.visitJumpInsn(GOTO, exitLabel);
        mv.visitLabel(same);
    }

    /**
     * Leaves the region before instruction {@code i}, with the state as it was before it, so that the engine runs
     * that instruction with its exact semantics (the slow path of a fast-path emitter, kept out of the method to
     * keep it small). Side exits return the complement of their index.
     */
    void sideExit(Insn i) {
        if (Runtime.PROFILE) {
            g.iconst(i.op.ordinal());
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Runtime", "countSideExit", "(I)V", false);
        }
        ColdPath.emit(mv, ColdPath.SIDE_EXIT);
        flush(producerBefore);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lconst(i.addr);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        g.iconst(~exits++);
        mv.visitJumpInsn(GOTO, exitLabel);
    }

    /** Leaves the region for a known address (flags must already be flushed); such an exit can be chained. */
    private void exitTo(long target) {
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lconst(target);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        staticTargets.put(exits, target);
        g.iconst(exits++);
        mv.visitJumpInsn(GOTO, fixedExitLabel);
    }

    /** Names this region as the one whose exit index is returned ({@link dev.ring3.jit.Cpu#exitRegion}). */
    private void exitRegion() {
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        constant(region, "Ldev/ring3/jit/translate/Region;");
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "exitRegion", "Ldev/ring3/jit/translate/Region;");
    }

    /** Leaves the region for the address on the stack (a long): flushes the flags, sets rip, exits. */
    void exitDynamic() {
        int t = g.newLong();
        g.lstore(t);
        flagsToCpu();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lload(t);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        g.iconst(exits++);
        mv.visitJumpInsn(GOTO, exitLabel);
    }

    /**
     * An indirect branch to the address in local {@code target}: a JVM branch to each block of the region it has
     * been seen to go to (return sites for a RET), compared first; any other address leaves the region.
     */
    void indirect(Block from, int target) {
        java.util.TreeMap<Integer, Long> inside = new java.util.TreeMap<>();
        int hi = (int) (region.entry >>> 32);
        for (long t : RegionGraph.seen(from)) {
            if (index.containsKey(t) && (int) (t >>> 32) == hi) inside.put((int) t, t);
        }
        if (inside.size() <= 3) {
            for (long t : inside.values()) {
                g.lload(target);
                g.lconst(t);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFEQ, edge(t));
            }
        } else {
            // a dispatch with many targets in the region: one switch on the address's low half
            Label out = new Label();
            g.lload(target);
            g.iconst(32);
            mv.visitInsn(LUSHR);
            mv.visitInsn(L2I);
            g.iconst(hi);
            mv.visitJumpInsn(IF_ICMPNE, out);
            int[] keys = new int[inside.size()];
            Label[] to = new Label[keys.length];
            int n = 0;
            for (var e : inside.entrySet()) {
                keys[n] = e.getKey();
                to[n++] = edge(e.getValue());
            }
            g.lload(target);
            mv.visitInsn(L2I);
            mv.visitLookupSwitchInsn(out, keys, to);
            mv.visitLabel(out);
        }
        g.lload(target);
        if (Runtime.PROFILE) {
            Insn last = from.insns[from.insns.length - 1];
            exitKinds.put(exits, last.op + (inside.isEmpty() ? "" : "-seen" + inside.size()));
        }
        exitDynamic();
    }

    /** The block whose last instruction is {@code i}. */
    Block blockOf(Insn i) {
        for (Block b : region.blocks) if (b.insns[b.insns.length - 1] == i) return b;
        throw new IllegalStateException("no block ends with " + i);
    }

    /** Leaves the region with c.rip already set (after a fallback that ends a block). */
    void exitAsIs() {
        flagsToCpu();
        g.iconst(exits++);
        mv.visitJumpInsn(GOTO, exitLabel);
    }

    // ---- flags --------------------------------------------------------------------------------------------------

    /** Writes the current producer's lazy state into the Cpu, which holds the flags from then on. */
    void flagsToCpu() {
        flush(producer);
        setProducer(null);
    }

    /** Writes a producer's lazy state into the Cpu fields. */
    void flush(Producer p) {
        if (p == null) return;
        if (p.b() == Producer.CPU_CARRY) {
            // the carry-in is the Cpu's CF: read it before the Cpu's lazy state is overwritten
            int cf = g.newLong();
            Conditions.load(this, Producer.CPU_CARRY);
            g.lstore(cf);
            p = new Producer(p.op(), p.d(), p.a(), cf, p.lazy());
        }
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.iconst(p.op());
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "ccOp", "I");
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        Conditions.loadD(this, p);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "ccDst", "J");
        put("ccSrc1", p.a());
        put("ccSrc2", p.b());
    }

    private void put(String field, int local) {
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        if (local < 0) g.lconst(0);
        else g.lload(local);
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, field, "J");
    }

    /**
     * After a flag-setting instruction: it becomes the producer if any flag it writes is live. If none is, the
     * previous producer stays: the flags it still defines are right, and the ones overwritten are never read.
     */
    void produced(int op, int d, int a, int b, int flagsWritten) {
        if ((liveAfter & flagsWritten) != 0) setProducer(new Producer(op, d, a, b));
    }

    /** As {@link #produced} for a CMP: the result is computed from a and b where needed. */
    void producedLazy(int op, int a, int b, int flagsWritten) {
        if ((liveAfter & flagsWritten) != 0) setProducer(new Producer(op, -1, a, b, true));
    }

    /** Changes the producer, recycling the temporaries of the one replaced. */
    void setProducer(Producer p) {
        eagerFlags = false;
        Producer old = producer;
        producer = p;
        g.release(old, p);
    }

    /** True if any of these flags is live after the instruction being emitted. */
    boolean live(int flags) { return (liveAfter & flags) != 0; }

    // ---- fallback through the interpreter's semantics ---------------------------------------------------------

    /**
     * Runs one instruction through its Exec. Only what it can see crosses over: the registers it may touch
     * ({@link Emitters#fallbackRegisters}) are stored before and reloaded after, and the lazy flags are written to
     * the Cpu only if it reads them. If it throws (a fault, an exit), the rest of the state is stored on the way
     * out, so the Cpu is complete wherever the exception is caught.
     */
    void fallback(Insn i) {
        int regs = Emitters.fallbackRegisters(i);
        boolean flagsIn = (i.flagsRead() & FlagBits.STATUS) != 0   // with the condition (FCMOVcc) and REP CMPS/SCAS
                || (i.op.flagsWritten != 0 && (i.op.flagsWritten & FlagBits.STATUS) != FlagBits.STATUS)
                || (regs & ALL) == ALL;
        if (flagsIn) {
            flagsToCpu();
        }
        Producer kept = producer;
        for (int k = 0; k < 16; k++) {
            if ((regs & (1 << k)) != 0 && g.reg[k] >= 0 && written[k]) store(k);
        }
        boolean xmm = touchesXmm(i);
        if (xmm) storeXmm();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lconst(i.next());
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        if (Runtime.PROFILE) {
            g.iconst(i.op.ordinal());
            g.lconst(i.addr);
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Runtime", "countFallback", "(IJ)V", false);
        }
        Label start = new Label(), end = new Label(), handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        mv.visitLabel(start);
        constant(Semantics.of(i.op), "L" + EXEC + ";");
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        constant(i, "L" + INSN + ";");
        mv.visitMethodInsn(INVOKEINTERFACE, EXEC, "run", "(L" + Gen.CPU + ";L" + INSN + ";)V", true);
        mv.visitLabel(end);
        deferred.add(() -> {
            // the exception passes through: complete the Cpu with what only the locals know, then rethrow
            mv.visitLabel(handler);
            int exc = g.newRef();
            mv.visitVarInsn(ASTORE, exc);
            flush(kept);
            for (int k = 0; k < 16; k++) {
                if ((regs & (1 << k)) == 0 && g.reg[k] >= 0 && written[k]) store(k);
            }
            if (!xmm) storeXmm();
            mv.visitVarInsn(ALOAD, Gen.L_CPU);
            mv.visitVarInsn(ALOAD, exc);
            constant(i, "L" + INSN + ";");
            mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/translate/Runtime", "rethrow",
                    "(L" + Gen.CPU + ";Ljava/lang/Throwable;L" + INSN + ";)Ljava/lang/Throwable;", false);
            mv.visitInsn(ATHROW);
        });
        for (int k = 0; k < 16; k++) {
            if ((regs & (1 << k)) != 0 && g.reg[k] >= 0) load(k);
        }
        if (xmm) reloadXmm();
        if ((i.op.flagsWritten & FlagBits.STATUS) != 0) setProducer(null);
        if (i.op.endsBlock) exitAsIs();
    }

    static final int ALL = 0xFFFF;

    private void store(int k) {
        mv.visitVarInsn(ALOAD, Gen.L_REGS);
        g.iconst(k);
        mv.visitVarInsn(LLOAD, g.reg[k]);
        mv.visitInsn(LASTORE);
    }

    private void load(int k) {
        g.byteKnown[k] = false;
        mv.visitVarInsn(ALOAD, Gen.L_REGS);
        g.iconst(k);
        mv.visitInsn(LALOAD);
        mv.visitVarInsn(LSTORE, g.reg[k]);
    }

    /**
     * A SYSCALL whose number is known: everything to the Cpu, RCX and R11 as the instruction sets them, then a
     * direct call of the handler, its result in RAX, and out of the region (a system call may change anything,
     * mappings included).
     */
    void directSyscall(Insn i, java.lang.invoke.MethodHandleInfo h) {
        flagsToCpu();
        for (int k = 0; k < 16; k++) if (g.reg[k] >= 0) written[k] = true;
        storeRegisters();
        storeXmm();
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        g.lconst(i.next());
        mv.visitFieldInsn(PUTFIELD, Gen.CPU, "rip", "J");
        mv.visitVarInsn(ALOAD, Gen.L_REGS);
        g.iconst(dev.ring3.jit.Cpu.RCX);
        g.lconst(i.next());
        mv.visitInsn(LASTORE);
        mv.visitVarInsn(ALOAD, Gen.L_REGS);
        g.iconst(dev.ring3.jit.Cpu.R11);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitMethodInsn(INVOKESTATIC, "dev/ring3/jit/Flags", "get", "(L" + Gen.CPU + ";)J", false);
        mv.visitInsn(LASTORE);
        String owner = org.objectweb.asm.Type.getInternalName(h.getDeclaringClass());
        String threadType = org.objectweb.asm.Type.getInternalName(h.getMethodType().parameterType(0));
        mv.visitVarInsn(ALOAD, Gen.L_REGS);
        g.iconst(dev.ring3.jit.Cpu.RAX);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitFieldInsn(GETFIELD, Gen.CPU, "thread", "Ljava/lang/Object;");
        mv.visitTypeInsn(CHECKCAST, threadType);
        mv.visitVarInsn(ALOAD, Gen.L_CPU);
        mv.visitMethodInsn(INVOKESTATIC, owner, h.getName(), h.getMethodType().toMethodDescriptorString(), false);
        mv.visitInsn(LASTORE);
        reloadRegisters();
        reloadXmm();
        exitAsIs();
    }

    /**
     * The value RAX certainly holds at a SYSCALL, if the same block set it from a constant (MOV eax/rax, imm or
     * XOR eax, eax) and nothing after that wrote RAX; else -1.
     */
    long constantRax(Insn syscall) {
        for (Block b : region.blocks) {
            Insn[] in = b.insns;
            if (in[in.length - 1] != syscall) continue;
            for (int k = in.length - 2; k >= 0; k--) {
                Insn i = in[k];
                boolean writesRax = Operand.kind(i.o0) == Operand.GPR && (Operand.reg(i.o0) == 0 || Operand.reg(i.o0) == Operand.AH);
                if (i.op == Op.MOV && writesRax && Operand.kind(i.o1) == Operand.IMM && i.osize >= 4) {
                    return i.imm & (i.osize == 4 ? 0xFFFF_FFFFL : -1L);
                }
                if (i.op == Op.XOR && writesRax && Operand.kind(i.o1) == Operand.GPR && Operand.reg(i.o1) == 0) return 0;
                if (writesRax || !Emitters.keepsRax(i)) return -1;
            }
            return -1;
        }
        return -1;
    }

    /** Puts the object a stand-in key was emitted for into the class data (if the method used it). */
    private void setConstant(Object key, Object value) {
        Integer k = constantIndex.get(key);
        if (k != null) constants.set(k, value);
    }

    /** Pushes a constant object (class data of the hidden class; C2 sees a constant). */
    void constant(Object value, String descriptor) {
        Integer k = constantIndex.get(value);
        if (k == null) {
            k = constants.size();
            constants.add(value);
            constantIndex.put(value, k);
            constantTypes.add(descriptor);
        }
        mv.visitLdcInsn(new ConstantDynamic("_", descriptor, CLASS_DATA_AT, k));
    }

    /** The descriptor each constant was first loaded as (its dynamic constant's type). */
    private final List<String> constantTypes = new ArrayList<>();

    /**
     * The constructor, which also loads every dynamic constant {@code run} uses once, so that all are resolved
     * before HotSpot compiles {@code run}: C2 compiles an unresolved one as an uncommon trap, and the first time
     * an exit that had not run before the compilation was taken, the method was deoptimized and compiled again
     * (8 times in zlib 2, 19 in sqlite 1).
     */
    private void constructor(ClassWriter cw) {
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, COMPILED, "<init>", "()V", false);
        for (int k = 0; k < constantTypes.size(); k++) {
            init.visitLdcInsn(new ConstantDynamic("_", constantTypes.get(k), CLASS_DATA_AT, k));
            init.visitInsn(POP);
        }
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }
}
