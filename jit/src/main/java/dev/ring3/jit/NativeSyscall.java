package dev.ring3.jit;

/**
 * Host system calls through a JNI native method whose code is ten instructions of machine code in a tiny shared
 * library ring3 writes itself ({@link SyscallLibrary}; the launcher makes it once per build and names it with
 * {@code -Dring3.native=PATH}).
 *
 * <p>Why not only the FFM API: linking the first downcall costs the JVM 25-35 ms at every start (the native
 * linker's set-up, a stub and the binding's lambda forms; measured in a bare JVM with an AOT cache: 8 + 14-19 + 2-4
 * ms), a fifth of a static glibc program's whole run under ring3. {@code System.load} of a library with one symbol
 * and the first call take about 2 ms. A call costs the same as the downcall (a getpid round trip 160-230 ns either
 * way on the development machine: the system call dominates), and the thread is "in native" during it like a
 * downcall's, so a blocking read does not hold up the JVM's safepoints.
 *
 * <p>When the property is not set or the library does not load (another architecture, a host that refuses it),
 * {@link #LOADED} is false and callers use their FFM path.
 */
public final class NativeSyscall {
    private NativeSyscall() {}

    /** The system property naming the library. */
    public static final String PROPERTY = "ring3.native";

    /** True when {@link #call} is usable. */
    public static final boolean LOADED = load(System.getProperty(PROPERTY));

    private static boolean load(String path) {
        if (path == null || path.isEmpty()) return false;
        try {
            System.load(path);
            return call(SYS_GETPID, 0, 0, 0, 0, 0, 0) > 0;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            return false;
        }
    }

    // <asm/unistd_64.h>
    private static final long SYS_GETPID = 39;

    /**
     * {@code syscall(nr, a0, ..., a5)}: the kernel's own result (negative errno on failure, no errno variable).
     * JNI passes (env, class, nr, a0, a1, a2) in rdi, rsi, rdx, rcx, r8, r9 and a3-a5 on the stack; the stub moves
     * them to the kernel's rax, rdi, rsi, rdx, r10, r8, r9 and executes SYSCALL.
     */
    public static native long call(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

    /**
     * The host signal that interrupts a thread blocked in {@link #interruptible}: a real-time signal neither the
     * JVM nor glibc uses (glibc keeps 32 and 33; HotSpot uses SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGQUIT, SIGUSR2 and
     * the shutdown signals).
     */
    public static final int KICK_SIGNAL = 61;

    /**
     * True when {@link #interruptible} is usable: the library has it and the kick signal's handler is installed
     * (an older library without it leaves this false, and blocking calls wait as plain ones).
     */
    public static final boolean KICKS = LOADED && install();

    private static boolean install() {
        try {
            return installKick(KICK_SIGNAL) == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /**
     * {@link #call}, but a {@link #KICK_SIGNAL} sent to the thread interrupts it with -EINTR, race-free: it does not
     * enter the kernel once the int at host address {@code flag} is non-zero, and a kick between its look at the
     * flag and the SYSCALL instruction moves the thread past the call (the handler sees where it was interrupted).
     * So a kicker sets the flag, then sends the signal, and the call returns -EINTR wherever the thread was.
     */
    public static native long interruptible(long flag, long nr, long a0, long a1, long a2, long a3, long a4, long a5);

    /** Installs the kick signal's handler (SA_SIGINFO, no SA_RESTART); the kernel's result. */
    static native long installKick(int sig);
}
