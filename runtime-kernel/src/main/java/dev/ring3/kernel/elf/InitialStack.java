package dev.ring3.kernel.elf;

import dev.ring3.jit.GuestMemory;
import dev.ring3.kernel.host.Host;
import dev.ring3.kernel.sys.SyscallTable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the initial process stack exactly as Linux does (fs/exec.c, fs/binfmt_elf.c create_elf_tables), from the
 * top down: a null word, the executable's name (AT_EXECFN), the environment strings, the argument strings, the
 * platform string "x86_64", 16 random bytes (AT_RANDOM); then, 16-byte aligned at RSP: argc, argv[], NULL, envp[],
 * NULL, the auxiliary vector, AT_NULL.
 */
public final class InitialStack {
    private final List<long[]> auxv = new ArrayList<>();
    private final List<long[]> front = new ArrayList<>();

    /**
     * An auxv entry, in Linux's order from AT_HWCAP to AT_SECURE; {@link #build} appends AT_RANDOM, AT_HWCAP2,
     * AT_EXECFN and AT_PLATFORM, and entries added with {@link #addFront} (ARCH_DLINFO) come first.
     */
    public void add(int type, long value) { auxv.add(new long[] {type, value}); }

    /** An entry that Linux puts before the generic ones (AT_SYSINFO_EHDR, AT_MINSIGSTKSZ). */
    public void addFront(int type, long value) { front.add(new long[] {type, value}); }

    /** Writes the stack below {@code top}; returns RSP. AT_RANDOM, AT_HWCAP2, AT_EXECFN, AT_PLATFORM are added here. */
    public long build(GuestMemory mem, long top, List<String> argv, List<String> envp, String execfn) {
        long p = top - 8;
        mem.write64(p, 0);
        p = putString(mem, p, execfn);
        long execfnAddr = p;
        long[] envAddr = new long[envp.size()];
        for (int k = envp.size() - 1; k >= 0; k--) envAddr[k] = p = putString(mem, p, envp.get(k));
        long[] argAddr = new long[argv.size()];
        for (int k = argv.size() - 1; k >= 0; k--) argAddr[k] = p = putString(mem, p, argv.get(k));
        p &= ~15L;
        p = putString(mem, p, "x86_64");
        long platform = p;
        p &= ~15L;
        p -= 16;
        // AT_RANDOM's 16 bytes from the host kernel, straight into the stack (SecureRandom's provider set-up cost
        // ~15 ms of start-up)
        if (Host.syscall(SyscallTable.GETRANDOM, mem.host(p), 16, 0) != 16) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            mem.writeBytes(p, random, 0, 16);
        }
        long randomAddr = p;
        p &= ~15L;

        // Linux's order: ARCH_DLINFO entries, AT_HWCAP ... AT_SECURE (the caller's), then these
        List<long[]> all = new ArrayList<>(front);
        all.addAll(auxv);
        all.add(new long[] {Auxv.AT_RANDOM, randomAddr});
        all.add(new long[] {Auxv.AT_HWCAP2, 0});
        all.add(new long[] {Auxv.AT_EXECFN, execfnAddr});
        all.add(new long[] {Auxv.AT_PLATFORM, platform});
        all.add(new long[] {Auxv.AT_NULL, 0});

        long words = 1 + (argv.size() + 1) + (envp.size() + 1) + 2L * all.size();
        long sp = (p - words * 8) & ~15L;
        long at = sp;
        mem.write64(at, argv.size());
        at += 8;
        for (long a : argAddr) { mem.write64(at, a); at += 8; }
        mem.write64(at, 0);
        at += 8;
        for (long e : envAddr) { mem.write64(at, e); at += 8; }
        mem.write64(at, 0);
        at += 8;
        for (long[] e : all) {
            mem.write64(at, e[0]);
            mem.write64(at + 8, e[1]);
            at += 16;
        }
        return sp;
    }

    private static long putString(GuestMemory mem, long p, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);   // byte strings: one char per byte
        p -= b.length + 1;
        mem.writeBytes(p, b, 0, b.length);
        mem.write8(p + b.length, 0);
        return p;
    }
}
