package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;

/**
 * A process's real-time interval timer (Linux's kernel/time/itimer.c): setitimer, getitimer and alarm with
 * ITIMER_REAL, which sends SIGALRM to the process when it expires and again every interval after. The timer runs on
 * a JVM scheduler thread (one for all processes, {@link Countdown}); a fork's child starts without one, execve keeps
 * it, the process's end stops it. The CPU-time timers (ITIMER_VIRTUAL, ITIMER_PROF) are not kept: setting one is
 * logged once and answered EINVAL, reading one gives zero (never armed).
 *
 * <p>struct itimerval is two struct timeval (seconds, microseconds: 32 bytes on x86-64, linux/time.h); a
 * microsecond count outside [0, 999999] is EINVAL.
 */
public final class IntervalTimer {
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    static final int SIGALRM = 14, SI_KERNEL = 0x80;
    static final int ITIMERVAL_SIZE = 32;

    private final GuestProcess proc;
    /** Guarded by this. */
    private final Countdown countdown = new Countdown(this::expired);

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
            dev.ring3.kernel.Diag.once("ring3: setitimer: ITIMER_VIRTUAL and ITIMER_PROF are not supported");
            return -Errno.EINVAL;
        }
        if (old != 0) for (int k = 0; k < 4; k++) as.mem.write64(old + 8L * k, before[k]);
        return 0;
    }


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
        countdown.set(valueNanos, intervalNanos);
        return before;
    }

    /** The current setting as {interval s, us, value s, us}; an armed timer has at least 1 microsecond left. */
    synchronized long[] get() {
        long[] now = countdown.get(1000);
        long ivUs = now[0] / 1000, leftUs = (now[1] + 999) / 1000;
        return new long[] {ivUs / 1_000_000, ivUs % 1_000_000, leftUs / 1_000_000, leftUs % 1_000_000};
    }

    private void expired() {
        synchronized (this) {
            if (!countdown.expire()) return;
        }
        SignalDelivery.send(proc, SIGALRM, new SignalDelivery.Info(SI_KERNEL, 0, 0, 0));
    }

    /** The process has ended: no more signals. */
    synchronized void stop() { countdown.cancel(); }
}
