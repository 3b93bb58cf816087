package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A loop runs translated (one region, the loop a JVM loop) and ends in the same state as interpreted. */
class EngineSmokeTest {
    static final long CODE = 0x400000;
    /** loop: add rax,rcx; xor rdx,rax; lea rbx,[rbx+rax*2+7]; dec rcx; jne loop; int3 */
    static final byte[] LOOP = {0x48, 0x01, (byte) 0xc8, 0x48, 0x31, (byte) 0xc2, 0x48, (byte) 0x8d, 0x5c, 0x43, 0x07,
        0x48, (byte) 0xff, (byte) 0xc9, 0x75, (byte) 0xf0, (byte) 0xcc};

    GuestMemory mem;

    @BeforeEach
    void setUp() {
        mem = GuestMemory.reserve(1L << 32);
        mem.writeBytes(CODE, LOOP, 0, LOOP.length);
    }

    @AfterEach
    void tearDown() { mem.release(); }

    private Cpu run(boolean jit, int threshold) {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RCX] = 100_000;
        c.r[Cpu.RBX] = 5;
        Tiers.runToInt3(c, new CodeCache(mem, PageInfo.ALL), jit, threshold);
        return c;
    }

    @Test
    void translatedLoopMatchesInterpreter() {
        Cpu a = run(false, 1), b = run(true, 10);
        for (int k = 0; k < 16; k++) assertEquals(a.r[k], b.r[k], "register " + k);
        assertEquals(Flags.get(a), Flags.get(b));
        assertEquals(a.rip, b.rip);
    }
}
