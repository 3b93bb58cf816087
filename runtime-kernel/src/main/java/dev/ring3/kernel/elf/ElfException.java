package dev.ring3.kernel.elf;

import dev.ring3.kernel.sys.Errno;

/**
 * A file ring3 cannot run: the message says why in one line, {@link #exitCode} is what a shell would return (127 for
 * a missing file, 126 for one that cannot run), {@link #errno} what execve returns for it.
 */
public final class ElfException extends Exception {
    public final int exitCode;
    public final int errno;

    public ElfException(String message, int exitCode, int errno) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.errno = errno;
    }

    /** "Exec format error": exit 126 like a shell, ENOEXEC from execve. */
    public static ElfException format(String message) { return new ElfException(message, 126, Errno.ENOEXEC); }
}
