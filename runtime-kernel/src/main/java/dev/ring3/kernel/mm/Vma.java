package dev.ring3.kernel.mm;

/**
 * One mapping of the guest address space, page-aligned: [start, end) with its protection and, for
 * /proc/self/maps and diagnostics, a name (a file path, "[heap]", "[stack]", "[vdso]" or empty).
 */
public final class Vma {
    public static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    public final long start, end;
    public final int prot;
    /** MAP_SHARED or MAP_PRIVATE (and MAP_ANONYMOUS, MAP_GROWSDOWN) as the guest asked. */
    public final int flags;
    public final String name;
    /** File offset of {@link #start} for file mappings (for /proc/self/maps). */
    public final long offset;
    /** For a shared mapping of a host file: the file, whose host mapping these pages are; else null. */
    final SharedFile backing;

    public Vma(long start, long end, int prot, int flags, String name, long offset) {
        this(start, end, prot, flags, name, offset, null);
    }

    Vma(long start, long end, int prot, int flags, String name, long offset, SharedFile backing) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.flags = flags;
        this.name = name;
        this.offset = offset;
        this.backing = backing;
    }

    Vma slice(long from, long to) {
        return new Vma(from, to, prot, flags, name, offset + (from - start), backing);
    }

    Vma withProt(int p) { return new Vma(start, end, p, flags, name, offset, backing); }

    Vma withBacking(SharedFile f) { return new Vma(start, end, prot, flags, name, offset, f); }

    public boolean readable() { return (prot & PROT_READ) != 0; }
    public boolean writable() { return (prot & PROT_WRITE) != 0; }
    public boolean executable() { return (prot & PROT_EXEC) != 0; }

    @Override
    public String toString() {
        return String.format("%x-%x %c%c%c%c %08x %s", start, end, readable() ? 'r' : '-', writable() ? 'w' : '-',
                executable() ? 'x' : '-', (flags & AddressSpace.MAP_SHARED) != 0 ? 's' : 'p', offset, name);
    }
}
