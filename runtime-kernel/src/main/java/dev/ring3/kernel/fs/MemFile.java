package dev.ring3.kernel.fs;

import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;

/**
 * A read-only file whose content ring3 generates when it is opened (/proc/self/maps, /proc/self/cmdline...).
 * fstat reports a regular file of size 0, as procfs does.
 */
public final class MemFile extends FileDescription {
    private final byte[] data;
    private long pos;

    public MemFile(byte[] data) { this.data = data; }

    @Override
    public synchronized long read(GuestThread t, long buf, long len) {
        long n = pread(t, buf, len, pos);
        if (n > 0) pos += n;
        return n;
    }

    @Override
    public long pread(GuestThread t, long buf, long len, long off) {
        if (off >= data.length) return 0;
        int n = (int) Math.min(len, data.length - off);
        t.proc.as.mem.writeBytes(buf, data, (int) off, n);
        return n;
    }

    @Override
    public long write(GuestThread t, long buf, long len) { return -Errno.EBADF; }

    @Override
    public synchronized long lseek(long off, int whence) {
        long base = switch (whence) { case 0 -> 0; case 1 -> pos; case 2 -> data.length; default -> -1; };
        if (base < 0 || base + off < 0) return -Errno.EINVAL;
        return pos = base + off;
    }

    @Override
    public long fstat(GuestThread t, long statbuf) {
        StatBuf.write(t.proc.as.mem, statbuf, 0, 0100444, 0);
        return 0;
    }

    @Override
    public long getFlags() { return 0; }  // O_RDONLY
}
