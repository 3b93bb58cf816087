package dev.ring3.kernel.proc;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.NativeSyscall;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Host system calls that may block for as long as somebody else decides (a read from a pipe, a terminal or a
 * socket, accept, connect), made so that a guest signal or the process's end interrupts them as it would on Linux:
 * the call returns, the signal's handler runs, and the guest sees EINTR, or the call again if the handler was
 * installed with SA_RESTART (Linux's -ERESTARTSYS: restarted after the handler, or at once when no handler runs).
 * Before, a thread blocked in a host read took its signals only when the read returned: alarm() could not time out
 * a read, and exit_group waited for a reader in another thread.
 *
 * <p>How: {@link NativeSyscall#interruptible} (QEMU's "safe syscall" idea, in ring3's own machine code). Whoever
 * makes a signal pending for a thread ({@link SignalDelivery#sendTo}, {@link GuestProcess#interruptAll}) calls
 * {@link #kick}, which, if the thread is in such a call, sets the thread's flag and sends it the host's
 * {@link NativeSyscall#KICK_SIGNAL} with tgkill. The thread marks itself in the call before it looks for a
 * deliverable signal, so a kicker either sees the mark or made its signal pending before the look; and the stub
 * neither enters the kernel once the flag is set nor stays in it once the signal arrives. Without the library
 * (another way of making host calls) a signal deliverable before the call still interrupts it; one that comes
 * during the call waits for its end, as before.
 */
public final class Interruptible {
    private Interruptible() {}

    // <asm/unistd_64.h>
    private static final long GETTID = 186, TGKILL = 234;
    /** The length of SYSCALL (0F 05): a restarted call executes it again. */
    private static final int SYSCALL_LENGTH = 2;
    private static final VarHandle FLAG = ValueLayout.JAVA_INT.varHandle();
    private static final long PID = ProcessHandle.current().pid();
    private static final VarHandle IN_CALL;

    static {
        try {
            IN_CALL = java.lang.invoke.MethodHandles.lookup().findVarHandle(Kick.class, "inCall", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Per-thread state, made by {@link #attach} on the thread's own Java thread. */
    static final class Kick {
        final int hostTid;
        final MemorySegment flag = Arena.ofAuto().allocate(4);
        /** In {@link #call} (set before the look for pending signals). */
        volatile boolean inCall;

        Kick(int hostTid) { this.hostTid = hostTid; }
    }

    /** Called on the guest thread's own Java thread before it runs guest code: its host thread id. */
    static void attach(GuestThread t) {
        if (NativeSyscall.KICKS && t.kick == null) t.kick = new Kick((int) Host.syscall(GETTID));
    }

    /**
     * The host call {@code nr}, interrupted by a signal made pending for {@code t} meanwhile: then -EINTR, and the
     * call is made again if no handler runs or the handler has SA_RESTART (Linux's -ERESTARTSYS: read, write,
     * accept, connect, recv, send). A host EINTR with nothing for the guest (a kick meant for an earlier call)
     * makes the call again at once.
     */
    public static long call(GuestThread t, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        return call(t, true, nr, a0, a1, a2, a3, a4, a5);
    }

    /**
     * As {@link #call}, but a handler's SA_RESTART does not make the call again: it returns EINTR whenever a handler
     * ran (Linux's -ERESTARTNOHAND: poll, select, epoll_wait, nanosleep). Made again when no handler runs, with the
     * arguments it had (a relative timeout starts again).
     */
    public static long callNoRestart(GuestThread t, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        return call(t, false, nr, a0, a1, a2, a3, a4, a5);
    }

    private static long call(GuestThread t, boolean afterHandler, long nr, long a0, long a1, long a2, long a3,
            long a4, long a5) {
        Kick k = t.kick;   // null without the library: a signal already deliverable still interrupts the call
        t.restartRip = 0;
        while (true) {
            if (k != null) {
                k.flag.set(ValueLayout.JAVA_INT, 0L, 0);   // ordered before the volatile write below
                k.inCall = true;
            }
            long r;
            try {
                // whoever makes a signal pending sets interrupted before looking at inCall: if this read misses
                // it, the kicker sees inCall and kicks (the lock of deliverable() only when it is set)
                if (t.cpu.interrupted && SignalDelivery.deliverable(t)) {
                    r = -Errno.EINTR;
                } else if (k == null) {
                    r = Host.syscall(nr, a0, a1, a2, a3, a4, a5);
                } else {
                    r = NativeSyscall.interruptible(k.flag.address(), nr, a0, a1, a2, a3, a4, a5);
                }
            } finally {
                if (k != null) IN_CALL.setRelease(k, false);   // a kicker still seeing true kicks for nothing
            }
            if (r != -Errno.EINTR) return r;
            if (SignalDelivery.deliverable(t)) {
                t.restartNr = nr;
                t.restartAfterHandler = afterHandler;
                t.restartRip = t.cpu.rip;   // just after the SYSCALL instruction
                return r;
            }
        }
    }

    /** Makes a thread in {@link #call} leave it (after its signal was made pending, or its process's end). */
    static void kick(GuestThread t) {
        Kick k = t.kick;
        if (k == null || !k.inCall) return;
        FLAG.setVolatile(k.flag, 0L, 1);
        Host.syscall(TGKILL, PID, k.hostTid, NativeSyscall.KICK_SIGNAL);
    }

    /** What {@link #restarts} answers. */
    enum Restart { NO, WITHOUT_HANDLER, ALSO_AFTER_SA_RESTART }

    /**
     * At the boundary after an interrupted call (signal delivery), once: whether the call that just returned EINTR
     * is made again ({@link #restart}) when no handler runs, and also after a handler with SA_RESTART.
     */
    static Restart restarts(GuestThread t, Cpu c) {
        boolean r = t.restartRip != 0 && c.rip == t.restartRip;
        t.restartRip = 0;
        if (!r) return Restart.NO;
        return t.restartAfterHandler ? Restart.ALSO_AFTER_SA_RESTART : Restart.WITHOUT_HANDLER;
    }

    /** Points the CPU back at the SYSCALL, with its number in RAX again. */
    static void restart(GuestThread t, Cpu c) {
        c.r[Cpu.RAX] = t.restartNr;
        c.rip -= SYSCALL_LENGTH;
    }
}
