package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.PollCalls;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;

/**
 * Signals taken synchronously and queued with a value (Linux's kernel/signal.c): rt_sigpending, rt_sigtimedwait
 * (sigwait, sigwaitinfo, sigtimedwait), rt_sigqueueinfo and rt_tgsigqueueinfo (sigqueue, pthread_sigqueue). A
 * thread waiting in rt_sigtimedwait is where a process's signal it waits for goes ({@link GuestProcess#signalTarget}),
 * as Linux wakes such a thread when every thread blocks the signal. Signal sets are 8 bytes (sigsetsize 8, else
 * EINVAL); siginfo_t is 128 bytes. Standard signals do not queue: one of each is pending at a time.
 */
public final class SignalQueueCalls {
    private SignalQueueCalls() {}

    static final int SIGINFO_SIZE = 128, SI_QUEUE = -1;

    /** rt_sigpending(set, sigsetsize): the signals pending for the thread that it blocks. */
    public static long rt_sigpending(GuestThread t, Cpu c) {
        if (a1(c) != 8) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, a0(c), 8, Vma.PROT_WRITE)) return -Errno.EFAULT;
        long pending;
        synchronized (t.proc.signals) {
            pending = t.pending & t.sigmask;
        }
        as.mem.write64(a0(c), pending);
        return 0;
    }

    /**
     * rt_sigtimedwait(set, info, timeout, sigsetsize): takes a pending signal of the set (the lowest), writes its
     * siginfo and returns its number; EAGAIN when the timeout passes (a zero timeout only looks), EINTR when a
     * signal outside the set is delivered to a handler meanwhile.
     */
    public static long rt_sigtimedwait(GuestThread t, Cpu c) {
        long setp = a0(c), infop = a1(c), tsp = a2(c);
        if (a3(c) != 8) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, setp, 8, Vma.PROT_READ)) return -Errno.EFAULT;
        long set = as.mem.read64(setp) & ~SignalCalls.UNBLOCKABLE;
        if (infop != 0 && !Uaccess.ok(as, infop, SIGINFO_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        long nanos = tsp == 0 ? -1 : PollCalls.timespec(as, tsp, Vma.PROT_READ);
        if (tsp != 0 && nanos < 0) return nanos;
        long deadline = nanos < 0 ? Long.MAX_VALUE : System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4);
        GuestProcess p = t.proc;
        t.waitingFor = set;
        try {
            synchronized (p.children) {   // sendTo notifies it
                while (true) {
                    SignalDelivery.Taken got = SignalDelivery.dequeue(t, set);
                    if (got != null) {
                        if (infop != 0) SignalDelivery.putInfo(as.mem, infop, got.sig(), got.info());
                        return got.sig();
                    }
                    if (SignalDelivery.deliverable(t)) {
                        t.cpu.interrupted = true;
                        return -Errno.EINTR;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return -Errno.EAGAIN;
                    try {
                        p.children.wait(Math.max(1, Math.min(ForkCalls.WAKE_MS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -Errno.EINTR;
                    }
                }
            }
        } finally {
            t.waitingFor = 0;
        }
    }

    /** rt_sigqueueinfo(tgid, sig, info): sigqueue's signal with the caller's si_code and si_value. */
    public static long rt_sigqueueinfo(GuestThread t, Cpu c) { return queue(t, i0(c), 0, i1(c), a2(c)); }

    /** rt_tgsigqueueinfo(tgid, tid, sig, info): to one thread. */
    public static long rt_tgsigqueueinfo(GuestThread t, Cpu c) {
        if (i1(c) <= 0) return -Errno.EINVAL;
        return queue(t, i0(c), i1(c), i2(c), a3(c));
    }

    private static long queue(GuestThread t, int tgid, int tid, int sig, long infop) {
        if (sig < 0 || sig > SignalState.NSIG) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, infop, SIGINFO_SIZE, Vma.PROT_READ)) return -Errno.EFAULT;
        if (tgid <= 0) return -Errno.EINVAL;
        GuestProcess p = tgid == t.proc.pid ? t.proc : t.proc.kernel.processes.get(tgid);
        if (p == null) return -Errno.ESRCH;
        GuestThread to = tid == 0 ? null : p.findThread(tid);
        if (tid != 0 && to == null) return -Errno.ESRCH;
        int code = (int) as.mem.read32(infop + 8);
        // only the kernel may claim kill's or tkill's codes for another process (Linux: EPERM)
        if ((code >= 0 || code == SignalDelivery.SI_TKILL) && p != t.proc) return -Errno.EPERM;
        if (sig == 0) return 0;
        SignalDelivery.Info info = new SignalDelivery.Info(code, t.proc.pid, SignalCalls.uid(), 0, 0, false,
                as.mem.read64(infop + 24));
        if (to == null) SignalDelivery.send(p, sig, info);
        else SignalDelivery.sendTo(p, to, sig, info);
        return 0;
    }
}
