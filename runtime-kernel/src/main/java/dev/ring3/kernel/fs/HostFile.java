package dev.ring3.kernel.fs;

import static dev.ring3.kernel.sys.SyscallTable.*;

import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.Interruptible;

/**
 * A description backed by a host file descriptor: regular files, directories, terminals, and the standard streams
 * ring3 inherits. Every operation is the host system call itself, given the guest buffer as a host pointer, so
 * results, errno values and struct layouts are the host kernel's.
 */
public final class HostFile extends FileDescription {
    private final int fd;

    public HostFile(int fd) { this.fd = fd; }

    @Override public int hostFd() { return fd; }

    private static long h(GuestThread t, long addr) { return t.proc.as.mem.host(addr); }

    // reads and writes may block (pipes, terminals): a guest signal interrupts them
    @Override public long read(GuestThread t, long buf, long len) {
        return Interruptible.call(t, READ, fd, h(t, buf), len, 0, 0, 0);
    }
    @Override public long write(GuestThread t, long buf, long len) {
        return Interruptible.call(t, WRITE, fd, h(t, buf), len, 0, 0, 0);
    }
    @Override public long pread(GuestThread t, long buf, long len, long off) {
        return Host.syscall(PREAD64, fd, h(t, buf), len, off);
    }
    @Override public long pwrite(GuestThread t, long buf, long len, long off) {
        return Host.syscall(PWRITE64, fd, h(t, buf), len, off);
    }
    @Override public long lseek(long off, int whence) { return Host.syscall(LSEEK, fd, off, whence); }
    @Override public long fstat(GuestThread t, long statbuf) { return Host.syscall(FSTAT, fd, h(t, statbuf)); }
    @Override public long getdents64(GuestThread t, long buf, long len) {
        return Host.syscall(GETDENTS64, fd, h(t, buf), len);
    }
    @Override public long getFlags() { return Host.syscall(FCNTL, fd, 3 /* F_GETFL */); }
    @Override public long setFlags(long flags) { return Host.syscall(FCNTL, fd, 4 /* F_SETFL */, flags); }

    /**
     * Terminal and stream ioctls, passed through with the size of what the argument points to
     * ({@code <asm-generic/ioctls.h>}; struct termios is 36 bytes, struct winsize 8). Others: ENOTTY.
     */
    @Override
    public long ioctl(GuestThread t, long request, long arg) {
        int size = switch ((int) request) {
            case 0x5401, 0x5402, 0x5403, 0x5404 -> 36;   // TCGETS, TCSETS, TCSETSW, TCSETSF
            case 0x5413, 0x5414 -> 8;                     // TIOCGWINSZ, TIOCSWINSZ
            case 0x540F, 0x5410, 0x541B, 0x5421 -> 4;     // TIOCGPGRP, TIOCSPGRP, FIONREAD, FIONBIO
            default -> -1;
        };
        if (size < 0) return -dev.ring3.kernel.sys.Errno.ENOTTY;
        int prot = request == 0x5401 || request == 0x5413 || request == 0x540F || request == 0x541B
                ? dev.ring3.kernel.mm.Vma.PROT_WRITE : dev.ring3.kernel.mm.Vma.PROT_READ;
        if (!dev.ring3.kernel.mm.Uaccess.ok(t.proc.as, arg, size, prot)) return -dev.ring3.kernel.sys.Errno.EFAULT;
        return Host.syscall(IOCTL, fd, request, h(t, arg));
    }

    @Override
    protected void release() { Host.syscall(CLOSE, fd); }
}
