package dev.ring3.kernel.fs;

import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;

/**
 * An open file description (what Linux calls struct file): shared by every descriptor dup'ed from it, and by parent
 * and child after fork. Operations return a result or -errno; the defaults are what Linux says for a file type
 * that does not support them. Buffers are guest addresses already checked by the caller.
 */
public abstract class FileDescription {
    private int refs = 1;

    /** The host file descriptor behind this description, or -1 for one ring3 emulates. */
    public int hostFd() { return -1; }

    public long read(GuestThread t, long buf, long len) { return -Errno.EINVAL; }
    public long write(GuestThread t, long buf, long len) { return -Errno.EINVAL; }
    public long pread(GuestThread t, long buf, long len, long off) { return -Errno.ESPIPE; }
    public long pwrite(GuestThread t, long buf, long len, long off) { return -Errno.ESPIPE; }
    public long lseek(long off, int whence) { return -Errno.ESPIPE; }
    /** Fills a struct stat (144 bytes, asm/stat.h) at guest address {@code statbuf}. */
    public long fstat(GuestThread t, long statbuf) { return -Errno.EBADF; }
    public long ioctl(GuestThread t, long request, long arg) { return -Errno.ENOTTY; }
    public long getdents64(GuestThread t, long buf, long len) { return -Errno.ENOTDIR; }
    /** F_GETFL / F_SETFL. */
    public long getFlags() { return 0; }
    public long setFlags(long flags) { return 0; }

    /** Called when the last descriptor referring to this description is closed. */
    protected void release() { }

    public final synchronized void retain() { refs++; }

    /** Drops one reference; releases on the last. */
    public final void close() {
        boolean last;
        synchronized (this) { last = --refs == 0; }
        if (last) release();
    }
}
