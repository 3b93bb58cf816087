package dev.ring3.kernel;

import dev.ring3.kernel.elf.ElfException;
import dev.ring3.kernel.elf.ProgramImage;
import dev.ring3.kernel.fs.FdTable;
import dev.ring3.kernel.fs.HostFile;
import dev.ring3.kernel.fs.Paths;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.proc.GuestExit;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.ThreadCalls;
import dev.ring3.kernel.sys.Strace;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.util.BitSet;
import java.util.List;

/**
 * One ring3 run: the guest kernel's global state (options, processes, the once-only ENOSYS log) and the exec of
 * the first program.
 */
public final class Kernel {
    /** Settings from the command line. */
    /**
     * Settings from the command line. {@code cosim} (--jit=cosim) runs every block in both tiers and compares them
     * ({@link dev.ring3.jit.CoSim}) instead of tiering.
     */
    public record Config(boolean strace, boolean jit, int jitThreshold, boolean cosim) {
        public Config(boolean strace) { this(strace, true, dev.ring3.jit.Engine.DEFAULT_THRESHOLD); }

        public Config(boolean strace, boolean jit, int jitThreshold) { this(strace, jit, jitThreshold, false); }
    }

    /** The co-simulations of this run's threads (--jit=cosim), for their reports. */
    public final List<dev.ring3.jit.CoSim> cosims = new java.util.concurrent.CopyOnWriteArrayList<>();

    public final Config config;
    /** Non-null when --strace is on. */
    public final Strace strace;
    private final BitSet reported = new BitSet();
    /**
     * Successful execve calls, and the translated regions they released with the address spaces they replaced (the
     * hidden classes of those regions are then unreachable and can be unloaded): for tests and profiles.
     */
    public final java.util.concurrent.atomic.AtomicLong execs = new java.util.concurrent.atomic.AtomicLong(),
            regionsReleased = new java.util.concurrent.atomic.AtomicLong();
    /** Direct links from translated SYSCALLs to handlers; none when --strace must see every call. */
    public final dev.ring3.jit.SyscallLinker linker;

    public Kernel(Config config) {
        this.config = config;
        this.strace = config.strace() ? new Strace() : null;
        this.linker = config.strace() ? dev.ring3.jit.SyscallLinker.NONE : new dev.ring3.kernel.sys.DirectLinker();
    }

    /**
     * The next pid fork gives: above the host's pid_max, so that no guest pid is ever a host process's (a kill aimed
     * at one must not reach the host), counting up; found at the first fork, not at every start.
     */
    private int nextPid;
    /** The ring3 processes not yet reaped, by pid, the first one included (kill finds them here). */
    public final java.util.Map<Integer, GuestProcess> processes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Open signalfds, woken when a signal of their mask is sent ({@link dev.ring3.kernel.proc.SignalFd}). */
    public final java.util.List<dev.ring3.kernel.proc.SignalFd> signalFds =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Signals ignored when ring3 started (bit sig - 1): the first process starts with them ignored, as a program
     * execve'd with a signal ignored does (set by the command line from the host's dispositions).
     */
    public volatile long ignoredAtStart;
    /** The signal that ended the first process (0 if it exited), so that ring3 can end by it too. */
    public volatile int endSignal;

    public synchronized int newPid() {
        if (nextPid == 0) nextPid = hostPidMax() + 1;
        return nextPid++;
    }

    private static int hostPidMax() {
        // read as a stream: Files.readString of this /proc file (size 0) gave its first byte only here
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/proc/sys/kernel/pid_max"))) {
            return Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        } catch (java.io.IOException | NumberFormatException e) {
            return 4194304;   // PID_MAX_LIMIT on 64-bit (include/linux/threads.h)
        }
    }

    /** Logs an unimplemented system call, once per number. */
    public void unsupported(long nr) {
        synchronized (reported) {
            int n = (int) Math.max(0, Math.min(nr, Integer.MAX_VALUE));
            if (reported.get(n)) return;
            reported.set(n);
        }
        String name = SyscallTable.name(nr);
        Diag.line("ring3: unsupported syscall " + nr + (name != null ? " (" + name + ")" : ""));
    }

    /** The guest's standard streams as host descriptors (ring3's own 0, 1, 2 when run from the command line). */
    public static final int[] STDIO = {0, 1, 2};

    /**
     * Loads {@code path} into a new process and runs it to the end, its fds 0-2 being the host descriptors
     * {@code stdio} (taken over: the process closes them as it closes its own).
     * @return the status a shell would report: the exit code, or 128 + the terminating signal
     */
    public int run(String path, List<String> argv, List<String> envp, int[] stdio) throws ElfException {
        ProgramImage img = ProgramImage.load(Paths.AT_FDCWD, path, argv, envp);
        FdTable fds = new FdTable();
        for (int fd = 0; fd <= 2; fd++) {
            int h = stdio[fd];
            if (h >= 0 && Host.syscall(SyscallTable.FCNTL, h, 1 /* F_GETFD */) >= 0) fds.installAt(fd, new HostFile(h), false);
        }
        // O_PATH | O_DIRECTORY | O_CLOEXEC
        int cwd;
        try (Arena a = Arena.ofConfined()) {
            cwd = (int) Host.syscall(SyscallTable.OPEN, ByteStrings.c(a, ".").address(), 010000000 | 0200000 | 02000000);
        }
        int pid = (int) ProcessHandle.current().pid();
        int ppid = ProcessHandle.current().parent().map(p -> (int) p.pid()).orElse(0);
        GuestProcess proc = new GuestProcess(this, pid, ppid, img.as(), fds, cwd);
        proc.pgid = (int) Host.syscall(SyscallTable.GETPGRP);
        proc.sid = (int) Host.syscall(SyscallTable.GETSID, 0);
        for (int sig = 1; sig <= 64; sig++) {
            if ((ignoredAtStart & 1L << (sig - 1)) != 0) proc.signals.handler[sig] = dev.ring3.kernel.proc.SignalState.SIG_IGN;
        }
        proc.exe = img.exe();
        proc.argv = img.argv();
        GuestThread main = new GuestThread(proc, pid, img.cpu());
        proc.thread = main;
        proc.threads.add(main);
        processes.put(pid, proc);
        main.name = img.comm();
        boolean[] released = {false};
        try {
            GuestExit end = ThreadCalls.processEnd(main, main.run(), released);
            endSignal = end.waitStatus & 0x7f;
            return end.shellStatus();
        } finally {
            for (int fd = 0; fd < FdTable.MAX; fd++) if (fds.get(fd) != null) fds.close(fd);
            Host.syscall(SyscallTable.CLOSE, proc.cwdFd);
            // not under a thread still in guest code (one blocked in a host read when exit_group came, which the
            // descriptors' closing above may wake); main alone if processEnd was not reached (ring3's own failure)
            if (released[0] || proc.threads.isEmpty() || proc.threads.size() == 1 && proc.threads.get(0) == main) {
                proc.as.release();
            }
        }
    }
}
