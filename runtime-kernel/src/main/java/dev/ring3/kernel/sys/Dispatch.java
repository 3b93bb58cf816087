package dev.ring3.kernel.sys;

import static dev.ring3.kernel.sys.SyscallTable.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.EpollCalls;
import dev.ring3.kernel.fs.FileIo;
import dev.ring3.kernel.fs.FsCalls;
import dev.ring3.kernel.fs.HostObjectCalls;
import dev.ring3.kernel.fs.PollCalls;
import dev.ring3.kernel.fs.SelectCalls;
import dev.ring3.kernel.mm.MmCalls;
import dev.ring3.kernel.net.SocketCalls;
import dev.ring3.kernel.proc.ExecCalls;
import dev.ring3.kernel.proc.ForkCalls;
import dev.ring3.kernel.proc.FutexCalls;
import dev.ring3.kernel.proc.GroupCalls;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.IntervalTimer;
import dev.ring3.kernel.proc.NewImage;
import dev.ring3.kernel.proc.PosixTimers;
import dev.ring3.kernel.proc.ProcCalls;
import dev.ring3.kernel.proc.SignalCalls;
import dev.ring3.kernel.proc.SignalFd;
import dev.ring3.kernel.proc.SignalQueueCalls;
import dev.ring3.kernel.time.TimeCalls;

/**
 * System call entry. {@link #x64_sys_call} is Linux's dispatcher: one switch over the numbers of
 * {@link SyscallTable} (generated from the host's asm/unistd_64.h), one line per implemented call, each handler
 * named as the system call and found in the class of its area (fs/, mm/, net/, proc/, time/), taking the thread and
 * its registers and returning the result or -errno. Everything else is ENOSYS, reported once by number and name.
 *
 * <p>{@link #syscall} wraps it with the one enter/exit hook (--strace); with tracing off the hook is a null
 * check.
 */
public final class Dispatch {
    private Dispatch() {}

    /** SYSCALL: RAX = x64_sys_call(RAX, args). */
    public static void syscall(GuestThread t, Cpu c) {
        long nr = c.r[Cpu.RAX];
        Strace strace = t.proc.kernel.strace;
        if (strace == null) {
            c.r[Cpu.RAX] = x64_sys_call(t, c, nr);
            return;
        }
        strace.enter(t, c, nr);
        long ret;
        try {
            ret = x64_sys_call(t, c, nr);
        } catch (NewImage done) {   // execve succeeded: its line, read from the old program's memory, then the new one
            strace.exit(t, c, nr, 0);
            throw done;
        }
        strace.exit(t, c, nr, ret);
        c.r[Cpu.RAX] = ret;
    }

    public static long x64_sys_call(GuestThread t, Cpu c, long nr) {
        if (nr < 0 || nr > MAX) return enosys(t, nr);
        return switch ((int) nr) {
            // fs/read_write.c, fs/open.c, fs/fcntl.c, fs/ioctl.c, fs/file.c, fs/sync.c
            case READ -> FileIo.read(t, c);
            case WRITE -> FileIo.write(t, c);
            case PREAD64 -> FileIo.pread64(t, c);
            case PWRITE64 -> FileIo.pwrite64(t, c);
            case READV -> FileIo.readv(t, c);
            case WRITEV -> FileIo.writev(t, c);
            case LSEEK -> FileIo.lseek(t, c);
            case CLOSE -> FileIo.close(t, c);
            case DUP -> FileIo.dup(t, c);
            case DUP2 -> FileIo.dup2(t, c);
            case PIPE -> FileIo.pipe(t, c);
            case PIPE2 -> FileIo.pipe2(t, c);
            case POLL -> PollCalls.poll(t, c);
            case EPOLL_CREATE -> EpollCalls.epoll_create(t, c);
            case EPOLL_CREATE1 -> EpollCalls.epoll_create1(t, c);
            case EPOLL_CTL -> EpollCalls.epoll_ctl(t, c);
            case EPOLL_WAIT -> EpollCalls.epoll_wait(t, c);
            case EPOLL_PWAIT -> EpollCalls.epoll_pwait(t, c);
            case EPOLL_PWAIT2 -> EpollCalls.epoll_pwait2(t, c);
            case EVENTFD -> EpollCalls.eventfd(t, c);
            case EVENTFD2 -> EpollCalls.eventfd2(t, c);
            case PPOLL -> PollCalls.ppoll(t, c);
            case SELECT -> SelectCalls.select(t, c);
            case PSELECT6 -> SelectCalls.pselect6(t, c);
            case DUP3 -> FileIo.dup3(t, c);
            case FCNTL -> FileIo.fcntl(t, c);
            case IOCTL -> FileIo.ioctl(t, c);
            case FSYNC -> FileIo.fsync(t, c);
            case SENDFILE -> FileIo.sendfile(t, c);
            case FDATASYNC -> FsCalls.fdatasync(t, c);
            case FLOCK -> FsCalls.flock(t, c);
            case FALLOCATE -> FsCalls.fallocate(t, c);
            case COPY_FILE_RANGE -> FileIo.copy_file_range(t, c);
            case MEMFD_CREATE -> HostObjectCalls.memfd_create(t, c);
            case TIMERFD_CREATE -> HostObjectCalls.timerfd_create(t, c);
            case TIMERFD_SETTIME -> HostObjectCalls.timerfd_settime(t, c);
            case TIMERFD_GETTIME -> HostObjectCalls.timerfd_gettime(t, c);
            case SETITIMER -> IntervalTimer.setitimer(t, c);
            case RT_SIGPENDING -> SignalQueueCalls.rt_sigpending(t, c);
            case TIMER_CREATE -> PosixTimers.timer_create(t, c);
            case TIMER_SETTIME -> PosixTimers.timer_settime(t, c);
            case TIMER_GETTIME -> PosixTimers.timer_gettime(t, c);
            case TIMER_GETOVERRUN -> PosixTimers.timer_getoverrun(t, c);
            case TIMER_DELETE -> PosixTimers.timer_delete(t, c);
            case RT_SIGTIMEDWAIT -> SignalQueueCalls.rt_sigtimedwait(t, c);
            case RT_SIGQUEUEINFO -> SignalQueueCalls.rt_sigqueueinfo(t, c);
            case RT_TGSIGQUEUEINFO -> SignalQueueCalls.rt_tgsigqueueinfo(t, c);
            case GETITIMER -> IntervalTimer.getitimer(t, c);
            case ALARM -> IntervalTimer.alarm(t, c);
            case GETPRIORITY -> ProcCalls.getpriority(t, c);
            case SETPRIORITY -> ProcCalls.setpriority(t, c);
            // fs/open.c, fs/stat.c, fs/namei.c, fs/readdir.c, fs/d_path.c, fs/statfs.c
            case OPEN -> FsCalls.open(t, c);
            case OPENAT -> FsCalls.openat(t, c);
            case CREAT -> FsCalls.creat(t, c);
            case STAT -> FsCalls.stat(t, c);
            case LSTAT -> FsCalls.lstat(t, c);
            case FSTAT -> FsCalls.fstat(t, c);
            case NEWFSTATAT -> FsCalls.newfstatat(t, c);
            case STATX -> FsCalls.statx(t, c);
            case ACCESS -> FsCalls.access(t, c);
            case FACCESSAT -> FsCalls.faccessat(t, c);
            case FACCESSAT2 -> FsCalls.faccessat2(t, c);
            case READLINK -> FsCalls.readlink(t, c);
            case READLINKAT -> FsCalls.readlinkat(t, c);
            case GETCWD -> FsCalls.getcwd(t, c);
            case CHDIR -> FsCalls.chdir(t, c);
            case FCHDIR -> FsCalls.fchdir(t, c);
            case GETDENTS64 -> FsCalls.getdents64(t, c);
            case MKDIR -> FsCalls.mkdir(t, c);
            case MKDIRAT -> FsCalls.mkdirat(t, c);
            case UNLINK -> FsCalls.unlink(t, c);
            case UNLINKAT -> FsCalls.unlinkat(t, c);
            case RMDIR -> FsCalls.rmdir(t, c);
            case RENAME -> FsCalls.rename(t, c);
            case RENAMEAT -> FsCalls.renameat(t, c);
            case RENAMEAT2 -> FsCalls.renameat2(t, c);
            case LINK -> FsCalls.link(t, c);
            case LINKAT -> FsCalls.linkat(t, c);
            case SYMLINK -> FsCalls.symlink(t, c);
            case SYMLINKAT -> FsCalls.symlinkat(t, c);
            case CHMOD -> FsCalls.chmod(t, c);
            case FCHMOD -> FsCalls.fchmod(t, c);
            case FCHMODAT -> FsCalls.fchmodat(t, c);
            case TRUNCATE -> FsCalls.truncate(t, c);
            case FTRUNCATE -> FsCalls.ftruncate(t, c);
            case STATFS -> FsCalls.statfs(t, c);
            case FSTATFS -> FsCalls.fstatfs(t, c);
            case UMASK -> FsCalls.umask(t, c);
            case UTIMENSAT -> FsCalls.utimensat(t, c);
            case CHOWN -> FsCalls.chown(t, c);
            case LCHOWN -> FsCalls.lchown(t, c);
            case FCHOWN -> FsCalls.fchown(t, c);
            case FCHOWNAT -> FsCalls.fchownat(t, c);
            case MKNOD -> FsCalls.mknod(t, c);
            case MKNODAT -> FsCalls.mknodat(t, c);
            case SYNC -> FsCalls.sync(t, c);
            case SYNCFS -> FsCalls.syncfs(t, c);
            // mm/
            case MMAP -> MmCalls.mmap(t, c);
            case MUNMAP -> MmCalls.munmap(t, c);
            case MPROTECT -> MmCalls.mprotect(t, c);
            case BRK -> MmCalls.brk(t, c);
            case MREMAP -> MmCalls.mremap(t, c);
            case MADVISE -> MmCalls.madvise(t, c);
            case MSYNC -> MmCalls.msync(t, c);
            case MLOCK, MUNLOCK, MLOCKALL, MUNLOCKALL -> MmCalls.nothing(t, c);
            // fs/exec.c, kernel/exit.c, kernel/sys.c, kernel/sched/, arch/x86/kernel/process_64.c
            case EXECVE -> ExecCalls.execve(t, c);
            case EXECVEAT -> ExecCalls.execveat(t, c);
            case EXIT -> ProcCalls.exit(t, c);
            case EXIT_GROUP -> ProcCalls.exit_group(t, c);
            case GETPID -> ProcCalls.getpid(t, c);
            case GETPPID -> ProcCalls.getppid(t, c);
            case GETTID -> ProcCalls.gettid(t, c);
            case GETUID -> ProcCalls.getuid(t, c);
            case GETEUID -> ProcCalls.geteuid(t, c);
            case GETGID -> ProcCalls.getgid(t, c);
            case GETEGID -> ProcCalls.getegid(t, c);
            case GETGROUPS -> ProcCalls.getgroups(t, c);
            case GETPGRP -> GroupCalls.getpgrp(t, c);
            case GETPGID -> GroupCalls.getpgid(t, c);
            case GETSID -> GroupCalls.getsid(t, c);
            case SETPGID -> GroupCalls.setpgid(t, c);
            case SETSID -> GroupCalls.setsid(t, c);
            case SIGNALFD -> SignalFd.signalfd(t, c);
            case SIGNALFD4 -> SignalFd.signalfd4(t, c);
            case SET_TID_ADDRESS -> ProcCalls.set_tid_address(t, c);
            case SET_ROBUST_LIST -> ProcCalls.set_robust_list(t, c);
            case ARCH_PRCTL -> ProcCalls.arch_prctl(t, c);
            case PRLIMIT64 -> ProcCalls.prlimit64(t, c);
            case GETRLIMIT -> ProcCalls.getrlimit(t, c);
            case SETRLIMIT -> ProcCalls.setrlimit(t, c);
            case UNAME -> ProcCalls.uname(t, c);
            case GETRANDOM -> ProcCalls.getrandom(t, c);
            case SCHED_GETAFFINITY -> ProcCalls.sched_getaffinity(t, c);
            case SCHED_YIELD -> ProcCalls.sched_yield(t, c);
            case GETCPU -> ProcCalls.getcpu(t, c);
            case PRCTL -> ProcCalls.prctl(t, c);
            case GETRUSAGE -> ProcCalls.getrusage(t, c);
            case SYSINFO -> ProcCalls.sysinfo(t, c);
            case TIMES -> ProcCalls.times(t, c);
            case RSEQ -> ProcCalls.rseq(t, c);
            // net/socket.c
            case SOCKET -> SocketCalls.socket(t, c);
            case SOCKETPAIR -> SocketCalls.socketpair(t, c);
            case BIND -> SocketCalls.bind(t, c);
            case CONNECT -> SocketCalls.connect(t, c);
            case LISTEN -> SocketCalls.listen(t, c);
            case ACCEPT -> SocketCalls.accept(t, c);
            case ACCEPT4 -> SocketCalls.accept4(t, c);
            case SENDTO -> SocketCalls.sendto(t, c);
            case RECVFROM -> SocketCalls.recvfrom(t, c);
            case SENDMSG -> SocketCalls.sendmsg(t, c);
            case RECVMSG -> SocketCalls.recvmsg(t, c);
            case SHUTDOWN -> SocketCalls.shutdown(t, c);
            case SETSOCKOPT -> SocketCalls.setsockopt(t, c);
            case GETSOCKOPT -> SocketCalls.getsockopt(t, c);
            case GETSOCKNAME -> SocketCalls.getsockname(t, c);
            case GETPEERNAME -> SocketCalls.getpeername(t, c);
            // kernel/futex/
            case FUTEX -> FutexCalls.futex(t, c);
            // kernel/signal.c
            case RT_SIGACTION -> SignalCalls.rt_sigaction(t, c);
            case RT_SIGPROCMASK -> SignalCalls.rt_sigprocmask(t, c);
            case SIGALTSTACK -> SignalCalls.sigaltstack(t, c);
            case KILL -> SignalCalls.kill(t, c);
            case RT_SIGSUSPEND -> SignalCalls.rt_sigsuspend(t, c);
            case PAUSE -> SignalCalls.pause(t, c);
            // kernel/fork.c, kernel/exit.c
            case CLONE -> ForkCalls.clone(t, c);
            case CLONE3 -> ForkCalls.clone3(t, c);
            case FORK -> ForkCalls.fork(t, c);
            case VFORK -> ForkCalls.vfork(t, c);
            case WAIT4 -> ForkCalls.wait4(t, c);
            case WAITID -> ForkCalls.waitid(t, c);
            case TGKILL -> SignalCalls.tgkill(t, c);
            case TKILL -> SignalCalls.tkill(t, c);
            case RT_SIGRETURN -> SignalCalls.rt_sigreturn(t, c);
            // kernel/time/
            case CLOCK_GETTIME -> TimeCalls.clock_gettime(t, c);
            case CLOCK_GETRES -> TimeCalls.clock_getres(t, c);
            case GETTIMEOFDAY -> TimeCalls.gettimeofday(t, c);
            case TIME -> TimeCalls.time(t, c);
            case NANOSLEEP -> TimeCalls.nanosleep(t, c);
            case CLOCK_NANOSLEEP -> TimeCalls.clock_nanosleep(t, c);
            default -> enosys(t, nr);
        };
    }

    private static long enosys(GuestThread t, long nr) {
        t.proc.kernel.unsupported(nr);
        return -Errno.ENOSYS;
    }
}
