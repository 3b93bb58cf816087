package dev.ring3.kernel.fs;

import dev.ring3.kernel.mm.Vma;
import dev.ring3.kernel.proc.GuestProcess;
import dev.ring3.kernel.ByteStrings;

/**
 * The entries of /proc/self that must describe the guest, not the JVM around it: exe (a link to the guest's
 * executable), maps (the guest's mappings), cmdline. Other /proc paths go to the host.
 */
final class ProcSelf {
    private ProcSelf() {}

    /** Content for an emulated /proc/self file, or null if the entry is not emulated. */
    static byte[] content(GuestProcess p, String entry) {
        return switch (entry) {
            case "maps" -> ByteStrings.bytes(maps(p));
            case "cmdline" -> {
                StringBuilder sb = new StringBuilder();
                for (String a : p.argv) sb.append(a).append('\0');
                yield ByteStrings.bytes(sb.toString());
            }
            default -> null;
        };
    }

    static String maps(GuestProcess p) {
        StringBuilder sb = new StringBuilder();
        for (Vma v : p.as.mappings()) {
            String line = String.format("%012x-%012x %c%c%c%c %08x 00:00 0", v.start, v.end,
                    v.readable() ? 'r' : '-', v.writable() ? 'w' : '-', v.executable() ? 'x' : '-',
                    (v.flags & dev.ring3.kernel.mm.AddressSpace.MAP_SHARED) != 0 ? 's' : 'p', v.offset);
            sb.append(line);
            if (!v.name.isEmpty()) sb.append(" ".repeat(Math.max(1, 73 - line.length()))).append(v.name);
            sb.append('\n');
        }
        return sb.toString();
    }
}
