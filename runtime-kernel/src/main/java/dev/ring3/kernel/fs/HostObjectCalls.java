package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * Descriptors of anonymous host objects, installed in the guest's table as eventfd and epoll are
 * ({@link FdTable#installHost}): memfd_create (Linux's mm/memfd.c), whose file the guest reads, writes, truncates
 * and maps like any host file; and timerfd (fs/timerfd.c), whose expirations the guest reads or polls. The guest's
 * struct itimerspec (two struct timespec, 32 bytes, linux/time_types.h) is read and written by the host in guest
 * memory. Flags are Linux's own (linux/memfd.h; TFD_* are O_CLOEXEC and O_NONBLOCK, linux/timerfd.h).
 */
public final class HostObjectCalls {
    private HostObjectCalls() {}

    static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_NOEXEC_SEAL = 8, MFD_EXEC = 0x10;
    static final int TFD_CLOEXEC = 02000000, TFD_NONBLOCK = 04000, TFD_TIMER_ABSTIME = 1,
            TFD_TIMER_CANCEL_ON_SET = 2;
    static final int ITIMERSPEC_SIZE = 32;
    /** MFD_NAME_MAX_LEN: NAME_MAX less the "memfd:" Linux puts before the name; longer names are EINVAL. */
    static final int MEMFD_NAME_MAX = 249;

    /** memfd_create(name, flags): the host's, always close-on-exec for ring3 itself. */
    public static long memfd_create(GuestThread t, Cpu c) {
        int flags = i1(c);
        if ((flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL | MFD_EXEC)) != 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        long len = Uaccess.strlen(as, a0(c), 4096);
        if (len < 0) return -Errno.EFAULT;
        if (len > MEMFD_NAME_MAX) return -Errno.EINVAL;
        long h = Host.syscall(SyscallTable.MEMFD_CREATE, as.mem.host(a0(c)), flags | MFD_CLOEXEC);
        return t.proc.fds.installHost(h, (flags & MFD_CLOEXEC) != 0);
    }

    /** timerfd_create(clockid, flags). */
    public static long timerfd_create(GuestThread t, Cpu c) {
        int flags = i1(c);
        if ((flags & ~(TFD_CLOEXEC | TFD_NONBLOCK)) != 0) return -Errno.EINVAL;
        long h = Host.syscall(SyscallTable.TIMERFD_CREATE, i0(c), flags | TFD_CLOEXEC);
        return t.proc.fds.installHost(h, (flags & TFD_CLOEXEC) != 0);
    }

    /** timerfd_settime(fd, flags, new_value, old_value). */
    public static long timerfd_settime(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        long next = a2(c), old = a3(c);
        if ((i1(c) & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) != 0) return -Errno.EINVAL;
        if (!Uaccess.ok(as, next, ITIMERSPEC_SIZE, Vma.PROT_READ)) return -Errno.EFAULT;
        if (old != 0 && !Uaccess.ok(as, old, ITIMERSPEC_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        int h = FsCalls.hostFd(t, i0(c));
        if (h < 0) return h;
        return Host.syscall(SyscallTable.TIMERFD_SETTIME, h, i1(c), as.mem.host(next),
                old == 0 ? 0 : as.mem.host(old));
    }

    /** timerfd_gettime(fd, curr_value). */
    public static long timerfd_gettime(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, a1(c), ITIMERSPEC_SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        int h = FsCalls.hostFd(t, i0(c));
        if (h < 0) return h;
        return Host.syscall(SyscallTable.TIMERFD_GETTIME, h, as.mem.host(a1(c)));
    }
}
