package dev.ring3.kernel.mm;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * Memory-management calls (Linux's mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c): mmap, munmap, mprotect,
 * brk, mremap, madvise, msync, mlock and friends. A private file mapping is filled by reading the file (a copy). A
 * shared mapping of a file open for writing is the host's own shared mapping of it ({@link SharedFile}): stores
 * are in the file at once, as on Linux; a shared mapping of a read-only file is a copy, which only differs when the
 * file is changed while mapped. MAP_SHARED|MAP_ANONYMOUS is a shared host memfd, which a fork's child shares.
 */
public final class MmCalls {
    static final int PROT_MASK = 7;
    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;
    static final int MADV_DONTNEED = 4, MADV_FREE = 8;

    private MmCalls() {}

    public static long mmap(GuestThread t, Cpu c) {
        long addr = a0(c), len = a1(c), off = a5(c);
        int prot = i2(c), flags = i3(c), fd = i4(c);
        GuestProcess p = t.proc;
        if (len == 0 || (off & (AddressSpace.PAGE - 1)) != 0) return -Errno.EINVAL;
        int type = flags & 0xf;
        if (type != AddressSpace.MAP_SHARED && type != AddressSpace.MAP_PRIVATE && type != 3 /* SHARED_VALIDATE */) {
            return -Errno.EINVAL;
        }
        boolean anon = (flags & AddressSpace.MAP_ANONYMOUS) != 0, shared = type != AddressSpace.MAP_PRIVATE;
        if (shared && anon) return sharedAnonymous(p, addr, len, prot, flags);
        FileDescription f = null;
        String name = "";
        if (!anon) {
            f = p.fds.get(fd);
            if (f == null) return -Errno.EBADF;
            if (f.hostFd() < 0) return -Errno.ENODEV;
            name = dev.ring3.kernel.fs.FileDescriptions.pathOf(f);
            long mode = Host.syscall(SyscallTable.FCNTL, f.hostFd(), F_GETFL) & O_ACCMODE;
            if (mode == O_WRONLY || shared && (prot & Vma.PROT_WRITE) != 0 && mode != O_RDWR) return -Errno.EACCES;
            if (shared && mode == O_RDWR) {
                long at = p.as.mapShared(addr, len, prot & PROT_MASK, flags, name, off, f.hostFd());
                if (at >= 0) p.as.invalidateCode(at, at + AddressSpace.pageUp(len));
                return at;
            }
        }
        long at = p.as.map(addr, len, prot & PROT_MASK, flags, name, anon ? 0 : off);
        if (at < 0 || anon) return at;
        // fill from the file: bytes past EOF stay zero
        long want = AddressSpace.pageUp(len);
        long done = 0;
        while (done < want) {
            long n = f.pread(t, at + done, want - done, off + done);
            if (n <= 0) break;
            done += n;
        }
        p.as.invalidateCode(at, at + want);
        return at;
    }

    // <asm-generic/fcntl.h>, <linux/memfd.h>
    static final int F_GETFL = 3, O_ACCMODE = 3, O_WRONLY = 1, O_RDWR = 2, MFD_CLOEXEC = 1;
    private static final java.lang.foreign.MemorySegment SHARED_NAME =
            java.lang.foreign.Arena.global().allocateFrom("ring3-shared-anonymous");

    /**
     * MAP_SHARED|MAP_ANONYMOUS: a host memfd of the mapping's size, mapped shared, so that a fork's child shares
     * the pages with its parent as on Linux (a private copy would not).
     */
    private static long sharedAnonymous(GuestProcess p, long addr, long len, int prot, int flags) {
        long size = AddressSpace.pageUp(len);
        if (size <= 0) return -Errno.ENOMEM;
        long h = Host.syscall(SyscallTable.MEMFD_CREATE, SHARED_NAME.address(), MFD_CLOEXEC);
        if (h < 0) return h;
        try {
            long rc = Host.syscall(SyscallTable.FTRUNCATE, h, size);
            if (rc < 0) return rc == -Errno.EFBIG ? -Errno.ENOMEM : rc;
            return p.as.mapShared(addr, size, prot & PROT_MASK, flags, "", 0, (int) h);
        } finally {
            Host.syscall(SyscallTable.CLOSE, h);
        }
    }

    public static long munmap(GuestThread t, Cpu c) { return t.proc.as.unmap(a0(c), a1(c)); }

    public static long mprotect(GuestThread t, Cpu c) {
        if ((i2(c) & ~(PROT_MASK | 0x0100_0000 | 0x0200_0000)) != 0) return -Errno.EINVAL; // GROWSDOWN/GROWSUP
        return t.proc.as.protect(a0(c), a1(c), i2(c) & PROT_MASK);
    }

    public static long brk(GuestThread t, Cpu c) { return t.proc.as.brk(a0(c)); }

    public static long mremap(GuestThread t, Cpu c) {
        long old = a0(c), oldLen = AddressSpace.pageUp(a1(c)), newLen = AddressSpace.pageUp(a2(c));
        int flags = i3(c);
        AddressSpace as = t.proc.as;
        if ((old & (AddressSpace.PAGE - 1)) != 0 || newLen == 0) return -Errno.EINVAL;
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | 4)) != 0) return -Errno.EINVAL;
        Vma v = as.find(old);
        if (v == null || v.end < old + oldLen) return -Errno.EFAULT;
        if ((flags & MREMAP_FIXED) != 0) return -Errno.EINVAL; // not supported yet
        if (newLen <= oldLen) {
            if (newLen < oldLen) as.unmap(old + newLen, oldLen - newLen);
            return old;
        }
        if (v.backing != null) return remapShared(as, v, old, oldLen, newLen, flags, v.backing.fd);
        // grow in place if the pages after are free
        long tail = as.map(old + oldLen, newLen - oldLen, v.prot, AddressSpace.MAP_FIXED_NOREPLACE | v.flags, v.name, 0);
        if (tail == old + oldLen) return old;
        if ((flags & MREMAP_MAYMOVE) == 0) return -Errno.ENOMEM;
        long moved = as.map(0, newLen, v.prot, v.flags & ~(AddressSpace.MAP_FIXED | AddressSpace.MAP_FIXED_NOREPLACE),
                v.name, v.offset);
        if (moved < 0) return moved;
        java.lang.foreign.MemorySegment.copy(as.mem.seg, old - dev.ring3.jit.GuestMemory.BASE, as.mem.seg,
                moved - dev.ring3.jit.GuestMemory.BASE, oldLen);
        as.unmap(old, oldLen);
        return moved;
    }

    /** mremap growing a host-shared mapping: the file mapped further in place, or all of it mapped elsewhere. */
    private static long remapShared(AddressSpace as, Vma v, long old, long oldLen, long newLen, int flags, int fd) {
        long off = v.offset + (old - v.start);
        long tail = as.mapShared(old + oldLen, newLen - oldLen, v.prot, AddressSpace.MAP_FIXED_NOREPLACE | v.flags,
                v.name, off + oldLen, fd);
        if (tail == old + oldLen) return old;   // (MAP_FIXED_NOREPLACE places it there or fails)
        if ((flags & MREMAP_MAYMOVE) == 0) return -Errno.ENOMEM;
        long moved = as.mapShared(0, newLen, v.prot, v.flags & ~(AddressSpace.MAP_FIXED | AddressSpace.MAP_FIXED_NOREPLACE),
                v.name, off, fd);
        if (moved >= 0) as.unmap(old, oldLen);
        return moved;
    }

    public static long madvise(GuestThread t, Cpu c) {
        long addr = a0(c), len = AddressSpace.pageUp(a1(c));
        int advice = i2(c);
        if ((addr & (AddressSpace.PAGE - 1)) != 0) return -Errno.EINVAL;
        AddressSpace as = t.proc.as;
        if (advice == MADV_DONTNEED) {
            if (!as.check(addr, len, 0)) return -Errno.ENOMEM;
            as.mem.discard(addr, len);   // private anonymous memory reads as zero again
        }
        return 0;
    }

    /** msync(addr, len, flags): the host's, for what it maps shared (the rest is memory that never leaves RAM). */
    public static long msync(GuestThread t, Cpu c) {
        long addr = a0(c), len = AddressSpace.pageUp(a1(c));
        AddressSpace as = t.proc.as;
        if ((addr & (AddressSpace.PAGE - 1)) != 0) return -Errno.EINVAL;
        if (!as.check(addr, len, 0)) return -Errno.ENOMEM;
        return Host.syscall(SyscallTable.MSYNC, as.mem.host(addr), len, a2(c));
    }

    /** mlock, munlock, mlockall, munlockall: nothing to do for memory that never leaves RAM. */
    public static long nothing(GuestThread t, Cpu c) { return 0; }
}
