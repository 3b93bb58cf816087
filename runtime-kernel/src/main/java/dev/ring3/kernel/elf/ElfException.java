package dev.ring3.kernel.elf;

/** A file ring3 cannot run: the message says why in one line, {@link #exitCode} is what a shell would return. */
public final class ElfException extends Exception {
    public final int exitCode;

    public ElfException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** "Exec format error", exit 126 like a shell. */
    public static ElfException format(String message) { return new ElfException(message, 126); }
}
