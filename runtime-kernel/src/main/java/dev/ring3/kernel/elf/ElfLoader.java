package dev.ring3.kernel.elf;

import dev.ring3.kernel.mm.AddressSpace;
import dev.ring3.kernel.mm.Vma;

/**
 * Maps a static executable into an address space as Linux's binfmt_elf does: each PT_LOAD becomes a mapping of its
 * pages with the segment's permissions, holding the file's bytes from the start of the first page (so the ELF and
 * program headers are in memory for AT_PHDR) up to p_filesz, zeros after (bss). ET_DYN (static-pie) is loaded at
 * {@link AddressSpace#PIE_BASE}. Dynamically linked executables (PT_INTERP) are refused.
 */
public final class ElfLoader {
    private ElfLoader() {}

    /** Where things landed. */
    public record Loaded(long entry, long phdr, int phnum, int phent, long brk, long bias, boolean execStack) {}

    public static Loaded load(AddressSpace as, ElfFile elf, byte[] file, String path) throws ElfException {
        if (elf.interp != null) {
            throw ElfException.format("dynamically linked executable (needs " + elf.interp
                    + "); ring3 runs statically linked executables only");
        }
        long lo = Long.MAX_VALUE, hi = 0;
        boolean execStack = false;
        for (ElfFile.Phdr p : elf.phdrs) {
            if (p.type() == ElfFile.PT_GNU_STACK) execStack = (p.flags() & ElfFile.PF_X) != 0;
            if (p.type() != ElfFile.PT_LOAD || p.memsz() == 0) continue;
            lo = Math.min(lo, AddressSpace.pageDown(p.vaddr()));
            hi = Math.max(hi, p.vaddr() + p.memsz());
        }
        if (lo == Long.MAX_VALUE) throw ElfException.format("malformed ELF: no loadable segments");
        long bias = elf.type == ElfFile.ET_DYN ? AddressSpace.PIE_BASE - lo : 0;
        if (!as.mem.inWindow(lo + bias, hi - lo) || hi < lo) {
            throw ElfException.format(String.format("malformed ELF: segments at 0x%x-0x%x lie outside the address space",
                    lo + bias, hi + bias));
        }
        // map every segment first (a page two segments share must not be zeroed after the first is filled)
        for (ElfFile.Phdr p : elf.phdrs) {
            if (p.type() != ElfFile.PT_LOAD || p.memsz() == 0) continue;
            long start = AddressSpace.pageDown(p.vaddr() + bias);
            long end = AddressSpace.pageUp(p.vaddr() + bias + p.memsz());
            as.mapFixed(start, end - start, prot(p.flags()), AddressSpace.MAP_PRIVATE, path,
                    AddressSpace.pageDown(p.offset()));
        }
        for (ElfFile.Phdr p : elf.phdrs) {
            if (p.type() != ElfFile.PT_LOAD || p.memsz() == 0) continue;
            long pageOffset = (p.vaddr() + bias) & (AddressSpace.PAGE - 1);
            long fileStart = p.offset() - pageOffset;
            if (fileStart < 0 || pageOffset != (p.offset() & (AddressSpace.PAGE - 1))) {
                throw ElfException.format("malformed ELF: segment offset and address disagree modulo the page size");
            }
            long bytes = pageOffset + p.filesz();
            as.mem.writeBytes(p.vaddr() + bias - pageOffset, file, (int) fileStart, (int) bytes);
        }
        long phdr = 0;
        for (ElfFile.Phdr p : elf.phdrs) {
            if (p.type() == ElfFile.PT_PHDR) phdr = p.vaddr() + bias;
        }
        if (phdr == 0) {
            for (ElfFile.Phdr p : elf.phdrs) {
                if (p.type() == ElfFile.PT_LOAD && elf.phoff >= p.offset() && elf.phoff < p.offset() + p.filesz()) {
                    phdr = p.vaddr() + (elf.phoff - p.offset()) + bias;
                }
            }
        }
        return new Loaded(elf.entry + bias, phdr, elf.phdrs.size(), elf.phentsize, hi + bias, bias, execStack);
    }

    static int prot(int pflags) {
        return ((pflags & ElfFile.PF_R) != 0 ? Vma.PROT_READ : 0) | ((pflags & ElfFile.PF_W) != 0 ? Vma.PROT_WRITE : 0)
                | ((pflags & ElfFile.PF_X) != 0 ? Vma.PROT_EXEC : 0);
    }
}
