package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.PollCalls;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import java.util.HashMap;
import java.util.Map;

/**
 * A process's POSIX timers (Linux's kernel/time/posix-timers.c): timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete, on CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME, notifying by a signal to
 * the process (SIGEV_SIGNAL), to one of its threads (SIGEV_THREAD_ID, which glibc's SIGEV_THREAD uses) or not at
 * all (SIGEV_NONE). The signal's siginfo is SI_TIMER with the timer's id, its overrun count and the sigev_value;
 * while one is still pending the later expirations count as overruns instead. They run on the timers' scheduler
 * thread ({@link Countdown}); a fork's child has none, and execve and the process's end delete them.
 * CPU-time clocks are not kept: EINVAL, named once on stderr.
 *
 * <p>Layouts (asm-generic/siginfo.h, linux/time_types.h): struct sigevent is sigev_value (8 bytes), sigev_signo,
 * sigev_notify, then the thread id; struct itimerspec is it_interval then it_value, each a 16-byte timespec.
 */
public final class PosixTimers {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7;
    static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;
    static final int TIMER_ABSTIME = 1, SI_TIMER = -2, SIGALRM = 14;
    static final int SIGEVENT_SIZE = 64, ITIMERSPEC_SIZE = 32;

    private final GuestProcess proc;
    /** The timers by id; guarded by this. */
    private final Map<Integer, Timer> timers = new HashMap<>();
    private int nextId;

    PosixTimers(GuestProcess proc) { this.proc = proc; }

    private final class Timer {
        final int id, clock, notify, signo;
        final long value;
        final GuestThread target;
        final Countdown countdown = new Countdown(this::expired);
        /**
         * Expirations while the last signal waited; and the count timer_getoverrun gives, that of the signal last
         * taken (set when it is taken, as Linux sets it at dequeue). Guarded as the rest.
         */
        int overrun, lastOverrun;

        Timer(int id, int clock, int notify, int signo, long value, GuestThread target) {
            this.id = id;
            this.clock = clock;
            this.notify = notify;
            this.signo = signo;
            this.value = value;
            this.target = target;
        }

        void expired() {
            synchronized (PosixTimers.this) {
                if (timers.get(id) != this || !countdown.expire()) return;
                if (notify == SIGEV_NONE || countedAsOverrun()) return;
                overrun = 0;
            }
            SignalDelivery.Info info = new SignalDelivery.Info(SI_TIMER, id, 0, 0, 0, false, value);
            if (target != null) SignalDelivery.sendTo(proc, target, signo, info);
            else SignalDelivery.send(proc, signo, info);
        }

        /**
         * If this timer's last signal has not been taken yet, the expiration is an overrun: counted in the pending
         * siginfo's si_overrun (what the taker reads, as Linux fills it at dequeue).
         */
        private boolean countedAsOverrun() {
            synchronized (proc.signals) {
                for (GuestThread t : proc.threads) {
                    SignalDelivery.Info i = t.pendingInfo[signo];
                    if ((t.pending & SignalDelivery.bit(signo)) != 0 && i != null && i.code() == SI_TIMER
                            && i.pid() == id) {
                        ++overrun;
                        t.pendingInfo[signo] = new SignalDelivery.Info(SI_TIMER, id, overrun, 0, 0, false, value);
                        return true;
                    }
                }
                return false;
            }
        }

    }

    /** timer_create(clockid, sevp, timerid). */
    public static long timer_create(GuestThread t, Cpu c) {
        int clock = i0(c);
        long sevp = a1(c), idp = a2(c);
        AddressSpace as = t.proc.as;
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME) {
            if (clock == 2 || clock == 3 || clock < 0) {   // process and thread CPU-time clocks
                dev.ring3.kernel.Diag.once("ring3: timer_create: only CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME");
            }
            return -Errno.EINVAL;
        }
        int notify = SIGEV_SIGNAL, signo = SIGALRM;
        long value = -1;   // the id, once known
        GuestThread target = null;
        if (sevp != 0) {
            if (!Uaccess.ok(as, sevp, SIGEVENT_SIZE, Vma.PROT_READ)) return -Errno.EFAULT;
            value = as.mem.read64(sevp);
            signo = (int) as.mem.read32(sevp + 8);
            notify = (int) as.mem.read32(sevp + 12);
            if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE && notify != SIGEV_THREAD_ID) return -Errno.EINVAL;
            if (notify != SIGEV_NONE && (signo <= 0 || signo > SignalState.NSIG)) return -Errno.EINVAL;
            if (notify == SIGEV_THREAD_ID) {
                target = t.proc.findThread(as.mem.read32(sevp + 16));
                if (target == null) return -Errno.EINVAL;
            }
        }
        if (!Uaccess.ok(as, idp, 4, Vma.PROT_WRITE)) return -Errno.EFAULT;
        PosixTimers all = t.proc.timers;
        int id;
        synchronized (all) {
            id = all.nextId++;
            all.timers.put(id, all.new Timer(id, clock, notify, signo, sevp == 0 ? id : value, target));
        }
        as.mem.write32(idp, id);
        return 0;
    }

    /** timer_settime(timerid, flags, new_value, old_value). */
    public static long timer_settime(GuestThread t, Cpu c) {
        int flags = i1(c);
        long next = a2(c), old = a3(c);
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, next, ITIMERSPEC_SIZE, Vma.PROT_READ)) return -Errno.EFAULT;
        if (old != 0 && !Uaccess.ok(as, old, ITIMERSPEC_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        long interval = PollCalls.timespec(as, next, Vma.PROT_READ);
        long value = PollCalls.timespec(as, next + 16, Vma.PROT_READ);
        if (interval < 0 || value < 0) return -Errno.EINVAL;
        PosixTimers all = t.proc.timers;
        synchronized (all) {
            Timer tm = all.timers.get(i0(c));
            if (tm == null) return -Errno.EINVAL;
            long[] before = tm.countdown.get(1);
            long wait = 0;
            if (value > 0) {   // an absolute time already past expires at once
                wait = (flags & TIMER_ABSTIME) != 0 ? value - now(tm.clock) : value;
                wait = Math.max(1, Math.min(wait, Long.MAX_VALUE / 4));
            }
            tm.overrun = 0;
            tm.countdown.set(wait, interval);
            if (old != 0) putSpec(as, old, before);
        }
        return 0;
    }

    /** timer_gettime(timerid, curr_value). */
    public static long timer_gettime(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, a1(c), ITIMERSPEC_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        PosixTimers all = t.proc.timers;
        synchronized (all) {
            Timer tm = all.timers.get(i0(c));
            if (tm == null) return -Errno.EINVAL;
            putSpec(as, a1(c), tm.countdown.get(1));
        }
        return 0;
    }

    /**
     * A signal was taken (by its handler or rt_sigtimedwait): if a timer sent it, its overruns are what
     * timer_getoverrun gives from now on. Called without the signal lock (expiries take this lock, then that one).
     */
    static void taken(GuestProcess p, int sig, SignalDelivery.Info info) {
        if (info == null || info.code() != SI_TIMER) return;
        PosixTimers all = p.timers;
        synchronized (all) {
            Timer tm = all.timers.get(info.pid());
            if (tm != null && tm.signo == sig) tm.lastOverrun = info.uid();
        }
    }

    /** timer_getoverrun(timerid): the overruns of the expiration whose signal was taken last. */
    public static long timer_getoverrun(GuestThread t, Cpu c) {
        PosixTimers all = t.proc.timers;
        synchronized (all) {
            Timer tm = all.timers.get(i0(c));
            return tm == null ? -Errno.EINVAL : tm.lastOverrun;
        }
    }

    /** timer_delete(timerid). */
    public static long timer_delete(GuestThread t, Cpu c) {
        PosixTimers all = t.proc.timers;
        synchronized (all) {
            Timer tm = all.timers.remove(i0(c));
            if (tm == null) return -Errno.EINVAL;
            tm.countdown.cancel();
        }
        return 0;
    }

    /** execve and the process's end: every timer goes. */
    synchronized void deleteAll() {
        for (Timer tm : timers.values()) tm.countdown.cancel();
        timers.clear();
    }

    /** The clock's current time in nanoseconds (System.nanoTime is the host's CLOCK_MONOTONIC on Linux). */
    private static long now(int clock) {
        if (clock == CLOCK_REALTIME) {
            java.time.Instant i = java.time.Instant.now();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }
        return System.nanoTime();
    }

    private static void putSpec(AddressSpace as, long at, long[] spec) {
        as.mem.write64(at, spec[0] / 1_000_000_000L);
        as.mem.write64(at + 8, spec[0] % 1_000_000_000L);
        as.mem.write64(at + 16, spec[1] / 1_000_000_000L);
        as.mem.write64(at + 24, spec[1] % 1_000_000_000L);
    }
}
