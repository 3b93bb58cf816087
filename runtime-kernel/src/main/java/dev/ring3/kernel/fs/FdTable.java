package dev.ring3.kernel.fs;

import dev.ring3.kernel.sys.Errno;

/** A process's descriptor table: guest fd numbers, lowest free first, each with its close-on-exec flag. */
public final class FdTable {
    /** RLIMIT_NOFILE soft limit, as Linux's default. */
    public static final int MAX = 1024;

    private FileDescription[] files = new FileDescription[16];
    private boolean[] cloexec = new boolean[16];

    public synchronized FileDescription get(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }

    /** Installs at the lowest free number at or above {@code from}; returns it or -EMFILE. */
    public synchronized int install(FileDescription f, boolean closeOnExec, int from) {
        for (int fd = Math.max(0, from); fd < MAX; fd++) {
            if (fd >= files.length) grow(fd + 1);
            if (files[fd] == null) {
                files[fd] = f;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        return -Errno.EMFILE;
    }

    public int install(FileDescription f, boolean closeOnExec) { return install(f, closeOnExec, 0); }

    /**
     * A new host descriptor {@code h} (or the host's -errno, returned as it is) at the lowest free number; if the
     * table is full, h is closed and the result is -EMFILE.
     */
    public long installHost(long h, boolean closeOnExec) {
        if (h < 0) return h;
        int fd = install(new HostFile((int) h), closeOnExec);
        if (fd < 0) dev.ring3.kernel.host.Host.syscall(dev.ring3.kernel.sys.SyscallTable.CLOSE, h);
        return fd;
    }

    /** Puts a description at a given number (dup2/dup3), closing what was there. */
    public int installAt(int fd, FileDescription f, boolean closeOnExec) {
        FileDescription old;
        synchronized (this) {
            if (fd < 0 || fd >= MAX) return -Errno.EBADF;
            if (fd >= files.length) grow(fd + 1);
            old = files[fd];
            files[fd] = f;
            cloexec[fd] = closeOnExec;
        }
        if (old != null) old.close();
        return fd;
    }

    public int close(int fd) {
        FileDescription f;
        synchronized (this) {
            f = get(fd);
            if (f == null) return -Errno.EBADF;
            files[fd] = null;
        }
        f.close();
        return 0;
    }

    /**
     * fork: a new table with the same descriptors, each sharing its open file description (offset, status flags)
     * with this one, close-on-exec flags included.
     */
    public synchronized FdTable forkCopy() {
        FdTable t = new FdTable();
        t.files = files.clone();
        t.cloexec = cloexec.clone();
        for (FileDescription f : t.files) if (f != null) f.retain();
        return t;
    }

    /** Closes every descriptor (the process is gone). */
    public void closeAll() {
        for (int fd = 0; fd < MAX; fd++) if (get(fd) != null) close(fd);
    }

    /** Closes every descriptor marked close-on-exec (execve). */
    public void closeOnExec() {
        for (int fd = 0; fd < MAX; fd++) if (closeOnExec(fd) && get(fd) != null) close(fd);
    }

    public synchronized boolean closeOnExec(int fd) { return fd >= 0 && fd < cloexec.length && cloexec[fd]; }

    public synchronized void setCloseOnExec(int fd, boolean on) { cloexec[fd] = on; }

    private void grow(int n) {
        int size = Math.min(MAX, Math.max(n, files.length * 2));
        files = java.util.Arrays.copyOf(files, size);
        cloexec = java.util.Arrays.copyOf(cloexec, size);
    }
}
