package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.SignalCalls;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * Reading and writing open files (Linux's fs/read_write.c, fs/fcntl.c, fs/ioctl.c, fs/file.c): read, write,
 * pread64, pwrite64, readv, writev, lseek, close, dup, dup2, dup3, fcntl, ioctl, fsync, fdatasync.
 * Buffers are clamped to their mapped prefix (a buffer that runs into an unmapped page gives a short transfer,
 * one that starts unmapped gives EFAULT), as Linux does.
 */
public final class FileIo {
    /** MAX_RW_COUNT: Linux caps one transfer at INT_MAX rounded down to a page. */
    static final long MAX_RW = 0x7FFF_F000L;
    // <asm-generic/fcntl.h>
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030,
            FD_CLOEXEC = 1, O_CLOEXEC = 02000000;

    private FileIo() {}

    static FileDescription file(GuestThread t, int fd) { return t.proc.fds.get(fd); }

    /** The usable length of a guest buffer, or -EFAULT. */
    static long buffer(AddressSpace as, long buf, long len, int prot) {
        if (len < 0) return -Errno.EINVAL;
        if (len == 0) return 0;
        long n = Uaccess.accessible(as, buf, Math.min(len, MAX_RW), prot);
        return n == 0 ? -Errno.EFAULT : n;
    }

    public static long read(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        long n = buffer(t.proc.as, a1(c), a2(c), Vma.PROT_WRITE);
        return n <= 0 ? n : f.read(t, a1(c), n);
    }

    public static long write(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        long n = buffer(t.proc.as, a1(c), a2(c), Vma.PROT_READ);
        return n <= 0 ? n : brokenPipe(t, f.write(t, a1(c), n));
    }

    /**
     * A write to a pipe with no reader fails with EPIPE and sends the writer SIGPIPE (fs/pipe.c), whose default
     * action ends it: the host kernel's signal goes to the JVM, which ignores it, so ring3 takes the guest's.
     */
    static long brokenPipe(GuestThread t, long r) {
        if (r == -Errno.EPIPE) SignalCalls.raised(t, 13 /* SIGPIPE */);
        return r;
    }

    public static long pread64(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        if (a3(c) < 0) return -Errno.EINVAL;
        long n = buffer(t.proc.as, a1(c), a2(c), Vma.PROT_WRITE);
        return n <= 0 ? n : f.pread(t, a1(c), n, a3(c));
    }

    public static long pwrite64(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        if (a3(c) < 0) return -Errno.EINVAL;
        long n = buffer(t.proc.as, a1(c), a2(c), Vma.PROT_READ);
        return n <= 0 ? n : f.pwrite(t, a1(c), n, a3(c));
    }

    public static long readv(GuestThread t, Cpu c) { return vector(t, c, false); }

    public static long writev(GuestThread t, Cpu c) { return brokenPipe(t, vector(t, c, true)); }

    /** readv/writev as a loop over the iovecs, stopping at the first short transfer. */
    private static long vector(GuestThread t, Cpu c, boolean write) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        long iov = a1(c);
        int count = i2(c);
        if (count < 0 || count > 1024) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, iov, 16L * count, Vma.PROT_READ)) return -Errno.EFAULT;
        long total = 0;
        for (int k = 0; k < count; k++) {
            long base = as.mem.read64(iov + 16L * k);
            long len = as.mem.read64(iov + 16L * k + 8);
            if (len < 0) return -Errno.EINVAL;
            if (len == 0) continue;
            long n = buffer(as, base, len, write ? Vma.PROT_READ : Vma.PROT_WRITE);
            if (n < 0) return total > 0 ? total : n;
            long done = write ? f.write(t, base, n) : f.read(t, base, n);
            if (done < 0) return total > 0 ? total : done;
            total += done;
            if (done < len) break;
        }
        return total;
    }

    public static long lseek(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        return f == null ? -Errno.EBADF : f.lseek(a1(c), i2(c));
    }

    public static long close(GuestThread t, Cpu c) { return t.proc.fds.close(i0(c)); }

    public static long pipe(GuestThread t, Cpu c) { return makePipe(t, a0(c), 0); }

    public static long pipe2(GuestThread t, Cpu c) { return makePipe(t, a0(c), i1(c)); }

    /**
     * A host pipe (fs/pipe.c's checks first: flags, then the array), its two ends installed as the lowest free
     * descriptors, read end first. Both ends are the host kernel's, so processes ring3 forked share it as Linux's
     * processes do.
     */
    private static long makePipe(GuestThread t, long fds, int flags) {
        if ((flags & ~(O_CLOEXEC | 04000 /* O_NONBLOCK */ | 040000 /* O_DIRECT */)) != 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, fds, 8, Vma.PROT_WRITE)) return -Errno.EFAULT;
        long r = Host.syscall(SyscallTable.PIPE2, as.mem.host(fds),
                (flags & ~O_CLOEXEC) | O_CLOEXEC);   // the host's copy is close-on-exec; the guest's flag is ours
        if (r < 0) return r;
        int hr = (int) as.mem.read32(fds), hw = (int) as.mem.read32(fds + 4);
        boolean cloexec = (flags & O_CLOEXEC) != 0;
        int rfd = t.proc.fds.install(new HostFile(hr), cloexec);
        if (rfd < 0) {
            Host.syscall(SyscallTable.CLOSE, hr);
            Host.syscall(SyscallTable.CLOSE, hw);
            return rfd;
        }
        int wfd = t.proc.fds.install(new HostFile(hw), cloexec);
        if (wfd < 0) {
            t.proc.fds.close(rfd);
            Host.syscall(SyscallTable.CLOSE, hw);
            return wfd;
        }
        as.mem.write32(fds, rfd);
        as.mem.write32(fds + 4, wfd);
        return 0;
    }

    public static long dup(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        f.retain();
        int fd = t.proc.fds.install(f, false);
        if (fd < 0) f.close();
        return fd;
    }

    public static long dup2(GuestThread t, Cpu c) {
        int oldfd = i0(c), newfd = i1(c);
        FileDescription f = file(t, oldfd);
        if (f == null) return -Errno.EBADF;
        if (oldfd == newfd) return newfd;
        f.retain();
        return t.proc.fds.installAt(newfd, f, false);
    }

    public static long dup3(GuestThread t, Cpu c) {
        int oldfd = i0(c), newfd = i1(c), flags = i2(c);
        if ((flags & ~O_CLOEXEC) != 0 || oldfd == newfd) return -Errno.EINVAL;
        FileDescription f = file(t, oldfd);
        if (f == null) return -Errno.EBADF;
        f.retain();
        return t.proc.fds.installAt(newfd, f, (flags & O_CLOEXEC) != 0);
    }

    public static long fcntl(GuestThread t, Cpu c) {
        int fd = i0(c);
        int cmd = i1(c);
        long arg = a2(c);
        FileDescription f = file(t, fd);
        if (f == null) return -Errno.EBADF;
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg >= FdTable.MAX) return -Errno.EINVAL;
                f.retain();
                int n = t.proc.fds.install(f, cmd == F_DUPFD_CLOEXEC, (int) arg);
                if (n < 0) f.close();
                return n;
            }
            case F_GETFD -> { return t.proc.fds.closeOnExec(fd) ? FD_CLOEXEC : 0; }
            case F_SETFD -> {
                t.proc.fds.setCloseOnExec(fd, (arg & FD_CLOEXEC) != 0);
                return 0;
            }
            case F_GETFL -> { return f.getFlags(); }
            case F_SETFL -> { return f.setFlags(arg); }
            default -> {
                int h = f.hostFd();
                // locks and the rest: the host's answer for host files
                if (h >= 0 && (cmd == 5 || cmd == 6 || cmd == 7 || cmd == 36 || cmd == 37 || cmd == 38)) {
                    if (!Uaccess.ok(t.proc.as, arg, 32, Vma.PROT_READ)) return -Errno.EFAULT;
                    return Host.syscall(SyscallTable.FCNTL, h, cmd,
                            t.proc.as.mem.host(arg));
                }
                return -Errno.EINVAL;
            }
        }
    }

    public static long ioctl(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        long req = a1(c) & 0xFFFF_FFFFL;
        if (req == 0x5451 || req == 0x5450) {   // FIOCLEX, FIONCLEX
            t.proc.fds.setCloseOnExec(i0(c), req == 0x5451);
            return 0;
        }
        return f.ioctl(t, req, a2(c));
    }

    /**
     * sendfile between two host files, by the host (offset, if given, read and updated in guest memory); a
     * descriptor that is not a host file is EINVAL, as Linux says for files it cannot splice, and the caller copies
     * by read and write.
     */
    public static long sendfile(GuestThread t, Cpu c) { return brokenPipe(t, sendfileTo(t, c)); }

    private static long sendfileTo(GuestThread t, Cpu c) {
        FileDescription out = file(t, i0(c)), in = file(t, i1(c));
        if (out == null || in == null) return -Errno.EBADF;
        if (out.hostFd() < 0 || in.hostFd() < 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        long offset = a2(c);
        if (offset != 0 && !Uaccess.ok(as, offset, 8, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(SyscallTable.SENDFILE, out.hostFd(), in.hostFd(),
                offset == 0 ? 0 : as.mem.host(offset), a3(c));
    }

    /**
     * copy_file_range(fd_in, off_in, fd_out, off_out, len, flags) between two host files, by the host (offsets, if
     * given, read and updated in guest memory); EINVAL for ring3's own files, after which glibc and coreutils copy
     * by read and write.
     */
    public static long copy_file_range(GuestThread t, Cpu c) {
        FileDescription in = file(t, i0(c)), out = file(t, i2(c));
        if (out == null || in == null) return -Errno.EBADF;
        if (out.hostFd() < 0 || in.hostFd() < 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        long offIn = a1(c), offOut = a3(c);
        if (offIn != 0 && !Uaccess.ok(as, offIn, 8, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        if (offOut != 0 && !Uaccess.ok(as, offOut, 8, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(SyscallTable.COPY_FILE_RANGE, in.hostFd(), offIn == 0 ? 0 : as.mem.host(offIn),
                out.hostFd(), offOut == 0 ? 0 : as.mem.host(offOut), a4(c), a5(c));
    }

    public static long fsync(GuestThread t, Cpu c) {
        FileDescription f = file(t, i0(c));
        if (f == null) return -Errno.EBADF;
        return f.hostFd() >= 0 ? Host.syscall(SyscallTable.FSYNC, f.hostFd()) : 0;
    }
}
