package dev.ring3.kernel.sys;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.Diag;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.proc.GuestThread;
import java.util.HashMap;
import java.util.Map;

/**
 * --strace: one line per system call on ring3's stderr, in strace's format: name, decoded arguments, result
 * (with the errno name when negative). Calls that do not return (exit, exit_group) are printed on entry.
 *
 * <p>Argument kinds, one letter each: d int, l long, u unsigned, x hex, p pointer, f fd, F dirfd, s path string,
 * b input buffer (its length is the next argument), B output buffer (its length is the result), o open flags,
 * m octal mode, P mmap prot, M mmap flags, S signal number, v array of strings (argv), E environment (its address
 * and how many variables, as strace abbreviates it), T struct timespec, and for futex (whose arguments depend on
 * the operation, {@link #futexFormat}) U the operation, K a bitset, W a wake-op encoding; - skips an argument.
 */
public final class Strace {
    private static final Map<String, String> FORMATS = new HashMap<>();

    static {
        String[] f = {
            "read fBu", "write fbu", "pread64 fBul", "pwrite64 fbul", "readv fpd", "writev fpd", "lseek fld",
            "close f", "dup f", "dup2 ff", "dup3 ffx", "fcntl fdx", "ioctl fxx", "fsync f", "fdatasync f", "sendfile ffpu",
            "open som", "openat Fsom", "creat sm", "stat sp", "lstat sp", "fstat fp", "newfstatat Fspx",
            "statx Fsxxp", "access sd", "faccessat Fsd", "faccessat2 Fsdx", "readlink sBu", "readlinkat FsBu",
            "getcwd pu", "chdir s", "fchdir f", "getdents64 fpu", "mkdir sm", "mkdirat Fsm", "unlink s",
            "unlinkat Fsx", "rmdir s", "rename ss", "renameat FsFs", "renameat2 FsFsx", "link ss", "linkat FsFsx",
            "symlink ss", "symlinkat sFs", "chmod sm", "fchmod fm", "fchmodat Fsm", "truncate sl", "ftruncate fl",
            "statfs sp", "fstatfs fp", "umask m", "utimensat Fspx",
            "chown sdd", "lchown sdd", "fchown fdd", "fchownat Fsddx", "mknod smx", "mknodat Fsmx", "sync ", "syncfs f",
            "mmap puPMfx", "munmap pu", "mprotect puP", "brk p", "mremap puuxp", "madvise pud",
            "execve svE", "execveat FsvEx", "exit d", "exit_group d", "getpid ", "getppid ", "gettid ", "getuid ", "geteuid ", "getgid ",
            "getegid ", "getgroups dp", "set_tid_address p", "set_robust_list pu", "arch_prctl xp", "prlimit64 ddpp",
            "getrlimit dp", "setrlimit dp", "uname p", "getrandom pux", "sched_getaffinity dup", "sched_yield ",
            "getcpu ppp", "prctl dxxxx", "rseq pudx",
            "getsockname fpp", "getpeername fpp", "rt_sigaction Sppu", "rt_sigprocmask dppu", "sigaltstack pp", "kill dS", "tgkill ddS", "tkill dS",
            "clock_gettime dp", "clock_getres dp", "gettimeofday pp", "time p", "nanosleep pp",
            "clock_nanosleep dxpp", "pipe p", "pipe2 px", "clone xpppx", "clone3 pu", "socket ddd", "socketpair dddp", "bind fpd", "connect fpd", "listen fd", "accept fpp", "accept4 fppx", "sendto fbuxpd", "recvfrom fpuxpp", "sendmsg fpx", "recvmsg fpx", "shutdown fd", "setsockopt fddpd", "getsockopt fddpp", "select dpppp", "pselect6 dppppp", "epoll_create d", "epoll_create1 x", "epoll_ctl fdfp", "epoll_wait fpdd", "epoll_pwait fpddpu", "epoll_pwait2 fpdppu", "eventfd u", "eventfd2 ux", "fork ", "vfork ", "wait4 dpxp", "waitid ddpxp",
            "rt_sigsuspend pu", "rt_sigpending pu", "timer_create dpp", "timer_settime dxpp", "timer_gettime dp", "timer_getoverrun d", "timer_delete d", "rt_sigtimedwait pppu", "rt_sigqueueinfo dSp", "rt_tgsigqueueinfo ddSp", "pause ", "rt_sigreturn ", "poll pdd", "ppoll pdppu",
        };
        for (String s : f) {
            int sp = s.indexOf(' ');
            FORMATS.put(s.substring(0, sp), s.substring(sp + 1));
        }
    }

    private static final String[] ERRNO = new String[134];

    static {
        String[] e = {"EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
            "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR",
            "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS",
            "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP"};
        for (int k = 0; k < e.length; k++) ERRNO[k + 1] = e[k];
        ERRNO[61] = "ENODATA";
        ERRNO[75] = "EOVERFLOW";
        ERRNO[88] = "ENOTSOCK";
        ERRNO[95] = "EOPNOTSUPP";
        ERRNO[110] = "ETIMEDOUT";
    }

    /** Prints calls that never return now; the rest wait for their result. */
    public void enter(GuestThread t, Cpu c, long nr) {
        if (nr == SyscallTable.EXIT || nr == SyscallTable.EXIT_GROUP) Diag.line(pid(t) + call(t, c, nr, 0) + " = ?");
    }

    public void exit(GuestThread t, Cpu c, long nr, long ret) {
        Diag.line(pid(t) + call(t, c, nr, ret) + " = " + result(nr, ret));
    }

    /** As strace -f: the lines of processes other than the first one begin with their pid. */
    /** strace -f's prefix: every task but the first process's first thread is named by its tid. */
    private static String pid(GuestThread t) {
        return t.proc.forked() || t != t.proc.thread ? "[pid " + t.tid + "] " : "";
    }

    String call(GuestThread t, Cpu c, long nr, long ret) {
        String name = SyscallTable.name(nr);
        StringBuilder sb = new StringBuilder();
        if (name == null) sb.append("syscall_").append(nr);
        else sb.append(name);
        sb.append('(');
        String fmt = name == null ? null : nr == SyscallTable.FUTEX ? futexFormat((int) c.r[Args.REGS[1]]) : FORMATS.get(name);
        if (fmt == null) fmt = "xxxxxx";
        boolean first = true;
        for (int k = 0; k < fmt.length(); k++) {
            long v = c.r[Args.REGS[k]];
            if (fmt.charAt(k) == '-') continue;
            // open's mode is printed only when O_CREAT or O_TMPFILE make it meaningful, as strace does
            if (fmt.charAt(k) == 'm' && k > 0 && fmt.charAt(k - 1) == 'o'
                    && (c.r[Args.REGS[k - 1]] & 0100) == 0 && (c.r[Args.REGS[k - 1]] & 020200000) != 020200000) {
                continue;
            }
            if (!first) sb.append(", ");
            first = false;
            long next = k + 1 < 6 ? c.r[Args.REGS[k + 1]] : 0;
            arg(sb, t.proc.as, fmt.charAt(k), v, next, ret);
        }
        return sb.append(')').toString();
    }

    private static void arg(StringBuilder sb, AddressSpace as, char kind, long v, long next, long ret) {
        switch (kind) {
            case 'd', 'f', 'S' -> sb.append((int) v);
            case 'l' -> sb.append(v);
            case 'u' -> sb.append(Long.toUnsignedString(v));
            case 'F' -> sb.append((int) v == -100 ? "AT_FDCWD" : Integer.toString((int) v));
            case 'p' -> sb.append(v == 0 ? "NULL" : "0x" + Long.toHexString(v));
            case 's' -> {
                if (v == 0) {
                    sb.append("NULL");
                    return;
                }
                String s = Uaccess.string(as, v, 4096);
                if (s == null) sb.append("0x").append(Long.toHexString(v));
                else quote(sb, dev.ring3.kernel.ByteStrings.bytes(s), s.length());
            }
            case 'b' -> buffer(sb, as, v, next);
            case 'B' -> {
                if (ret < 0) sb.append("0x").append(Long.toHexString(v));
                else buffer(sb, as, v, ret);
            }
            case 'v', 'E' -> vector(sb, as, v, kind == 'E');
            case 'T' -> {
                if (v == 0) sb.append("NULL");
                else if (!Uaccess.ok(as, v, 16, dev.ring3.kernel.mm.Vma.PROT_READ)) sb.append("0x").append(Long.toHexString(v));
                else sb.append("{tv_sec=").append(as.mem.read64(v)).append(", tv_nsec=").append(as.mem.read64(v + 8)).append('}');
            }
            case 'U' -> sb.append(futexOp((int) v));
            case 'K' -> sb.append((int) v == -1 ? "FUTEX_BITSET_MATCH_ANY" : Integer.toUnsignedString((int) v));
            case 'W' -> {
                int w = (int) v, op = (w >>> 28) & 7;
                String[] ops = {"SET", "ADD", "OR", "ANDN", "XOR"}, cmps = {"EQ", "NE", "LT", "LE", "GT", "GE"};
                int cmp = (w >>> 24) & 15;
                sb.append((w & 0x80000000) != 0 ? "FUTEX_OP_OPARG_SHIFT<<28|" : "")
                        .append(op < ops.length ? "FUTEX_OP_" + ops[op] : Integer.toString(op)).append("<<28|0x")
                        .append(Integer.toHexString((w >>> 12) & 0xfff)).append("<<12|")
                        .append(cmp < cmps.length ? "FUTEX_OP_CMP_" + cmps[cmp] : Integer.toString(cmp)).append("<<24|0x")
                        .append(Integer.toHexString(w & 0xfff));
            }
            case 'o' -> sb.append(OpenFlags.format((int) v));
            case 'm' -> sb.append("0").append(Long.toOctalString(v & 07777));
            case 'P' -> sb.append(MmapFlags.prot((int) v));
            case 'M' -> sb.append(MmapFlags.flags((int) v));
            default -> sb.append("0x").append(Long.toHexString(v));
        }
    }

    private static final String[] FUTEX_OPS = {"FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
        "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_WAIT_BITSET",
        "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI", "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};   // linux/futex.h

    /** futex's arguments as strace shows them for each operation (the unused ones left out). */
    static String futexFormat(int op) {
        return switch (op & 127) {
            case 0 -> "pUdT";        // WAIT: uaddr, op, val, timeout
            case 1 -> "pUd";         // WAKE
            case 3 -> "pUddp";       // REQUEUE: val2 in the timeout's place, uaddr2
            case 4 -> "pUddpd";      // CMP_REQUEUE: and val3
            case 5 -> "pUddpW";      // WAKE_OP: val3 is the operation
            case 9 -> "pUdT-K";      // WAIT_BITSET: timeout, bitset in val3
            case 10 -> "pUd--K";     // WAKE_BITSET
            default -> "pUdppd";
        };
    }

    static String futexOp(int op) {
        int cmd = op & 127;
        if (cmd >= FUTEX_OPS.length || (op & ~(127 | 128 | 256)) != 0) {
            return "0x" + Integer.toHexString(op) + " /* FUTEX_??? */";
        }
        return FUTEX_OPS[cmd] + ((op & 128) != 0 ? "_PRIVATE" : "") + ((op & 256) != 0 ? "|FUTEX_CLOCK_REALTIME" : "");
    }

    /** A NULL-terminated array of strings: ["a", "b"] (at most 32 shown), or for the environment its count. */
    private static void vector(StringBuilder sb, AddressSpace as, long addr, boolean countOnly) {
        if (addr == 0) {
            sb.append("NULL");
            return;
        }
        StringBuilder items = new StringBuilder("[");
        int n = 0;
        for (long at = addr; ; at += 8, n++) {
            if (!Uaccess.ok(as, at, 8, dev.ring3.kernel.mm.Vma.PROT_READ)) {
                sb.append("0x").append(Long.toHexString(addr));
                return;
            }
            long s = as.mem.read64(at);
            if (s == 0) break;
            if (countOnly) continue;
            if (n == 32) {
                items.append(", ...");
                while (Uaccess.ok(as, at + 8, 8, dev.ring3.kernel.mm.Vma.PROT_READ) && as.mem.read64(at + 8) != 0) at += 8;
                break;
            }
            if (n > 0) items.append(", ");
            arg(items, as, 's', s, 0, 0);
        }
        if (countOnly) sb.append("0x").append(Long.toHexString(addr)).append(" /* ").append(n).append(" vars */");
        else sb.append(items).append(']');
    }

    private static void buffer(StringBuilder sb, AddressSpace as, long addr, long len) {
        int show = (int) Math.min(Math.max(len, 0), 32);
        byte[] b = Uaccess.getBytes(as, addr, show);
        if (b == null) {
            sb.append("0x").append(Long.toHexString(addr));
            return;
        }
        quote(sb, b, show);
        if (len > show) sb.append("...");
    }

    private static void quote(StringBuilder sb, byte[] b, int n) {
        sb.append('"');
        for (int k = 0; k < n && k < b.length; k++) {
            int ch = b[k] & 0xff;
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch >= 0x20 && ch < 0x7f) sb.append((char) ch);
                    else sb.append(String.format("\\%o", ch));
                }
            }
        }
        sb.append('"');
    }

    static String result(long nr, long ret) {
        if (ret < 0 && ret > -4096) {
            int e = (int) -ret;
            String name = e < ERRNO.length && ERRNO[e] != null ? ERRNO[e] : "E" + e;
            return "-1 " + name;
        }
        if (nr == SyscallTable.MMAP || nr == SyscallTable.BRK || nr == SyscallTable.MREMAP) return "0x" + Long.toHexString(ret);
        return Long.toString(ret);
    }
}
