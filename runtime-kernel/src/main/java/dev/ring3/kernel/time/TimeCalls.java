package dev.ring3.kernel.time;

import static dev.ring3.kernel.sys.Args.*;
import static dev.ring3.kernel.sys.SyscallTable.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.Interruptible;
import dev.ring3.kernel.sys.Errno;

/**
 * Clocks and sleeping (Linux's kernel/time/): clock_gettime, clock_getres, gettimeofday, time, nanosleep,
 * clock_nanosleep, answered by the host's clocks. CPU-time clocks measure the whole JVM.
 */
public final class TimeCalls {
    private TimeCalls() {}

    private static long out(GuestThread t, long addr, long len) {
        return Uaccess.ok(t.proc.as, addr, len, Vma.PROT_WRITE) ? t.proc.as.mem.host(addr) : -1;
    }

    public static long clock_gettime(GuestThread t, Cpu c) {
        long ts = out(t, a1(c), 16);
        return ts < 0 ? -Errno.EFAULT : Host.syscall(CLOCK_GETTIME, a0(c), ts);
    }

    public static long clock_getres(GuestThread t, Cpu c) {
        if (a1(c) == 0) return Host.syscall(CLOCK_GETRES, a0(c), 0);
        long ts = out(t, a1(c), 16);
        return ts < 0 ? -Errno.EFAULT : Host.syscall(CLOCK_GETRES, a0(c), ts);
    }

    public static long gettimeofday(GuestThread t, Cpu c) {
        long tv = a0(c) == 0 ? 0 : out(t, a0(c), 16);
        long tz = a1(c) == 0 ? 0 : out(t, a1(c), 8);
        if (tv < 0 || tz < 0) return -Errno.EFAULT;
        return Host.syscall(GETTIMEOFDAY, tv, tz);
    }

    public static long time(GuestThread t, Cpu c) {
        long now = Host.syscall(TIME, 0);
        if (a0(c) != 0 && !Uaccess.put64(t.proc.as, a0(c), now)) return -Errno.EFAULT;
        return now;
    }

    public static long nanosleep(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, a0(c), 16, Vma.PROT_READ)) return -Errno.EFAULT;
        long rem = a1(c) == 0 ? 0 : out(t, a1(c), 16);
        if (rem < 0) return -Errno.EFAULT;
        return Interruptible.callNoRestart(t, NANOSLEEP, as.mem.host(a0(c)), rem, 0, 0, 0, 0);
    }

    public static long clock_nanosleep(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, a2(c), 16, Vma.PROT_READ)) return -Errno.EFAULT;
        long rem = a3(c) == 0 ? 0 : out(t, a3(c), 16);
        if (rem < 0) return -Errno.EFAULT;
        return Interruptible.callNoRestart(t, CLOCK_NANOSLEEP, a0(c), a1(c), as.mem.host(a2(c)), rem, 0, 0);
    }
}
