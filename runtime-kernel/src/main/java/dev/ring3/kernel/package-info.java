/**
 * The guest's kernel, in the JVM: processes and threads as objects, the address space, the ELF loader and initial
 * stack, and the system calls.
 *
 * <h2>Decisions, and why</h2>
 * <ul>
 *   <li><b>One switch for system calls</b> ({@link dev.ring3.kernel.sys.Dispatch#x64_sys_call}), over the numbers of
 *   {@link dev.ring3.kernel.sys.SyscallTable}, which is generated from the host's {@code asm/unistd_64.h} with every
 *   name kept for --strace and ENOSYS messages. Handlers are grouped by area as in Linux (fs/, mm/, proc/, time/),
 *   named as the system call, take the thread and its registers, read their arguments first and return the result
 *   or -errno. Unknown numbers return ENOSYS and are reported once each, by number and name.</li>
 *   <li><b>Files are the host's, passed through.</b> ring3 runs on x86-64 Linux, so file system calls go to the
 *   host kernel as raw system calls (FFM downcall to libc's syscall(2)) with guest buffers given as host pointers
 *   into the flat guest memory: no copies, and struct layouts, errno values and edge cases are the kernel's own.
 *   Guest descriptor numbers are virtual (a per-process table), the working directory is a per-process host O_PATH
 *   descriptor used as dirfd, and the /proc/self entries that must describe the guest (exe, maps, cmdline) are
 *   ring3's. This departs from DESIGN.md's "files through NIO": NIO cannot give stat, getdents64, ioctl or fcntl
 *   with Linux's exact semantics, and would copy every buffer. Pipes, sockets, epoll, eventfd, timerfd and memfd are
 *   the host's objects too (shared with forked children as Linux shares them); a signalfd is ring3's own
 *   description, with a host eventfd standing for its readiness so that the host's poll and epoll see it.</li>
 *   <li><b>Every guest pointer is checked</b> against the mapping table before the host sees it
 *   ({@link dev.ring3.kernel.mm.Uaccess}): EFAULT, or a short transfer when a buffer runs into unmapped memory, as
 *   Linux gives.</li>
 *   <li><b>Address space layout</b> ({@link dev.ring3.kernel.mm.AddressSpace}) mirrors Linux's (executable low,
 *   static-pie high, mmap top-down below the stack) inside a 512 GiB window, without randomization.</li>
 *   <li><b>execve replaces the program in place</b> ({@link dev.ring3.kernel.proc.ExecCalls},
 *   {@link dev.ring3.kernel.elf.ProgramImage}): the new program is loaded into a new address space while the old
 *   one still runs, so every failure (ENOENT, EACCES, ENOEXEC, ELOOP, EFAULT, E2BIG) returns to the caller as in
 *   Linux; success unwinds the thread out of the old program's translated frames by an exception no tier catches,
 *   and only then does the process switch over and release the old space with its code cache, after which nothing
 *   holds the old regions' hidden classes (ReleaseTest unloads them). The command line's own program is loaded by
 *   the same code, "#!" scripts included.</li>
 *   <li><b>Nothing of the JVM reaches the guest's streams</b>: ring3 writes its own messages through
 *   {@link dev.ring3.kernel.Diag} (a duplicate of the host stderr), never System.out, and leaves with
 *   {@code Runtime.halt} and the guest's status, or dies by the signal that ended the guest.</li>
 *   <li><b>Signals are ring3's, blocking calls are the host's</b>: a guest signal is pending state in the guest
 *   kernel, delivered at block boundaries; a thread blocked in the host kernel is interrupted by a host signal
 *   ({@link dev.ring3.kernel.proc.Interruptible}), and signals the host sends ring3 itself become the guest's
 *   (dev.ring3.kernel.cli.HostSignals). Process groups and sessions are ring3's own too
 *   ({@link dev.ring3.kernel.proc.GroupCalls}), since its processes share one host process.</li>
 * </ul>
 */
package dev.ring3.kernel;
