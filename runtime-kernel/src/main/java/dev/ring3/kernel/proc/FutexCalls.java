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
        if (timeout) return await(t, as.mem.host(uaddr), op, cmd, a2(c), arg3, a5(c));
        return Host.syscall(SyscallTable.FUTEX, as.mem.host(uaddr), op, a2(c), arg3,
                host2, a5(c));
    }

    /** How long one host wait of a wait without timeout lasts before the thread looks at its state again. */
    static final long SLICE_NS = 100_000_000;

    /**
     * FUTEX_WAIT and FUTEX_WAIT_BITSET. The thread records the word it waits on, so that exit_group and fatal
     * signals wake it ({@link GuestProcess#interruptAll}); a wait without timeout waits in slices of
     * {@link #SLICE_NS} and looks between them at what a wake-up may have missed (the word was recorded after the
     * waker looked): the process's end, or a signal for the thread (EINTR, as Linux returns for a wait a
     * signal's handler interrupts).
     */
    private static long await(GuestThread t, long word, int op, int cmd, long val, long timeout, long bitset) {
        t.futexWait = word;   // recorded first: a waker that looks after this sees it, one before it is seen here
        try {
            if (ThreadCalls.mustStop(t)) return -Errno.EINTR;
            if (timeout != 0) return Host.syscall(SyscallTable.FUTEX, word, op, val, timeout, 0, bitset);
            try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.MemorySegment ts = a.allocate(16, 8);
                // FUTEX_WAIT's timeout is relative; FUTEX_WAIT_BITSET's absolute, on CLOCK_MONOTONIC without
                // FUTEX_CLOCK_REALTIME (System.nanoTime's clock on Linux)
                int sliceOp = op & ~CLOCK_REALTIME;
                while (true) {
                    long ns = cmd == WAIT ? SLICE_NS : System.nanoTime() + SLICE_NS;
                    ts.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, ns / 1_000_000_000L);
                    ts.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, ns % 1_000_000_000L);
                    long r = Host.syscall(SyscallTable.FUTEX, word, sliceOp, val, ts.address(), 0, bitset);
                    if (r != -Errno.ETIMEDOUT) return r;
                    if (ThreadCalls.mustStop(t)) return -Errno.EINTR;
                }
            }
        } finally {
            t.futexWait = 0;
        }
    }

    /** Wakes every host waiter on the word, private futex or not (exit_group, a fatal signal). */
    static void wakeAll(long word) {
        Host.syscall(SyscallTable.FUTEX, word, WAKE, Integer.MAX_VALUE);
        Host.syscall(SyscallTable.FUTEX, word, WAKE | PRIVATE_FLAG, Integer.MAX_VALUE);
    }
}
