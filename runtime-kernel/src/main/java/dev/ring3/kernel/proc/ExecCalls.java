package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.elf.ElfException;
import dev.ring3.kernel.elf.ProgramImage;
import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.fs.Paths;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import java.util.ArrayList;
import java.util.List;

/**
 * execve and execveat (fs/exec.c). The path, argv and envp are read from the caller's memory first (EFAULT for a
 * bad pointer anywhere in them; E2BIG for a string longer than {@value #MAX_ARG_STRLEN} bytes or more than
 * {@link #ARG_MAX} bytes in all), then the new program is loaded into a new address space ({@link ProgramImage}:
 * ENOENT, EACCES, ENOEXEC and ELOOP return to the caller, which goes on running). On success the call does not
 * return: {@link NewImage} unwinds the thread out of the old program's code and {@link GuestProcess#exec} switches
 * the process over. The process keeps its pid, descriptors not marked close-on-exec, working directory and ignored
 * signals. An empty argv gets one empty string as argv[0], as Linux does since 5.18.
 */
public final class ExecCalls {
    /** Longest single argument or environment string, with its NUL (include/uapi/linux/binfmts.h: 32 pages). */
    static final int MAX_ARG_STRLEN = 32 * 4096;
    /** Bytes of argument and environment strings in all: a quarter of the stack, Linux's limit for its size. */
    static final long ARG_MAX = AddressSpace.STACK_SIZE / 4;

    private ExecCalls() {}

    public static long execve(GuestThread t, Cpu c) { return exec(t, Paths.AT_FDCWD, a0(c), a1(c), a2(c), 0); }

    public static long execveat(GuestThread t, Cpu c) { return exec(t, i0(c), a1(c), a2(c), a3(c), i4(c)); }

    private static long exec(GuestThread t, int dirfd, long pathAddr, long argvAddr, long envpAddr, int flags) {
        GuestProcess p = t.proc;
        if ((flags & ~(Paths.AT_SYMLINK_NOFOLLOW | Paths.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        String path = Paths.read(p, pathAddr);
        if (path == null) return Paths.error(p, pathAddr);
        long[] room = {ARG_MAX};
        List<String> argv = new ArrayList<>(), envp = new ArrayList<>();
        long err = strings(p.as, argvAddr, argv, room);
        if (err == 0) err = strings(p.as, envpAddr, envp, room);
        if (err != 0) return err;
        if (argv.isEmpty()) argv.add("");
        int hostDir;
        String file = path;
        if (path.isEmpty()) {
            if ((flags & Paths.AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
            FileDescription f = dirfd == Paths.AT_FDCWD ? null : p.fds.get(dirfd);
            if (f == null) return -Errno.EBADF;
            if (f.hostFd() < 0) return -Errno.EACCES;
            hostDir = Paths.AT_FDCWD;
            file = "/proc/self/fd/" + f.hostFd();
        } else {
            // this process's /proc entries name the guest's files: its executable, its descriptors (fexecve)
            String self = Paths.procSelf(p, path);
            if ("exe".equals(self)) file = p.exe;
            if (self != null && self.startsWith("fd/")) {
                FileDescription f = p.fds.get(fdNumber(self.substring(3)));
                if (f == null || f.hostFd() < 0) return -Errno.ENOENT;
                file = "/proc/self/fd/" + f.hostFd();
            }
            hostDir = Paths.dirfd(p, dirfd);
            if (hostDir < 0 && !file.startsWith("/")) return hostDir;
            if ((flags & Paths.AT_SYMLINK_NOFOLLOW) != 0 && dev.ring3.kernel.FsPaths.isSymlink(hostDir, file)) return -Errno.ELOOP;
        }
        ProgramImage image;
        try {
            image = ProgramImage.load(hostDir < 0 ? Paths.AT_FDCWD : hostDir, file, argv, envp);
        } catch (ElfException e) {
            return -e.errno;
        }
        throw new NewImage(image);
    }

    /** A descriptor number as /proc writes it (decimal, no sign or leading zero), or -1. */
    private static int fdNumber(String s) {
        if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) return -1;
        for (int k = 0; k < s.length(); k++) if (s.charAt(k) < '0' || s.charAt(k) > '9') return -1;
        return Integer.parseInt(s);
    }

    /**
     * Appends the strings of a NULL-terminated array of string pointers (a null array is empty), charging each
     * string's bytes and its pointer's to {@code room[0]}; returns 0, -EFAULT or -E2BIG.
     */
    static long strings(AddressSpace as, long array, List<String> out, long[] room) {
        if (array == 0) return 0;
        for (long at = array; ; at += 8) {
            if (!Uaccess.ok(as, at, 8, Vma.PROT_READ)) return -Errno.EFAULT;
            long s = as.mem.read64(at);
            if (s == 0) return 0;
            String str = Uaccess.string(as, s, MAX_ARG_STRLEN);
            if (str == null) {
                return Uaccess.accessible(as, s, MAX_ARG_STRLEN, Vma.PROT_READ) == MAX_ARG_STRLEN ? -Errno.E2BIG : -Errno.EFAULT;
            }
            room[0] -= str.length() + 1 + 8;   // a byte string: one char per byte
            if (room[0] < 0) return -Errno.E2BIG;
            out.add(str);
        }
    }
}
