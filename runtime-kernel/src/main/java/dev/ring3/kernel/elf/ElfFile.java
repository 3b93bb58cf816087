package dev.ring3.kernel.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an ELF64 executable the loader needs: header fields and program headers (layout from
 * {@code <elf.h>}). Parsing checks everything it reads against the file's size, so a malformed file gives an
 * {@link ElfException} with a reason, never an index exception.
 */
public final class ElfFile {
    public static final int ET_EXEC = 2, ET_DYN = 3;
    public static final int EM_X86_64 = 62;
    public static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_PHDR = 6, PT_TLS = 7,
            PT_GNU_STACK = 0x6474e551;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    /** A program header. */
    public record Phdr(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

    public final int type;
    public final int machine;
    public final long entry;
    public final long phoff;
    public final int phentsize;
    public final List<Phdr> phdrs;
    /** PT_INTERP's path, or null for a static executable. */
    public final String interp;

    private ElfFile(int type, int machine, long entry, long phoff, int phentsize, List<Phdr> phdrs, String interp) {
        this.type = type;
        this.machine = machine;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.phdrs = phdrs;
        this.interp = interp;
    }

    /** Parses the header and program headers from the file's bytes. */
    public static ElfFile parse(byte[] file) throws ElfException {
        if (file.length < 4 || file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw ElfException.format("not an ELF executable");
        }
        if (file.length < 64) throw ElfException.format("truncated ELF header");
        if (file[4] != 2) throw ElfException.format("32-bit ELF executables are not supported (x86-64 only)");
        if (file[5] != 1) throw ElfException.format("big-endian ELF, not x86-64");
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_X86_64) throw ElfException.format("ELF for " + machineName(machine) + ", not x86-64");
        if (type != ET_EXEC && type != ET_DYN) {
            throw ElfException.format(type == 1 ? "relocatable object file, not an executable"
                    : type == 4 ? "core dump, not an executable" : "ELF type " + type + " is not an executable");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        if (phnum == 0) throw ElfException.format("malformed ELF: no program headers");
        if (phentsize < 56) throw ElfException.format("malformed ELF: program header size " + phentsize);
        if (phoff < 0 || phoff + (long) phnum * phentsize > file.length) {
            throw ElfException.format("malformed ELF: program headers outside the file");
        }
        List<Phdr> phdrs = new ArrayList<>();
        String interp = null;
        for (int k = 0; k < phnum; k++) {
            int at = (int) (phoff + (long) k * phentsize);
            Phdr p = new Phdr(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
                    b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48));
            if (p.type == PT_LOAD || p.type == PT_INTERP) {
                if (p.offset < 0 || p.filesz < 0 || p.offset + p.filesz > file.length || p.offset + p.filesz < 0) {
                    throw ElfException.format("malformed ELF: segment " + k + " lies outside the file");
                }
                if (p.type == PT_LOAD && Long.compareUnsigned(p.filesz, p.memsz) > 0) {
                    throw ElfException.format("malformed ELF: segment " + k + " has p_filesz > p_memsz");
                }
            }
            if (p.type == PT_INTERP) {
                int len = (int) p.filesz;
                while (len > 0 && file[(int) p.offset + len - 1] == 0) len--;
                interp = new String(file, (int) p.offset, len, StandardCharsets.UTF_8);
            }
            phdrs.add(p);
        }
        return new ElfFile(type, machine, entry, phoff, phentsize, List.copyOf(phdrs), interp);
    }

    private static String machineName(int m) {
        return switch (m) {
            case 3 -> "i386";
            case 40 -> "ARM";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            case 8 -> "MIPS";
            case 20, 21 -> "PowerPC";
            default -> "machine " + m;
        };
    }
}
