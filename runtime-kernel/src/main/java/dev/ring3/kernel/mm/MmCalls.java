package dev.ring3.kernel.mm;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;

/**
 * Memory-management calls (Linux's mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/madvise.c): mmap, munmap, mprotect,
 * brk, mremap, madvise, msync, mlock and friends. File mappings are filled by reading the file (a private copy;
 * writes to a MAP_SHARED mapping do not reach the file yet).
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
        boolean anon = (flags & AddressSpace.MAP_ANONYMOUS) != 0;
        FileDescription f = null;
        String name = "";
        if (!anon) {
            f = p.fds.get(fd);
            if (f == null) return -Errno.EBADF;
            if (f.hostFd() < 0) return -Errno.ENODEV;
            name = dev.ring3.kernel.fs.FileDescriptions.pathOf(f);
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

    /** msync, mlock, munlock, mlockall, munlockall: nothing to do for memory that never leaves RAM. */
    public static long nothing(GuestThread t, Cpu c) { return 0; }
}
