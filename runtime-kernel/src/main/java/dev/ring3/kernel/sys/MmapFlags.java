package dev.ring3.kernel.sys;

/** mmap prot and flags as names, for --strace ({@code <asm-generic/mman-common.h>}, {@code <asm/mman.h>}). */
final class MmapFlags {
    private MmapFlags() {}

    static String prot(int p) {
        if (p == 0) return "PROT_NONE";
        StringBuilder sb = new StringBuilder();
        if ((p & 1) != 0) sb.append("PROT_READ");
        if ((p & 2) != 0) sb.append(sb.isEmpty() ? "" : "|").append("PROT_WRITE");
        if ((p & 4) != 0) sb.append(sb.isEmpty() ? "" : "|").append("PROT_EXEC");
        int rest = p & ~7;
        if (rest != 0) sb.append(sb.isEmpty() ? "" : "|").append("0x").append(Integer.toHexString(rest));
        return sb.toString();
    }

    private static final int[] BITS = {0x10, 0x20, 0x100, 0x800, 0x1000, 0x2000, 0x4000, 0x8000, 0x10000, 0x20000,
        0x40000, 0x100000};
    private static final String[] NAMES = {"MAP_FIXED", "MAP_ANONYMOUS", "MAP_GROWSDOWN", "MAP_DENYWRITE",
        "MAP_EXECUTABLE", "MAP_LOCKED", "MAP_NORESERVE", "MAP_POPULATE", "MAP_NONBLOCK", "MAP_STACK",
        "MAP_HUGETLB", "MAP_FIXED_NOREPLACE"};

    static String flags(int f) {
        StringBuilder sb = new StringBuilder(switch (f & 0xf) {
            case 1 -> "MAP_SHARED";
            case 2 -> "MAP_PRIVATE";
            case 3 -> "MAP_SHARED_VALIDATE";
            default -> "0x" + Integer.toHexString(f & 0xf);
        });
        int rest = f & ~0xf;
        for (int k = 0; k < BITS.length; k++) {
            if ((rest & BITS[k]) != 0) {
                sb.append('|').append(NAMES[k]);
                rest &= ~BITS[k];
            }
        }
        if (rest != 0) sb.append("|0x").append(Integer.toHexString(rest));
        return sb.toString();
    }
}
