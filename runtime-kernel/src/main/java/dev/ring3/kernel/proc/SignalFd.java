package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestMemory;
import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * signalfd and signalfd4 (Linux's fs/signalfd.c): a descriptor whose reads take the reader's pending signals of a
 * mask, each as a 128-byte struct signalfd_siginfo (linux/signalfd.h), instead of their delivery. Signals are
 * ring3's, so the description is ring3's too; a host eventfd behind it stands for "a signal of the mask may be
 * pending" (made readable when one is sent, emptied by a read that leaves none), so that poll, select and epoll,
 * which the host does, see a signalfd as readable exactly then, and a blocking read waits in the host for it.
 * A read takes the reading thread's signals first, then those pending on the process's other threads (ring3 keeps a
 * process's signals on the thread it chose, where Linux has a shared queue).
 */
public final class SignalFd extends FileDescription {
    // <linux/signalfd.h>: SFD_CLOEXEC and SFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK; <sys/eventfd.h>
    static final int SFD_CLOEXEC = 02000000, SFD_NONBLOCK = 04000, EFD_NONBLOCK = 04000, EFD_CLOEXEC = 02000000;
    static final int SIGINFO_SIZE = 128, SIGCHLD = 17, POLLIN = 1;

    private final GuestProcess owner;
    private final int efd;
    private final MemorySegment one = Arena.ofAuto().allocate(8, 8);
    private volatile long mask;
    private volatile boolean nonblock;

    private SignalFd(GuestProcess owner, int efd, long mask, boolean nonblock) {
        this.owner = owner;
        this.efd = efd;
        this.mask = mask;
        this.nonblock = nonblock;
        one.set(ValueLayout.JAVA_LONG, 0, 1);
    }

    /** signalfd(fd, mask, sizemask). */
    public static long signalfd(GuestThread t, Cpu c) { return make(t, i0(c), a1(c), a2(c), 0); }

    /** signalfd4(fd, mask, sizemask, flags): a new signalfd (fd -1) or a new mask for one. */
    public static long signalfd4(GuestThread t, Cpu c) { return make(t, i0(c), a1(c), a2(c), i3(c)); }

    private static long make(GuestThread t, int fd, long maskp, long size, int flags) {
        if (size != 8 || (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK)) != 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, maskp, 8, Vma.PROT_READ)) return -Errno.EFAULT;
        long mask = as.mem.read64(maskp) & ~SignalCalls.UNBLOCKABLE;
        if (fd != -1) {
            FileDescription f = fd < 0 ? null : t.proc.fds.get(fd);
            if (f == null) return -Errno.EBADF;
            if (!(f instanceof SignalFd s)) return -Errno.EINVAL;
            s.mask = mask;
            s.armIfPending(t);
            return fd;
        }
        long efd = Host.syscall(SyscallTable.EVENTFD2, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (efd < 0) return efd;
        SignalFd s = new SignalFd(t.proc, (int) efd, mask, (flags & SFD_NONBLOCK) != 0);
        int installed = t.proc.fds.install(s, (flags & SFD_CLOEXEC) != 0);
        if (installed < 0) {
            s.close();
            return installed;
        }
        t.proc.kernel.signalFds.add(s);
        s.armIfPending(t);
        return installed;
    }

    /** A signal was made pending in process p ({@link SignalDelivery#sendTo}): signalfds of its mask wake. */
    static void sent(GuestProcess p, int sig) {
        for (SignalFd s : p.kernel.signalFds) if ((s.mask & SignalDelivery.bit(sig)) != 0) s.arm();
    }

    @Override public int hostFd() { return efd; }

    @Override
    public long read(GuestThread t, long buf, long len) {
        if (len < SIGINFO_SIZE) return -Errno.EINVAL;
        int max = (int) Math.min(len / SIGINFO_SIZE, 64);
        while (true) {
            drain();   // before taking: a signal sent from now on makes it readable again
            int n = 0;
            for (; n < max; n++) if (!take(t, buf + (long) SIGINFO_SIZE * n)) break;
            armIfPending(t);
            if (n > 0) return (long) SIGINFO_SIZE * n;
            if (nonblock) return -Errno.EAGAIN;
            long r;
            try (Arena a = Arena.ofConfined()) {   // wait in the host until it is readable (or a signal's handler runs)
                MemorySegment pfd = a.allocate(8, 8);
                pfd.set(ValueLayout.JAVA_INT, 0, efd);
                pfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
                r = Interruptible.call(t, SyscallTable.PPOLL, pfd.address(), 1, 0, 0, 8, 0);
            }
            if (r < 0) return r;
        }
    }

    @Override
    public long fstat(GuestThread t, long statbuf) {
        return Host.syscall(SyscallTable.FSTAT, efd, t.proc.as.mem.host(statbuf));
    }

    @Override public long getFlags() { return 02 /* O_RDWR */ | (nonblock ? SFD_NONBLOCK : 0); }

    @Override
    public long setFlags(long flags) {
        nonblock = (flags & SFD_NONBLOCK) != 0;
        return 0;
    }

    @Override
    protected void release() {
        owner.kernel.signalFds.remove(this);
        Host.syscall(SyscallTable.CLOSE, efd);
    }

    /** Takes the lowest pending signal of the mask (the reader's, else another thread's) into buf; false if none. */
    private boolean take(GuestThread t, long buf) {
        long m = mask;
        SignalDelivery.Taken got = SignalDelivery.dequeue(t, m);
        for (GuestThread o : t.proc.threads) {
            if (got != null) break;
            got = SignalDelivery.dequeue(o, m);
        }
        if (got == null) return false;
        write(t.proc.as.mem, buf, got.sig(), got.info());
        return true;
    }

    /**
     * struct signalfd_siginfo: ssi_signo 0, ssi_errno 4, ssi_code 8, ssi_pid 12, ssi_uid 16, ssi_fd 20, ssi_tid 24,
     * ssi_band 28, ssi_overrun 32, ssi_trapno 36, ssi_status 40, ssi_int 44, ssi_ptr 48, ssi_utime 56, ssi_stime 64,
     * ssi_addr 72, the rest zero (128 bytes), filled as Linux's signalfd_copyinfo fills it.
     */
    static void write(GuestMemory m, long at, int sig, SignalDelivery.Info info) {
        for (int off = 0; off < SIGINFO_SIZE; off += 8) m.write64(at + off, 0);
        m.write32(at, sig);
        m.write32(at + 8, info == null ? SignalDelivery.SI_USER : info.code());
        if (info == null) return;
        if (info.fault()) {
            m.write64(at + 72, info.addr());
        } else if (info.code() == PosixTimers.SI_TIMER) {
            m.write32(at + 24, info.pid());   // the timer's id
            m.write32(at + 32, info.uid());   // its overruns
            m.write32(at + 44, (int) info.value());
            m.write64(at + 48, info.value());
        } else {
            m.write32(at + 12, info.pid());
            m.write32(at + 16, info.uid());
            if (sig == SIGCHLD) m.write32(at + 40, info.status());
            else if (info.code() < 0 && info.code() != SignalDelivery.SI_TKILL) {
                m.write32(at + 44, (int) info.value());
                m.write64(at + 48, info.value());
            }
        }
    }

    private void armIfPending(GuestThread t) {
        long m = mask;
        boolean any;
        synchronized (t.proc.signals) {
            any = false;
            for (GuestThread o : t.proc.threads) any |= (o.pending & m) != 0;
        }
        if (any) arm();
    }

    private void arm() { Host.syscall(SyscallTable.WRITE, efd, one.address(), 8); }

    private void drain() {
        try (Arena a = Arena.ofConfined()) {
            Host.syscall(SyscallTable.READ, efd, a.allocate(8, 8).address(), 8);   // EAGAIN when already empty
        }
    }
}
