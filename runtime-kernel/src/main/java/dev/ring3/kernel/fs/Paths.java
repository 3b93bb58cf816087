package dev.ring3.kernel.fs;

import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.sys.Errno;

/**
 * Path arguments of *at system calls: the guest's string (checked: EFAULT, ENAMETOOLONG) and its directory
 * descriptor translated to the host's (AT_FDCWD becomes the process's working-directory fd).
 */
public final class Paths {
    public static final int AT_FDCWD = -100;
    /** The *at calls' flags (include/uapi/linux/fcntl.h). */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    public static final int PATH_MAX = 4096;

    private Paths() {}

    /** The path string at addr, or null; {@link #error} says why. */
    public static String read(GuestProcess p, long addr) {
        return Uaccess.string(p.as, addr, PATH_MAX);
    }

    /** -EFAULT or -ENAMETOOLONG for a path that could not be read. */
    public static int error(GuestProcess p, long addr) {
        return Uaccess.accessible(p.as, addr, PATH_MAX, dev.ring3.kernel.mm.Vma.PROT_READ) >= PATH_MAX
                ? -Errno.ENAMETOOLONG : -Errno.EFAULT;
    }

    /** The host directory fd for a guest dirfd, or -EBADF. */
    public static int dirfd(GuestProcess p, int dirfd) {
        if (dirfd == AT_FDCWD) return p.cwdFd;
        FileDescription f = p.fds.get(dirfd);
        if (f == null) return -Errno.EBADF;
        int h = f.hostFd();
        return h >= 0 ? h : -Errno.ENOTDIR;
    }

    /** True if a path names this process's /proc entry ("/proc/self/..." or "/proc/PID/..."). */
    public static String procSelf(GuestProcess p, String path) {
        if (path.startsWith("/proc/self/")) return path.substring(11);
        if (path.startsWith("/proc/thread-self/")) return path.substring(18);
        String pid = "/proc/" + p.pid + "/";
        return path.startsWith(pid) ? path.substring(pid.length()) : null;
    }
}
