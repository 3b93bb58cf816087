package dev.ring3.kernel.net;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * What of net/socket.c ring3 has before it has sockets of its own: getsockname and getpeername on a descriptor
 * that is a host file, passed to the host (a guest started with a socket as stdin sees it as one; any other
 * descriptor is ENOTSOCK, as the host says). Programs ask this of their standard streams (bash, to tell whether
 * it runs under a remote shell daemon).
 */
public final class SocketCalls {
    private SocketCalls() {}

    public static long getsockname(GuestThread t, Cpu c) { return name(t, c, SyscallTable.GETSOCKNAME); }

    public static long getpeername(GuestThread t, Cpu c) { return name(t, c, SyscallTable.GETPEERNAME); }

    /** (fd, struct sockaddr *addr, socklen_t *addrlen): addrlen in and out, addr up to *addrlen bytes. */
    private static long name(GuestThread t, Cpu c, int nr) {
        FileDescription f = t.proc.fds.get(i0(c));
        if (f == null) return -Errno.EBADF;
        if (f.hostFd() < 0 || !isSocket(f.hostFd())) return -Errno.ENOTSOCK;   // before the pointers, as Linux
        AddressSpace as = t.proc.as;
        long addr = a1(c), lenp = a2(c);
        if (!Uaccess.ok(as, lenp, 4, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        int len = (int) as.mem.read32(lenp);
        if (len < 0) return -Errno.EINVAL;
        if (!Uaccess.ok(as, addr, len, Vma.PROT_WRITE)) return -Errno.EFAULT;
        return Host.syscall(nr, f.hostFd(), len == 0 ? 0 : as.mem.host(addr), as.mem.host(lenp));
    }

    private static boolean isSocket(int hostFd) {
        try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment st = a.allocate(144, 8);
            return Host.syscall(SyscallTable.FSTAT, hostFd, st.address()) == 0
                    && (st.get(java.lang.foreign.ValueLayout.JAVA_INT, 24) & 0170000) == 0140000;   // S_IFSOCK
        }
    }
}
