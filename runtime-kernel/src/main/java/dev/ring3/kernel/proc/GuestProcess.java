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
    /** Absolute host path of the running executable (/proc/self/exe). */
    public String exe;
    /** argv as given, for /proc/self/cmdline. */
    public java.util.List<String> argv = java.util.List.of();
    /** Host file descriptor of the working directory (an O_PATH directory fd), used for relative paths. */
    public int cwdFd;

    /** Children not yet waited for ({@link ForkCalls}); their exits notify this list's monitor. */
    final java.util.List<GuestProcess> children = new java.util.ArrayList<>();
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

    /** Its thread (one per process so far). */
    public GuestThread thread;

    /**
     * execve's point of no return, reached once the calling thread has left the old program's code: the process
     * takes the new address space (the old one is released with its translations), descriptors marked
     * close-on-exec are closed, caught signals go back to their default action (ignored ones stay ignored), and the
     * thread starts the new program with a fresh CPU, no alternate signal stack, no robust list or clear-child-tid
     * address, and the new program's name (fs/exec.c: begin_new_exec, setup_new_exec).
     */
    void exec(GuestThread t, dev.ring3.kernel.elf.ProgramImage image) {
        AddressSpace old = as;
        as = image.as();
        exe = image.exe();
        argv = image.argv();
        fds.closeOnExec();
        signals.resetOnExec();
        t.adopt(image.cpu());
        t.cpu.interrupted = SignalDelivery.deliverable(t);   // pending signals stay pending across execve
        t.clearChildTid = 0;
        t.robustList = 0;
        t.robustListLen = 0;
        t.altStackSp = 0;
        t.altStackSize = 0;
        t.altStackFlags = 2;   // SS_DISABLE
        t.name = image.comm();
        kernel.regionsReleased.addAndGet(old.release());
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
