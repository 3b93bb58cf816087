package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.Args.*;
import static dev.ring3.kernel.sys.SyscallTable.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.ByteStrings;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Path-based file-system calls (Linux's fs/open.c, fs/stat.c, fs/namei.c, fs/readdir.c, fs/d_path.c): the guest's
 * path and buffers go to the host's *at system call with the directory descriptor translated (the working
 * directory is a host O_PATH descriptor per process). /proc/self entries that describe the process are answered
 * by ring3 ({@link ProcSelf}).
 */
public final class FsCalls {
    static final int O_CLOEXEC = 02000000, AT_SYMLINK_NOFOLLOW = Paths.AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR = Paths.AT_REMOVEDIR;
    static final int O_PATH = 010000000, O_DIRECTORY = 0200000;

    private FsCalls() {}

    /** A path argument already checked, with its guest address. */
    private record PathArg(String path, long addr, long error) {}

    private static PathArg path(GuestProcess p, long addr) {
        String s = Paths.read(p, addr);
        return s == null ? new PathArg(null, addr, Paths.error(p, addr)) : new PathArg(s, addr, 0);
    }

    private static long host(GuestProcess p, long guest) { return p.as.mem.host(guest); }

    // ---- open ---------------------------------------------------------------------------------------------------

    public static long open(GuestThread t, Cpu c) { return openAt(t, Paths.AT_FDCWD, a0(c), i1(c), i2(c)); }

    public static long openat(GuestThread t, Cpu c) { return openAt(t, i0(c), a1(c), i2(c), i3(c)); }

    public static long creat(GuestThread t, Cpu c) {
        return openAt(t, Paths.AT_FDCWD, a0(c), 01 | 0100 | 01000 /* O_WRONLY|O_CREAT|O_TRUNC */, i1(c));
    }

    static long openAt(GuestThread t, int dirfd, long pathAddr, int flags, int mode) {
        GuestProcess p = t.proc;
        PathArg pa = path(p, pathAddr);
        if (pa.path == null) return pa.error;
        String self = Paths.procSelf(p, pa.path);
        if (self != null) {
            if (self.equals("exe")) return openHost(p, Paths.AT_FDCWD, p.exe, flags, mode);
            byte[] content = ProcSelf.content(p, self);
            if (content != null) return p.fds.install(new MemFile(content), (flags & O_CLOEXEC) != 0);
        }
        int hd = Paths.dirfd(p, dirfd);
        if (hd < 0 && !pa.path.startsWith("/")) return hd;
        long fd = Host.syscall(OPENAT, hd < 0 ? p.cwdFd : hd, host(p, pathAddr), flags | O_CLOEXEC, mode);
        return install(p, fd, flags);
    }

    private static long openHost(GuestProcess p, int dirfd, String path, int flags, int mode) {
        try (Arena a = Arena.ofConfined()) {
            long fd = Host.syscall(OPENAT, dirfd == Paths.AT_FDCWD ? p.cwdFd : dirfd,
                    ByteStrings.c(a, path).address(), flags | O_CLOEXEC, mode);
            return install(p, fd, flags);
        }
    }

    private static long install(GuestProcess p, long hostFd, int flags) {
        if (hostFd < 0) return hostFd;
        int fd = p.fds.install(new HostFile((int) hostFd), (flags & O_CLOEXEC) != 0);
        if (fd < 0) Host.syscall(CLOSE, hostFd);
        return fd;
    }

    // ---- stat ---------------------------------------------------------------------------------------------------

    public static long stat(GuestThread t, Cpu c) { return statAt(t, Paths.AT_FDCWD, a0(c), a1(c), 0); }

    public static long lstat(GuestThread t, Cpu c) {
        return statAt(t, Paths.AT_FDCWD, a0(c), a1(c), AT_SYMLINK_NOFOLLOW);
    }

    public static long newfstatat(GuestThread t, Cpu c) { return statAt(t, i0(c), a1(c), a2(c), i3(c)); }

    public static long fstat(GuestThread t, Cpu c) {
        FileDescription f = t.proc.fds.get(i0(c));
        if (f == null) return -Errno.EBADF;
        if (!Uaccess.ok(t.proc.as, a1(c), StatBuf.SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return f.fstat(t, a1(c));
    }

    static long statAt(GuestThread t, int dirfd, long pathAddr, long buf, int flags) {
        GuestProcess p = t.proc;
        if (!Uaccess.ok(p.as, buf, StatBuf.SIZE, Vma.PROT_WRITE)) return -Errno.EFAULT;
        PathArg pa = path(p, pathAddr);
        if (pa.path == null) return pa.error;
        if (pa.path.isEmpty() && (flags & 0x1000) != 0) {   // AT_EMPTY_PATH: the descriptor itself
            FileDescription f = dirfd == Paths.AT_FDCWD ? null : p.fds.get(dirfd);
            if (f != null && f.hostFd() < 0) return f.fstat(t, buf);
        }
        String self = Paths.procSelf(p, pa.path);
        if ("exe".equals(self) && (flags & AT_SYMLINK_NOFOLLOW) == 0) {
            try (Arena a = Arena.ofConfined()) {
                return Host.syscall(NEWFSTATAT, p.cwdFd, ByteStrings.c(a, p.exe).address(), host(p, buf), 0);
            }
        }
        int hd = Paths.dirfd(p, dirfd);
        if (hd < 0) return hd;
        return Host.syscall(NEWFSTATAT, hd, host(p, pathAddr), host(p, buf), flags);
    }

    public static long statx(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        if (!Uaccess.ok(p.as, a4(c), 256, Vma.PROT_WRITE)) return -Errno.EFAULT;
        PathArg pa = path(p, a1(c));
        if (pa.path == null) return pa.error;
        int hd = Paths.dirfd(p, i0(c));
        if (hd < 0) return hd;
        return Host.syscall(STATX, hd, host(p, a1(c)), i2(c), i3(c), host(p, a4(c)));
    }

    // ---- access, readlink, getcwd, chdir -------------------------------------------------------------------------

    public static long access(GuestThread t, Cpu c) { return simpleAt(t, FACCESSAT, Paths.AT_FDCWD, a0(c), a1(c), 0); }

    public static long faccessat(GuestThread t, Cpu c) { return simpleAt(t, FACCESSAT, i0(c), a1(c), a2(c), 0); }

    public static long faccessat2(GuestThread t, Cpu c) { return simpleAt(t, FACCESSAT2, i0(c), a1(c), a2(c), a3(c)); }

    public static long readlink(GuestThread t, Cpu c) { return readlinkAt(t, Paths.AT_FDCWD, a0(c), a1(c), a2(c)); }

    public static long readlinkat(GuestThread t, Cpu c) { return readlinkAt(t, i0(c), a1(c), a2(c), a3(c)); }

    static long readlinkAt(GuestThread t, int dirfd, long pathAddr, long buf, long size) {
        GuestProcess p = t.proc;
        if (size <= 0) return -Errno.EINVAL;
        PathArg pa = path(p, pathAddr);
        if (pa.path == null) return pa.error;
        long n = Uaccess.accessible(p.as, buf, size, Vma.PROT_WRITE);
        if (n == 0) return -Errno.EFAULT;
        String self = Paths.procSelf(p, pa.path);
        String target = null;
        if ("exe".equals(self)) target = p.exe;
        else if ("cwd".equals(self)) target = cwd(p);
        else if (self != null && self.startsWith("fd/")) {
            try {
                FileDescription f = p.fds.get(Integer.parseInt(self.substring(3)));
                if (f == null) return -Errno.ENOENT;
                if (f.hostFd() >= 0) target = hostReadlink("/proc/self/fd/" + f.hostFd());
                else return -Errno.ENOENT;
            } catch (NumberFormatException e) {
                return -Errno.ENOENT;
            }
        }
        if (target != null) {
            byte[] b = ByteStrings.bytes(target);
            int len = (int) Math.min(b.length, n);
            p.as.mem.writeBytes(buf, b, 0, len);
            return len;
        }
        int hd = Paths.dirfd(p, dirfd);
        if (hd < 0) return hd;
        return Host.syscall(READLINKAT, hd, host(p, pathAddr), host(p, buf), n);
    }

    static String hostReadlink(String path) { return dev.ring3.kernel.FsPaths.readlink(path); }

    static String cwd(GuestProcess p) { return hostReadlink("/proc/self/fd/" + p.cwdFd); }

    public static long getcwd(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        String cwd = cwd(p);
        if (cwd == null) return -Errno.ENOENT;
        byte[] b = ByteStrings.bytes(cwd + "\0");
        if (a1(c) < b.length) return -Errno.ERANGE;
        if (!Uaccess.putBytes(p.as, a0(c), b, b.length)) return -Errno.EFAULT;
        return b.length;
    }

    public static long chdir(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        PathArg pa = path(p, a0(c));
        if (pa.path == null) return pa.error;
        long fd = Host.syscall(OPENAT, p.cwdFd, host(p, a0(c)), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return fd;
        Host.syscall(CLOSE, p.cwdFd);
        p.cwdFd = (int) fd;
        return 0;
    }

    public static long fchdir(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        FileDescription f = p.fds.get(i0(c));
        if (f == null) return -Errno.EBADF;
        if (f.hostFd() < 0) return -Errno.ENOTDIR;
        long fd;
        try (Arena a = Arena.ofConfined()) {
            fd = Host.syscall(OPENAT, f.hostFd(), a.allocateFrom(".").address(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        }
        if (fd < 0) return fd;
        Host.syscall(CLOSE, p.cwdFd);
        p.cwdFd = (int) fd;
        return 0;
    }

    public static long getdents64(GuestThread t, Cpu c) {
        FileDescription f = t.proc.fds.get(i0(c));
        if (f == null) return -Errno.EBADF;
        long n = Uaccess.accessible(t.proc.as, a1(c), a2(c), Vma.PROT_WRITE);
        if (n == 0) return -Errno.EFAULT;
        return f.getdents64(t, a1(c), n);
    }

    // ---- directory changes ----------------------------------------------------------------------------------------

    public static long mkdir(GuestThread t, Cpu c) { return simpleAt(t, MKDIRAT, Paths.AT_FDCWD, a0(c), a1(c), 0); }
    public static long mkdirat(GuestThread t, Cpu c) { return simpleAt(t, MKDIRAT, i0(c), a1(c), a2(c), 0); }
    public static long unlink(GuestThread t, Cpu c) { return simpleAt(t, UNLINKAT, Paths.AT_FDCWD, a0(c), 0, 0); }
    public static long rmdir(GuestThread t, Cpu c) {
        return simpleAt(t, UNLINKAT, Paths.AT_FDCWD, a0(c), AT_REMOVEDIR, 0);
    }
    public static long unlinkat(GuestThread t, Cpu c) { return simpleAt(t, UNLINKAT, i0(c), a1(c), a2(c), 0); }
    public static long chmod(GuestThread t, Cpu c) { return simpleAt(t, FCHMODAT, Paths.AT_FDCWD, a0(c), a1(c), 0); }
    public static long fchmodat(GuestThread t, Cpu c) { return simpleAt(t, FCHMODAT, i0(c), a1(c), a2(c), 0); }
    public static long truncate(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        PathArg pa = path(p, a0(c));
        if (pa.path == null) return pa.error;
        if (!pa.path.startsWith("/")) {
            // truncate(2) has no *at form: resolve relative paths against the guest's working directory
            String full = cwd(p) + "/" + pa.path;
            try (Arena a = Arena.ofConfined()) {
                return Host.syscall(TRUNCATE, ByteStrings.c(a, full).address(), a1(c));
            }
        }
        return Host.syscall(TRUNCATE, host(p, a0(c)), a1(c));
    }

    public static long rename(GuestThread t, Cpu c) {
        return twoPaths(t, RENAMEAT2, Paths.AT_FDCWD, a0(c), Paths.AT_FDCWD, a1(c), 0);
    }
    public static long renameat(GuestThread t, Cpu c) { return twoPaths(t, RENAMEAT2, i0(c), a1(c), i2(c), a3(c), 0); }
    public static long renameat2(GuestThread t, Cpu c) { return twoPaths(t, RENAMEAT2, i0(c), a1(c), i2(c), a3(c), a4(c)); }
    public static long link(GuestThread t, Cpu c) {
        return twoPaths(t, LINKAT, Paths.AT_FDCWD, a0(c), Paths.AT_FDCWD, a1(c), 0);
    }
    public static long linkat(GuestThread t, Cpu c) { return twoPaths(t, LINKAT, i0(c), a1(c), i2(c), a3(c), a4(c)); }

    public static long symlink(GuestThread t, Cpu c) { return symlinkAt(t, a0(c), Paths.AT_FDCWD, a1(c)); }
    public static long symlinkat(GuestThread t, Cpu c) { return symlinkAt(t, a0(c), i1(c), a2(c)); }

    private static long symlinkAt(GuestThread t, long target, int dirfd, long linkpath) {
        GuestProcess p = t.proc;
        PathArg a = path(p, target);
        if (a.path == null) return a.error;
        PathArg b = path(p, linkpath);
        if (b.path == null) return b.error;
        int hd = Paths.dirfd(p, dirfd);
        if (hd < 0) return hd;
        return Host.syscall(SYMLINKAT, host(p, target), hd, host(p, linkpath));
    }

    /** A *at call taking (dirfd, path, x, y) with nothing else to translate. */
    /**
     * utimensat(dirfd, path, times[2], flags): the host's, on the guest's directory or, with a null path, on the
     * descriptor itself (futimens; AT_FDCWD then is EFAULT, as in Linux).
     */
    public static long utimensat(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        long times = a2(c);
        if (times != 0 && !Uaccess.ok(p.as, times, 32, Vma.PROT_READ)) return -Errno.EFAULT;
        long hostTimes = times == 0 ? 0 : host(p, times);
        if (a1(c) == 0) {
            if (i0(c) == Paths.AT_FDCWD) return -Errno.EFAULT;
            FileDescription f = p.fds.get(i0(c));
            if (f == null) return -Errno.EBADF;
            if (f.hostFd() < 0) return -Errno.EPERM;   // a file of ring3's own (/proc/self): no times to set
            return Host.syscall(UTIMENSAT, f.hostFd(), 0, hostTimes, a3(c));
        }
        return simpleAt(t, UTIMENSAT, i0(c), a1(c), hostTimes, a3(c));
    }

    private static long simpleAt(GuestThread t, int nr, int dirfd, long pathAddr, long x, long y) {
        return simpleAt(t, nr, dirfd, pathAddr, x, y, 0);
    }

    private static long simpleAt(GuestThread t, int nr, int dirfd, long pathAddr, long x, long y, long z) {
        GuestProcess p = t.proc;
        PathArg pa = path(p, pathAddr);
        if (pa.path == null) return pa.error;
        int hd = Paths.dirfd(p, dirfd);
        if (hd < 0) return hd;
        return Host.syscall(nr, hd, host(p, pathAddr), x, y, z);
    }

    // ---- owners, special files, sync ------------------------------------------------------------------------------

    public static long chown(GuestThread t, Cpu c) { return simpleAt(t, FCHOWNAT, Paths.AT_FDCWD, a0(c), a1(c), a2(c), 0); }
    public static long lchown(GuestThread t, Cpu c) {
        return simpleAt(t, FCHOWNAT, Paths.AT_FDCWD, a0(c), a1(c), a2(c), AT_SYMLINK_NOFOLLOW);
    }
    public static long fchownat(GuestThread t, Cpu c) { return simpleAt(t, FCHOWNAT, i0(c), a1(c), a2(c), a3(c), a4(c)); }
    public static long fchown(GuestThread t, Cpu c) { return hostFdCall(t, FCHOWN, i0(c), a1(c), a2(c)); }
    public static long mknod(GuestThread t, Cpu c) { return simpleAt(t, MKNODAT, Paths.AT_FDCWD, a0(c), a1(c), a2(c)); }
    public static long mknodat(GuestThread t, Cpu c) { return simpleAt(t, MKNODAT, i0(c), a1(c), a2(c), a3(c)); }
    public static long sync(GuestThread t, Cpu c) { return Host.syscall(SYNC); }
    public static long syncfs(GuestThread t, Cpu c) { return hostFdCall(t, SYNCFS, i0(c), 0, 0); }

    private static long twoPaths(GuestThread t, int nr, int d1, long p1, int d2, long p2, long flags) {
        GuestProcess p = t.proc;
        PathArg a = path(p, p1);
        if (a.path == null) return a.error;
        PathArg b = path(p, p2);
        if (b.path == null) return b.error;
        int h1 = Paths.dirfd(p, d1), h2 = Paths.dirfd(p, d2);
        if (h1 < 0) return h1;
        if (h2 < 0) return h2;
        return Host.syscall(nr, h1, host(p, p1), h2, host(p, p2), flags);
    }

    // ---- descriptor-based metadata -------------------------------------------------------------------------------

    public static long ftruncate(GuestThread t, Cpu c) { return hostFdCall(t, FTRUNCATE, i0(c), a1(c), 0); }
    public static long fchmod(GuestThread t, Cpu c) { return hostFdCall(t, FCHMOD, i0(c), a1(c), 0); }
    public static long fdatasync(GuestThread t, Cpu c) { return hostFdCall(t, FDATASYNC, i0(c), 0, 0); }
    /** flock(fd, op): the host's lock on the host file (ring3's processes share the host's open file). */
    public static long flock(GuestThread t, Cpu c) { return hostFdCall(t, FLOCK, i0(c), i1(c), 0); }

    /** fallocate(fd, mode, offset, len). */
    public static long fallocate(GuestThread t, Cpu c) {
        int h = hostFd(t, i0(c));
        if (h == -Errno.EINVAL) return -Errno.ENODEV;   // ring3's own file: Linux's answer for a pipe
        return h < 0 ? h : Host.syscall(FALLOCATE, h, i1(c), a2(c), a3(c));
    }

    public static long fstatfs(GuestThread t, Cpu c) {
        if (!Uaccess.ok(t.proc.as, a1(c), 120, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return hostFdCall(t, FSTATFS, i0(c), t.proc.as.mem.host(a1(c)), 0);
    }

    public static long statfs(GuestThread t, Cpu c) {
        GuestProcess p = t.proc;
        PathArg pa = path(p, a0(c));
        if (pa.path == null) return pa.error;
        if (!Uaccess.ok(p.as, a1(c), 120, Vma.PROT_WRITE)) return -Errno.EFAULT;
        String full = pa.path.startsWith("/") ? pa.path : cwd(p) + "/" + pa.path;
        try (Arena a = Arena.ofConfined()) {
            return Host.syscall(STATFS, ByteStrings.c(a, full).address(), host(p, a1(c)));
        }
    }

    public static long umask(GuestThread t, Cpu c) { return Host.syscall(UMASK, a0(c) & 0777); }

    private static long hostFdCall(GuestThread t, int nr, int fd, long x, long y) {
        int h = hostFd(t, fd);
        return h < 0 ? h : Host.syscall(nr, h, x, y);
    }

    /** The host descriptor behind guest descriptor fd: -EBADF if none is open, -EINVAL for ring3's own files. */
    static int hostFd(GuestThread t, int fd) {
        FileDescription f = t.proc.fds.get(fd);
        if (f == null) return -Errno.EBADF;
        return f.hostFd() >= 0 ? f.hostFd() : -Errno.EINVAL;
    }

}
