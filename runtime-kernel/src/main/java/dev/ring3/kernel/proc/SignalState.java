package dev.ring3.kernel.proc;

/**
 * Signal dispositions of a process (what rt_sigaction sets): handler, flags, restorer and mask per signal, in the
 * kernel's struct sigaction layout. Delivery to handlers is not implemented yet; default actions are.
 */
public final class SignalState {
    public static final int NSIG = 64;
    public static final long SIG_DFL = 0, SIG_IGN = 1;

    public final long[] handler = new long[NSIG + 1];
    public final long[] flags = new long[NSIG + 1];
    public final long[] restorer = new long[NSIG + 1];
    public final long[] mask = new long[NSIG + 1];

    /**
     * execve: handlers go back to SIG_DFL with their flags, restorer and mask; ignored signals stay ignored
     * (kernel/signal.c, flush_signal_handlers).
     */
    public synchronized void resetOnExec() {
        for (int sig = 1; sig <= NSIG; sig++) {
            if (handler[sig] != SIG_IGN) handler[sig] = SIG_DFL;
            flags[sig] = 0;
            restorer[sig] = 0;
            mask[sig] = 0;
        }
    }

    /** fork: the child starts with the parent's dispositions. */
    public synchronized void copyFrom(SignalState from) {
        synchronized (from) {
            System.arraycopy(from.handler, 0, handler, 0, handler.length);
            System.arraycopy(from.flags, 0, flags, 0, flags.length);
            System.arraycopy(from.restorer, 0, restorer, 0, restorer.length);
            System.arraycopy(from.mask, 0, mask, 0, mask.length);
        }
    }

    /** What the default action of a signal is. */
    public enum Default { TERMINATE, CORE, IGNORE, STOP, CONTINUE }

    public static Default defaultAction(int sig) {
        return switch (sig) {
            case 3, 4, 5, 6, 7, 8, 11, 24, 25, 31 -> Default.CORE;   // QUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS
            case 17, 23, 28 -> Default.IGNORE;                       // CHLD URG WINCH
            case 19, 20, 21, 22 -> Default.STOP;                     // STOP TSTP TTIN TTOU
            case 18 -> Default.CONTINUE;                             // CONT
            default -> Default.TERMINATE;
        };
    }

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
        "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
        "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    public static String name(int sig) {
        return sig > 0 && sig < NAMES.length ? NAMES[sig] : sig >= 34 && sig <= 64 ? "SIGRT" + (sig - 34) : "signal " + sig;
    }
}
