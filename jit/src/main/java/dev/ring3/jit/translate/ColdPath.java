package dev.ring3.jit.translate;

/**
 * Marks paths of translated code that normal programs never take (a failed bounds check, a side exit), so that
 * HotSpot's C2 leaves them out of compiled code. Such a path starts with a read of a static field of {@link Fault}
 * or {@link SideExit}, classes nothing in ring3 names except translated code, so they stay unloaded until the first
 * such path runs; while a class is unloaded, C2 compiles an access to it as an uncommon trap (deoptimization,
 * Reason_unloaded), whatever the trap limits in etc/jvm.options say. The path then costs compiled code nothing: no
 * stores of the guest registers, no merge of every path's values at the common exit (a phi per register with one
 * input per memory access, which C2's register allocator had to honour in every loop). If such a path does run,
 * the method deoptimizes, the interpreter runs the path (which loads the class), and later compilations keep the
 * paths of that kind as ordinary code. A field read rather than a call, because C1 compiles these paths as
 * ordinary code, and at a call its register allocator must split every value live across it (the guest registers):
 * C1 samples on sqlite scale 1 fell from 1805-2003 to 1719-1793 (two runs each), zlib's C1 time on regions from
 * 0.72 to 0.65 s; C2's code is the same either way.
 *
 * <p>The nested classes must not be referenced from Java code, tests included (a call or a class literal loads
 * them; translated code names them by string): loading one early turns the optimisation off for its paths.
 */
public final class ColdPath {
    private ColdPath() {}

    /** Read first on the way to a failed bounds check's side exit. */
    public static final class Fault {
        private Fault() {}

        public static int mark;
    }

    /**
     * Read first on a fast path's side exit (special floating-point operands, changed MXCSR or code bytes); a
     * class of its own, so that a program taking such exits keeps its fault paths out of compiled code.
     */
    public static final class SideExit {
        private SideExit() {}

        public static int mark;
    }

    static final String FAULT = "Fault", SIDE_EXIT = "SideExit";

    /**
     * Off in the launcher's AOT training run (-Dring3.aot.training=true): a class loaded while training is in the
     * AOT cache and loaded at every start, which would turn the marks off for good.
     */
    private static final boolean ENABLED = !Boolean.getBoolean("ring3.aot.training");

    /** Emits the read marking a cold path of kind {@link #FAULT} or {@link #SIDE_EXIT} (by name: see above). */
    static void emit(org.objectweb.asm.MethodVisitor mv, String kind) {
        if (!ENABLED) return;
        String owner = "dev/ring3/jit/translate/ColdPath$" + kind;
        mv.visitFieldInsn(org.objectweb.asm.Opcodes.GETSTATIC, owner, "mark", "I");
        mv.visitInsn(org.objectweb.asm.Opcodes.POP);
    }
}
