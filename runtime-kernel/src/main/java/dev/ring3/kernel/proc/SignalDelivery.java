package dev.ring3.kernel.proc;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestMemory;
import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Vma;

/**
 * Signals to guest handlers (Linux's kernel/signal.c and arch/x86/kernel/signal.c): a signal sent to a process
 * whose disposition is a handler becomes pending on its thread; between two blocks (the tiers test
 * {@link Cpu#interrupted}, so right after the system call that raised it, or at the next block boundary of a
 * thread sent one by another process) the first pending signal not blocked is delivered: an rt_sigframe on the
 * stack (or the alternate stack, SA_ONSTACK), the handler entered with (signal, &siginfo, &ucontext) and returning
 * to its restorer, whose rt_sigreturn puts everything back. Standard signals do not queue. A fault (SIGSEGV and
 * the others a guest instruction raises) goes to its handler at once, the frame holding the state before the
 * faulting instruction (after it for INT3's SIGTRAP) and siginfo its address; blocked or ignored, it ends the
 * process as Linux's force_sig_fault does. A thread blocked in a host system call (a read from a pipe) is
 * interrupted ({@link Interruptible}): the call returns EINTR, or runs again after a handler with SA_RESTART.
 *
 * <p>Layouts from the uapi headers (linux-libc-dev): struct rt_sigframe is the restorer's address, struct
 * ucontext (uc_flags, uc_link, uc_stack, uc_mcontext: struct sigcontext_64 of asm/sigcontext.h, uc_sigmask) and
 * struct siginfo (128 bytes); the FPU state is an FXSAVE area, 64-byte aligned, below the frame.
 */
public final class SignalDelivery {
    private SignalDelivery() {}

    // <asm/signal.h>, <asm-generic/signal-defs.h>
    static final long SA_SIGINFO = 4, SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000,
            SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000L;
    static final int SS_ONSTACK = 1, SS_DISABLE = 2;
    // <asm-generic/siginfo.h>: si_code
    public static final int SI_USER = 0, SI_TKILL = -6, CLD_EXITED = 1, CLD_KILLED = 2;
    // struct rt_sigframe: pretcode, ucontext (uc_flags 0, uc_link 8, uc_stack 16, uc_mcontext 40, uc_sigmask 296), info
    static final int UC = 8, UC_STACK = 16, UC_MCONTEXT = 40, UC_SIGMASK = 296, INFO = 312, FRAME_SIZE = 440;
    static final int FXSAVE_SIZE = 512;
    /** uc_flags: UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS, as Linux sets them. */
    static final long UC_FLAGS = 2 | 4;
    /** sigcontext_64's registers in order, as Cpu register numbers: r8-r15, di, si, bp, bx, dx, ax, cx, sp. */
    static final int[] SIGCONTEXT_REGS = {8, 9, 10, 11, 12, 13, 14, 15, Cpu.RDI, Cpu.RSI, Cpu.RBP, Cpu.RBX, Cpu.RDX,
        Cpu.RAX, Cpu.RCX, Cpu.RSP};

    /**
     * What siginfo says of a signal: its code, the sender's pid and uid, a child's status; a fault's address; the
     * value of a queued signal (rt_sigqueueinfo: SI_QUEUE and the other negative codes but SI_TKILL).
     */
    public record Info(int code, int pid, int uid, int status, long addr, boolean fault, long value) {
        public Info(int code, int pid, int uid, int status) { this(code, pid, uid, status, 0, false, 0); }

        public Info(int code, int pid, int uid, int status, long addr, boolean fault) {
            this(code, pid, uid, status, addr, fault, 0);
        }
    }

    /**
     * Writes the 128-byte siginfo_t of signal {@code sig} (asm-generic/siginfo.h): si_signo, si_errno 0, si_code,
     * then per kind: a fault's si_addr; else si_pid and si_uid, a child's si_status, a queued signal's si_value.
     */
    static void putInfo(dev.ring3.jit.GuestMemory m, long si, int sig, Info info) {
        for (int off = 0; off < 128; off += 8) m.write64(si + off, 0);
        m.write32(si, sig);
        m.write32(si + 8, info == null ? SI_USER : info.code());
        if (info != null && info.fault()) {
            m.write64(si + 16, info.addr());   // si_addr
        } else if (info != null) {
            m.write32(si + 16, info.pid());
            m.write32(si + 20, info.uid());
            if (sig == 17) m.write32(si + 24, info.status());   // SIGCHLD: si_status
            else if (info.code() < 0 && info.code() != SI_TKILL) m.write64(si + 24, info.value());   // si_value
        }
    }

    /**
     * A fault with a handler installed and not blocked: delivered now (true), the tiers going on at the handler;
     * false when it must end the process.
     */
    static boolean fault(GuestThread t, Cpu c, dev.ring3.jit.GuestFault f) {
        int sig = f.signal;
        long handler, flags, restorer, mask;
        SignalState s = t.proc.signals;
        synchronized (s) {
            handler = s.handler[sig];
            flags = s.flags[sig];
            restorer = s.restorer[sig];
            mask = s.mask[sig];
            if (handler <= SignalState.SIG_IGN || (t.sigmask & bit(sig)) != 0) return false;
            if ((flags & SA_RESETHAND) != 0) {
                s.handler[sig] = SignalState.SIG_DFL;
                s.flags[sig] = 0;
            }
        }
        long addr = sig == dev.ring3.jit.GuestFault.SIGSEGV || sig == dev.ring3.jit.GuestFault.SIGBUS ? f.address : f.rip;
        c.rip = f.rip;
        enter(t, c, sig, new Info(f.code, 0, 0, 0, addr, true), handler, flags, restorer, mask);
        return true;
    }

    static long bit(int sig) { return 1L << (sig - 1); }

    /**
     * Sends {@code sig} to process {@code p}: ignored, its default action (a terminating one taken at the target's
     * next system call or block boundary), or pending for its handler.
     */
    public static void send(GuestProcess p, int sig, Info info) { sendTo(p, p.signalTarget(sig), sig, info); }

    /**
     * Sends {@code sig} to thread {@code th} of process {@code p} (tgkill, tkill, and the thread a process's signal
     * was given to): a terminating default action still ends the whole process.
     */
    static void sendTo(GuestProcess p, GuestThread th, int sig, Info info) {
        boolean blocked;
        synchronized (p.signals) {
            long h = p.signals.handler[sig];
            if (sig != SignalCalls.SIGKILL && h == SignalState.SIG_IGN) return;
            blocked = th != null && sig != SignalCalls.SIGKILL && (th.sigmask & bit(sig)) != 0;
            if (!blocked && (sig == SignalCalls.SIGKILL || h == SignalState.SIG_DFL)) {
                SignalState.Default action = SignalState.defaultAction(sig);
                if (action != SignalState.Default.TERMINATE && action != SignalState.Default.CORE) return;
                p.killedBy = sig;
            } else if (th != null) {
                th.pending |= bit(sig);
                th.pendingInfo[sig] = info;
            }
        }
        if (p.killedBy != 0) {
            p.interruptAll();   // every thread ends
            return;
        }
        if (th != null) {
            th.cpu.interrupted = true;
            long w = th.futexWait;
            if (w != 0) FutexCalls.wakeAll(w);   // a futex wait returns, for the handler to run
            if (!blocked) Interruptible.kick(th);   // and so does a blocking host call
            SignalFd.sent(p, sig);               // a signalfd of its mask becomes readable
        }
        synchronized (p.children) {
            p.children.notifyAll();   // a wait4 or rt_sigsuspend in progress looks again
        }
    }

    /** A signal taken from a thread's pending set instead of being delivered, with its siginfo. */
    record Taken(int sig, Info info) {}

    /**
     * Takes the lowest pending signal of {@code set} from thread {@code from} (rt_sigtimedwait, signalfd): null if
     * none; a timer's signal records its overruns as taken now ({@link PosixTimers#taken}).
     */
    static Taken dequeue(GuestThread from, long set) {
        int sig;
        Info info;
        synchronized (from.proc.signals) {
            long ready = from.pending & set;
            if (ready == 0) return null;
            sig = Long.numberOfTrailingZeros(ready) + 1;
            from.pending &= ~bit(sig);
            info = from.pendingInfo[sig];
        }
        PosixTimers.taken(from.proc, sig, info);
        return new Taken(sig, info);
    }

    /** True if the thread has a pending signal it does not block (or its process was killed or is exiting). */
    static boolean deliverable(GuestThread t) {
        synchronized (t.proc.signals) {
            return (t.pending & ~t.sigmask) != 0 || t.proc.killedBy != 0 || t.proc.groupExit != null
                    || t.endRequested;
        }
    }

    /** The thread's mask changed: a pending signal it unblocked is delivered at the next boundary. */
    static void maskChanged(GuestThread t) {
        if (deliverable(t)) t.cpu.interrupted = true;
    }

    /** Between blocks, with {@link Cpu#interrupted} seen set: delivers one pending signal (or ends the process). */
    static void deliverPending(GuestThread t, Cpu c) {
        if (t.proc.killedBy != 0) throw GuestExit.killedBy(t.proc.killedBy);
        GuestExit group = t.proc.groupExit;
        if (group != null) throw group;   // exit_group in another thread
        if (t.endRequested) throw GuestExit.exitThread(0);   // execve in another thread
        c.interrupted = false;
        Interruptible.Restart restart = Interruptible.restarts(t, c);
        int sig;
        Info info;
        long handler, flags, restorer, mask;
        SignalState s = t.proc.signals;
        synchronized (s) {
            long ready = t.pending & ~t.sigmask;
            if (ready == 0) {
                if (t.restoreSavedMask) {   // rt_sigsuspend returned with nothing to deliver
                    t.sigmask = t.savedMask;
                    t.restoreSavedMask = false;
                }
                if (restart != Interruptible.Restart.NO) Interruptible.restart(t, c);   // no handler: it goes on
                return;
            }
            sig = Long.numberOfTrailingZeros(ready) + 1;
            t.pending &= ~bit(sig);
            info = t.pendingInfo[sig];
            handler = s.handler[sig];
            flags = s.flags[sig];
            restorer = s.restorer[sig];
            mask = s.mask[sig];
            if (handler > SignalState.SIG_IGN && (flags & SA_RESETHAND) != 0) {
                s.handler[sig] = SignalState.SIG_DFL;
                s.flags[sig] = 0;
            }
        }
        PosixTimers.taken(t.proc, sig, info);
        if (deliverable(t)) c.interrupted = true;   // the next one at the next boundary (inside the handler)
        if (handler == SignalState.SIG_IGN || handler == SignalState.SIG_DFL) {
            SignalState.Default action = SignalState.defaultAction(sig);
            if (handler == SignalState.SIG_DFL
                    && (action == SignalState.Default.TERMINATE || action == SignalState.Default.CORE)) {
                throw GuestExit.killedBy(sig);
            }
            if (restart != Interruptible.Restart.NO) Interruptible.restart(t, c);
            return;
        }
        // an interrupted call is made again after the handler (its frame holds the SYSCALL) or returns EINTR
        if (restart == Interruptible.Restart.ALSO_AFTER_SA_RESTART && (flags & SA_RESTART) != 0) {
            Interruptible.restart(t, c);
        }
        enter(t, c, sig, info, handler, flags, restorer, mask);
    }

    /** Builds the frame and enters the handler with its mask. */
    private static void enter(GuestThread t, Cpu c, int sig, Info info, long handler, long flags, long restorer,
            long mask) {
        if ((flags & SA_RESTORER) == 0 || !frame(t, c, sig, info, handler, flags, restorer)) {
            throw GuestExit.killedBy(11);   // no way back, or no room for the frame: SIGSEGV (force_sigsegv)
        }
        long old = t.restoreSavedMask ? t.savedMask : t.sigmask;
        t.restoreSavedMask = false;
        t.sigmask = (old | mask | ((flags & SA_NODEFER) != 0 ? 0 : bit(sig))) & ~SignalCalls.UNBLOCKABLE;
    }

    /** Writes the frame and points the CPU at the handler; false if the stack cannot take it. */
    private static boolean frame(GuestThread t, Cpu c, int sig, Info info, long handler, long flags, long restorer) {
        AddressSpace as = t.proc.as;
        GuestMemory m = as.mem;
        long sp = c.r[Cpu.RSP] - 128;   // the red zone
        boolean onAlt = onAltStack(t, c.r[Cpu.RSP]);
        if ((flags & SA_ONSTACK) != 0 && (t.altStackFlags & SS_DISABLE) == 0 && !onAlt) {
            sp = t.altStackSp + t.altStackSize;
        }
        long fp = (sp - FXSAVE_SIZE) & -64;
        long frame = ((fp - FRAME_SIZE) & -16) - 8;   // ((sp + 8) & 15) == 0 at the handler's entry
        if (!as.check(frame, fp + FXSAVE_SIZE - frame, Vma.PROT_READ | Vma.PROT_WRITE)) return false;
        long old = t.restoreSavedMask ? t.savedMask : t.sigmask;
        dev.ring3.jit.x87.X87State.fxsave(c, fp, true);
        m.write64(frame, restorer);
        long uc = frame + UC;
        m.write64(uc, UC_FLAGS);
        m.write64(uc + 8, 0);
        m.write64(uc + UC_STACK, t.altStackSp);
        m.write64(uc + UC_STACK + 8, onAlt ? SS_ONSTACK : t.altStackFlags);
        m.write64(uc + UC_STACK + 16, t.altStackSize);
        long mc = uc + UC_MCONTEXT;
        for (int k = 0; k < 16; k++) m.write64(mc + 8L * k, c.r[SIGCONTEXT_REGS[k]]);
        m.write64(mc + 128, c.rip);
        m.write64(mc + 136, Flags.get(c));
        m.write64(mc + 144, 0x2b_0000_0000_0033L);   // cs 0x33, gs 0, fs 0, ss 0x2b
        for (int off = 152; off < 184; off += 8) m.write64(mc + off, 0);   // err, trapno, oldmask, cr2
        m.write64(mc + 168, old);
        m.write64(mc + 184, fp);
        for (int off = 192; off < 256; off += 8) m.write64(mc + off, 0);
        m.write64(uc + UC_SIGMASK, old);
        long si = frame + INFO;
        putInfo(m, si, sig, info);
        if (info != null && info.fault()) m.write64(mc + 176, info.addr());  // cr2
        c.r[Cpu.RDI] = sig;
        c.r[Cpu.RSI] = si;
        c.r[Cpu.RDX] = uc;
        c.r[Cpu.RAX] = 0;
        c.r[Cpu.RSP] = frame;
        c.rip = handler;
        Flags.materialize(c);
        c.flags &= ~(long) (dev.ring3.decoder.FlagBits.DF | dev.ring3.decoder.FlagBits.TF);
        return true;
    }

    static boolean onAltStack(GuestThread t, long sp) {
        return (t.altStackFlags & SS_DISABLE) == 0 && sp > t.altStackSp && sp <= t.altStackSp + t.altStackSize;
    }

    /** rt_sigreturn: the state the frame at RSP (the restorer popped its address) saved; returns RAX's value. */
    static long sigreturn(GuestThread t, Cpu c) {
        AddressSpace as = t.proc.as;
        GuestMemory m = as.mem;
        long uc = c.r[Cpu.RSP];
        long frameAt = uc - UC;
        if (!as.check(frameAt, FRAME_SIZE, Vma.PROT_READ)) throw GuestExit.killedBy(11);
        long mc = uc + UC_MCONTEXT;
        long fp = m.read64(mc + 184);
        if (fp != 0 && (!as.check(fp, FXSAVE_SIZE, Vma.PROT_READ) || (fp & 15) != 0
                || (m.read32(fp + 24) & ~dev.ring3.jit.sse.Mxcsr.WRITABLE) != 0)) {
            throw GuestExit.killedBy(11);   // a frame the handler broke: SIGSEGV, as Linux's sigreturn
        }
        for (int k = 0; k < 16; k++) c.r[SIGCONTEXT_REGS[k]] = m.read64(mc + 8L * k);
        c.rip = m.read64(mc + 128);
        long flags = m.read64(mc + 136);
        Flags.materialize(c);
        c.flags = (c.flags & ~Flags.USER_WRITABLE) | (flags & Flags.USER_WRITABLE) | Flags.FIXED;
        if (fp != 0) dev.ring3.jit.x87.X87State.fxrstor(c, fp, true);
        t.sigmask = m.read64(uc + UC_SIGMASK) & ~SignalCalls.UNBLOCKABLE;
        maskChanged(t);
        return c.r[Cpu.RAX];
    }
}
