package dev.ring3.kernel.proc;

import dev.ring3.decoder.Decoder;
import dev.ring3.decoder.Insn;
import dev.ring3.jit.GuestFault;
import dev.ring3.kernel.Diag;
import dev.ring3.kernel.mm.Uaccess;
import dev.ring3.kernel.mm.Vma;

/**
 * What happens to a process on a fault it does not handle: a one-line diagnostic on ring3's stderr naming the
 * signal, the instruction (address, bytes, mnemonic) and the address accessed, then death by that signal, which a
 * shell reports as 128 + signal (SIGILL 132, SIGTRAP 133, SIGFPE 136, SIGSEGV 139).
 */
public final class Faults {
    private Faults() {}

    static GuestExit fatal(GuestThread t, GuestFault f) {
        StringBuilder sb = new StringBuilder("ring3: ").append(SignalState.name(f.signal)).append(" (")
                .append(describe(f.signal)).append(") at rip 0x").append(Long.toHexString(f.rip));
        long at = f.signal == GuestFault.SIGTRAP ? f.rip - 1 : f.rip;
        byte[] bytes = null;
        long room = Uaccess.accessible(t.proc.as, at, 15, Vma.PROT_READ);
        if (room > 0) bytes = t.proc.as.mem.readBytes(at, (int) room);
        if (bytes != null) {
            Insn insn = null;
            try {
                insn = new Decoder().decode(t.proc.as.mem, at);
            } catch (RuntimeException ignored) {
                // bytes not decodable as a whole instruction: show them raw
            }
            int n = insn != null ? insn.length : Math.min(bytes.length, 8);
            sb.append(": ");
            if (insn != null) sb.append(insn).append(' ');
            sb.append('[');
            for (int k = 0; k < n && k < bytes.length; k++) sb.append(k > 0 ? " " : "").append(String.format("%02x", bytes[k]));
            sb.append(']');
        }
        if (f.signal == GuestFault.SIGSEGV && f.address != -1) sb.append(", address 0x").append(Long.toHexString(f.address));
        if (f.getMessage() != null && f.signal != GuestFault.SIGTRAP) sb.append(" — ").append(f.getMessage());
        Diag.line(sb.toString());
        return GuestExit.killedBy(f.signal);
    }

    private static String describe(int sig) {
        return switch (sig) {
            case GuestFault.SIGILL -> "illegal instruction";
            case GuestFault.SIGSEGV -> "segmentation fault";
            case GuestFault.SIGFPE -> "arithmetic exception";
            case GuestFault.SIGTRAP -> "trace/breakpoint trap";
            case GuestFault.SIGBUS -> "bus error";
            default -> "fault";
        };
    }
}
