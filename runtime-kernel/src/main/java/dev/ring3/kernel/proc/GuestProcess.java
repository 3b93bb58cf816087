package dev.ring3.kernel.proc;

import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.fs.FdTable;
import dev.ring3.kernel.mm.AddressSpace;

/**
 * A guest process: its address space, descriptor table, signal dispositions, working directory and identity.
 * Threads ({@link GuestThread}) share all of it.
 */
public final class GuestProcess {
    public final Kernel kernel;
    public final int pid;
    public final int ppid;
    public AddressSpace as;
    public final FdTable fds;
    public final SignalState signals = new SignalState();
    /** Absolute host path of the running executable (/proc/self/exe). */
    public String exe;
    /** argv as given, for /proc/self/cmdline. */
    public java.util.List<String> argv = java.util.List.of();
    /** Host file descriptor of the working directory (an O_PATH directory fd), used for relative paths. */
    public int cwdFd;

    public GuestProcess(Kernel kernel, int pid, int ppid, AddressSpace as, FdTable fds, int cwdFd) {
        this.kernel = kernel;
        this.pid = pid;
        this.ppid = ppid;
        this.as = as;
        this.fds = fds;
        this.cwdFd = cwdFd;
    }
}
