package dev.ring3.kernel.proc;

import static dev.ring3.kernel.sys.Args.*;

import dev.ring3.jit.Cpu;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.sys.Errno;
import dev.ring3.kernel.sys.SyscallTable;

/**
 * futex (kernel/futex/), passed to the host kernel on the futex word's host address: guest memory is host memory
 * (one flat mapping), so the host compares, sleeps, times out and wakes exactly as Linux does, and guest threads
 * that wait on the same word are host threads waiting on the same host address. ring3 checks what the host cannot:
 * that the words and the timeout lie in guest mappings (EFAULT otherwise; the host sees one big mapping). The
 * priority-inheritance operations return ENOSYS, as on a kernel without them: their words hold thread ids, and
 * the guest's ids are not the host threads'. Operation numbers from linux/futex.h.
 */
public final class FutexCalls {
    static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, WAIT_BITSET = 9,
            WAKE_BITSET = 10;
    static final int PRIVATE_FLAG = 128, CLOCK_REALTIME = 256;
    /** One past the highest user address on x86-64 (TASK_SIZE_MAX: 2^47 less a page). */
    static final long USER_END = (1L << 47) - 4096;

    private FutexCalls() {}

    public static long futex(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        long uaddr = a0(c), timeoutOrVal2 = a3(c), uaddr2 = a4(c);
        int op = i1(c);
        int cmd = op & ~(PRIVATE_FLAG | CLOCK_REALTIME);
        boolean timeout = cmd == WAIT || cmd == WAIT_BITSET;
        boolean second = cmd == REQUEUE || cmd == CMP_REQUEUE || cmd == WAKE_OP;
        if (!timeout && !second && cmd != WAKE && cmd != WAKE_BITSET) return -Errno.ENOSYS;
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        if (cmd == WAKE || cmd == WAKE_BITSET) {
            // Linux reads nothing to wake: any user address is accepted (nothing waits outside the guest's memory)
            if (!as.mem.inWindow(uaddr, 4)) return Long.compareUnsigned(uaddr, USER_END) < 0 ? 0 : -Errno.EFAULT;
        } else if (!Uaccess.ok(as, uaddr, 4, Vma.PROT_READ)) {
            return -Errno.EFAULT;
        }
        long host2 = uaddr2;
        if (cmd == WAKE_OP) {   // writes the second word
            if (!Uaccess.ok(as, uaddr2, 4, Vma.PROT_WRITE)) return -Errno.EFAULT;
            host2 = as.mem.host(uaddr2);
        } else if (second) {    // the requeues only name it: any user address, nothing read
            if ((uaddr2 & 3) != 0) return -Errno.EINVAL;
            if (Long.compareUnsigned(uaddr2, USER_END) >= 0) return -Errno.EFAULT;
            // outside the guest's memory no thread can wake a waiter moved there: move none (requeue onto itself)
            host2 = as.mem.host(as.mem.inWindow(uaddr2, 4) ? uaddr2 : uaddr);
        }
        long arg3 = timeoutOrVal2;
        if (timeout && timeoutOrVal2 != 0) {
            if (!Uaccess.ok(as, timeoutOrVal2, 16, Vma.PROT_READ)) return -Errno.EFAULT;
            arg3 = as.mem.host(timeoutOrVal2);
        }
        return Host.syscall(SyscallTable.FUTEX, as.mem.host(uaddr), op, a2(c), arg3,
                host2, a5(c));
    }
}
