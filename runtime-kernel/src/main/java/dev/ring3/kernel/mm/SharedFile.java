package dev.ring3.kernel.mm;

import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * The host file behind shared mappings (MAP_SHARED of a file opened for writing, and MAP_SHARED|MAP_ANONYMOUS,
 * which is a host memfd): the guest's pages there are the host's own MAP_SHARED mapping of that file, placed at the
 * guest address in the window, so the guest's stores are the file's contents at once, as Linux's page cache makes
 * them (read and write see them, other processes mapping the file see them, a fork's child shares them).
 *
 * <p>Each address space holds its own duplicate of the host descriptor (the guest may close its descriptor after
 * mmap; a fork's child gets a duplicate of its own), closed when its last mapping there goes.
 */
final class SharedFile {
    // <asm-generic/fcntl.h>: F_DUPFD_CLOEXEC; <asm-generic/mman-common.h>: PROT_READ|PROT_WRITE, MAP_SHARED,
    // MAP_FIXED
    static final int F_DUPFD_CLOEXEC = 1030, PROT_RW = 3, HOST_SHARED_FIXED = 0x01 | 0x10;

    final int fd;
    private boolean closed;

    private SharedFile(int fd) { this.fd = fd; }

    /** A duplicate of host descriptor {@code hostFd}, or null if the host refuses one. */
    static SharedFile dup(int hostFd) {
        long d = Host.syscall(SyscallTable.FCNTL, hostFd, F_DUPFD_CLOEXEC, 0);
        return d < 0 ? null : new SharedFile((int) d);
    }

    /**
     * Maps [hostAddr, hostAddr + len) onto the file from {@code offset}, shared, readable and writable (the guest's
     * protection is ring3's to keep, not the host's: a host-protected page would fault inside the JVM).
     */
    long map(long hostAddr, long len, long offset) {
        return Host.syscall(SyscallTable.MMAP, hostAddr, len, PROT_RW, HOST_SHARED_FIXED, fd, offset);
    }

    void close() {
        if (closed) return;
        closed = true;
        Host.syscall(SyscallTable.CLOSE, fd);
    }
}
