package dev.ring3.kernel.net;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.fs.FileDescription;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestThread;
import dev.ring3.kernel.proc.Interruptible;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Sockets (Linux's net/socket.c) as host sockets: socket, socketpair and accept make host descriptors installed in
 * the guest's table (close-on-exec from the guest's flags), and every other call is the host's on the host
 * descriptor, given guest buffers and addresses as host pointers after ring3 has checked they lie in guest
 * mappings (EFAULT otherwise). A descriptor that is not open is EBADF; one of ring3's own files (which has no host
 * descriptor) or a host file that is no socket is ENOTSOCK, as Linux says. sendmsg and recvmsg translate the
 * message header and its iovecs into host pointers and copy back the lengths and flags the host sets; descriptors
 * passed in control data (SCM_RIGHTS) are translated between the guest's numbers and the host's ({@link Rights}).
 * A blocking accept, connect, send or receive waits in the host, interrupted by a guest signal
 * ({@link Interruptible}).
 */
public final class SocketCalls {
    private SocketCalls() {}

    static final int SOCK_NONBLOCK = 04000, SOCK_CLOEXEC = 02000000;
    /** sizeof(struct sockaddr_storage): Linux refuses longer addresses (EINVAL). */
    static final int MAX_ADDR = 128;
    /** struct msghdr on x86-64: name, namelen (4, padded), iov, iovlen, control, controllen, flags (4, padded). */
    static final int MSGHDR = 56;
    /** recvmsg's flag: received descriptors close-on-exec (<linux/socket.h>). */
    static final int MSG_CMSG_CLOEXEC = 0x40000000;

    public static long socket(GuestThread t, Cpu c) {
        int type = i1(c);
        long h = Host.syscall(SyscallTable.SOCKET, i0(c), type | SOCK_CLOEXEC, i2(c));
        return t.proc.fds.installHost(h, (type & SOCK_CLOEXEC) != 0);
    }

    public static long socketpair(GuestThread t, Cpu c) {
        int type = i1(c);
        AddressSpace as = t.proc.as;
        if (!Uaccess.ok(as, a3(c), 8, Vma.PROT_WRITE)) return -Errno.EFAULT;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sv = a.allocate(8, 4);
            long r = Host.syscall(SyscallTable.SOCKETPAIR, i0(c), type | SOCK_CLOEXEC, i2(c), sv.address());
            if (r < 0) return r;
            boolean cloexec = (type & SOCK_CLOEXEC) != 0;
            long x = t.proc.fds.installHost(sv.get(ValueLayout.JAVA_INT, 0), cloexec);
            if (x < 0) {
                Host.syscall(SyscallTable.CLOSE, sv.get(ValueLayout.JAVA_INT, 4));
                return x;
            }
            long y = t.proc.fds.installHost(sv.get(ValueLayout.JAVA_INT, 4), cloexec);
            if (y < 0) {
                t.proc.fds.close((int) x);
                return y;
            }
            as.mem.write32(a3(c), (int) x);
            as.mem.write32(a3(c) + 4, (int) y);
            return 0;
        }
    }


    /** The host socket behind guest descriptor fd: -EBADF, -ENOTSOCK, or the host descriptor. */
    private static int sock(GuestThread t, int fd) {
        FileDescription f = fd < 0 ? null : t.proc.fds.get(fd);
        if (f == null) return -Errno.EBADF;
        if (f.hostFd() < 0 || !isSocket(f.hostFd())) return -Errno.ENOTSOCK;
        return f.hostFd();
    }

    /** The host pointer of an address the host reads (len bytes), 0 for none, or -EFAULT / -EINVAL. */
    private static long addressIn(AddressSpace as, long addr, long len) {
        if (len < 0 || len > MAX_ADDR) return -Errno.EINVAL;
        if (addr == 0 || len == 0) return 0;
        return Uaccess.ok(as, addr, len, Vma.PROT_READ) ? as.mem.host(addr) : -Errno.EFAULT;
    }

    public static long bind(GuestThread t, Cpu c) { return withAddress(t, c, SyscallTable.BIND); }

    public static long connect(GuestThread t, Cpu c) { return withAddress(t, c, SyscallTable.CONNECT); }

    /** (fd, const struct sockaddr *, socklen_t). */
    private static long withAddress(GuestThread t, Cpu c, int nr) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        long addr = addressIn(t.proc.as, a1(c), i2(c));
        if (addr < 0) return addr;
        return Interruptible.call(t, nr, h, addr, i2(c), 0, 0, 0);   // connect may block
    }

    public static long listen(GuestThread t, Cpu c) {
        int h = sock(t, i0(c));
        return h < 0 ? h : Host.syscall(SyscallTable.LISTEN, h, i1(c));
    }

    public static long shutdown(GuestThread t, Cpu c) {
        int h = sock(t, i0(c));
        return h < 0 ? h : Host.syscall(SyscallTable.SHUTDOWN, h, i1(c));
    }

    public static long accept(GuestThread t, Cpu c) { return accept(t, c, 0); }

    public static long accept4(GuestThread t, Cpu c) { return accept(t, c, i3(c)); }

    private static long accept(GuestThread t, Cpu c, int flags) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) return -Errno.EINVAL;
        long addr = a1(c), lenp = a2(c), hostAddr = 0, hostLen = 0;
        AddressSpace as = t.proc.as;
        if (addr != 0) {
            long r = addressOut(as, addr, lenp);
            if (r < 0) return r;
            hostAddr = as.mem.host(addr);
            hostLen = as.mem.host(lenp);
        }
        long fd = Interruptible.call(t, SyscallTable.ACCEPT4, h, hostAddr, hostLen, flags | SOCK_CLOEXEC, 0, 0);
        return t.proc.fds.installHost(fd, (flags & SOCK_CLOEXEC) != 0);
    }

    /** An address the host writes: *lenp readable and writable, then lenp's bytes at addr writable; 0 or -errno. */
    private static long addressOut(AddressSpace as, long addr, long lenp) {
        if (!Uaccess.ok(as, lenp, 4, Vma.PROT_READ | Vma.PROT_WRITE)) return -Errno.EFAULT;
        int len = (int) as.mem.read32(lenp);
        if (len < 0) return -Errno.EINVAL;
        return len == 0 || Uaccess.ok(as, addr, len, Vma.PROT_WRITE) ? 0 : -Errno.EFAULT;
    }

    /** sendto(fd, buf, len, flags, dest_addr, addrlen). */
    public static long sendto(GuestThread t, Cpu c) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        AddressSpace as = t.proc.as;
        long len = a2(c);
        if (len < 0 || len > Integer.MAX_VALUE) return -Errno.EINVAL;
        if (len > 0 && !Uaccess.ok(as, a1(c), len, Vma.PROT_READ)) return -Errno.EFAULT;
        long dest = addressIn(as, a4(c), i5(c));
        if (dest < 0) return dest;
        long r = Interruptible.call(t, SyscallTable.SENDTO, h, len == 0 ? 0 : as.mem.host(a1(c)), len, i3(c), dest,
                i5(c));
        return brokenPipe(t, r, i3(c));
    }

    /** recvfrom(fd, buf, len, flags, src_addr, addrlen *). */
    public static long recvfrom(GuestThread t, Cpu c) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        AddressSpace as = t.proc.as;
        long len = a2(c), src = a4(c), lenp = a5(c), hostSrc = 0, hostLen = 0;
        if (len < 0 || len > Integer.MAX_VALUE) return -Errno.EINVAL;
        if (len > 0 && !Uaccess.ok(as, a1(c), len, Vma.PROT_WRITE)) return -Errno.EFAULT;
        if (src != 0) {
            long r = addressOut(as, src, lenp);
            if (r < 0) return r;
            hostSrc = as.mem.host(src);
            hostLen = as.mem.host(lenp);
        }
        return Interruptible.call(t, SyscallTable.RECVFROM, h, len == 0 ? 0 : as.mem.host(a1(c)), len, i3(c), hostSrc,
                hostLen);
    }

    public static long sendmsg(GuestThread t, Cpu c) { return message(t, c, true); }

    public static long recvmsg(GuestThread t, Cpu c) { return message(t, c, false); }

    /** sendmsg and recvmsg(fd, struct msghdr *, flags) through a host copy of the header and its iovecs. */
    private static long message(GuestThread t, Cpu c, boolean send) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        AddressSpace as = t.proc.as;
        long msg = a1(c);
        int prot = send ? Vma.PROT_READ : Vma.PROT_READ | Vma.PROT_WRITE;
        if (!Uaccess.ok(as, msg, MSGHDR, prot)) return -Errno.EFAULT;
        long name = as.mem.read64(msg), iov = as.mem.read64(msg + 16), iovlen = as.mem.read64(msg + 24);
        long control = as.mem.read64(msg + 32), controllen = as.mem.read64(msg + 40);
        int namelen = (int) as.mem.read32(msg + 8);
        if (iovlen < 0 || iovlen > 1024) return -Errno.EMSGSIZE;
        if (name == 0) namelen = 0;
        if (namelen < 0 || send && namelen > MAX_ADDR) return -Errno.EINVAL;
        int dataProt = send ? Vma.PROT_READ : Vma.PROT_WRITE;
        if (namelen > 0 && !Uaccess.ok(as, name, namelen, dataProt)) return -Errno.EFAULT;
        if (controllen < 0 || controllen > Integer.MAX_VALUE) return -Errno.ENOBUFS;
        if (control == 0) controllen = 0;
        if (controllen > 0 && !Uaccess.ok(as, control, controllen, dataProt)) return -Errno.EFAULT;
        if (iovlen > 0 && !Uaccess.ok(as, iov, 16 * iovlen, Vma.PROT_READ)) return -Errno.EFAULT;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment hmsg = a.allocate(MSGHDR, 8), hiov = a.allocate(16 * Math.max(1, iovlen), 8);
            for (int k = 0; k < iovlen; k++) {
                long base = as.mem.read64(iov + 16L * k), len = as.mem.read64(iov + 16L * k + 8);
                if (len < 0) return -Errno.EINVAL;
                if (len > 0 && !Uaccess.ok(as, base, len, dataProt)) return -Errno.EFAULT;
                hiov.set(ValueLayout.JAVA_LONG, 16L * k, len == 0 ? 0 : as.mem.host(base));
                hiov.set(ValueLayout.JAVA_LONG, 16L * k + 8, len);
            }
            hmsg.set(ValueLayout.JAVA_LONG, 0, namelen == 0 ? 0 : as.mem.host(name));
            hmsg.set(ValueLayout.JAVA_INT, 8, namelen);
            hmsg.set(ValueLayout.JAVA_LONG, 16, hiov.address());
            hmsg.set(ValueLayout.JAVA_LONG, 24, iovlen);
            // control data through a host copy, whose SCM_RIGHTS descriptors are translated (Rights)
            MemorySegment guestControl = MemorySegment.ofAddress(controllen == 0 ? 0 : as.mem.host(control))
                    .reinterpret(controllen);
            MemorySegment hctl = a.allocate(Math.max(1, controllen), 8);
            int flags = i2(c);
            if (send && controllen > 0) {
                MemorySegment.copy(guestControl, 0, hctl, 0, controllen);
                long bad = Rights.toHost(t, hctl.asSlice(0, controllen));
                if (bad < 0) return bad;
            }
            hmsg.set(ValueLayout.JAVA_LONG, 32, controllen == 0 ? 0 : hctl.address());
            hmsg.set(ValueLayout.JAVA_LONG, 40, controllen);
            hmsg.set(ValueLayout.JAVA_INT, 48, 0);
            // received descriptors are close-on-exec in the host always; the guest's flag is ring3's
            long r = Interruptible.call(t, send ? SyscallTable.SENDMSG : SyscallTable.RECVMSG, h, hmsg.address(),
                    send ? flags : flags | MSG_CMSG_CLOEXEC, 0, 0, 0);
            if (!send && r >= 0) {   // what the host set: the lengths of the address and control data, the flags
                long got = Rights.toGuest(t, hctl.asSlice(0, Math.min(controllen,
                        hmsg.get(ValueLayout.JAVA_LONG, 40))), (flags & MSG_CMSG_CLOEXEC) != 0);
                MemorySegment.copy(hctl, 0, guestControl, 0, (int) got);
                as.mem.write32(msg + 8, hmsg.get(ValueLayout.JAVA_INT, 8));
                as.mem.write64(msg + 40, (int) got);
                int hostFlags = hmsg.get(ValueLayout.JAVA_INT, 48);   // the host echoes MSG_CMSG_CLOEXEC: ring3's
                if ((flags & MSG_CMSG_CLOEXEC) == 0) hostFlags &= ~MSG_CMSG_CLOEXEC;
                as.mem.write32(msg + 48, hostFlags | (int) (got >>> 32));
            }
            return send ? brokenPipe(t, r, i2(c)) : r;
        }
    }

    /** A send to a stream whose other end is closed raises SIGPIPE, unless MSG_NOSIGNAL (0x4000). */
    private static long brokenPipe(GuestThread t, long r, int flags) {
        if (r == -Errno.EPIPE && (flags & 0x4000) == 0) dev.ring3.kernel.proc.SignalCalls.raised(t, 13);
        return r;
    }

    /** setsockopt(fd, level, name, const void *value, socklen_t len). */
    public static long setsockopt(GuestThread t, Cpu c) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        AddressSpace as = t.proc.as;
        int len = i4(c);
        if (len < 0) return -Errno.EINVAL;
        if (len > 0 && !Uaccess.ok(as, a3(c), len, Vma.PROT_READ)) return -Errno.EFAULT;
        return Host.syscall(SyscallTable.SETSOCKOPT, h, i1(c), i2(c), len == 0 ? 0 : as.mem.host(a3(c)), len);
    }

    /** getsockopt(fd, level, name, void *value, socklen_t *len). */
    public static long getsockopt(GuestThread t, Cpu c) {
        int h = sock(t, i0(c));
        if (h < 0) return h;
        AddressSpace as = t.proc.as;
        long r = addressOut(as, a3(c), a4(c));
        if (r < 0) return r;
        return Host.syscall(SyscallTable.GETSOCKOPT, h, i1(c), i2(c), as.mem.host(a3(c)), as.mem.host(a4(c)));
    }

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
