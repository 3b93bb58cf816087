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
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * One ring3 run: the guest kernel's global state (options, processes, the once-only ENOSYS log) and the exec of
 * the first program.
 */
public final class Kernel {
    /** Settings from the command line. */
    public record Config(boolean strace, boolean jit, int jitThreshold) {
        public Config(boolean strace) { this(strace, true, dev.ring3.jit.Engine.DEFAULT_THRESHOLD); }
    }

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
        byte[] file = readExecutable(path);
        ElfFile elf = ElfFile.parse(file);
        String exe;
        try {
            exe = Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            exe = Path.of(path).toAbsolutePath().toString();
        }
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
            cwd = (int) Host.syscall(SyscallTable.OPEN, a.allocateFrom(".").address(), 010000000 | 0200000 | 02000000);
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

    private static byte[] readExecutable(String path) throws ElfException {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) throw new ElfException(path + ": Is a directory", 126);
        try {
            if (Files.exists(p) && !Files.isExecutable(p)) throw new ElfException(path + ": Permission denied", 126);
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            throw new ElfException(path + ": No such file or directory", 127);
        } catch (AccessDeniedException e) {
            throw new ElfException(path + ": Permission denied", 126);
        } catch (IOException e) {
            throw new ElfException(path + ": " + e.getMessage(), 126);
        }
    }
}
