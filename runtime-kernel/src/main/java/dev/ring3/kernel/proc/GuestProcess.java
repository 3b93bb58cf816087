package dev.ring3.kernel.proc;

import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.fs.FdTable;
import dev.ring3.kernel.mm.AddressSpace;

/**
 * A guest process: its address space, descriptor table, signal dispositions, working directory and identity.
 * Threads ({@link GuestThread}) share all of it.
 */
public final class GuestProcess {
    public final Kernel kernel;
    public final int pid;
    public final int ppid;
    public AddressSpace as;
    public final FdTable fds;
    public final SignalState signals = new SignalState();
    /** setitimer(ITIMER_REAL) and alarm: a fork's child starts without a timer, execve keeps it. */
    final IntervalTimer realTimer = new IntervalTimer(this);
    /** timer_create's timers: none in a fork's child, deleted by execve. */
    final PosixTimers timers = new PosixTimers(this);
    /** Absolute host path of the running executable (/proc/self/exe). */
    public String exe;
    /** argv as given, for /proc/self/cmdline. */
    public java.util.List<String> argv = java.util.List.of();
    /** Host file descriptor of the working directory (an O_PATH directory fd), used for relative paths. */
    public int cwdFd;

    /** Children not yet waited for ({@link ForkCalls}); their exits notify this list's monitor. */
    final java.util.List<GuestProcess> children = new java.util.ArrayList<>();
    /** Process group and session ({@link GroupCalls}). */
    public volatile int pgid, sid;
    /** Set when the process has exited: its wait status (guarded by the parent's {@link #children}). */
    boolean exited;
    int waitStatus;
    /** vfork: set once the child has called execve or exited, when its parent may go on. */
    boolean released;
    /**
     * A terminating signal sent to the process (default action), taken between blocks like any pending signal
     * ({@link SignalDelivery#deliverPending}).
     */
    public volatile int killedBy;
    /** The parent, or null for the first process. */
    GuestProcess parent;
    /** True for a process fork made (not the first one). */
    public boolean forked() { return parent != null; }

    /** Its first thread (the thread group's leader, whose Java thread reports the process's end). */
    public GuestThread thread;
    /** Every live thread, the leader included while it runs ({@link ThreadCalls}). */
    public final java.util.List<GuestThread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Set once by exit_group (or a fatal signal's end of one thread): every thread leaves with it. */
    volatile GuestExit groupExit;
    /** The exit of the thread that left the thread list last (guarded by {@link #threads}). */
    GuestExit lastExit;

    /** The thread with tid {@code tid} in this process, or null. */
    public GuestThread findThread(long tid) {
        for (GuestThread t : threads) if (t.tid == tid) return t;
        return null;
    }

    /**
     * The thread a signal sent to the whole process goes to: the first that does not block it (the leader first),
     * else the leader, where it stays pending (kernel/signal.c: complete_signal, simplified).
     */
    GuestThread signalTarget(int sig) {
        for (GuestThread t : threads) if ((t.waitingFor & SignalDelivery.bit(sig)) != 0) return t;
        GuestThread lead = thread;
        if (lead != null && threads.contains(lead) && (lead.sigmask & SignalDelivery.bit(sig)) == 0) return lead;
        for (GuestThread t : threads) if ((t.sigmask & SignalDelivery.bit(sig)) == 0) return t;
        return lead != null && threads.contains(lead) || threads.isEmpty() ? lead : threads.get(0);
    }

    /**
     * Every thread looks at its pending state at its next block boundary, and a thread waiting for a futex or
     * blocked in a host call is woken (exit_group, a fatal signal).
     */
    void interruptAll() {
        for (GuestThread t : threads) {
            t.cpu.interrupted = true;
            long w = t.futexWait;
            if (w != 0) FutexCalls.wakeAll(w);
            Interruptible.kick(t);
        }
        synchronized (children) {
            children.notifyAll();   // wait4, pause, rt_sigsuspend
        }
    }

    /**
     * execve's point of no return, reached once the calling thread has left the old program's code: the process
     * takes the new address space (the old one is released with its translations), descriptors marked
     * close-on-exec are closed, caught signals go back to their default action (ignored ones stay ignored), and the
     * thread starts the new program with a fresh CPU, no alternate signal stack, no robust list or clear-child-tid
     * address, and the new program's name (fs/exec.c: begin_new_exec, setup_new_exec).
     */
    void exec(GuestThread t, dev.ring3.kernel.elf.ProgramImage image) {
        boolean alone = ThreadCalls.endOthers(t);
        AddressSpace old = as;
        as = image.as();
        exe = image.exe();
        argv = image.argv();
        fds.closeOnExec();
        signals.resetOnExec();
        timers.deleteAll();
        t.adopt(image.cpu());
        t.cpu.interrupted = SignalDelivery.deliverable(t);   // pending signals stay pending across execve
        t.clearChildTid = 0;
        t.robustList = 0;
        t.robustListLen = 0;
        t.altStackSp = 0;
        t.altStackSize = 0;
        t.altStackFlags = 2;   // SS_DISABLE
        t.name = image.comm();
        if (alone) kernel.regionsReleased.addAndGet(old.release());
        kernel.execs.incrementAndGet();
        ForkCalls.released(this);
    }

    public GuestProcess(Kernel kernel, int pid, int ppid, AddressSpace as, FdTable fds, int cwdFd) {
        this.kernel = kernel;
        this.pid = pid;
        this.ppid = ppid;
        this.as = as;
        this.fds = fds;
        this.cwdFd = cwdFd;
    }
}
