package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Process groups and sessions (Linux's kernel/sys.c: setpgid, getpgid, getpgrp, setsid, getsid). ring3's
 * processes all live in one host process, so their groups and sessions are ring3's own: the first process starts
 * in the host's group and session of ring3 (whatever the shell gave it), a child starts in its parent's, and
 * setpgid and setsid move them with Linux's rules and errors. kill with 0 or a negative pid, wait4 with 0 or a
 * negative pid and waitid with P_PGID use them ({@link #members}). A pid that is no ring3 process is asked of the
 * host, and a group with no ring3 process in it is the host's (kill(0) does not reach host processes that share
 * ring3's first group, as the other commands of a shell pipeline would be reached on Linux). A new session has no
 * controlling terminal only in name: the host's terminal still sees ring3. Not checked: EACCES for a child that
 * has called execve.
 */
public final class GroupCalls {
    private GroupCalls() {}

    public static long getpgrp(GuestThread t, Cpu c) { return t.proc.pgid; }

    // the pid_t arguments are ints: a register's upper half is not part of them

    public static long getpgid(GuestThread t, Cpu c) {
        GuestProcess p = find(t, i0(c));
        if (p != null) return p.pgid;
        return i0(c) < 0 ? -Errno.ESRCH : Host.syscall(SyscallTable.GETPGID, i0(c));
    }

    public static long getsid(GuestThread t, Cpu c) {
        GuestProcess p = find(t, i0(c));
        if (p != null) return p.sid;
        return i0(c) < 0 ? -Errno.ESRCH : Host.syscall(SyscallTable.GETSID, i0(c));
    }

    /**
     * setpgid(pid, pgid): the caller or one of its children (ESRCH otherwise) into group pgid (its own pid when 0)
     * of the caller's session: EINVAL for a negative pgid, EPERM for a session leader, a child in another
     * session, or a group that does not exist in the session.
     */
    public static long setpgid(GuestThread t, Cpu c) {
        int pid = i0(c), pgid = i1(c);
        GuestProcess self = t.proc;
        if (pgid < 0) return -Errno.EINVAL;
        GuestProcess target = pid == 0 || pid == self.pid ? self : child(self, pid);
        if (target == null) return -Errno.ESRCH;
        synchronized (GroupCalls.class) {
            if (target.sid == target.pid || target.sid != self.sid) return -Errno.EPERM;
            int to = pgid == 0 ? target.pid : pgid;
            if (to != target.pid && !groupInSession(self, to, self.sid)) return -Errno.EPERM;
            target.pgid = to;
        }
        return 0;
    }

    /** setsid(): a new session and group led by the caller, EPERM if it already leads a group. */
    public static long setsid(GuestThread t, Cpu c) {
        GuestProcess self = t.proc;
        synchronized (GroupCalls.class) {
            for (GuestProcess p : self.kernel.processes.values()) {
                if (p.pgid == self.pid) return -Errno.EPERM;   // zombies too, until reaped
            }
            self.sid = self.pid;
            self.pgid = self.pid;
        }
        return self.pid;
    }

    /**
     * The ring3 processes kill(pid) reaches when pid is 0 (the caller's group) or below -1 (group -pid), live
     * ones only; empty when no ring3 process is in that group (it may be a host group).
     */
    static List<GuestProcess> members(GuestProcess self, int pid) {
        int group = pid == 0 ? self.pgid : -pid;
        List<GuestProcess> out = new ArrayList<>();
        for (GuestProcess p : self.kernel.processes.values()) if (p.pgid == group && !p.exited) out.add(p);
        return out;
    }

    /** The process waited for with id {@code want} of wait4: any (-1), group 0 (the caller's) or -want, or one pid. */
    static boolean waitedFor(GuestProcess self, GuestProcess child, long want) {
        if (want == -1) return true;
        if (want == 0) return child.pgid == self.pgid;
        if (want < 0) return child.pgid == -want;
        return child.pid == want;
    }

    private static boolean groupInSession(GuestProcess self, int pgid, int sid) {
        for (GuestProcess p : self.kernel.processes.values()) if (p.pgid == pgid && p.sid == sid) return true;
        return false;
    }

    /** The ring3 process pid: the caller for 0 or its own pid, else any ring3 process, or null. */
    private static GuestProcess find(GuestThread t, int pid) {
        if (pid == 0 || pid == t.proc.pid) return t.proc;
        return pid > 0 ? t.proc.kernel.processes.get(pid) : null;
    }

    private static GuestProcess child(GuestProcess self, int pid) {
        synchronized (self.children) {
            for (GuestProcess ch : self.children) if (ch.pid == pid) return ch;
        }
        return null;
    }
}
