package dev.ring3.kernel.proc;

/**
 * Unwinds a guest thread out of the tiers: the process (exit_group, fatal signal) or the thread (exit) is done.
 * No tier catches it; the thread's run loop does.
 */
public final class GuestExit extends RuntimeException {
    /** The wait status as Linux encodes it: exit code << 8, or the terminating signal. */
    public final int waitStatus;
    /** True for exit_group and fatal signals, false for exit (one thread). */
    public final boolean wholeProcess;

    private GuestExit(int waitStatus, boolean wholeProcess) {
        super(null, null, false, false);
        this.waitStatus = waitStatus;
        this.wholeProcess = wholeProcess;
    }

    public static GuestExit exitGroup(int code) { return new GuestExit((code & 0xff) << 8, true); }
    public static GuestExit exitThread(int code) { return new GuestExit((code & 0xff) << 8, false); }
    public static GuestExit killedBy(int signal) { return new GuestExit(signal & 0x7f, true); }

    /** The status a shell reports: the exit code, or 128 + signal. */
    public int shellStatus() {
        int sig = waitStatus & 0x7f;
        return sig != 0 ? 128 + sig : (waitStatus >> 8) & 0xff;
    }
}
