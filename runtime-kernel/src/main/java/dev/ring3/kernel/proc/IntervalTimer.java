package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A process's real-time interval timer (Linux's kernel/time/itimer.c): setitimer, getitimer and alarm with
 * ITIMER_REAL, which sends SIGALRM to the process when it expires and again every interval after. The timer runs on
 * a JVM scheduler thread (one for all processes); a fork's child starts without one, execve keeps it, the process's
 * end stops it. The CPU-time timers (ITIMER_VIRTUAL, ITIMER_PROF) are not kept: setting one is logged once and
 * answered EINVAL, reading one gives zero (never armed).
 *
 * <p>struct itimerval is two struct timeval (seconds, microseconds: 32 bytes on x86-64, linux/time.h); a
 * microsecond count outside [0, 999999] is EINVAL.
 */
public final class IntervalTimer {
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    static final int SIGALRM = 14, SI_KERNEL = 0x80;
    static final int ITIMERVAL_SIZE = 32;

    /** The scheduler thread of interval timers and POSIX timers. */
    static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "ring3-itimer");
            th.setDaemon(true);
            return th;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    private final GuestProcess proc;
    /** When the timer next expires (System.nanoTime), and its interval in nanoseconds; guarded by this. */
    private long deadline, interval;
    private boolean armed;
    private ScheduledFuture<?> pending;

    IntervalTimer(GuestProcess proc) { this.proc = proc; }

    /** setitimer(which, new_value, old_value). */
    public static long setitimer(GuestThread t, Cpu c) {
        int which = i0(c);
        long next = a1(c), old = a2(c);
        AddressSpace as = t.proc.as;
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        long[] v = {0, 0, 0, 0};
        if (next != 0) {   // Linux takes a null new value as a disarmed timer
            if (!Uaccess.ok(as, next, ITIMERVAL_SIZE, Vma.PROT_READ)) return -Errno.EFAULT;
            for (int k = 0; k < 4; k++) v[k] = as.mem.read64(next + 8L * k);
            if (!validTimeval(v[0], v[1]) || !validTimeval(v[2], v[3])) return -Errno.EINVAL;
        }
        if (old != 0 && !Uaccess.ok(as, old, ITIMERVAL_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        long[] before = {0, 0, 0, 0};
        if (which == ITIMER_REAL) {
            before = t.proc.realTimer.set(nanos(v[2], v[3]), nanos(v[0], v[1]));
        } else if (v[2] != 0 || v[3] != 0) {
            if (!cpuTimersLogged.getAndSet(true)) {
                dev.ring3.kernel.Diag.line("ring3: setitimer: ITIMER_VIRTUAL and ITIMER_PROF are not supported");
            }
            return -Errno.EINVAL;
        }
        if (old != 0) for (int k = 0; k < 4; k++) as.mem.write64(old + 8L * k, before[k]);
        return 0;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean cpuTimersLogged =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** getitimer(which, curr_value). */
    public static long getitimer(GuestThread t, Cpu c) {
        int which = i0(c);
        long cur = a1(c);
        AddressSpace as = t.proc.as;
        if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
        if (!Uaccess.ok(as, cur, ITIMERVAL_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        long[] now = which == ITIMER_REAL ? t.proc.realTimer.get() : new long[4];
        for (int k = 0; k < 4; k++) as.mem.write64(cur + 8L * k, now[k]);
        return 0;
    }

    /**
     * alarm(seconds): the real timer set to expire once; returns the seconds left of the previous one, rounded as
     * Linux rounds them (up from half a second, and at least 1 if any time was left).
     */
    public static long alarm(GuestThread t, Cpu c) {
        long secs = a0(c) & 0xffffffffL;
        long[] before = t.proc.realTimer.set(secs * 1_000_000_000L, 0);
        long left = before[2];
        if ((left == 0 && before[3] != 0) || before[3] >= 500_000) left++;
        return left;
    }

    private static boolean validTimeval(long sec, long usec) { return sec >= 0 && usec >= 0 && usec < 1_000_000; }

    private static long nanos(long sec, long usec) {
        return sec > Long.MAX_VALUE / 2_000_000_000L ? Long.MAX_VALUE / 2 : sec * 1_000_000_000L + usec * 1000;
    }

    /** Arms (value > 0) or disarms the timer; returns the previous setting as {interval s, us, value s, us}. */
    synchronized long[] set(long valueNanos, long intervalNanos) {
        long[] before = get();
        if (pending != null) pending.cancel(false);
        pending = null;
        armed = valueNanos > 0;
        interval = intervalNanos;
        if (armed) {
            deadline = System.nanoTime() + valueNanos;
            pending = SCHEDULER.schedule(this::expire, valueNanos, TimeUnit.NANOSECONDS);
        }
        return before;
    }

    /** The current setting as {interval s, us, value s, us}; an armed timer has at least 1 microsecond left. */
    synchronized long[] get() {
        long left = armed ? Math.max(1000, deadline - System.nanoTime()) : 0;
        long ivUs = interval / 1000, leftUs = (left + 999) / 1000;
        return new long[] {ivUs / 1_000_000, ivUs % 1_000_000, leftUs / 1_000_000, leftUs % 1_000_000};
    }

    private void expire() {
        synchronized (this) {
            if (!armed) return;
            if (interval > 0) {
                deadline += interval;
                long wait = Math.max(0, deadline - System.nanoTime());
                pending = SCHEDULER.schedule(this::expire, wait, TimeUnit.NANOSECONDS);
            } else {
                armed = false;
                pending = null;
            }
        }
        SignalDelivery.send(proc, SIGALRM, new SignalDelivery.Info(SI_KERNEL, 0, 0, 0));
    }

    /** The process has ended: no more signals. */
    synchronized void stop() {
        armed = false;
        if (pending != null) pending.cancel(false);
        pending = null;
    }
}
