package dev.ring3.kernel.fs;

import dev.ring3.jit.GuestMemory;

/** struct stat for x86-64 ({@code <asm/stat.h>}): 144 bytes. Only for files ring3 makes up. */
final class StatBuf {
    static final int SIZE = 144;

    private StatBuf() {}

    static void write(GuestMemory m, long at, long ino, int mode, long size) {
        for (int k = 0; k < SIZE; k += 8) m.write64(at + k, 0);
        m.write64(at + 8, ino);      // st_ino
        m.write64(at + 16, 1);       // st_nlink
        m.write32(at + 24, mode);    // st_mode
        m.write64(at + 48, size);    // st_size
        m.write64(at + 56, 4096);    // st_blksize
    }
}
