package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.SignalCalls;
import dev.ring3.kernel.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * select and pselect6 (Linux's fs/select.c), on the host's ppoll: each descriptor set in the guest's fd_sets
 * (bit n of long n / 64) becomes a host pollfd asking POLLIN for the read set, POLLOUT for the write set, POLLPRI
 * for the exception set; the sets come back with the bits of what is ready, as core_sys_select maps poll's bits
 * (readable: POLLIN, POLLHUP, POLLERR; writable: POLLOUT, POLLERR; exception: POLLPRI), and the result is the
 * number of bits set. A descriptor that is not open is EBADF; ring3's own files are ready for what they are asked.
 * Both write the time left into their timeout, as Linux does (glibc's select reads it back from pselect6's).
 * pselect6's signal mask is the thread's for the wait ({@link SignalCalls#waitMask}), as ppoll's.
 */
public final class SelectCalls {
    private SelectCalls() {}

    static final short POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10;

    /** select(nfds, readfds, writefds, exceptfds, struct timeval *timeout). */
    public static long select(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        long tvp = a4(c), nanos = -1;
        if (tvp != 0) {
            if (!Uaccess.ok(as, tvp, 16, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
            long sec = as.mem.read64(tvp), usec = as.mem.read64(tvp + 8);
            // microseconds past a second carry into the seconds (core_sys_select's poll_select_set_timeout)
            if (usec >= 0) {
                sec += usec / 1_000_000;
                usec %= 1_000_000;
            }
            if (sec < 0 || usec < 0) return -Errno.EINVAL;
            nanos = sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : sec * 1_000_000_000L + usec * 1000;
        }
        long start = System.nanoTime();
        long r = select(t, i0(c), a1(c), a2(c), a3(c), nanos);
        if (tvp != 0 && r >= 0) timeLeft(as, tvp, nanos, start, 1000);
        return r;
    }

    /** pselect6(nfds, readfds, writefds, exceptfds, struct timespec *timeout, {sigset *, size} *). */
    public static long pselect6(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        long tsp = a4(c), nanos = tsp == 0 ? -1 : PollCalls.timespec(as, tsp, Vma.PROT_READ | Vma.PROT_WRITE);
        if (tsp != 0 && nanos < 0) return nanos;
        long sig = a5(c), maskp = 0;
        if (sig != 0) {
            if (!Uaccess.ok(as, sig, 16, Vma.PROT_READ)) return -Errno.EFAULT;
            maskp = as.mem.read64(sig);
            long size = as.mem.read64(sig + 8);
            if (maskp != 0 && size != 8) return -Errno.EINVAL;
        }
        long start = System.nanoTime();
        long r = SignalCalls.withWaitMask(t, maskp, () -> select(t, i0(c), a1(c), a2(c), a3(c), nanos));
        if (tsp != 0 && r >= 0) timeLeft(as, tsp, nanos, start, 1);
        return r;
    }

    /** Writes the time left of a wait of {@code nanos} begun at {@code start}: seconds, then units of {@code unit} ns. */
    private static void timeLeft(AddressSpace as, long at, long nanos, long start, long unit) {
        if (nanos == Long.MAX_VALUE) return;
        long left = Math.max(0, nanos - (System.nanoTime() - start));
        as.mem.write64(at, left / 1_000_000_000L);
        as.mem.write64(at + 8, left % 1_000_000_000L / unit);
    }

    private static long select(GuestThread t, int nfds, long rd, long wr, long ex, long nanos) {
        if (nfds < 0) return -Errno.EINVAL;
        if (nfds > FdTable.MAX) nfds = FdTable.MAX;   // Linux clips it to the descriptor table's size
        AddressSpace as = t.proc.as;
        long bytes = ((nfds + 63) / 64) * 8L;
        long[] sets = {rd, wr, ex};
        for (long s : sets) {
            if (s != 0 && bytes > 0 && !Uaccess.ok(as, s, bytes, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        }
        short[] asked = new short[nfds];
        int n = 0;
        for (int fd = 0; fd < nfds; fd++) {
            short ev = 0;
            if (isSet(as, rd, fd)) ev |= POLLIN;
            if (isSet(as, wr, fd)) ev |= POLLOUT;
            if (isSet(as, ex, fd)) ev |= POLLPRI;
            if (ev == 0) continue;
            if (t.proc.fds.get(fd) == null) return -Errno.EBADF;
            asked[fd] = ev;
            n++;
        }
        short[] got = new short[nfds];
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocate(8L * Math.max(1, n), 8);
            int[] which = new int[n];
            int k = 0, readyHere = 0;
            for (int fd = 0; fd < nfds; fd++) {
                if (asked[fd] == 0) continue;
                int h = t.proc.fds.get(fd).hostFd();
                if (h < 0) {   // ring3's own file: ready for what it is asked
                    got[fd] = (short) (asked[fd] & (POLLIN | POLLOUT));
                    if (got[fd] != 0) readyHere++;
                }
                which[k] = fd;
                host.set(ValueLayout.JAVA_INT, 8L * k, h);
                host.set(ValueLayout.JAVA_SHORT, 8L * k + 4, asked[fd]);
                host.set(ValueLayout.JAVA_SHORT, 8L * k + 6, (short) 0);
                k++;
            }
            long r = PollCalls.hostPoll(t, a, host, n, readyHere > 0 ? 0 : nanos);
            if (r < 0) return r;
            for (k = 0; k < n; k++) {
                if (host.get(ValueLayout.JAVA_INT, 8L * k) >= 0) got[which[k]] = host.get(ValueLayout.JAVA_SHORT, 8L * k + 6);
            }
        }
        // the sets come back holding what is ready (zeroed first, as Linux writes every word up to nfds)
        long count = 0;
        for (long s : sets) if (s != 0) for (long off = 0; off < bytes; off += 8) as.mem.write64(s + off, 0);
        for (int fd = 0; fd < nfds; fd++) {
            short re = got[fd], ev = asked[fd];
            if (ev == 0) continue;
            if ((ev & POLLIN) != 0 && (re & (POLLIN | POLLHUP | POLLERR)) != 0) count += set(as, rd, fd);
            if ((ev & POLLOUT) != 0 && (re & (POLLOUT | POLLERR)) != 0) count += set(as, wr, fd);
            if ((ev & POLLPRI) != 0 && (re & POLLPRI) != 0) count += set(as, ex, fd);
        }
        return count;
    }

    private static boolean isSet(AddressSpace as, long set, int fd) {
        return set != 0 && (as.mem.read64(set + 8L * (fd >> 6)) >>> (fd & 63) & 1) != 0;
    }

    private static int set(AddressSpace as, long set, int fd) {
        long at = set + 8L * (fd >> 6);
        as.mem.write64(at, as.mem.read64(at) | 1L << (fd & 63));
        return 1;
    }
}
