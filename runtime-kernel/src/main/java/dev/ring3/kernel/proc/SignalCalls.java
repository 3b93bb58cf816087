package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * Signal state (Linux's kernel/signal.c): rt_sigaction, rt_sigprocmask, sigaltstack keep what the guest sets;
 * kill, tkill and tgkill send signals to this process or to another ring3 process, rt_sigsuspend and pause wait
 * for one, rt_sigreturn returns from a handler ({@link SignalDelivery} delivers them).
 */
public final class SignalCalls {
    static final int SIGKILL = 9, SIGSTOP = 19;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final long UNBLOCKABLE = (1L << (SIGKILL - 1)) | (1L << (SIGSTOP - 1));

    private SignalCalls() {}

    /** struct kernel_sigaction: handler, flags, restorer, mask (32 bytes). */
    public static long rt_sigaction(GuestThread t, Cpu c) {
        int sig = i0(c);
        long act = a1(c), oact = a2(c);
        if (a3(c) != 8) return -Errno.EINVAL;
        if (sig < 1 || sig > SignalState.NSIG) return -Errno.EINVAL;
        if (act != 0 && (sig == SIGKILL || sig == SIGSTOP)) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        SignalState s = t.proc.signals;
        if (act != 0 && !Uaccess.ok(as, act, 32, Vma.PROT_READ)) return -Errno.EFAULT;
        if (oact != 0 && !Uaccess.ok(as, oact, 32, Vma.PROT_WRITE)) return -Errno.EFAULT;
        synchronized (s) {
            long h = s.handler[sig], f = s.flags[sig], r = s.restorer[sig], m = s.mask[sig];
            if (act != 0) {
                s.handler[sig] = as.mem.read64(act);
                s.flags[sig] = as.mem.read64(act + 8);
                s.restorer[sig] = as.mem.read64(act + 16);
                s.mask[sig] = as.mem.read64(act + 24) & ~UNBLOCKABLE;
            }
            if (oact != 0) {
                as.mem.write64(oact, h);
                as.mem.write64(oact + 8, f);
                as.mem.write64(oact + 16, r);
                as.mem.write64(oact + 24, m);
            }
        }
        return 0;
    }

    public static long rt_sigprocmask(GuestThread t, Cpu c) {
        int how = i0(c);
        long set = a1(c), oset = a2(c);
        if (a3(c) != 8) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        long old = t.sigmask;
        if (set != 0) {
            if (!Uaccess.ok(as, set, 8, Vma.PROT_READ)) return -Errno.EFAULT;
            long v = as.mem.read64(set) & ~UNBLOCKABLE;
            switch (how) {
                case SIG_BLOCK -> t.sigmask = old | v;
                case SIG_UNBLOCK -> t.sigmask = old & ~v;
                case SIG_SETMASK -> t.sigmask = v;
                default -> { return -Errno.EINVAL; }
            }
        }
        if (oset != 0 && !Uaccess.put64(as, oset, old)) return -Errno.EFAULT;
        SignalDelivery.maskChanged(t);
        return 0;
    }

    /** stack_t: ss_sp (8), ss_flags (4, padded to 8), ss_size (8). */
    public static long sigaltstack(GuestThread t, Cpu c) {
        long ss = a0(c), oss = a1(c);
        AddressSpace as = t.proc.as;
        if (oss != 0) {
            if (!Uaccess.ok(as, oss, 24, Vma.PROT_WRITE)) return -Errno.EFAULT;
            as.mem.write64(oss, t.altStackSp);
            as.mem.write64(oss + 8, t.altStackFlags);
            as.mem.write64(oss + 16, t.altStackSize);
        }
        if (ss != 0) {
            if (!Uaccess.ok(as, ss, 24, Vma.PROT_READ)) return -Errno.EFAULT;
            int flags = (int) as.mem.read64(ss + 8);
            long size = as.mem.read64(ss + 16);
            if ((flags & ~(2 | (1 << 31))) != 0) return -Errno.EINVAL;     // SS_DISABLE, SS_AUTODISARM
            if ((flags & 2) == 0 && size < 2048) return -Errno.ENOMEM;      // MINSIGSTKSZ
            t.altStackSp = as.mem.read64(ss);
            t.altStackSize = size;
            t.altStackFlags = flags;
        }
        return 0;
    }

    /**
     * kill(pid, sig): a ring3 process, the caller's group (0) or group -pid of ring3 processes ({@link GroupCalls});
     * a pid or group with no ring3 process in it is the host's.
     */
    public static long kill(GuestThread t, Cpu c) {
        int pid = i0(c);   // pid_t: the register's upper half is not part of it
        if (pid == t.proc.pid) return send(t, t.proc, i1(c), SignalDelivery.SI_USER);
        if (pid == 0 || pid < -1) {
            if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
            java.util.List<GuestProcess> group = GroupCalls.members(t.proc, pid);
            if (!group.isEmpty()) {
                for (GuestProcess p : group) {
                    long r = send(t, p, i1(c), SignalDelivery.SI_USER);
                    if (r < 0) return r;
                }
                return 0;
            }
        }
        GuestProcess other = t.proc.kernel.processes.get(pid);
        if (other != null) return send(t, other, i1(c), SignalDelivery.SI_USER);
        return Host.syscall(SyscallTable.KILL, pid, a1(c));
    }

    /** tgkill(tgid, tid, sig): to one thread of a ring3 process (this one or another). */
    public static long tgkill(GuestThread t, Cpu c) {
        if (i0(c) <= 0 || i1(c) <= 0) return -Errno.EINVAL;
        GuestProcess p = a0(c) == t.proc.pid ? t.proc : t.proc.kernel.processes.get(i0(c));
        GuestThread to = p == null ? null : p.findThread(a1(c));
        if (to == null) return -Errno.ESRCH;
        return send(t, p, to, i2(c), SignalDelivery.SI_TKILL);
    }

    /** tkill(tid, sig): to a thread of this process, or the first thread of another ring3 process. */
    public static long tkill(GuestThread t, Cpu c) {
        if (i0(c) <= 0) return -Errno.EINVAL;
        GuestThread to = t.proc.findThread(a0(c));
        GuestProcess p = t.proc;
        if (to == null && (p = t.proc.kernel.processes.get(i0(c))) != null) to = p.findThread(a0(c));
        if (to == null) return -Errno.ESRCH;
        return send(t, p, to, i1(c), SignalDelivery.SI_TKILL);
    }

    /**
     * Thread t sends {@code sig} to ring3 process p (itself or another): taken when the system call returns, or at
     * the other process's next system call or block boundary.
     */
    static long send(GuestThread t, GuestProcess p, int sig, int code) { return send(t, p, null, sig, code); }

    /** As above, to thread {@code to} of p when it is not null (tgkill, tkill). */
    private static long send(GuestThread t, GuestProcess p, GuestThread to, int sig, int code) {
        if (sig < 0 || sig > SignalState.NSIG) return -Errno.EINVAL;
        if (sig == 0) return 0;
        SignalDelivery.Info info = new SignalDelivery.Info(code, t.proc.pid, uid(), 0);
        if (to == null) SignalDelivery.send(p, sig, info);
        else SignalDelivery.sendTo(p, to, sig, info);
        return 0;
    }

    /** A signal the kernel raises for the thread's own doing (SIGPIPE). */
    public static void raised(GuestThread t, int sig) { send(t, t.proc, sig, SignalDelivery.SI_USER); }

    static int uid() { return (int) Host.syscall(SyscallTable.GETUID); }

    /** rt_sigreturn: back from a handler to the state its frame saved. */
    public static long rt_sigreturn(GuestThread t, Cpu c) { return SignalDelivery.sigreturn(t, c); }

    /** rt_sigsuspend(mask, size): waits with that mask until a signal is delivered; then EINTR. */
    public static long rt_sigsuspend(GuestThread t, Cpu c) {
        if (a1(c) != 8) return -Errno.EINVAL;
        if (!Uaccess.ok(t.proc.as, a0(c), 8, Vma.PROT_READ)) return -Errno.EFAULT;
        waitMask(t, t.proc.as.mem.read64(a0(c)));
        return waitForSignal(t);
    }

    /**
     * ppoll, pselect6 and epoll_pwait: {@code wait} with the signal mask at guest address {@code maskp} (0: none) as
     * the thread's for the wait (Linux's set_user_sigmask), so a signal it unblocks interrupts the wait and one it
     * blocks waits; EFAULT if the mask is not in guest memory.
     */
    public static long withWaitMask(GuestThread t, long maskp, java.util.function.LongSupplier wait) {
        if (maskp == 0) return wait.getAsLong();
        if (!Uaccess.ok(t.proc.as, maskp, 8, Vma.PROT_READ)) return -Errno.EFAULT;
        waitMask(t, t.proc.as.mem.read64(maskp));
        long r = wait.getAsLong();
        waitMaskDone(t, r);
        return r;
    }

    /**
     * The thread waits with {@code mask} instead of its own (rt_sigsuspend, {@link #withWaitMask}), which comes
     * back after the handler of the signal that ends the wait ({@link SignalDelivery}) or at once
     * ({@link #waitMaskDone}).
     */
    static void waitMask(GuestThread t, long mask) {
        t.savedMask = t.sigmask;
        t.restoreSavedMask = true;
        t.sigmask = mask & ~UNBLOCKABLE;
        SignalDelivery.maskChanged(t);
    }

    /**
     * After a wait under {@link #waitMask}: the thread's own mask back at once, unless the wait was interrupted, when
     * it comes back after the signal's handler (its frame holds it) or at the next boundary if none runs (Linux's
     * restore_saved_sigmask_unless).
     */
    private static void waitMaskDone(GuestThread t, long result) {
        if (result == -Errno.EINTR) return;
        t.sigmask = t.savedMask;
        t.restoreSavedMask = false;
        SignalDelivery.maskChanged(t);   // a signal the wait's mask blocked is delivered now
    }

    /** pause(): waits until a signal is delivered; then EINTR. */
    public static long pause(GuestThread t, Cpu c) { return waitForSignal(t); }

    private static long waitForSignal(GuestThread t) {
        GuestProcess p = t.proc;
        synchronized (p.children) {
            while (!SignalDelivery.deliverable(t)) {
                try {
                    p.children.wait(ForkCalls.WAKE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        t.cpu.interrupted = true;
        return -Errno.EINTR;
    }
}
