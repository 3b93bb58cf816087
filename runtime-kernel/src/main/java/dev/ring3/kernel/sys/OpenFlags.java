package dev.ring3.kernel.sys;

/** open(2) flags as names, for --strace ({@code <asm-generic/fcntl.h>}). */
final class OpenFlags {
    private static final int[] BITS = {01, 02, 0100, 0200, 0400, 01000, 02000, 04000, 010000, 040000, 0200000,
        0400000, 01000000, 02000000, 04010000, 010000000, 020200000};
    private static final String[] NAMES = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC",
        "O_APPEND", "O_NONBLOCK", "O_DSYNC", "O_DIRECT", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC",
        "O_SYNC", "O_PATH", "O_TMPFILE"};

    private OpenFlags() {}

    static String format(int flags) {
        StringBuilder sb = new StringBuilder((flags & 3) == 0 ? "O_RDONLY" : "");
        int rest = flags;
        for (int k = 0; k < BITS.length; k++) {
            if ((rest & BITS[k]) == BITS[k] && BITS[k] != 0) {
                if (!sb.isEmpty()) sb.append('|');
                sb.append(NAMES[k]);
                rest &= ~BITS[k];
            }
        }
        if (rest != 0) sb.append(sb.isEmpty() ? "" : "|").append("0").append(Integer.toOctalString(rest));
        return sb.toString();
    }
}
