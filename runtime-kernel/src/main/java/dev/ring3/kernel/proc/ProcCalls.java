package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;
import static dev.ring3.kernel.sys.SyscallTable.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.FdTable;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;

/**
 * Process and thread identity and limits (Linux's kernel/exit.c, kernel/sys.c, arch/x86/kernel/process_64.c):
 * exit, exit_group, the get*id family, set_tid_address, set_robust_list, arch_prctl, prlimit64, uname, getrandom,
 * sched_getaffinity, sched_yield, getcpu, prctl, and rseq (ENOSYS on purpose: glibc then does without it).
 */
public final class ProcCalls {
    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    static final int RLIMIT_STACK = 3, RLIMIT_NOFILE = 7, RLIM_NLIMITS = 16;
    static final long RLIM_INFINITY = -1L;
    static final int PR_SET_NAME = 15, PR_GET_NAME = 16;

    private ProcCalls() {}

    /** exit: the calling thread ends; the process with its last thread ({@link ThreadCalls}). */
    public static long exit(GuestThread t, Cpu c) { throw GuestExit.exitThread(i0(c)); }

    public static long exit_group(GuestThread t, Cpu c) { throw GuestExit.exitGroup(i0(c)); }

    public static long getpid(GuestThread t, Cpu c) { return t.proc.pid; }
    public static long getppid(GuestThread t, Cpu c) { return t.proc.ppid; }
    public static long gettid(GuestThread t, Cpu c) { return t.tid; }
    public static long getuid(GuestThread t, Cpu c) { return Host.syscall(GETUID); }
    public static long geteuid(GuestThread t, Cpu c) { return Host.syscall(GETEUID); }
    public static long getgid(GuestThread t, Cpu c) { return Host.syscall(GETGID); }
    public static long getegid(GuestThread t, Cpu c) { return Host.syscall(GETEGID); }

    /**
     * The host's supplementary groups (ring3 runs as the user who started it). As in Linux, only the entries
     * written must be in guest memory: with none, any list is fine.
     */
    public static long getgroups(GuestThread t, Cpu c) {
        int size = i0(c);
        if (size < 0) return -Errno.EINVAL;
        long n = Host.syscall(GETGROUPS, 0, 0);
        if (size == 0 || n <= 0) return n;
        if (size < n) return -Errno.EINVAL;
        if (!Uaccess.ok(t.proc.as, a1(c), 4L * n, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(GETGROUPS, n, t.proc.as.mem.host(a1(c)));
    }

    public static long set_tid_address(GuestThread t, Cpu c) {
        t.clearChildTid = a0(c);
        return t.tid;
    }

    public static long set_robust_list(GuestThread t, Cpu c) {
        if (a1(c) != 24) return -Errno.EINVAL;   // sizeof(struct robust_list_head)
        t.robustList = a0(c);
        t.robustListLen = a1(c);
        return 0;
    }

    public static long arch_prctl(GuestThread t, Cpu c) {
        int code = i0(c);
        long addr = a1(c);
        AddressSpace as = t.proc.as;
        return switch (code) {
            case ARCH_SET_FS -> { t.cpu.fsBase = addr; yield 0; }
            case ARCH_SET_GS -> { t.cpu.gsBase = addr; yield 0; }
            case ARCH_GET_FS -> Uaccess.put64(as, addr, t.cpu.fsBase) ? 0 : -Errno.EFAULT;
            case ARCH_GET_GS -> Uaccess.put64(as, addr, t.cpu.gsBase) ? 0 : -Errno.EFAULT;
            default -> -Errno.EINVAL;
        };
    }

    /** Limits ring3 enforces itself; the rest are the host's. */
    public static long prlimit64(GuestThread t, Cpu c) { return prlimit(t, a0(c), i1(c), a2(c), a3(c)); }

    public static long getrlimit(GuestThread t, Cpu c) { return prlimit(t, 0, i0(c), 0, a1(c)); }

    public static long setrlimit(GuestThread t, Cpu c) { return prlimit(t, 0, i0(c), a1(c), 0); }

    private static long prlimit(GuestThread t, long pid, int resource, long newp, long oldp) {
        if (pid != 0 && pid != t.proc.pid) return -Errno.ESRCH;
        if (resource < 0 || resource >= RLIM_NLIMITS) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (oldp != 0) {
            long cur, max;
            if (resource == RLIMIT_STACK) { cur = AddressSpace.STACK_SIZE; max = RLIM_INFINITY; }
            else if (resource == RLIMIT_NOFILE) { cur = FdTable.MAX; max = FdTable.MAX; }
            else {
                if (!Uaccess.ok(as, oldp, 16, Vma.PROT_WRITE)) return -Errno.EFAULT;
                long r = Host.syscall(PRLIMIT64, 0, resource, 0, as.mem.host(oldp));
                if (r < 0) return r;
                cur = as.mem.read64(oldp);
                max = as.mem.read64(oldp + 8);
            }
            if (!Uaccess.put64(as, oldp, cur) || !Uaccess.put64(as, oldp + 8, max)) return -Errno.EFAULT;
        }
        if (newp != 0) {
            if (!Uaccess.ok(as, newp, 16, Vma.PROT_READ)) return -Errno.EFAULT;
            if (Long.compareUnsigned(as.mem.read64(newp), as.mem.read64(newp + 8)) > 0) return -Errno.EINVAL;
            // accepted and not enforced beyond what ring3's own limits are
        }
        return 0;
    }

    static final int PRIO_PROCESS = 0;

    /**
     * getpriority(which, who) and setpriority(which, who, prio): the host's, for the calling thread when it names
     * this process or thread (ring3's processes and threads are the JVM's threads); a process group or user is
     * the host's own. Another pid is ESRCH. getpriority returns 20 - nice, as Linux's system call does.
     */
    public static long getpriority(GuestThread t, Cpu c) {
        long who = priorityTarget(t, i0(c), a1(c));
        return who < -1 ? who : Host.syscall(GETPRIORITY, i0(c), who);
    }

    public static long setpriority(GuestThread t, Cpu c) {
        long who = priorityTarget(t, i0(c), a1(c));
        return who < -1 ? who : Host.syscall(SETPRIORITY, i0(c), who, a2(c));
    }

    private static long priorityTarget(GuestThread t, int which, long who) {
        if (which != PRIO_PROCESS) return who;
        if (who == 0 || who == t.proc.pid || who == t.tid) return 0;
        return -Errno.ESRCH;
    }

    public static long uname(GuestThread t, Cpu c) {
        if (!Uaccess.ok(t.proc.as, a0(c), 390, Vma.PROT_WRITE)) return -Errno.EFAULT;  // 6 fields of 65 bytes
        return Host.syscall(UNAME, t.proc.as.mem.host(a0(c)));
    }

    public static long getrandom(GuestThread t, Cpu c) {
        long n = Uaccess.accessible(t.proc.as, a0(c), a1(c), Vma.PROT_WRITE);
        if (n == 0 && a1(c) > 0) return -Errno.EFAULT;
        return Host.syscall(GETRANDOM, t.proc.as.mem.host(a0(c)), n, a2(c));
    }

    public static long sched_getaffinity(GuestThread t, Cpu c) {
        long len = a1(c);
        if (!Uaccess.ok(t.proc.as, a2(c), len, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(SCHED_GETAFFINITY, 0, len, t.proc.as.mem.host(a2(c)));
    }

    public static long sched_yield(GuestThread t, Cpu c) {
        Thread.yield();
        return 0;
    }

    public static long getcpu(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        if (a0(c) != 0 && !Uaccess.put32(as, a0(c), 0)) return -Errno.EFAULT;
        if (a1(c) != 0 && !Uaccess.put32(as, a1(c), 0)) return -Errno.EFAULT;
        return 0;
    }

    public static long prctl(GuestThread t, Cpu c) {
        int option = i0(c);
        AddressSpace as = t.proc.as;
        if (option == PR_SET_NAME) {
            String name = Uaccess.string(as, a1(c), 4096);
            if (name == null) return -Errno.EFAULT;
            t.name = name.length() > 15 ? name.substring(0, 15) : name;
            return 0;
        }
        if (option == PR_GET_NAME) {
            byte[] b = java.util.Arrays.copyOf(dev.ring3.kernel.ByteStrings.bytes(t.name), 16);
            return Uaccess.putBytes(as, a1(c), b, 16) ? 0 : -Errno.EFAULT;
        }
        return -Errno.EINVAL;
    }

    /** getrusage, times, sysinfo: the host's figures (the JVM's, which include the guest's). */
    public static long getrusage(GuestThread t, Cpu c) {
        if (!Uaccess.ok(t.proc.as, a1(c), 144, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(GETRUSAGE, a0(c), t.proc.as.mem.host(a1(c)));
    }

    public static long sysinfo(GuestThread t, Cpu c) {
        if (!Uaccess.ok(t.proc.as, a0(c), 112, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(SYSINFO, t.proc.as.mem.host(a0(c)));
    }

    public static long times(GuestThread t, Cpu c) {
        if (a0(c) != 0 && !Uaccess.ok(t.proc.as, a0(c), 32, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(TIMES, a0(c) == 0 ? 0 : t.proc.as.mem.host(a0(c)));
    }

    public static long rseq(GuestThread t, Cpu c) { return -Errno.ENOSYS; }
}
