package dev.ring3.kernel.fs;

/** Helpers over descriptions that are not worth a method on every kind of file. */
public final class FileDescriptions {
    private FileDescriptions() {}

    /** The host path of a host-backed description (for /proc/self/maps), or "". */
    public static String pathOf(FileDescription f) {
        if (f.hostFd() < 0) return "";
        String s = FsCalls.hostReadlink("/proc/self/fd/" + f.hostFd());
        return s == null ? "" : s;
    }
}
