package dev.ring3.kernel.mm;

import dev.ring3.jit.GuestMemory;

/**
 * Checked access to guest memory for system calls (Linux's uaccess): every guest pointer a syscall uses is checked
 * against the mapping table first, so a bad pointer gives EFAULT, never a host fault. Buffers passed on to the host
 * kernel are clamped to their mapped prefix, which gives the partial transfers Linux gives when a buffer runs into
 * an unmapped page.
 */
public final class Uaccess {
    private Uaccess() {}

    /** Bytes of [addr, addr+len) accessible with {@code prot}, counted from addr; 0 if the first is not. */
    public static long accessible(AddressSpace as, long addr, long len, int prot) {
        if (len <= 0) return 0;
        if (!as.mem.inWindow(addr, 1)) return 0;
        long end = addr + len;
        if (end < addr || end > as.mem.limit) end = as.mem.limit;
        long at = addr;
        while (at < end) {
            Vma v = as.find(at);
            if (v == null || (v.prot & prot) != prot) break;
            at = v.end;
        }
        return Math.min(at, end) - addr;
    }

    /** True if the whole range is accessible. */
    public static boolean ok(AddressSpace as, long addr, long len, int prot) {
        return len == 0 || accessible(as, addr, len, prot) == len;
    }

    /** A NUL-terminated string of at most {@code max} bytes including the NUL, as a byte string, or null (EFAULT). */
    public static String string(AddressSpace as, long addr, int max) {
        GuestMemory m = as.mem;
        long room = accessible(as, addr, max, Vma.PROT_READ);
        for (long n = 0; n < room; n++) {
            if (m.read8(addr + n) == 0) return dev.ring3.kernel.ByteStrings.of(m.readBytes(addr, (int) n));
        }
        return null;
    }

    /** Length of the string at addr (no NUL within {@code max} mapped bytes gives -1). */
    public static long strlen(AddressSpace as, long addr, int max) {
        long room = accessible(as, addr, max, Vma.PROT_READ);
        for (long n = 0; n < room; n++) if (as.mem.read8(addr + n) == 0) return n;
        return -1;
    }

    public static boolean put32(AddressSpace as, long addr, long v) {
        if (!ok(as, addr, 4, Vma.PROT_WRITE)) return false;
        as.mem.write32(addr, v);
        return true;
    }

    public static boolean put64(AddressSpace as, long addr, long v) {
        if (!ok(as, addr, 8, Vma.PROT_WRITE)) return false;
        as.mem.write64(addr, v);
        return true;
    }

    public static boolean putBytes(AddressSpace as, long addr, byte[] b, int len) {
        if (!ok(as, addr, len, Vma.PROT_WRITE)) return false;
        as.mem.writeBytes(addr, b, 0, len);
        return true;
    }

    /** Reads len bytes, or null (EFAULT). */
    public static byte[] getBytes(AddressSpace as, long addr, int len) {
        if (!ok(as, addr, len, Vma.PROT_READ)) return null;
        return as.mem.readBytes(addr, len);
    }
}
