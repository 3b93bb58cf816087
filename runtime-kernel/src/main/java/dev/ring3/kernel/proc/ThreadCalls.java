package dev.ring3.kernel.proc;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;

/**
 * Threads (clone and clone3 with CLONE_THREAD; Linux's kernel/fork.c copy_process and kernel/exit.c do_exit,
 * do_group_exit): a new {@link GuestThread} of the same process, sharing its memory, descriptors and signal
 * dispositions, run by its own Java thread, starting after the SYSCALL with RAX 0 on the stack it was given and,
 * with CLONE_SETTLS, its own FS base. Its signal mask is its creator's; it has no alternate signal stack.
 *
 * <p>The threads share the address space's code cache ({@link dev.ring3.kernel.mm.AddressSpace#code}): what one
 * translates the others run, and the JVM compiles each region once (with a cache per thread, goroutines.go took
 * 3.5 s, each thread interpreting, translating and compiling the Go runtime again).
 *
 * <p>exit ends the calling thread (clearing and waking its clear-child-tid word, as pthread_join and Go expect);
 * exit_group and a fatal signal end every thread: each leaves at its next block boundary or system call, and a
 * thread waiting on a futex is woken ({@link GuestProcess#interruptAll}); loops translated once a process has a
 * second thread look at every back edge ({@link dev.ring3.jit.CodeCache#pollLoops}). The process ends when its
 * last thread has; its status is exit_group's, or the leader's (the first thread's) own exit status, as wait4
 * reports it on Linux (after an execve in another thread, which ends the leader, the status of the thread that
 * went on).
 */
public final class ThreadCalls {
    private ThreadCalls() {}

    // <linux/sched.h>
    static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_DETACHED = 0x400000,
            CLONE_CHILD_SETTID = 0x01000000;
    /**
     * What a thread's clone may ask for besides CLONE_VM | CLONE_SIGHAND | CLONE_THREAD; an exit signal (the low
     * byte) is ignored for a thread, as Linux ignores it.
     */
    static final long THREAD_EXTRA = 0xff | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID
            | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID;
    /**
     * How long the process's end (and execve) waits for its other threads to leave guest code: more than a futex
     * or epoll wait's slice. A thread still blocked in another host call (a read from a pipe) is left behind, and
     * the address space is then not released under it.
     */
    static final long JOIN_MS = 250;

    static boolean isThread(long flags) { return (flags & CLONE_THREAD) != 0; }

    /**
     * A thread in a long host wait (futex, epoll) must leave it: its process is ending, another thread's execve
     * ends it, or a signal is there for it.
     */
    public static boolean mustStop(GuestThread t) { return SignalDelivery.deliverable(t); }

    /** clone(CLONE_THREAD ...): the new thread's tid, or an error. */
    static long clone(GuestThread t, Cpu c, long flags, long newsp, long ptid, long ctid, long tls) {
        // kernel/fork.c: a thread shares signal handlers, which need a shared address space
        if ((flags & CLONE_SIGHAND) == 0 || (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        if ((flags & ~(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | THREAD_EXTRA)) != 0) {
            t.proc.kernel.unsupported(dev.ring3.kernel.sys.SyscallTable.CLONE);   // namespaces, pidfd, ...
            return -Errno.ENOSYS;
        }
        GuestProcess p = t.proc;
        if ((flags & CLONE_PARENT_SETTID) != 0 && !Uaccess.ok(p.as, ptid, 4, Vma.PROT_WRITE)) return -Errno.EFAULT;
        if ((flags & CLONE_CHILD_SETTID) != 0 && !Uaccess.ok(p.as, ctid, 4, Vma.PROT_WRITE)) return -Errno.EFAULT;
        if (p.groupExit != null || p.killedBy != 0) return -Errno.EINTR;
        int tid = p.kernel.newPid();
        Cpu nc = new Cpu(p.as.mem, null);
        nc.copyFrom(c);
        nc.r[Cpu.RAX] = 0;
        if (newsp != 0) nc.r[Cpu.RSP] = newsp;
        if ((flags & CLONE_SETTLS) != 0) nc.fsBase = tls;
        GuestThread nt = new GuestThread(p, tid, nc);
        p.as.threadsStarted();
        nt.name = t.name;
        nt.sigmask = t.sigmask;
        if ((flags & CLONE_PARENT_SETTID) != 0) Uaccess.put32(p.as, ptid, tid);
        if ((flags & CLONE_CHILD_SETTID) != 0) Uaccess.put32(p.as, ctid, tid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) nt.clearChildTid = ctid;
        p.threads.add(nt);
        Thread th = new Thread(null, () -> run(nt), "ring3-tid-" + tid, 16L << 20);
        th.setDaemon(true);   // ring3 ends with its first process's end, whatever its threads still do
        th.start();
        return tid;
    }

    /** A thread's Java thread: runs it to its exit. */
    private static void run(GuestThread t) { ended(t, t.runGuarded("thread " + t.tid)); }

    /**
     * Thread t has left its code with exit {@code e}: exit_group and fatal signals end its process's other threads;
     * its clear-child-tid word is cleared and woken; it leaves the process's thread list.
     */
    static void ended(GuestThread t, GuestExit e) {
        GuestProcess p = t.proc;
        if (e.wholeProcess) groupExit(p, e);
        // (not for a thread another's execve ended: the memory may be the new program's by now)
        if (t.clearChildTid != 0 && !t.endRequested && p.threads.size() > 1) {
            // under co-simulation's lock: a block compared in another thread (pthread_join's test of this word)
            // must not see it change between its two runs
            var cosim = p.as.mem.cosimLock;
            cosim.lock();
            boolean cleared;
            try {
                cleared = Uaccess.put32(p.as, t.clearChildTid, 0);
            } finally {
                cosim.unlock();
            }
            if (cleared) FutexCalls.wakeAll(p.as.mem.host(t.clearChildTid));
        }
        synchronized (p.threads) {
            if (p.threads.remove(t)) p.lastExit = e;
            p.threads.notifyAll();
        }
    }

    /** exit_group (or a fatal signal) in one thread: the first such exit is the process's; every thread leaves. */
    static void groupExit(GuestProcess p, GuestExit e) {
        synchronized (p.threads) {
            if (p.groupExit == null) p.groupExit = e;
        }
        p.interruptAll();
    }

    /**
     * execve in a process with other threads (fs/exec.c de_thread): they end, and the caller goes on as the only
     * one, and as the leader. Returns false if one of them has not left guest code within {@link #JOIN_MS} (a loop inside a region),
     * when the old address space must not be released under it.
     */
    static boolean endOthers(GuestThread t) {
        GuestProcess p = t.proc;
        if (p.threads.size() <= 1) return true;
        for (GuestThread o : p.threads) if (o != t) o.endRequested = true;
        p.interruptAll();
        t.cpu.interrupted = false;
        long deadline = System.nanoTime() + JOIN_MS * 1_000_000;
        synchronized (p.threads) {
            while (p.threads.size() > 1 && System.nanoTime() < deadline) {
                try {
                    p.threads.wait(100);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            boolean alone = p.threads.size() <= 1;
            p.threads.removeIf(o -> o != t);
            if (t != p.thread) {   // it becomes the leader, with the process's pid as its tid
                t.tid = p.pid;
                p.thread = t;
            }
            return alone;
        }
    }

    /**
     * The leader's Java thread once the leader has left its code with {@code e}: waits for the process's other
     * threads (they run on after the leader's own exit) and gives the process's end: exit_group's or a fatal
     * signal's if there was one, else the leader's exit. {@code released} tells whether every thread has left
     * guest code, so that the caller may release the address space.
     */
    public static GuestExit processEnd(GuestThread leader, GuestExit e, boolean[] released) {
        GuestProcess p = leader.proc;
        ended(leader, e);
        p.realTimer.stop();
        p.timers.deleteAll();
        long deadline = System.nanoTime() + JOIN_MS * 1_000_000;
        synchronized (p.threads) {
            while (!p.threads.isEmpty()) {
                boolean ending = p.groupExit != null || p.killedBy != 0;
                if (ending && System.nanoTime() > deadline) break;   // a thread looping in a region: let it be
                try {
                    p.threads.wait(100);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            released[0] = p.threads.isEmpty();
        }
        GuestExit group = p.groupExit;
        if (p.killedBy != 0) return GuestExit.killedBy(p.killedBy);
        if (group != null) return group;
        // another thread's execve ended the leader: the process went on as that thread, in its new program
        return p.thread != leader && p.lastExit != null ? p.lastExit : e;
    }
}
