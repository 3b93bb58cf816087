package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A loop too large for one method: the engine builds its region smaller (skipping translation of a region that is
 * almost certainly too large, giving up early on one found too large while emitting) and the result still runs exactly
 * as interpreted.
 */
class RegionSizeTest {
    static final long CODE = 0x400000, DATA = 0x600000;
    static final int BODY = 300;

    GuestMemory mem;

    /** loop: BODY x (add [rdi+8*(k%16)], eax; add eax, k), dec ecx, jne loop, int3 */
    static byte[] loop() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int k = 0; k < BODY; k++) {
            b.write(0x01);   // add dword [rdi+disp8], eax
            b.write(0x47);
            b.write(8 * (k % 16));
            b.write(0x83);   // add eax, imm8
            b.write(0xc0);
            b.write(k & 0x7f);
        }
        b.write(0xff);       // dec ecx
        b.write(0xc9);
        int back = -(b.size() + 6);
        b.write(0x0f);       // jne rel32
        b.write(0x85);
        for (int s = 0; s < 32; s += 8) b.write((back >> s) & 0xff);
        b.write(0xcc);       // int3
        return b.toByteArray();
    }

    @BeforeEach
    void setUp() {
        mem = GuestMemory.reserve(1L << 32);
        byte[] code = loop();
        mem.writeBytes(CODE, code, 0, code.length);
    }

    @AfterEach
    void tearDown() { mem.release(); }

    private Cpu run(boolean jit) {
        mem.writeBytes(DATA, new byte[256], 0, 256);
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RCX] = 3000;
        c.r[Cpu.RDI] = DATA;
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        Tiers.runToInt3(c, cache, jit, 10);
        if (jit) {
            for (Region r : cache.regions()) {
                assertTrue(r.instructions < 2 * BODY, "a region holds the whole loop: " + r.instructions);
                assertTrue(r.bytecodeSize <= Translator.METHOD_LIMIT, "method of " + r.bytecodeSize + " bytes");
            }
        }
        return c;
    }

    @Test
    void largeLoopRunsInSmallerRegions() {
        Cpu a = run(false);
        byte[] interpreted = mem.readBytes(DATA, 128);
        Cpu b = run(true);
        byte[] translated = mem.readBytes(DATA, 128);
        for (int k = 0; k < 16; k++) assertEquals(a.r[k], b.r[k], "register " + k);
        assertEquals(Flags.get(a), Flags.get(b));
        assertEquals(a.rip, b.rip);
        assertEquals(java.util.HexFormat.of().formatHex(interpreted), java.util.HexFormat.of().formatHex(translated));
    }

    @Test
    void aRegionTheEngineSkipsWouldNotHaveFitted() {
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RCX] = 2;
        c.r[Cpu.RDI] = DATA;
        Tiers.runToInt3(c, cache, false, 1);   // every block runs once, so the region takes them all
        Region r = RegionBuilder.build(cache, cache.lookup(CODE), RegionBuilder.DEFAULT_MAX);
        assertEquals(RegionBuilder.DEFAULT_MAX, r.instructions);
        assertTrue(Translator.likelyTooLarge(r));
        assertThrows(Translator.MethodTooLarge.class, () -> Translator.translate(r));
    }
}
