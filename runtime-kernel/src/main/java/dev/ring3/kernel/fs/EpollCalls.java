package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.Interruptible;
import dev.ring3.kernel.proc.SignalCalls;
import dev.ring3.kernel.proc.ThreadCalls;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * epoll and eventfd (Linux's fs/eventpoll.c, fs/eventfd.c), as host objects: an epoll instance is a host epoll
 * descriptor installed in the guest's table, epoll_ctl names host descriptors (guest numbers translated; ring3's
 * own files, which have none, are EPERM, as Linux answers for regular files), and struct epoll_event (u32 events,
 * u64 data, packed: 12 bytes, asm/epoll.h's EPOLL_PACKED on x86-64) is read and written by the host in guest
 * memory, so the guest's data comes back as it gave it. A wait waits in the host in slices of at most 100 ms,
 * looking between them at whether the thread must stop (a signal for it: EINTR; exit_group). epoll_pwait's
 * signal mask is the thread's for the wait ({@link SignalCalls#waitMask}). An eventfd is the host's.
 */
public final class EpollCalls {
    private EpollCalls() {}

    static final int EPOLL_CLOEXEC = 02000000, EFD_SEMAPHORE = 1, EFD_NONBLOCK = 04000;
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    static final int EVENT_SIZE = 12;
    /** Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    static final int MAX_EVENTS = Integer.MAX_VALUE / EVENT_SIZE;
    static final long SLICE_MS = 100;

    public static long epoll_create(GuestThread t, Cpu c) {
        if (i0(c) <= 0) return -Errno.EINVAL;
        return t.proc.fds.installHost(Host.syscall(SyscallTable.EPOLL_CREATE1, EPOLL_CLOEXEC), false);
    }

    public static long epoll_create1(GuestThread t, Cpu c) {
        int flags = i0(c);
        if ((flags & ~EPOLL_CLOEXEC) != 0) return -Errno.EINVAL;
        return t.proc.fds.installHost(Host.syscall(SyscallTable.EPOLL_CREATE1, EPOLL_CLOEXEC), flags != 0);
    }

    /** eventfd(initval): eventfd2 without flags. */
    public static long eventfd(GuestThread t, Cpu c) { return eventfd(t, i0(c), 0); }

    public static long eventfd2(GuestThread t, Cpu c) { return eventfd(t, i0(c), i1(c)); }

    private static long eventfd(GuestThread t, int initval, int flags) {
        if ((flags & ~(EPOLL_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE)) != 0) return -Errno.EINVAL;
        long h = Host.syscall(SyscallTable.EVENTFD2, initval & 0xffffffffL, flags | EPOLL_CLOEXEC);
        return t.proc.fds.installHost(h, (flags & EPOLL_CLOEXEC) != 0);
    }


    /** epoll_ctl(epfd, op, fd, event). */
    public static long epoll_ctl(GuestThread t, Cpu c) {
        int op = i1(c);
        long event = a3(c);
        int ep = host(t, i0(c)), fd = host(t, i2(c));
        if (ep == -Errno.EBADF || fd == -Errno.EBADF) return -Errno.EBADF;
        if (op != EPOLL_CTL_DEL && !Uaccess.ok(t.proc.as, event, EVENT_SIZE, Vma.PROT_READ)) return -Errno.EFAULT;
        if (ep < 0) return -Errno.EINVAL;   // ring3's own file: not an epoll instance
        if (fd < 0) return -Errno.EPERM;    // nothing the host can watch
        long ev = op == EPOLL_CTL_DEL ? 0 : t.proc.as.mem.host(event);
        return Host.syscall(SyscallTable.EPOLL_CTL, ep, op, fd, ev);
    }

    public static long epoll_wait(GuestThread t, Cpu c) { return await(t, i0(c), a1(c), i2(c), i3(c)); }

    /** epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize). */
    public static long epoll_pwait(GuestThread t, Cpu c) {
        if (a4(c) != 0 && a5(c) != 8) return -Errno.EINVAL;
        return SignalCalls.withWaitMask(t, a4(c), () -> await(t, i0(c), a1(c), i2(c), i3(c)));
    }

    /** epoll_pwait2(epfd, events, maxevents, timeout as a struct timespec, sigmask, sigsetsize). */
    public static long epoll_pwait2(GuestThread t, Cpu c) {
        long tsp = a3(c), ms = -1;
        if (tsp != 0) {
            long nanos = PollCalls.timespec(t.proc.as, tsp, Vma.PROT_READ);
            if (nanos < 0) return nanos;
            ms = Math.min(Integer.MAX_VALUE, nanos / 1_000_000 + (nanos % 1_000_000 != 0 ? 1 : 0));
        }
        if (a4(c) != 0 && a5(c) != 8) return -Errno.EINVAL;
        long timeoutMs = ms;
        return SignalCalls.withWaitMask(t, a4(c), () -> await(t, i0(c), a1(c), i2(c), timeoutMs));
    }

    private static long await(GuestThread t, int epfd, long events, int max, long timeoutMs) {
        if (max <= 0 || max > MAX_EVENTS) return -Errno.EINVAL;
        if (!Uaccess.ok(t.proc.as, events, (long) EVENT_SIZE * max, Vma.PROT_WRITE)) return -Errno.EFAULT;
        int ep = host(t, epfd);
        if (ep == -Errno.EBADF) return -Errno.EBADF;
        if (ep < 0) return -Errno.EINVAL;
        long to = t.proc.as.mem.host(events);
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            long left = timeoutMs < 0 ? SLICE_MS : Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            long r = Interruptible.callNoRestart(t, SyscallTable.EPOLL_WAIT, ep, to, max, Math.min(left, SLICE_MS),
                    0, 0);
            if (r != 0 || left <= SLICE_MS && timeoutMs >= 0) return r;
            if (ThreadCalls.mustStop(t)) return -Errno.EINTR;
        }
    }

    /** The host descriptor of guest descriptor fd: -EBADF if not open, -1 for ring3's own files. */
    private static int host(GuestThread t, int fd) {
        FileDescription f = fd < 0 ? null : t.proc.fds.get(fd);
        if (f == null) return -Errno.EBADF;
        int h = f.hostFd();
        return h < 0 ? -1 : h;
    }
}
