package dev.ring3.kernel.cli;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.ring3.kernel.Kernel;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.proc.SignalDelivery;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Signals the host sends ring3 itself (the terminal's ^C, {@code kill}, {@code timeout}) become the guest's: a
 * handler the guest installed runs, an ignored signal is ignored, and a default action ends the guest with that
 * signal's status (128 + its number). Without this the JVM took them: SIGINT, SIGTERM and SIGHUP ended ring3 at
 * once, past every guest handler.
 *
 * <p>SIGINT and SIGWINCH, which a terminal sends to its whole foreground process group, go to every guest
 * process (they all share ring3's host process group); SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 and SIGALRM go to the
 * first process, the one whose pid is ring3's own. The signal's siginfo says SI_USER from pid 0 (where it came from
 * is not known). Signals the JVM keeps for itself (SIGQUIT for its thread dump, and any it refuses) stay the JVM's;
 * job-control signals (SIGTSTP, SIGCONT...) keep their host default, stopping and continuing ring3 as a whole.
 */
final class HostSignals {
    private HostSignals() {}

    /** Host signal names (as sun.misc.Signal takes them) and numbers (asm/signal.h). */
    private static final String[] NAMES = {"INT", "WINCH", "TERM", "HUP", "USR1", "USR2", "ALRM"};
    private static final int[] NUMBERS = {2, 28, 15, 1, 10, 12, 14};
    private static final int WINCH = 28;
    /** The first this many go to every process. */
    private static final int TO_ALL = 2;

    /**
     * Takes the signals over for {@code kernel}'s guest. One ignored when ring3 started (a shell's background job
     * starts with SIGINT ignored, nohup with SIGHUP) starts ignored in the guest too, as an ignored signal stays
     * ignored across execve ({@link Kernel#ignoredAtStart}); the host's disposition is set back to the default
     * first, because the JVM does not take over an ignored signal, and the guest may install a handler for it.
     */
    static void forward(Kernel kernel) {
        long ignored = 0;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment act = a.allocate(32, 8);   // struct sigaction as the kernel takes it: handler, flags, ...
            for (int k = 0; k < NAMES.length; k++) {
                int sig = NUMBERS[k];
                if (Host.syscall(RT_SIGACTION, sig, 0, act.address(), 8) == 0 && act.get(JAVA_LONG, 0) == SIG_IGN) {
                    ignored |= 1L << (sig - 1);
                    act.fill((byte) 0);   // SIG_DFL
                    Host.syscall(RT_SIGACTION, sig, act.address(), 0, 8);
                }
            }
        }
        kernel.ignoredAtStart = ignored;
        for (int k = 0; k < NAMES.length; k++) {
            int sig = NUMBERS[k];
            boolean all = k < TO_ALL;
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(NAMES[k]), s -> deliver(kernel, sig, all));
            } catch (IllegalArgumentException e) {
                // the JVM uses it (SIGUSR2 on some builds): it stays the JVM's
            }
        }
    }

    // <asm/unistd_64.h>, <asm-generic/signal-defs.h>, <asm-generic/resource.h>
    private static final long RT_SIGACTION = 13, RT_SIGPROCMASK = 14, GETPID = 39, GETTID = 186, TGKILL = 234,
            SETRLIMIT = 160, SIG_IGN = 1, SIG_UNBLOCK = 1, RLIMIT_CORE = 4;

    /**
     * Ends ring3 by the signal that ended its guest, so that a parent's wait sees a death by that signal (a shell's
     * "Terminated", Python's negative returncode) rather than an exit with 128 + its number: the host disposition
     * back to the default, no core file (it would be the JVM's), the signal unblocked and sent to this thread.
     * Returns only if the process is still alive (a signal whose default is not to end it).
     */
    static void dieBy(int sig) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(32, 8);   // zeroed: SIG_DFL, and a core size limit of 0
            Host.syscall(SETRLIMIT, RLIMIT_CORE, buf.address());
            Host.syscall(RT_SIGACTION, sig, buf.address(), 0, 8);
            buf.set(JAVA_LONG, 0, 1L << (sig - 1));
            Host.syscall(RT_SIGPROCMASK, SIG_UNBLOCK, buf.address(), 0, 8);
            Host.syscall(TGKILL, Host.syscall(GETPID), Host.syscall(GETTID), sig);
        }
    }

    private static void deliver(Kernel kernel, int sig, boolean all) {
        SignalDelivery.Info info = new SignalDelivery.Info(SignalDelivery.SI_USER, 0, 0, 0);
        if (all && !kernel.processes.isEmpty()) {
            for (GuestProcess p : kernel.processes.values()) {
                if (!p.threads.isEmpty()) SignalDelivery.send(p, sig, info);   // not a zombie
            }
            return;
        }
        if (all && sig == WINCH) return;   // ignored by default
        GuestProcess first = kernel.processes.get((int) ProcessHandle.current().pid());
        if (first != null) {
            SignalDelivery.send(first, sig, info);
        } else if (kernel.processes.isEmpty()) {
            Runtime.getRuntime().halt(128 + sig);   // no guest yet (or any more): the signal's default action
        }
    }
}
