package dev.ring3.jit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the shared library behind {@link NativeSyscall}: an x86-64 ELF shared object exporting its three JNI
 * functions ({@code call}, {@code interruptible}, {@code installKick}) and nothing else (no relocations, no libc, no
 * section headers), so no C compiler is needed to build ring3. {@code java -cp ... dev.ring3.jit.SyscallLibrary FILE} writes it (the
 * launcher does, once per build).
 *
 * <p>Layout: page 0 (read, execute) holds the ELF header, four program headers, the SysV symbol hash table, the
 * dynamic symbol and string tables and the code; page 1 (read, write: the dynamic loader adjusts the dynamic
 * section in place) holds the dynamic section. Constants and struct layouts are those of {@code <elf.h>}
 * (Elf64_Ehdr, Elf64_Phdr, Elf64_Sym, Elf64_Dyn).
 */
public final class SyscallLibrary {
    private SyscallLibrary() {}

    /** The exported symbols: JNI's names for {@link NativeSyscall}'s native methods, in the order of {@link #CODE}. */
    static final String[] SYMBOLS = {"Java_dev_ring3_jit_NativeSyscall_call",
        "Java_dev_ring3_jit_NativeSyscall_interruptible", "Java_dev_ring3_jit_NativeSyscall_installKick"};

    /**
     * mov rax,rdx; mov rdi,rcx; mov rsi,r8; mov rdx,r9; mov r10,[rsp+8]; mov r8,[rsp+16]; mov r9,[rsp+24];
     * syscall; ret. JNI's (env, class, nr, a0, a1, a2, a3, a4, a5) to the kernel's (rax; rdi, rsi, rdx, r10, r8,
     * r9). SYSCALL clobbers rcx and r11, which the SysV ABI lets a callee clobber.
     */
    static final byte[] CALL = {
        0x48, (byte) 0x89, (byte) 0xd0, 0x48, (byte) 0x89, (byte) 0xcf, 0x4c, (byte) 0x89, (byte) 0xc6,
        0x4c, (byte) 0x89, (byte) 0xca, 0x4c, (byte) 0x8b, 0x54, 0x24, 0x08, 0x4c, (byte) 0x8b, 0x44, 0x24, 0x10,
        0x4c, (byte) 0x8b, 0x4c, 0x24, 0x18, 0x0f, 0x05, (byte) 0xc3,
    };

    /**
     * {@link NativeSyscall#interruptible}, the kick signal's handler and restorer, and
     * {@link NativeSyscall#installKick}: QEMU's "safe syscall" done again (the idea, not its code). Offsets in the
     * comments are from the start of this array; the code is position-independent (RIP-relative only).
     * <pre>
     * 00 interruptible(env, cls, flag, nr, a0, a1, a2 .. a5 on the stack):
     *    mov r11,rdx; mov rax,rcx; mov rdi,r8; mov rsi,r9; mov rdx,[rsp+8]; mov r10,[rsp+16]; mov r8,[rsp+24];
     *    mov r9,[rsp+32]
     * 20 check: cmp dword [r11],0; jne interrupted     (a kick already came: do not enter the kernel)
     * 26 sys:   syscall; ret                          (a kick in the call: the kernel returns -EINTR)
     * 29 interrupted: mov rax,-4 (EINTR); ret
     * 31 handler(sig, info, uc): a kick between check and sys (the flag was read as 0, the call not yet made)
     *    moves the interrupted RIP, uc->uc_mcontext.rip at uc + 168, to interrupted:
     *    mov rax,[rdx+168]; lea rcx,[check]; cmp rax,rcx; jb done; lea rcx,[sys]; cmp rax,rcx; ja done;
     *    lea rcx,[interrupted]; mov [rdx+168],rcx
     * 5e done: ret
     * 5f restorer: mov eax,15 (rt_sigreturn); syscall
     * 66 installKick(env, cls, sig): rt_sigaction(sig, {handler, SA_SIGINFO|SA_RESTORER, restorer, mask 0}, 0, 8)
     *    on a struct k_sigaction built on the stack; returns the kernel's result.
     * </pre>
     * The handler has no SA_RESTART, so a blocking call it interrupts returns -EINTR; it may clobber rax and rcx,
     * which rt_sigreturn puts back. Layouts: struct ucontext and sigcontext_64 (asm/sigcontext.h: rip is the 17th
     * 8-byte field of uc_mcontext, which starts at 40), struct k_sigaction (handler, flags, restorer, mask).
     */
    static final byte[] KICK = {
        0x49, (byte) 0x89, (byte) 0xd3, 0x48, (byte) 0x89, (byte) 0xc8, 0x4c, (byte) 0x89, (byte) 0xc7,
        0x4c, (byte) 0x89, (byte) 0xce, 0x48, (byte) 0x8b, 0x54, 0x24, 0x08, 0x4c, (byte) 0x8b, 0x54, 0x24, 0x10,
        0x4c, (byte) 0x8b, 0x44, 0x24, 0x18, 0x4c, (byte) 0x8b, 0x4c, 0x24, 0x20,
        0x41, (byte) 0x83, 0x3b, 0x00, 0x75, 0x03,
        0x0f, 0x05, (byte) 0xc3,
        0x48, (byte) 0xc7, (byte) 0xc0, (byte) 0xfc, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xc3,
        0x48, (byte) 0x8b, (byte) 0x82, (byte) 0xa8, 0x00, 0x00, 0x00,
        0x48, (byte) 0x8d, 0x0d, (byte) 0xe1, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x48, 0x39, (byte) 0xc8, 0x72, 0x1a,
        0x48, (byte) 0x8d, 0x0d, (byte) 0xdb, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x48, 0x39, (byte) 0xc8, 0x77, 0x0e,
        0x48, (byte) 0x8d, 0x0d, (byte) 0xd2, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x48, (byte) 0x89, (byte) 0x8a, (byte) 0xa8, 0x00, 0x00, 0x00,
        (byte) 0xc3,
        (byte) 0xb8, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05,
        0x48, (byte) 0x83, (byte) 0xec, 0x28,
        0x48, (byte) 0x8d, 0x05, (byte) 0xc0, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x48, (byte) 0x89, 0x04, 0x24,
        0x48, (byte) 0xc7, 0x44, 0x24, 0x08, 0x04, 0x00, 0x00, 0x04,
        0x48, (byte) 0x8d, 0x05, (byte) 0xda, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        0x48, (byte) 0x89, 0x44, 0x24, 0x10,
        0x48, (byte) 0xc7, 0x44, 0x24, 0x18, 0x00, 0x00, 0x00, 0x00,
        (byte) 0xb8, 0x0d, 0x00, 0x00, 0x00, (byte) 0x89, (byte) 0xd7, 0x48, (byte) 0x89, (byte) 0xe6,
        0x31, (byte) 0xd2, 0x41, (byte) 0xba, 0x08, 0x00, 0x00, 0x00, 0x0f, 0x05,
        0x48, (byte) 0x83, (byte) 0xc4, 0x28, (byte) 0xc3,
    };

    /** Offsets in {@link #KICK}: interruptible, its check, SYSCALL and EINTR return, the handler, installKick. */
    static final int KICK_INTERRUPTIBLE = 0, KICK_CHECK = 0x20, KICK_SYS = 0x26, KICK_INTERRUPTED = 0x29,
            KICK_HANDLER = 0x31, KICK_INSTALL = 0x66;

    // <elf.h>
    private static final int ET_DYN = 3, EM_X86_64 = 62, PT_LOAD = 1, PT_DYNAMIC = 2, PT_GNU_STACK = 0x6474e551;
    private static final int PF_X = 1, PF_W = 2, PF_R = 4, STB_GLOBAL = 1, STT_FUNC = 2;
    private static final int DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10, DT_SYMENT = 11;
    private static final int EHDR = 64, PHDR = 56, PHNUM = 4, SYM = 24, DYN = 16, PAGE = 4096;

    /** The library's bytes. */
    public static byte[] image() {
        java.io.ByteArrayOutputStream names = new java.io.ByteArrayOutputStream();
        names.write(0);
        int[] nameAt = new int[SYMBOLS.length];
        for (int k = 0; k < SYMBOLS.length; k++) {
            nameAt[k] = names.size();
            names.writeBytes((SYMBOLS[k] + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        int nsym = SYMBOLS.length + 1;                 // symbol 0 is the null symbol
        int hash = EHDR + PHDR * PHNUM;                // nbucket, nchain, bucket[1], chain[nsym]
        int symtab = (hash + 4 * (3 + nsym) + 7) & ~7;
        int strtab = symtab + nsym * SYM;
        int strsz = names.size();
        int text = (strtab + strsz + 15) & ~15;
        int code = CALL.length + KICK.length;
        int[] at = {text, text + CALL.length + KICK_INTERRUPTIBLE, text + CALL.length + KICK_INSTALL};
        int[] size = {CALL.length, KICK_INSTALL, KICK.length - KICK_INSTALL};
        int dynamic = PAGE;
        int dynsz = 6 * DYN;
        ByteBuffer b = ByteBuffer.allocate(dynamic + dynsz).order(ByteOrder.LITTLE_ENDIAN);

        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little-endian */, 1 /* EV_CURRENT */, 0});
        b.position(16);
        b.putShort((short) ET_DYN).putShort((short) EM_X86_64).putInt(1).putLong(0).putLong(EHDR).putLong(0)
                .putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) PHNUM)
                .putShort((short) 64).putShort((short) 0).putShort((short) 0);

        phdr(b, PT_LOAD, PF_R | PF_X, 0, text + code, PAGE);
        phdr(b, PT_LOAD, PF_R | PF_W, dynamic, dynsz, PAGE);
        phdr(b, PT_DYNAMIC, PF_R | PF_W, dynamic, dynsz, 8);
        phdr(b, PT_GNU_STACK, PF_R | PF_W, 0, 0, 16);

        // one bucket holding symbol 1, each symbol chained to the next (the loader compares names along it)
        b.position(hash);
        b.putInt(1).putInt(nsym).putInt(1).putInt(0);
        for (int k = 1; k < nsym; k++) b.putInt(k + 1 < nsym ? k + 1 : 0);

        for (int k = 0; k < SYMBOLS.length; k++) {
            b.position(symtab + (k + 1) * SYM);
            b.putInt(nameAt[k]).put((byte) (STB_GLOBAL << 4 | STT_FUNC)).put((byte) 0).putShort((short) 1)
                    .putLong(at[k]).putLong(size[k]);
        }

        b.position(strtab);
        b.put(names.toByteArray());
        b.position(text);
        b.put(CALL);
        b.put(KICK);

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
