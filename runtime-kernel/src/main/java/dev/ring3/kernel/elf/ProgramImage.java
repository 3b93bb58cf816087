package dev.ring3.kernel.elf;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.CpuId;
import dev.ring3.kernel.ByteStrings;
import dev.ring3.kernel.FsPaths;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A program loaded into a new address space and ready to start: what execve builds before its point of no return,
 * and what the command line's program starts from. As Linux's fs/exec.c, binfmt_script.c and binfmt_elf.c:
 * <ul>
 *   <li>the file must be a regular file its caller may execute (a directory or a file without execute permission:
 *   EACCES; missing: ENOENT);</li>
 *   <li>a file starting with {@code #!} runs its interpreter with argv [interpreter, its optional argument, the
 *   script's path, argv[1]...] (the line read from the first {@value #BINPRM_BUF_SIZE} bytes; interpreters of
 *   interpreters up to {@value #MAX_DEPTH} levels deep, then ELOOP);</li>
 *   <li>anything else must be a static x86-64 ELF executable (ENOEXEC otherwise), mapped by {@link ElfLoader} with
 *   an 8 MiB stack holding argv, envp and the auxiliary vector ({@link InitialStack}).</li>
 * </ul>
 * Nothing of the caller's process changes here: a failure releases the new address space and leaves the caller
 * running.
 *
 * @param exe the host path of the executable itself (the interpreter, for a script): /proc/self/exe
 * @param comm the thread name the new program gets: the base name of the path execve was given, at most 15 bytes
 */
public record ProgramImage(AddressSpace as, long entry, long sp, String exe, List<String> argv, String comm) {
    /** Bytes of a file's start in which a "#!" line must fit (include/uapi/linux/binfmts.h). */
    static final int BINPRM_BUF_SIZE = 256;
    /** Interpreter levels before ELOOP (fs/exec.c, exec_binprm). */
    static final int MAX_DEPTH = 5;

    /**
     * Loads the program at {@code path} (a byte string; relative paths from the host directory fd
     * {@code hostDirFd}, or from the JVM's working directory for {@code AT_FDCWD}).
     */
    public static ProgramImage load(int hostDirFd, String path, List<String> argv, List<String> envp) throws ElfException {
        List<String> args = argv;
        String file = path;
        for (int depth = 0; ; depth++) {
            String[] real = new String[1];
            byte[] bytes = read(hostDirFd, file, real);
            if (bytes.length < 2 || bytes[0] != '#' || bytes[1] != '!') {
                return build(bytes, real[0], path, args, envp);
            }
            if (depth == MAX_DEPTH) {
                throw new ElfException(ByteStrings.display(path) + ": too many levels of interpreters", 126, Errno.ELOOP);
            }
            String[] line = interpreterLine(bytes);
            if (line == null) throw ElfException.format(ByteStrings.display(file) + ": no interpreter on its #! line");
            List<String> next = new ArrayList<>();
            next.add(line[0]);
            if (line[1] != null) next.add(line[1]);
            next.add(file);
            next.addAll(args.subList(Math.min(1, args.size()), args.size()));
            args = next;
            file = line[0];
        }
    }

    /** The CPU state a new program starts in: every register zero but RSP, at the entry point. */
    public Cpu cpu() {
        Cpu c = new Cpu(as.mem, null);
        c.rip = entry;
        c.r[Cpu.RSP] = sp;
        return c;
    }

    /**
     * The interpreter and its optional argument from a "#!" line, as binfmt_script.c reads them from the file's
     * first {@value #BINPRM_BUF_SIZE} bytes (zero-padded): the line ends at the first newline, or, without one, at
     * the buffer's last byte provided the interpreter's name ends before it (else the name may be cut: null);
     * blanks at the line's end are trimmed; the name runs from the first non-blank after "#!" to the next blank or
     * NUL; the argument is the rest after blanks, one string however many words it holds, up to any NUL. Null if
     * there is no name.
     */
    static String[] interpreterLine(byte[] file) {
        byte[] b = java.util.Arrays.copyOf(file, BINPRM_BUF_SIZE);
        int end = 2;
        while (end < BINPRM_BUF_SIZE && b[end] != '\n') end++;
        if (end == BINPRM_BUF_SIZE) {
            end = BINPRM_BUF_SIZE - 1;
            int first = nonBlank(b, 2, end);
            if (first == end || terminator(b, first, end) == end) return null;
        }
        while (end > 2 && blank(b[end - 1])) end--;
        int name = nonBlank(b, 2, end);
        if (name == end) return null;
        int sep = terminator(b, name, end);
        String arg = null;
        if (sep < end && b[sep] != 0) {
            int a = nonBlank(b, sep, end), z = a;
            while (z < end && b[z] != 0) z++;
            arg = ByteStrings.of(b, a, z - a);   // empty when a NUL follows the blanks, as in Linux
        }
        return new String[] {ByteStrings.of(b, name, sep - name), arg};
    }

    private static int nonBlank(byte[] b, int from, int end) {
        while (from < end && blank(b[from])) from++;
        return from;
    }

    private static int terminator(byte[] b, int from, int end) {
        while (from < end && !blank(b[from]) && b[from] != 0) from++;
        return from;
    }

    private static boolean blank(byte c) { return c == ' ' || c == '\t'; }

    private static ProgramImage build(byte[] file, String exe, String execfn, List<String> argv, List<String> envp)
            throws ElfException {
        ElfFile elf = ElfFile.parse(file);
        AddressSpace as = new AddressSpace();
        try {
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
            long sp = stack.build(as.mem, AddressSpace.STACK_TOP, argv, envp, execfn);
            return new ProgramImage(as, img.entry(), sp, exe, List.copyOf(argv), comm(execfn));
        } catch (ElfException | RuntimeException e) {
            as.release();
            throw e;
        }
    }

    /** The thread name Linux gives a new program: the base name of the path it was run by, at most 15 bytes. */
    static String comm(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }

    /**
     * Reads an executable named by a byte-string path with the host's own checks and errno: a shell's 127 for a
     * missing file, 126 for one that exists but cannot be executed (EACCES for a directory or a file without execute
     * permission). {@code realPath[0]} receives its resolved host path.
     */
    private static byte[] read(int dirfd, String path, String[] realPath) throws ElfException {
        String shown = ByteStrings.display(path);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = ByteStrings.c(a, path);
            long fd = Host.syscall(SyscallTable.OPENAT, dirfd, p.address(), 02000000 /* O_RDONLY|O_CLOEXEC */);
            if (fd < 0) {
                int errno = (int) -fd;
                throw new ElfException(shown + ": " + describe(errno), errno == Errno.ENOENT || errno == Errno.ENOTDIR ? 127 : 126, errno);
            }
            try {
                MemorySegment st = a.allocate(144, 8);
                Host.syscall(SyscallTable.FSTAT, fd, st.address());
                int mode = st.get(ValueLayout.JAVA_INT, 24);
                if ((mode & 0170000) == 0040000) throw new ElfException(shown + ": Is a directory", 126, Errno.EACCES);
                if ((mode & 0170000) != 0100000) throw new ElfException(shown + ": Permission denied", 126, Errno.EACCES);
                if (Host.syscall(SyscallTable.FACCESSAT, dirfd, p.address(), 1 /* X_OK */) < 0) {
                    throw new ElfException(shown + ": Permission denied", 126, Errno.EACCES);
                }
                long size = st.get(ValueLayout.JAVA_LONG, 48);
                if (size > Integer.MAX_VALUE - 8) throw ElfException.format(shown + ": executable larger than 2 GiB");
                MemorySegment buf = a.allocate(Math.max(1, size));
                long done = 0;
                while (done < size) {
                    long n = Host.syscall(SyscallTable.PREAD64, fd, buf.address() + done, size - done, done);
                    if (n <= 0) throw new ElfException(shown + ": read error " + describe((int) -n), 126, Errno.EIO);
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
