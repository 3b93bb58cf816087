package dev.ring3.kernel;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.CpuId;
import dev.ring3.kernel.elf.Auxv;
import dev.ring3.kernel.elf.ElfException;
import dev.ring3.kernel.elf.ElfFile;
import dev.ring3.kernel.elf.ElfLoader;
import dev.ring3.kernel.elf.InitialStack;
import dev.ring3.kernel.fs.FdTable;
import dev.ring3.kernel.fs.HostFile;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestExit;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Strace;
import dev.ring3.kernel.sys.SyscallTable;
import dev.ring3.kernel.sys.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
    /** Direct links from translated SYSCALLs to handlers; none when --strace must see every call. */
    public final dev.ring3.jit.SyscallLinker linker;

    public Kernel(Config config) {
        this.config = config;
        this.strace = config.strace() ? new Strace() : null;
        this.linker = config.strace() ? dev.ring3.jit.SyscallLinker.NONE : new dev.ring3.kernel.sys.DirectLinker();
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
        String[] real = new String[1];
        byte[] file = readExecutable(path, real);
        ElfFile elf = ElfFile.parse(file);
        String exe = real[0];
        AddressSpace as = new AddressSpace();
        ElfLoader.Loaded img = ElfLoader.load(as, elf, file, exe);
        as.initBrk(img.brk());
        int stackProt = Vma.PROT_READ | Vma.PROT_WRITE | (img.execStack() ? Vma.PROT_EXEC : 0);
        as.mapFixed(AddressSpace.STACK_TOP - AddressSpace.STACK_SIZE, AddressSpace.STACK_SIZE, stackProt,
                AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS | AddressSpace.MAP_GROWSDOWN, "[stack]", 0);

        InitialStack stack = new InitialStack();
        stack.add(Auxv.AT_HWCAP, CpuId.hwcap());
        stack.add(Auxv.AT_PAGESZ, AddressSpace.PAGE);
        stack.add(Auxv.AT_CLKTCK, 100);
        stack.add(Auxv.AT_PHDR, img.phdr());
        stack.add(Auxv.AT_PHENT, img.phent());
        stack.add(Auxv.AT_PHNUM, img.phnum());
        stack.add(Auxv.AT_BASE, 0);
        stack.add(Auxv.AT_FLAGS, 0);
        stack.add(Auxv.AT_ENTRY, img.entry());
        stack.add(Auxv.AT_UID, Host.syscall(SyscallTable.GETUID));
        stack.add(Auxv.AT_EUID, Host.syscall(SyscallTable.GETEUID));
        stack.add(Auxv.AT_GID, Host.syscall(SyscallTable.GETGID));
        stack.add(Auxv.AT_EGID, Host.syscall(SyscallTable.GETEGID));
        stack.add(Auxv.AT_SECURE, 0);
        long sp = stack.build(as.mem, AddressSpace.STACK_TOP, argv, envp, path);

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
        GuestProcess proc = new GuestProcess(this, pid, ppid, as, fds, cwd);
        proc.exe = exe;
        proc.argv = List.copyOf(argv);
        Cpu cpu = new Cpu(as.mem, null);
        cpu.rip = img.entry();
        cpu.r[Cpu.RSP] = sp;
        GuestThread main = new GuestThread(proc, pid, cpu);
        main.name = comm(path);
        try {
            GuestExit end = main.run();
            return end.shellStatus();
        } finally {
            for (int fd = 0; fd < FdTable.MAX; fd++) if (fds.get(fd) != null) fds.close(fd);
            Host.syscall(SyscallTable.CLOSE, cwd);
            as.release();
        }
    }

    /** The thread name Linux gives a new program: the executable's base name, at most 15 bytes. */
    static String comm(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }

    /**
     * Reads the executable named by a byte-string path, with the host's own checks and errno: a shell's 127 for a
     * missing file, 126 for one that exists but cannot be executed (a directory, no execute permission).
     */
    private static byte[] readExecutable(String path, String[] realPath) throws ElfException {
        String shown = ByteStrings.display(path);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = ByteStrings.c(a, path);
            long fd = Host.syscall(SyscallTable.OPEN, p.address(), 02000000 /* O_RDONLY|O_CLOEXEC */);
            if (fd < 0) throw new ElfException(shown + ": " + describe((int) -fd), fd == -Errno.ENOENT || fd == -Errno.ENOTDIR ? 127 : 126);
            try {
                MemorySegment st = a.allocate(144, 8);
                Host.syscall(SyscallTable.FSTAT, fd, st.address());
                int mode = st.get(ValueLayout.JAVA_INT, 24);
                if ((mode & 0170000) == 0040000) throw new ElfException(shown + ": Is a directory", 126);
                if (Host.syscall(SyscallTable.ACCESS, p.address(), 1 /* X_OK */) < 0) {
                    throw new ElfException(shown + ": Permission denied", 126);
                }
                long size = st.get(ValueLayout.JAVA_LONG, 48);
                if (size > Integer.MAX_VALUE - 8) throw ElfException.format("executable larger than 2 GiB");
                MemorySegment buf = a.allocate(Math.max(1, size));
                long done = 0;
                while (done < size) {
                    long n = Host.syscall(SyscallTable.PREAD64, fd, buf.address() + done, size - done, done);
                    if (n <= 0) throw new ElfException(shown + ": read error " + describe((int) -n), 126);
                    done += n;
                }
                String real = FsPaths.readlink("/proc/self/fd/" + fd);
                realPath[0] = real != null ? real : path;
                return buf.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE);
            } finally {
                Host.syscall(SyscallTable.CLOSE, fd);
            }
        }
    }

    private static String describe(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "No such file or directory";
            case Errno.EACCES -> "Permission denied";
            case Errno.ENOTDIR -> "Not a directory";
            case Errno.ELOOP -> "Too many levels of symbolic links";
            case Errno.ENAMETOOLONG -> "File name too long";
            default -> "error " + errno;
        };
    }
}
