package dev.ring3.jit.translate;

import static org.objectweb.asm.Opcodes.*;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Operand;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.GuestMemory;
import org.objectweb.asm.MethodVisitor;

/**
 * Emission context of one translated method: JVM locals for guest registers, temporaries, and the bytecode for
 * the recurring pieces (register reads and writes with x86 width rules, effective addresses, memory loads and
 * stores on the flat segment).
 *
 * <p>Locals: 0 this, 1 the Cpu, 2 the entry block's index, 3 the register array, 4 the memory segment, 5 the
 * faulting instruction, 6 the XMM array (XMM registers stay in the Cpu: SSE fallbacks then need no hand-over),
 * 7-17 memory access ({@link #L_HOST}...); from 18 the guest registers the region uses (two slots each), then
 * temporaries.
 */
final class Gen {
    static final String CPU = "dev/ring3/jit/Cpu";
    static final String SEGMENT = "java/lang/foreign/MemorySegment";
    static final String MEMORY = "dev/ring3/jit/GuestMemory";
    static final int L_CPU = 1, L_ENTRY = 2, L_REGS = 3, L_SEG = 4, L_FAULT_INSN = 5, L_XMM = 6;

    final MethodVisitor mv;
    /** JVM local of guest register k, or -1 when the region does not keep it in a local. */
    final int[] reg = new int[16];
    private int next = 20;

    Gen(MethodVisitor mv) {
        this.mv = mv;
        java.util.Arrays.fill(reg, -1);
    }

    /**
     * Temporaries are recycled: a long temporary lives until the end of the instruction that made it, or, if it
     * holds the flag producer's values, until the producer is replaced. Few locals keep ASM's frame computation
     * (a merge over all locals at every branch target) and C2's work small; a translation used to allocate
     * hundreds.
     */
    private final java.util.ArrayDeque<Integer> freeLongs = new java.util.ArrayDeque<>();
    private final java.util.List<Integer> scope = new java.util.ArrayList<>();

    int newLong() {
        Integer free = freeLongs.poll();
        int l = free != null ? free : allocate();
        scope.add(l);
        return l;
    }

    /** A long local never recycled (guest registers, constants of the method). */
    int newPermanentLong() { return allocate(); }

    /** A double local never recycled (an XMM lane). */
    int newPermanentDouble() { return allocate(); }

    private int allocate() {
        int l = next;
        next += 2;
        return l;
    }

    int newInt() { return next++; }

    int newRef() { return next++; }

    private final java.util.List<Producer> retired = new java.util.ArrayList<>();

    /**
     * Ends an instruction: its temporaries, and those of producers it replaced, become free, except those holding
     * the current producer's values. (Not earlier: the instruction's fault path still reads the producer it
     * started with.)
     */
    void endInstruction(Producer keep) {
        for (Producer old : retired) {
            for (int l : new int[] {old.d(), old.a(), old.b()}) if (l >= firstTemp && !scope.contains(l)) scope.add(l);
        }
        retired.clear();
        for (int l : scope) {
            boolean kept = keep != null && (l == keep.d() || l == keep.a() || l == keep.b());
            if (!kept && !freeLongs.contains(l)) freeLongs.push(l);
        }
        scope.clear();
    }

    /** A producer that is no longer current gives its temporaries back at the end of the instruction. */
    void release(Producer old, Producer current) {
        if (old != null) retired.add(old);
    }

    /** Locals below this are permanent. */
    int firstTemp = Integer.MAX_VALUE;

    /** Marks where recycled temporaries begin (after the registers and permanent locals are allocated). */
    void startTemps() { firstTemp = next; }

    /** Maps guest register k to a JVM local. */
    void useRegister(int k) {
        if (reg[k] < 0) reg[k] = newPermanentLong();
    }

    // ---- constants and small arithmetic -----------------------------------------------------------------------

    void lconst(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }

    void iconst(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    /** Masks the long on the stack to {@code size} bytes (zero-extension). */
    void zext(int size) {
        if (size == 8) return;
        lconst(GuestMemory.mask(size));
        mv.visitInsn(LAND);
    }

    /** Sign-extends the low {@code size} bytes of the long on the stack. */
    void sext(int size) {
        switch (size) {
            case 1 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); }
            case 2 -> { mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); }
            case 4 -> { mv.visitInsn(L2I); mv.visitInsn(I2L); }
            default -> { }
        }
    }

    // ---- guest registers ----------------------------------------------------------------------------------------

    /** Pushes register {@code r} (0-15, or 16-19 for AH-BH) read at {@code size}, zero-extended. */
    void readReg(int r, int size) {
        if (size == 1 && r < Operand.AH && byteKnown[r]) {
            mv.visitVarInsn(LLOAD, byteCopy[r]);
            return;
        }
        if (r >= Operand.AH) {
            mv.visitVarInsn(LLOAD, reg[r - Operand.AH]);
            iconst(8);
            mv.visitInsn(LUSHR);
            zext(1);
            return;
        }
        mv.visitVarInsn(LLOAD, reg[r]);
        zext(size);
    }

    /**
     * Guest registers the emitted code has written to their locals (what the region's exits must store back; a
     * register only read, or reloaded after a fallback, already has its value in the Cpu).
     */
    final boolean[] dirty = new boolean[16];

    /** Pops a long and writes it to register {@code r} at {@code size}: 32-bit writes zero the upper half. */
    void writeReg(int r, int size) {
        dirty[r >= Operand.AH ? r - Operand.AH : r] = true;
        byteKnown[r >= Operand.AH ? r - Operand.AH : r] = false;
        if (size == 8) {
            mv.visitVarInsn(LSTORE, reg[r]);
            return;
        }
        if (size == 4) {
            zext(4);
            mv.visitVarInsn(LSTORE, reg[r]);
            return;
        }
        int k = r >= Operand.AH ? r - Operand.AH : r;
        int shift = r >= Operand.AH ? 8 : 0;
        long m = GuestMemory.mask(size) << shift;
        zext(size);
        if (shift != 0) {
            iconst(shift);
            mv.visitInsn(LSHL);
        }
        mv.visitVarInsn(LLOAD, reg[k]);
        lconst(~m);
        mv.visitInsn(LAND);
        mv.visitInsn(LOR);
        mv.visitVarInsn(LSTORE, reg[k]);
    }

    // ---- memory -------------------------------------------------------------------------------------------------

    /** Pushes the effective address of the instruction's memory operand (with FS/GS base). */
    void address(Insn i) { address(i, true); }

    /** Pushes base + index * scale + disp (wrapped to 32 bits with a 67 prefix), plus the FS/GS base if asked. */
    void address(Insn i, boolean segmentBase) {
        boolean any = false;
        if (i.base >= 0) {
            mv.visitVarInsn(LLOAD, reg[i.base]);
            any = true;
        }
        if (i.index >= 0) {
            mv.visitVarInsn(LLOAD, reg[i.index]);
            if (i.scale > 0) {
                iconst(i.scale);
                mv.visitInsn(LSHL);
            }
            if (any) mv.visitInsn(LADD);
            any = true;
        }
        if (!any) lconst(i.disp);
        else if (i.disp != 0) {
            lconst(i.disp);
            mv.visitInsn(LADD);
        }
        if (i.asize == 4) zext(4);
        if (segmentBase && (i.seg == Prefix.SEG_FS || i.seg == Prefix.SEG_GS)) {
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, i.seg == Prefix.SEG_FS ? "fsBase" : "gsBase", "J");
            mv.visitInsn(LADD);
        }
    }

    private static final String[] LAYOUT_FIELD = {null, "U8", "U16", null, "U32", null, null, null, "U64"};
    private static final String[] LAYOUT_TYPE = {null, "Ljava/lang/foreign/ValueLayout$OfByte;",
        "Ljava/lang/foreign/ValueLayout$OfShort;", null, "Ljava/lang/foreign/ValueLayout$OfInt;", null, null, null,
        "Ljava/lang/foreign/ValueLayout$OfLong;"};
    private static final String[] JTYPE = {null, "B", "S", null, "I", null, null, null, "J"};
    private static final String UNSAFE = "jdk/internal/misc/Unsafe";
    // the native intrinsics themselves (x86 loads and stores need no alignment): no Java code to inline
    private static final String[] RAW_GET = {null, "getByte", "getShort", null, "getInt", null, null, null, "getLong"};
    private static final String[] RAW_PUT = {null, "putByte", "putShort", null, "putInt", null, null, null, "putLong"};

    /**
     * Raw memory access (jdk.internal.misc.Unsafe, exported to ring3 by its JVM options) with the bounds check
     * emitted here, or MemorySegment access where the package is not exported. Both touch the same flat window;
     * the raw form matters for code size: a MemorySegment access inlines a long chain of calls, and a big translated
     * method then exhausts HotSpot's inlining budget (DesiredMethodLimit) before its floating-point helpers and
     * later accesses are inlined.
     */
    static final boolean RAW = Object.class.getModule().isExported("jdk.internal.misc", Gen.class.getModule());

    /**
     * Locals: the host address of guest address {@link GuestMemory#BASE}; the Unsafe instance; for accesses of 1, 2,
     * 4, 8 and 16 bytes the highest valid segment offset. The bounds check is {@code Long.compareUnsigned(off, limit)},
     * which C2 compiles to one unsigned compare and branch (the sign-flip form it replaced, xor then signed compare,
     * kept two more instructions in every access: sieve kernel 29.6 to 26.7 ms per call, sort 4.1 to 3.8 s).
     *
     * <p>Unless {@link #exactLimits}, every access checks against the 16-byte limit: one limit local instead of up to
     * five, each a register C2 keeps live through a loop (zlib's match loop spilled guest registers to the stack).
     * An access in the window's last 15 bytes then fails the check although it is valid; a failed check is not a
     * fault but a side exit before the instruction, and the interpreter runs it exactly (raising SIGSEGV if it
     * does fault), so the check only has to be conservative, never exact.
     */
    static final int L_HOST = 7, L_UNSAFE = 9, L_LIMIT1 = 10, L_LIMIT2 = 12, L_LIMIT4 = 14, L_LIMIT8 = 16,
            L_LIMIT16 = 18;

    /** Check each access size against its own limit (conservative translations). */
    boolean exactLimits;

    private int limitLocal(int size) {
        if (!exactLimits) return L_LIMIT16;
        return switch (size) {
            case 1 -> L_LIMIT1;
            case 2 -> L_LIMIT2;
            case 4 -> L_LIMIT4;
            case 8 -> L_LIMIT8;
            default -> L_LIMIT16;
        };
    }

    /** The instruction being emitted accesses memory only inside a span already checked ({@link SharedChecks}). */
    boolean skipBounds;

    /**
     * Checks register r + lo and register r + hi, so that every access of up to 16 bytes at register + d for d in
     * between is inside the window ({@link SharedChecks}); a failure goes to the current instruction's fault path.
     */
    void checkSpan(int r, long lo, long hi) {
        boundsCheck(offset(reg[r], lo), 16);
        if (hi != lo) boundsCheck(offset(reg[r], hi), 16);
    }

    /** Where a failed bounds check goes for the instruction being emitted (the operand stack must be empty). */
    org.objectweb.asm.Label fault;
    /** True once a bounds check jumped to {@link #fault} (the instruction then needs its fault path). */
    boolean faultUsed;

    /** Emits the memory locals' initialisation (method entry). */
    void memoryLocals() {
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitFieldInsn(GETFIELD, CPU, "mem", "L" + MEMORY + ";");
        mv.visitFieldInsn(GETFIELD, MEMORY, "hostBase", "J");
        mv.visitVarInsn(LSTORE, L_HOST);
        if (!RAW) return;
        mv.visitMethodInsn(INVOKESTATIC, UNSAFE, "getUnsafe", "()L" + UNSAFE + ";", false);
        mv.visitVarInsn(ASTORE, L_UNSAFE);
        for (int size : exactLimits ? new int[] {1, 2, 4, 8, 16} : new int[] {16}) {
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "mem", "L" + MEMORY + ";");
            mv.visitFieldInsn(GETFIELD, MEMORY, "limit" + size, "J");
            mv.visitVarInsn(LSTORE, limitLocal(size));
        }
    }

    /** Computes the instruction's effective address into a new local. */
    int addressLocal(Insn i) {
        int a = newLong();
        address(i);
        lstore(a);
        return a;
    }

    /** Pushes the segment offset of (addr + plus), checked for an access of {@code size} bytes when raw. */
    private void checkedOffset(int addr, long plus, int size) {
        int off = offset(addr, plus);
        if (RAW) {
            boundsCheck(off, size);
            hostAddress(off, 0);
        } else {
            mv.visitVarInsn(ALOAD, L_SEG);
            mv.visitFieldInsn(GETSTATIC, MEMORY, LAYOUT_FIELD[size], LAYOUT_TYPE[size]);
            lload(off);
        }
    }

    /** The segment offset of guest address (addr + plus), in a new local. */
    private int offset(int addr, long plus) {
        int off = newLong();
        lload(addr);
        lconst(plus - GuestMemory.BASE);   // one constant: (addr + plus) - BASE, wrapping as the two steps would
        mv.visitInsn(LADD);
        lstore(off);
        return off;
    }

    /**
     * The bounds check of a {@code size}-byte access at guest address {@code addr}, alone: for accesses made by a
     * call (GuestMemory's atomic operations). Without raw accesses the segment checks, and its exception lands on
     * the instruction's handler.
     */
    void checkAccess(int addr, int size) {
        if (RAW) boundsCheck(offset(addr, 0), size);
    }

    /** Unsigned off > window - size: outside the window (an address below BASE wraps to a huge offset). */
    private void boundsCheck(int off, int size) {
        if (skipBounds) return;
        lload(off);
        lload(limitLocal(size));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        mv.visitJumpInsn(IFGT, fault);
        faultUsed = true;
    }

    /**
     * The 16 bytes at guest address addr into locals lo and hi, with one bounds check (a 16-byte access faults
     * whole, before either half is read or written).
     */
    void load16(int addr, int lo, int hi) {
        if (!RAW) {
            loadAt(addr, 0, 8);
            lstore(lo);
            loadAt(addr, 8, 8);
            lstore(hi);
            return;
        }
        int off = offset(addr, 0);
        boundsCheck(off, 16);
        for (int half = 0; half < 2; half++) {
            hostAddress(off, half * 8);
            mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "getLong", "(Ljava/lang/Object;J)J", false);
            lstore(half == 0 ? lo : hi);
        }
    }

    /** Locals lo and hi to the 16 bytes at guest address addr, with one bounds check. */
    void store16(int addr, int lo, int hi) {
        if (!RAW) {   // (the segment form checks each half as it stores it)
            storeAt(addr, 0, lo, 8);
            storeAt(addr, 8, hi, 8);
            return;
        }
        int off = offset(addr, 0);
        boundsCheck(off, 16);
        for (int half = 0; half < 2; half++) {
            hostAddress(off, half * 8);
            lload(half == 0 ? lo : hi);
            mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, "putLong", "(Ljava/lang/Object;JJ)V", false);
        }
    }

    /** Pushes Unsafe, null, host address of segment offset {@code off} + plus. */
    private void hostAddress(int off, long plus) {
        mv.visitVarInsn(ALOAD, L_UNSAFE);
        mv.visitInsn(ACONST_NULL);
        lload(L_HOST);
        lload(off);
        mv.visitInsn(LADD);
        if (plus != 0) {
            lconst(plus);
            mv.visitInsn(LADD);
        }
    }

    /** Pushes the {@code size}-byte value at guest address (addr + plus), zero-extended to a long. */
    void loadAt(int addr, long plus, int size) {
        checkedOffset(addr, plus, size);
        if (RAW) mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, RAW_GET[size], "(Ljava/lang/Object;J)" + JTYPE[size], false);
        else mv.visitMethodInsn(INVOKEINTERFACE, SEGMENT, "get", "(" + LAYOUT_TYPE[size] + "J)" + JTYPE[size], true);
        if (size != 8) {
            mv.visitInsn(I2L);
            zext(size);
        }
    }

    /** Stores the low {@code size} bytes of local {@code value} at guest address (addr + plus). */
    void storeAt(int addr, long plus, int value, int size) {
        checkedOffset(addr, plus, size);
        lload(value);
        switch (size) {
            case 1 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); }
            case 2 -> { mv.visitInsn(L2I); mv.visitInsn(I2S); }
            case 4 -> mv.visitInsn(L2I);
            default -> { }
        }
        if (RAW) mv.visitMethodInsn(INVOKEVIRTUAL, UNSAFE, RAW_PUT[size], "(Ljava/lang/Object;J" + JTYPE[size] + ")V", false);
        else mv.visitMethodInsn(INVOKEINTERFACE, SEGMENT, "set", "(" + LAYOUT_TYPE[size] + "J" + JTYPE[size] + ")V", true);
    }

    /** Loads from the address held in local {@code addrLocal}. */
    void loadFrom(int addrLocal, int size) { loadAt(addrLocal, 0, size); }

    /** Pushes operand {@code o} at {@code size} bytes, zero-extended (immediates truncated). */
    void read(Insn i, int o, int size) {
        switch (Operand.kind(o)) {
            case Operand.GPR -> readReg(Operand.reg(o), size);
            case Operand.IMM -> lconst(i.imm & GuestMemory.mask(size));
            case Operand.MEM -> loadAt(addressLocal(i), 0, size);
            default -> throw new IllegalStateException("not an integer operand in " + i);
        }
    }

    void lstore(int local) { mv.visitVarInsn(LSTORE, local); }

    /**
     * Per register: a local holding its low byte, zero-extended, while {@link #byteKnown} (set by SETcc, forgotten
     * at any other write of the register and at every block start). A byte read then loads it instead of masking
     * the merged register: {@code setg al; movzbl al, eax} (compilers' idiom for a comparison's result) otherwise
     * costs an AND, an OR and a MOVZX that C2 does not fold, besides the value itself.
     */
    final int[] byteCopy = new int[16];
    final boolean[] byteKnown = new boolean[16];

    { java.util.Arrays.fill(byteCopy, -1); }

    /** Records that register r's low byte is now the value in local v (0 or 1, from SETcc). */
    void knownByte(int r, int v) {
        if (byteCopy[r] < 0) byteCopy[r] = newPermanentLong();
        mv.visitVarInsn(LLOAD, v);
        mv.visitVarInsn(LSTORE, byteCopy[r]);
        byteKnown[r] = true;
    }

    /** Pops a long into RSP. */
    void writeRsp() { writeReg(dev.ring3.jit.Cpu.RSP, 8); }

    /**
     * The local holding each XMM lane (2 x + high half) the method keeps in a local, or -1 where the lane is read
     * and written in Cpu.xmm directly. The translator loads the lanes on entry and stores the written ones at exits
     * and around fallbacks that use XMM registers, as it does for the general registers.
     */
    final int[] xmmLocal = new int[32];

    { java.util.Arrays.fill(xmmLocal, -1); }

    /** Pushes half of XMM register x (the high quadword if {@code hi}). */
    void xmmGet(int x, boolean hi) {
        int lane = 2 * x + (hi ? 1 : 0);
        if (xmmLocal[lane] >= 0) {
            loadLane(xmmLocal[lane]);
            return;
        }
        mv.visitVarInsn(ALOAD, L_XMM);
        iconst(lane);
        mv.visitInsn(LALOAD);
    }

    /** Stores local {@code value} into half of XMM register x. */
    void xmmSet(int x, boolean hi, int value) {
        int lane = 2 * x + (hi ? 1 : 0);
        if (xmmLocal[lane] >= 0) {
            mv.visitVarInsn(LLOAD, value);
            storeLane(xmmLocal[lane]);
            return;
        }
        mv.visitVarInsn(ALOAD, L_XMM);
        iconst(lane);
        mv.visitVarInsn(LLOAD, value);
        mv.visitInsn(LASTORE);
    }

    /** Stores a constant into half of XMM register x. */
    void xmmSetConst(int x, boolean hi, long value) {
        int lane = 2 * x + (hi ? 1 : 0);
        if (xmmLocal[lane] >= 0) {
            lconst(value);
            storeLane(xmmLocal[lane]);
            return;
        }
        mv.visitVarInsn(ALOAD, L_XMM);
        iconst(lane);
        lconst(value);
        mv.visitInsn(LASTORE);
    }

    /** Moves XMM lane {@code lane} between its local and Cpu.xmm ({@code toCpu}: local to the Cpu). */
    void xmmTransfer(int lane, boolean toCpu) {
        mv.visitVarInsn(ALOAD, L_XMM);
        iconst(lane);
        if (toCpu) {
            loadLane(xmmLocal[lane]);
            mv.visitInsn(LASTORE);
        } else {
            mv.visitInsn(LALOAD);
            storeLane(xmmLocal[lane]);
        }
    }

    /**
     * Lane locals are doubles holding the lane's bits (raw conversions both ways, exact for every bit pattern): C2
     * keeps them in XMM registers, loads and stores a lane used as a double with double loads and stores, and only
     * integer uses move the bits to a general register.
     */
    private void loadLane(int local) {
        mv.visitVarInsn(DLOAD, local);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
    }

    private void storeLane(int local) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        mv.visitVarInsn(DSTORE, local);
    }

    void lload(int local) { mv.visitVarInsn(LLOAD, local); }
}
