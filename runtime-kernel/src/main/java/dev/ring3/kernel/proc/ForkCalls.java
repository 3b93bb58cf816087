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
 * New processes and waiting for them (Linux's kernel/fork.c and kernel/exit.c): fork, vfork, clone with fork's
 * flags, and wait4.
 *
 * <p>A child is a new {@link GuestProcess} in this JVM, run by its own Java thread: a copy of the parent's address
 * space ({@link dev.ring3.kernel.mm.AddressSpace#forkCopy}, copied at once, not copy-on-write), its descriptor
 * table (sharing every open file description, as fork does), working directory, signal dispositions and mask, and
 * a copy of the calling thread's CPU with RAX 0. The child translates its own code. Its pid is ring3's, above the
 * host's pid_max ({@link dev.ring3.kernel.Kernel#newPid}). vfork and clone(CLONE_VM | CLONE_VFORK) run the child on
 * a copy too, the parent waiting until it calls execve or exits, so a child that writes into its parent's memory
 * before that (posix_spawn's error report) is not seen by the parent. Threads (CLONE_THREAD) are
 * {@link ThreadCalls}'. When the first process ends, ring3 ends and its children with it.
 */
public final class ForkCalls {
    private ForkCalls() {}

    // <linux/sched.h>
    static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_VFORK = 0x4000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x01000000;
    // <linux/wait.h>
    static final int WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8, WNOTHREAD = 0x20000000, WALL = 0x40000000,
            WCLONE = 0x80000000;
    /**
     * Waits for a child or a signal also look again on their own this often, besides being notified of every
     * change they wait for: a defence against a lost notification. (The one hang seen, a test program in pause
     * after a child's kill, was the program's own race: the signal was taken between its test of a flag and
     * pause, as it can be natively; signals.c now repeats the kill.)
     */
    static final long WAKE_MS = 50;
    /** sizeof(struct rusage) on x86-64: two struct timeval and fourteen longs. */
    static final int RUSAGE_SIZE = 144;

    public static long fork(GuestThread t, Cpu c) { return spawn(t, c, 0, 0, 0, 0, false); }

    public static long vfork(GuestThread t, Cpu c) { return spawn(t, c, 0, 0, 0, 0, true); }

    /** clone(flags, newsp, parent_tidptr, child_tidptr, tls): the x86-64 argument order. */
    public static long clone(GuestThread t, Cpu c) {
        long flags = a0(c);
        if (ThreadCalls.isThread(flags)) return ThreadCalls.clone(t, c, flags, a1(c), a2(c), a3(c), a4(c));
        return newProcess(t, c, flags, a1(c), a2(c), a3(c), SyscallTable.CLONE);
    }

    /** clone or clone3 without CLONE_THREAD: fork's flags, or vfork's; anything else (namespaces...) is ENOSYS. */
    private static long newProcess(GuestThread t, Cpu c, long flags, long newsp, long ptid, long ctid, int nr) {
        long forkFlags = CSIGNAL | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
        boolean vfork = (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
        if ((flags & ~forkFlags & ~(vfork ? CLONE_VM | CLONE_VFORK : 0)) != 0) {
            t.proc.kernel.unsupported(nr);
            return -Errno.ENOSYS;
        }
        return spawn(t, c, flags, newsp, ptid, ctid, vfork);
    }

    /**
     * clone3(struct clone_args *, size): flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls
     * (eight u64 in linux/sched.h's CLONE_ARGS_SIZE_VER0); the fields added later (set_tid, cgroup) must be zero.
     */
    public static long clone3(GuestThread t, Cpu c) {
        long args = a0(c), size = a1(c);
        if (size < 64 || size > 4096) return -Errno.EINVAL;
        if (!Uaccess.ok(t.proc.as, args, size, Vma.PROT_READ)) return -Errno.EFAULT;
        var m = t.proc.as.mem;
        for (long off = 64; off + 8 <= size; off += 8) if (m.read64(args + off) != 0) return -Errno.EINVAL;
        long flags = m.read64(args), ctid = m.read64(args + 16);
        long ptid = m.read64(args + 24), exitSignal = m.read64(args + 32), stack = m.read64(args + 40);
        long stackSize = m.read64(args + 48), tls = m.read64(args + 56);
        // the signal goes in exit_signal; pidfd is read only with CLONE_PIDFD (glibc leaves an address there)
        if ((flags & CSIGNAL) != 0 || (exitSignal & ~CSIGNAL) != 0) return -Errno.EINVAL;
        if ((stack == 0) != (stackSize == 0)) return -Errno.EINVAL;
        long sp = stack == 0 ? 0 : stack + stackSize;
        if (ThreadCalls.isThread(flags)) return ThreadCalls.clone(t, c, flags, sp, ptid, ctid, tls);
        return newProcess(t, c, flags | exitSignal, sp, ptid, ctid, SyscallTable.CLONE3);
    }

    private static long spawn(GuestThread t, Cpu c, long flags, long newsp, long ptid, long ctid, boolean vfork) {
        GuestProcess parent = t.proc;
        if ((flags & CLONE_PARENT_SETTID) != 0 && !Uaccess.ok(parent.as, ptid, 4, Vma.PROT_WRITE)) return -Errno.EFAULT;
        int cwd = (int) Host.syscall(SyscallTable.FCNTL, parent.cwdFd, 1030 /* F_DUPFD_CLOEXEC */, 0);
        if (cwd < 0) return cwd;
        int pid = parent.kernel.newPid();
        GuestProcess child = new GuestProcess(parent.kernel, pid, parent.pid, parent.as.forkCopy(),
                parent.fds.forkCopy(), cwd);
        child.parent = parent;
        child.exe = parent.exe;
        child.argv = parent.argv;
        child.signals.copyFrom(parent.signals);
        child.pgid = parent.pgid;
        child.sid = parent.sid;
        Cpu cc = new Cpu(child.as.mem, null);
        cc.copyFrom(c);
        cc.r[Cpu.RAX] = 0;
        if (newsp != 0) cc.r[Cpu.RSP] = newsp;
        GuestThread ct = new GuestThread(child, pid, cc);
        child.thread = ct;
        child.threads.add(ct);
        ct.name = t.name;
        ct.sigmask = t.sigmask;
        ct.altStackSp = t.altStackSp;
        ct.altStackSize = t.altStackSize;
        ct.altStackFlags = t.altStackFlags;
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            Uaccess.put32(parent.as, ptid, pid);
            Uaccess.put32(child.as, ptid, pid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) Uaccess.put32(child.as, ctid, pid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) ct.clearChildTid = ctid;
        synchronized (parent.children) {
            parent.children.add(child);
        }
        parent.kernel.processes.put(pid, child);
        Thread th = new Thread(null, () -> runChild(ct), "ring3-pid-" + pid, 16L << 20);
        th.setDaemon(true);   // ring3 ends with its first process, as its children do
        th.start();
        if (vfork) {
            synchronized (parent.children) {
                while (!child.released) {
                    try {
                        parent.children.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        return pid;
    }

    /** The child's thread: runs it to its exit, then gives its resources back and tells its parent. */
    private static void runChild(GuestThread ct) {
        GuestProcess child = ct.proc;
        boolean[] released = {false};
        int status = ThreadCalls.processEnd(ct, ct.runGuarded("process " + child.pid), released).waitStatus;
        child.fds.closeAll();
        Host.syscall(SyscallTable.CLOSE, child.cwdFd);
        if (released[0]) child.as.release();   // not under a thread still in guest code
        GuestProcess parent = child.parent;
        synchronized (parent.children) {
            child.exited = true;
            child.released = true;
            child.waitStatus = status;
            parent.children.notifyAll();
        }
        int sig = status & 0x7f;   // SIGCHLD for the parent: its handler runs, or (by default) nothing
        SignalDelivery.send(parent, 17, new SignalDelivery.Info(sig == 0 ? SignalDelivery.CLD_EXITED
                : SignalDelivery.CLD_KILLED, child.pid, SignalCalls.uid(), sig == 0 ? (status >> 8) & 0xff : sig));
    }

    /** execve in a vforked child: its parent may go on. */
    static void released(GuestProcess p) {
        GuestProcess parent = p.parent;
        if (parent == null) return;
        synchronized (parent.children) {
            p.released = true;
            parent.children.notifyAll();
        }
    }

    /** wait4(pid, wstatus, options, rusage): pid -1 for any child, 0 for one in the caller's group, -g in group g. */
    public static long wait4(GuestThread t, Cpu c) {
        long want = i0(c), wstatus = a1(c), rusage = a3(c);
        if (want == Integer.MIN_VALUE) return -Errno.ESRCH;   // -INT_MIN is no group (kernel/exit.c)
        int options = i2(c);
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE)) != 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        long r = awaitChild(t, want, true, (options & WNOHANG) != 0, true, done -> {
            if (wstatus != 0 && !Uaccess.put32(as, wstatus, done.waitStatus)) return -Errno.EFAULT;
            if (!zeroRusage(as, rusage)) return -Errno.EFAULT;
            return done.pid;
        });
        return r == NONE_READY ? 0 : r;
    }

    // <linux/wait.h>: waitid's id types and options (WNOHANG, WCONTINUED and the __W flags as above)
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2, WSTOPPED = 2, WEXITED = 4, WNOWAIT = 0x01000000;

    /**
     * waitid(idtype, id, infop, options, rusage): the child's end as a siginfo_t (SIGCHLD, CLD_EXITED with the
     * exit code or CLD_KILLED with the signal). Children of ring3 never stop, so only WEXITED waits end; WNOWAIT
     * leaves the child to be waited for again (Go's os/exec waits so before wait4). With WNOHANG and no child
     * ready, the fields are written zero as Linux writes them. P_PGID waits for a child in that group (0: the
     * caller's); pidfds (P_PIDFD) do not exist here: EINVAL.
     */
    public static long waitid(GuestThread t, Cpu c) {
        int idtype = i0(c), options = i3(c);
        long id = a1(c), infop = a2(c), rusage = a4(c);
        if ((options & ~(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT | WNOTHREAD | WALL | WCLONE)) != 0
                || (options & (WSTOPPED | WEXITED | WCONTINUED)) == 0) {
            return -Errno.EINVAL;
        }
        long want;
        switch (idtype) {
            case P_ALL -> want = -1;
            case P_PGID -> {
                if (id < 0 || id > Integer.MAX_VALUE) return -Errno.EINVAL;
                want = -id;   // 0: the caller's group, as wait4(0)
            }
            case P_PID -> {
                if (id <= 0 || id > Integer.MAX_VALUE) return -Errno.EINVAL;
                want = id;
            }
            default -> { return -Errno.EINVAL; }
        }
        AddressSpace as = t.proc.as;
        long r = awaitChild(t, want, (options & WEXITED) != 0, (options & WNOHANG) != 0, (options & WNOWAIT) == 0,
                done -> {
            int status = done.waitStatus, sig = status & 0x7f;
            if (!putChildInfo(as, infop, SIGCHLD, sig == 0 ? SignalDelivery.CLD_EXITED
                    : (status & 0x80) != 0 ? CLD_DUMPED : SignalDelivery.CLD_KILLED, done.pid,
                    sig == 0 ? (status >> 8) & 0xff : sig)) {
                return -Errno.EFAULT;
            }
            return zeroRusage(as, rusage) ? 0 : -Errno.EFAULT;
        });
        if (r == NONE_READY) {   // WNOHANG, nothing to report
            if (!putChildInfo(as, infop, 0, 0, 0, 0) || !zeroRusage(as, rusage)) return -Errno.EFAULT;
            return 0;
        }
        return r;
    }

    static final int SIGCHLD = 17, CLD_DUMPED = 3;
    /** awaitChild's answer for WNOHANG when no child has ended. */
    private static final long NONE_READY = Long.MIN_VALUE;

    /** siginfo_t for a child (<asm-generic/siginfo.h>): si_signo, si_errno, si_code, then si_pid, si_uid, si_status. */
    private static boolean putChildInfo(AddressSpace as, long infop, int signo, int code, int pid, int status) {
        if (infop == 0) return true;
        byte[] b = new byte[28];
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bb.putInt(0, signo).putInt(8, code).putInt(16, pid).putInt(20, signo == 0 ? 0 : SignalCalls.uid())
                .putInt(24, status);
        return Uaccess.putBytes(as, infop, b, b.length);
    }

    private static boolean zeroRusage(AddressSpace as, long rusage) {
        return rusage == 0 || Uaccess.putBytes(as, rusage, new byte[RUSAGE_SIZE], RUSAGE_SIZE);
    }

    /**
     * Waits for an ended child ({@code want} as wait4's pid: {@link GroupCalls#waitedFor}) and gives it to
     * {@code report}, whose answer
     * is returned; the child is reaped if {@code reap} and the report succeeded. Returns -ECHILD if no child
     * matches, {@link #NONE_READY} with {@code noHang} when none has ended, -EINTR when a signal is to be handled.
     * Without {@code exits} (waitid for stops or continues only) no child ever has what is waited for.
     */
    private static long awaitChild(GuestThread t, long want, boolean exits, boolean noHang, boolean reap,
            java.util.function.ToLongFunction<GuestProcess> report) {
        GuestProcess p = t.proc;
        synchronized (p.children) {
            while (true) {
                GuestProcess match = null, done = null;
                for (GuestProcess ch : p.children) {
                    if (!GroupCalls.waitedFor(p, ch, want)) continue;
                    match = ch;
                    if (ch.exited && exits) {
                        done = ch;
                        break;
                    }
                }
                if (match == null) return -Errno.ECHILD;
                if (done != null) {
                    long r = report.applyAsLong(done);
                    if (r >= 0 && reap) {
                        p.children.remove(done);
                        p.kernel.processes.remove(done.pid);
                    }
                    return r;
                }
                if (noHang) return NONE_READY;
                if (SignalDelivery.deliverable(t)) return -Errno.EINTR;   // a signal's handler runs first
                try {
                    p.children.wait(WAKE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -Errno.EINTR;
                }
            }
        }
    }
}
