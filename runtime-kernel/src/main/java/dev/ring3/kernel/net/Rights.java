package dev.ring3.kernel.net;

import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Descriptors passed in SCM_RIGHTS control messages (Linux's net/core/scm.c): the guest's descriptor numbers are
 * not the host's, so sendmsg's control data goes to the host as a copy with each descriptor replaced by the host
 * descriptor behind it, and recvmsg's comes back with each host descriptor received installed in the guest's
 * table (the lowest free numbers, close-on-exec with MSG_CMSG_CLOEXEC). Only host-backed descriptors can be sent
 * (files, pipes, sockets, eventfds...): one of ring3's own files is EBADF, as one that is not open.
 *
 * <p>struct cmsghdr (x86-64): cmsg_len (8 bytes, header included), cmsg_level (4), cmsg_type (4), then the data;
 * each message starts at a multiple of 8 (CMSG_ALIGN).
 */
final class Rights {
    private Rights() {}

    static final int SOL_SOCKET = 1, SCM_RIGHTS = 1, HEADER = 16;
    /** msg_flags: the control data did not all fit (<linux/socket.h>). */
    static final int MSG_CTRUNC = 8;

    /** For sendmsg: the host copy's SCM_RIGHTS descriptors made the host's; 0, or -EBADF. */
    static long toHost(GuestThread t, MemorySegment control) {
        long len = control.byteSize();
        for (long off = 0; off + HEADER <= len; ) {
            long clen = control.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
            if (clen < HEADER || off + clen > len) break;
            if (isRights(control, off)) {
                for (long at = off + HEADER; at + 4 <= off + clen; at += 4) {
                    int fd = control.get(ValueLayout.JAVA_INT_UNALIGNED, at);
                    FileDescription f = fd < 0 ? null : t.proc.fds.get(fd);
                    if (f == null || f.hostFd() < 0) return -Errno.EBADF;
                    control.set(ValueLayout.JAVA_INT_UNALIGNED, at, f.hostFd());
                }
            }
            off += (clen + 7) & -8;
        }
        return 0;
    }

    /**
     * For recvmsg: the host descriptors received in {@code control} (the host's control data, its received length)
     * installed in the guest's table and replaced by their guest numbers. Returns the control data's length for the
     * guest and, in its high half, MSG_CTRUNC when the table was full: the descriptors not installed are closed and
     * their message cut short, as Linux's scm_detach_fds does.
     */
    static long toGuest(GuestThread t, MemorySegment control, boolean closeOnExec) {
        long len = control.byteSize(), cut = -1;
        for (long off = 0; off + HEADER <= len; ) {
            long clen = control.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
            if (clen < HEADER || off + clen > len) break;
            if (isRights(control, off)) {
                for (long at = off + HEADER; at + 4 <= off + clen; at += 4) {
                    int h = control.get(ValueLayout.JAVA_INT_UNALIGNED, at);
                    if (cut >= 0) {   // after a failure: closed, not installed
                        Host.syscall(SyscallTable.CLOSE, h);
                        continue;
                    }
                    long fd = t.proc.fds.installHost(h, closeOnExec);   // closes h when the table is full
                    if (fd < 0) {
                        control.set(ValueLayout.JAVA_LONG_UNALIGNED, off, at - off);
                        cut = at - off == HEADER ? off : at;   // an empty message goes
                        continue;
                    }
                    control.set(ValueLayout.JAVA_INT_UNALIGNED, at, (int) fd);
                }
            }
            off += (clen + 7) & -8;
        }
        return cut < 0 ? len : (long) MSG_CTRUNC << 32 | cut;
    }

    private static boolean isRights(MemorySegment control, long off) {
        return control.get(ValueLayout.JAVA_INT_UNALIGNED, off + 8) == SOL_SOCKET
                && control.get(ValueLayout.JAVA_INT_UNALIGNED, off + 12) == SCM_RIGHTS;
    }
}
