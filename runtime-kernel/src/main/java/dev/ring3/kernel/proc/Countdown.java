package dev.ring3.kernel.proc;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The clock work of a timer that expires once or every interval (setitimer's ITIMER_REAL, a POSIX timer), on one
 * JVM scheduler thread for all of them. Not synchronized itself: its owner calls it under the owner's lock, and the
 * expiry callback takes that lock too.
 */
final class Countdown {
    private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private static ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "ring3-timers");
            th.setDaemon(true);
            return th;
        });
        s.setRemoveOnCancelPolicy(true);
        return s;
    }

    /** When it next expires (System.nanoTime), and the interval in nanoseconds (0: once). */
    private long deadline, interval;
    private boolean armed;
    private ScheduledFuture<?> pending;
    private final Runnable expired;

    /** {@code expired} runs on the scheduler's thread at each expiry, after {@link #expire} has been called. */
    Countdown(Runnable expired) { this.expired = expired; }

    /** Arms it to expire in {@code wait} ns (0 or less: disarms) and every {@code every} ns after. */
    void set(long wait, long every) {
        cancel();
        interval = every;
        if (wait <= 0) return;
        armed = true;
        deadline = System.nanoTime() + wait;
        pending = SCHEDULER.schedule(expired, wait, TimeUnit.NANOSECONDS);
    }

    /**
     * Called by the owner's callback, under its lock: false if the countdown was disarmed meanwhile (nothing to do);
     * else true, with the next expiry scheduled when it repeats.
     */
    boolean expire() {
        if (!armed) return false;
        if (interval > 0) {
            deadline += interval;
            pending = SCHEDULER.schedule(expired, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } else {
            armed = false;
            pending = null;
        }
        return true;
    }

    /** {interval, time left} in nanoseconds; an armed countdown has at least {@code least} left. */
    long[] get(long least) { return new long[] {interval, armed ? Math.max(least, deadline - System.nanoTime()) : 0}; }

    void cancel() {
        armed = false;
        if (pending != null) pending.cancel(false);
        pending = null;
    }
}
