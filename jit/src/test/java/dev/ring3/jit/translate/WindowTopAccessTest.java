package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Valid accesses ending exactly at the top of the guest window, translated (threshold 1). Translated code checks
 * every access against the 16-byte limit, so these fail its check although they are valid; the failed check must
 * side-exit to the interpreter, which completes them, and must not raise SIGSEGV. One access 1 byte further faults.
 */
class WindowTopAccessTest {
    static final long CODE = 0x400000;
    GuestMemory mem;

    @BeforeEach
    void setUp() { mem = GuestMemory.reserve(1L << 24); }

    @AfterEach
    void tearDown() { mem.release(); }

    /** load [r8]; add 1; store [r8]; int3 at each operand size. */
    static final byte[][] INCREMENT = {
        null,
        {0x41, (byte) 0x8a, 0x00, 0x04, 0x01, 0x41, (byte) 0x88, 0x00, (byte) 0xcc},
        {0x66, 0x41, (byte) 0x8b, 0x00, 0x66, (byte) 0x83, (byte) 0xc0, 0x01, 0x66, 0x41, (byte) 0x89, 0x00, (byte) 0xcc},
        null,
        {0x41, (byte) 0x8b, 0x00, (byte) 0x83, (byte) 0xc0, 0x01, 0x41, (byte) 0x89, 0x00, (byte) 0xcc},
        null, null, null,
        {0x49, (byte) 0x8b, 0x00, 0x48, (byte) 0x83, (byte) 0xc0, 0x01, 0x49, (byte) 0x89, 0x00, (byte) 0xcc},
    };

    /** Runs the size's snippet translated with r8 = at; returns the signal it ended with. */
    private int run(int size, long at) {
        mem.writeBytes(CODE, INCREMENT[size], 0, INCREMENT[size].length);
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.R8] = at;
        Engine engine = new Engine(new CodeCache(mem, PageInfo.ALL), 1);
        int signal = assertThrows(GuestFault.class, () -> engine.run(c)).signal;
        assertEquals(1, engine.translated, "the snippet was translated");
        return signal;
    }

    @Test
    void lastBytesOfTheWindowAreReadAndWritten() {
        for (int size : new int[] {1, 2, 4, 8}) {
            long at = mem.limit - size;
            for (int k = 0; k < size; k++) mem.write8(at + k, 0x80 + k);
            assertEquals(GuestFault.SIGTRAP, run(size, at), "size " + size + " at the top");
            long before = 0;
            for (int k = size - 1; k >= 0; k--) before = before << 8 | (0x80 + k);
            assertEquals(GuestMemory.mask(size) & (before + 1), mem.read(at, size), "size " + size);
        }
    }

    @Test
    void oneByteFurtherFaults() {
        for (int size : new int[] {1, 2, 4, 8}) {
            assertEquals(GuestFault.SIGSEGV, run(size, mem.limit - size + 1), "size " + size);
        }
    }
}
