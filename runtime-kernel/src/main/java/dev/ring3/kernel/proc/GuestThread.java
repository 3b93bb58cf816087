package dev.ring3.kernel.proc;

import dev.ring3.jit.CoSim;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.SyscallGate;
import dev.ring3.kernel.sys.Dispatch;

/**
 * A guest thread: its CPU state and the per-thread kernel state (signal mask, set_tid_address and robust-list
 * pointers). It is the {@link SyscallGate} of its CPU, so a SYSCALL lands in {@link Dispatch} with the thread in
 * hand.
 */
public final class GuestThread implements SyscallGate {
    public final GuestProcess proc;
    /** The thread id; execve in a thread other than the leader gives it the leader's (the process's pid). */
    public int tid;
    /** The thread's CPU; execve gives the thread a new one. */
    public Cpu cpu;
    /** set_tid_address: cleared and futex-woken at thread exit. */
    public long clearChildTid;
    /** set_robust_list head and length. */
    public long robustList, robustListLen;
    /** Blocked signals (rt_sigprocmask). */
    public long sigmask;
    /** sigaltstack: ss_sp, ss_flags, ss_size. */
    public long altStackSp, altStackSize;
    public int altStackFlags = 2; // SS_DISABLE
    /** prctl(PR_SET_NAME): the thread's name (comm), at most 15 bytes. */
    public String name = "";
    /** The signals this thread waits for in rt_sigtimedwait (0 when not waiting): a process's signal goes there. */
    volatile long waitingFor;
    /** Set by another thread's execve: this thread ends at its next block boundary or system call. */
    volatile boolean endRequested;
    /** Host address of the futex word the thread waits on in the host, or 0 (so exit_group can wake it). */
    volatile long futexWait;
    /** How a signal interrupts the thread's blocking host calls ({@link Interruptible}); null without the way. */
    Interruptible.Kick kick;
    /** A blocking call a signal interrupted: its number, and the address after its SYSCALL (0: none). */
    long restartNr, restartRip;
    /** The interrupted call is made again after a handler with SA_RESTART (else only when no handler runs). */
    boolean restartAfterHandler;

    public GuestThread(GuestProcess proc, int tid, Cpu cpu) {
        this.proc = proc;
        this.tid = tid;
        adopt(cpu);
    }

    @Override
    public void syscall(Cpu c) {
        var cosim = c.mem.cosimLock;   // co-simulation: other threads run while this one is in the kernel
        if (!cosim.isHeldByCurrentThread()) {
            Dispatch.syscall(this, c);
            return;
        }
        cosim.unlock();
        try {
            Dispatch.syscall(this, c);
        } finally {
            cosim.lock();
        }
    }

    /** A pending signal ({@link SignalDelivery}): delivered to its handler, or its default action taken. */
    @Override
    public void interrupted(Cpu c) { SignalDelivery.deliverPending(this, c); }

    /** Signals pending for this thread (bit sig - 1) and what their siginfo says; guarded by the process's signals. */
    long pending;
    final SignalDelivery.Info[] pendingInfo = new SignalDelivery.Info[SignalState.NSIG + 1];
    /** rt_sigsuspend: the mask to put back once a signal was delivered (or none was). */
    long savedMask;
    boolean restoreSavedMask;

    /**
     * Runs the thread until it or its process exits. Returns the exit; faults the guest does not handle end the
     * process with their signal; handled ones go to their handler ({@link SignalDelivery#fault}).
     */
    public GuestExit run() {
        Interruptible.attach(this);
        while (true) {
            try {
                return runImage();
            } catch (NewImage n) {
                proc.exec(this, n.image);
            }
        }
    }

    /**
     * {@link #run} on a thread or process ring3 started (not the first process's, whose failure ends ring3): ring3's
     * own failure (a Java exception) is reported on stderr and taken as a death by SIGSEGV.
     */
    GuestExit runGuarded(String what) {
        try {
            return run();
        } catch (RuntimeException | Error e) {
            dev.ring3.kernel.Diag.line("ring3: " + what + " failed: " + e);
            return GuestExit.killedBy(11);
        }
    }

    /** si_code of a SIGBUS for a nonexistent physical address (asm-generic/siginfo.h). */
    static final int BUS_ADRERR = 2;

    /** Makes {@code c} this thread's CPU (a new thread, or a new program after execve). */
    void adopt(Cpu c) {
        cpu = c;
        c.gate = this;
        c.thread = this;
    }

    /** Runs the current program until an exit, a fatal fault or execve ({@link NewImage}). */
    private GuestExit runImage() {
        var cfg = proc.kernel.config;
        dev.ring3.jit.CodeCache code = proc.as.code;   // shared by the process's threads
        CoSim cosim = cfg.cosim() ? new CoSim(code, proc.kernel.linker) : null;
        Engine engine = cfg.jit() && cosim == null ? new Engine(code, cfg.jitThreshold(), proc.kernel.linker) : null;
        if (cosim != null) proc.kernel.cosims.add(cosim);
        try {
            while (true) {
                try {
                    if (cosim != null) cosim.run(cpu);
                    else if (engine != null) engine.run(cpu);
                    else new Interpreter(code).run(cpu);
                    throw new IllegalStateException("the engine returned");
                } catch (GuestFault f) {
                    if (!SignalDelivery.fault(this, cpu, f)) return Faults.fatal(this, f);
                    // the handler runs: on in the tiers, from its first instruction
                } catch (InternalError e) {
                    // the JVM's answer to a host SIGBUS in a memory access: a page of a shared file mapping past
                    // the file's end (SharedFile). It comes at the JVM's next safepoint, after the access: the
                    // guest dies of SIGBUS, as it would on Linux without a handler, with an approximate rip.
                    if (e.getMessage() == null || !e.getMessage().contains("unsafe memory access")) throw e;
                    return Faults.fatal(this, new GuestFault(GuestFault.SIGBUS, BUS_ADRERR, cpu.rip, -1,
                            "a page of a shared file mapping past the end of the file"));
                }
            }
        } catch (GuestExit e) {
            return e;
        } finally {
            if (engine != null && dev.ring3.jit.translate.Runtime.PROFILE) dev.ring3.kernel.Diag.write(engine.profile());
            if (cosim != null) dev.ring3.kernel.Diag.write(cosim.report());
        }
    }
}
