package dev.ring3.jit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the shared library behind {@link NativeSyscall}: an x86-64 ELF shared object with one exported function,
 * {@code Java_dev_ring3_jit_NativeSyscall_call}, and nothing else (no relocations, no libc, no section headers),
 * so no C compiler is needed to build ring3. {@code java -cp ... dev.ring3.jit.SyscallLibrary FILE} writes it (the
 * launcher does, once per build).
 *
 * <p>Layout: page 0 (read, execute) holds the ELF header, four program headers, the SysV symbol hash table, the
 * dynamic symbol and string tables and the code; page 1 (read, write: the dynamic loader adjusts the dynamic
 * section in place) holds the dynamic section. Constants and struct layouts are those of {@code <elf.h>}
 * (Elf64_Ehdr, Elf64_Phdr, Elf64_Sym, Elf64_Dyn).
 */
public final class SyscallLibrary {
    private SyscallLibrary() {}

    /** The exported symbol: JNI's name for {@link NativeSyscall#call}. */
    static final String SYMBOL = "Java_dev_ring3_jit_NativeSyscall_call";

    /**
     * mov rax,rdx; mov rdi,rcx; mov rsi,r8; mov rdx,r9; mov r10,[rsp+8]; mov r8,[rsp+16]; mov r9,[rsp+24];
     * syscall; ret. JNI's (env, class, nr, a0, a1, a2, a3, a4, a5) to the kernel's (rax; rdi, rsi, rdx, r10, r8,
     * r9). SYSCALL clobbers rcx and r11, which the SysV ABI lets a callee clobber.
     */
    static final byte[] CODE = {
        0x48, (byte) 0x89, (byte) 0xd0, 0x48, (byte) 0x89, (byte) 0xcf, 0x4c, (byte) 0x89, (byte) 0xc6,
        0x4c, (byte) 0x89, (byte) 0xca, 0x4c, (byte) 0x8b, 0x54, 0x24, 0x08, 0x4c, (byte) 0x8b, 0x44, 0x24, 0x10,
        0x4c, (byte) 0x8b, 0x4c, 0x24, 0x18, 0x0f, 0x05, (byte) 0xc3,
    };

    // <elf.h>
    private static final int ET_DYN = 3, EM_X86_64 = 62, PT_LOAD = 1, PT_DYNAMIC = 2, PT_GNU_STACK = 0x6474e551;
    private static final int PF_X = 1, PF_W = 2, PF_R = 4, STB_GLOBAL = 1, STT_FUNC = 2;
    private static final int DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10, DT_SYMENT = 11;
    private static final int EHDR = 64, PHDR = 56, PHNUM = 4, SYM = 24, DYN = 16, PAGE = 4096;

    /** The library's bytes. */
    public static byte[] image() {
        byte[] name = (SYMBOL + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int hash = EHDR + PHDR * PHNUM;                // nbucket, nchain, bucket[1], chain[2]
        int symtab = hash + 4 * 5 + 4;                 // 8-aligned
        int strtab = symtab + 2 * SYM;
        int strsz = 1 + name.length;
        int text = (strtab + strsz + 15) & ~15;
        int dynamic = PAGE;
        int dynsz = 6 * DYN;
        ByteBuffer b = ByteBuffer.allocate(dynamic + dynsz).order(ByteOrder.LITTLE_ENDIAN);

        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little-endian */, 1 /* EV_CURRENT */, 0});
        b.position(16);
        b.putShort((short) ET_DYN).putShort((short) EM_X86_64).putInt(1).putLong(0).putLong(EHDR).putLong(0)
                .putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) PHNUM)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);

        phdr(b, PT_LOAD, PF_R | PF_X, 0, text + CODE.length, PAGE);
        phdr(b, PT_LOAD, PF_R | PF_W, dynamic, dynsz, PAGE);
        phdr(b, PT_DYNAMIC, PF_R | PF_W, dynamic, dynsz, 8);
        phdr(b, PT_GNU_STACK, PF_R | PF_W, 0, 0, 16);

        b.position(hash);
        b.putInt(1).putInt(2).putInt(1).putInt(0).putInt(0);   // one bucket holding symbol 1; chains end at 0

        b.position(symtab + SYM);                               // symbol 0 is the null symbol
        b.putInt(1).put((byte) (STB_GLOBAL << 4 | STT_FUNC)).put((byte) 0).putShort((short) 1)
                .putLong(text).putLong(CODE.length);

        b.position(strtab + 1);
        b.put(name);
        b.position(text);
        b.put(CODE);

        b.position(dynamic);
        for (long[] d : new long[][] {{DT_HASH, hash}, {DT_STRTAB, strtab}, {DT_SYMTAB, symtab}, {DT_STRSZ, strsz},
                {DT_SYMENT, SYM}, {DT_NULL, 0}}) {
            b.putLong(d[0]).putLong(d[1]);
        }
        return b.array();
    }

    /** A program header whose file offset and address are the same (the library is mapped as laid out). */
    private static void phdr(ByteBuffer b, int type, int flags, long at, long size, long align) {
        b.putInt(type).putInt(flags).putLong(at).putLong(at).putLong(at).putLong(size).putLong(size).putLong(align);
    }

    /** Writes the library to {@code file} (through a temporary file and a rename, so a reader never sees half). */
    public static void write(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".ring3-syscall", ".tmp");
        try {
            Files.write(tmp, image());
            // readable by every user, as the jars beside it (a temporary file is the owner's only)
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SyscallLibrary FILE");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }
}
