package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.Interruptible;
import dev.ring3.kernel.proc.SignalCalls;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * poll and ppoll (Linux's fs/select.c). The guest's struct pollfd array (int fd, short events, short revents;
 * asm-generic/poll.h) names guest descriptors: those backed by host descriptors are polled by the host kernel in
 * one call, with their numbers translated; ring3's own files (memory files, /proc/self) are always ready for what
 * they are asked; a number that is not open reads POLLNVAL, a negative one is skipped. The wait is the host's, so
 * a signal from another ring3 process reaches a thread waiting here only when the wait ends, and ppoll's signal
 * mask is not applied for the call.
 */
public final class PollCalls {
    private PollCalls() {}

    static final short POLLIN = 1, POLLOUT = 4, POLLNVAL = 0x20;
    static final int RLIMIT_NOFILE = 1024;

    public static long poll(GuestThread t, Cpu c) {
        long timeoutMs = i2(c);
        return poll(t, a0(c), a1(c), timeoutMs < 0 ? -1 : timeoutMs * 1_000_000L);
    }

    /** ppoll(fds, nfds, tsp, sigmask, sigsetsize). */
    public static long ppoll(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        long tsp = a2(c), nanos = tsp == 0 ? -1 : timespec(as, tsp, Vma.PROT_READ);
        if (tsp != 0 && nanos < 0) return nanos;
        if (a3(c) != 0 && a4(c) != 8) return -Errno.EINVAL;
        return SignalCalls.withWaitMask(t, a3(c), () -> poll(t, a0(c), a1(c), nanos));
    }

    /**
     * A wait's struct timespec at guest address tsp (not 0) in nanoseconds (Long.MAX_VALUE past what a long
     * holds), or -EFAULT if it is not in guest memory with {@code prot}, -EINVAL if it is no valid time (ppoll,
     * pselect6, epoll_pwait2).
     */
    public static long timespec(AddressSpace as, long tsp, int prot) {
        if (!Uaccess.ok(as, tsp, 16, prot)) return -Errno.EFAULT;
        long sec = as.mem.read64(tsp), nsec = as.mem.read64(tsp + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) return -Errno.EINVAL;
        return sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
    }

    /**
     * The host's ppoll on {@code n} host struct pollfd at {@code fds}, waiting {@code nanos} (-1: no limit) with no
     * signal mask; a signal for the thread interrupts it (EINTR after a handler, as Linux's poll and select).
     */
    static long hostPoll(GuestThread t, Arena a, MemorySegment fds, int n, long nanos) {
        MemorySegment ts = MemorySegment.NULL;
        if (nanos >= 0) {
            ts = a.allocate(16, 8);
            ts.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
            ts.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        }
        return Interruptible.callNoRestart(t, SyscallTable.PPOLL, fds.address(), n, ts.address(), 0, 8, 0);
    }

    private static long poll(GuestThread t, long fds, long nfds, long nanos) {
        if (nfds < 0 || nfds > RLIMIT_NOFILE) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        int n = (int) nfds;
        if (n > 0 && !Uaccess.ok(as, fds, 8L * n, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        short[] revents = new short[n];
        int readyHere = 0;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(8L * Math.max(1, n), 8);
            for (int k = 0; k < n; k++) {
                long at = fds + 8L * k;
                int fd = (int) as.mem.read32(at);
                short events = (short) as.mem.read16(at + 4);
                int h = -1;
                if (fd >= 0) {
                    FileDescription f = t.proc.fds.get(fd);
                    if (f == null) revents[k] = POLLNVAL;
                    else if ((h = f.hostFd()) < 0) revents[k] = (short) (events & (POLLIN | POLLOUT));
                    if (revents[k] != 0) readyHere++;
                }
                host.set(ValueLayout.JAVA_INT, 8L * k, h);
                host.set(ValueLayout.JAVA_SHORT, 8L * k + 4, events);
                host.set(ValueLayout.JAVA_SHORT, 8L * k + 6, (short) 0);
            }
            if (n > 0 || nanos != 0) {
                long r = hostPoll(t, a, host, n, readyHere > 0 ? 0 : nanos);
                if (r < 0) return r;
            }
            int ready = 0;
            for (int k = 0; k < n; k++) {
                short re = host.get(ValueLayout.JAVA_INT, 8L * k) >= 0 ? host.get(ValueLayout.JAVA_SHORT, 8L * k + 6)
                        : revents[k];
                as.mem.write16(fds + 8L * k + 6, re);
                if (re != 0) ready++;
            }
            return ready;
        }
    }
}
