package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sizes at which the engine builds regions, from the bytecode per instruction of translations so far. */
class RegionSizerTest {
    GuestMemory mem;
    CodeCache cache;

    @BeforeEach
    void setUp() {
        mem = GuestMemory.reserve(1L << 32);
        byte[] code = RegionSizeTest.loop();   // 602 instructions, in blocks of 64
        mem.writeBytes(RegionSizeTest.CODE, code, 0, code.length);
        cache = new CodeCache(mem, PageInfo.ALL);
        Cpu c = new Cpu(mem, null);   // every block runs once, so that regions take them
        c.rip = RegionSizeTest.CODE;
        c.r[Cpu.RCX] = 2;
        c.r[Cpu.RDI] = RegionSizeTest.DATA;
        Tiers.runToInt3(c, cache, false, 1);
    }

    @AfterEach
    void tearDown() { mem.release(); }

    /** A region of the loop's first {@code n} instructions (whole blocks: a multiple of 64). */
    private Region region(int n) {
        Region r = RegionBuilder.build(cache, cache.lookup(RegionSizeTest.CODE), n);
        assertEquals(n, r.instructions);
        return r;
    }

    @Test
    void beforeAnyTranslationTheRateIsThePrior() {
        RegionSizer s = new RegionSizer();
        assertEquals(40.0, s.rate());
        assertEquals(Translator.METHOD_LIMIT / 40, s.fitting());
        assertEquals(128, s.resize(region(128), 128), "expected to fit: translated as it is");
        assertEquals(s.fitting(), s.resize(region(192), 192), "expected too large: built at the size that fits");
        assertEquals(128, s.resize(region(256), 256), "too large by its count alone: half");
    }

    /** A sizer that has counted 20 translations of the loop's first 64 instructions. */
    private RegionSizer trained() {
        RegionSizer s = new RegionSizer();
        for (int k = 0; k < 20; k++) {
            Region r = region(64);
            Translator.translate(r);
            s.translated(r);
        }
        return s;
    }

    @Test
    void theRateFollowsTranslations() {
        RegionSizer s = trained();
        double real = (double) region64Bytes() / 64;
        assertTrue(Math.abs(s.rate() - real) < Math.abs(40.0 - real) / 10, "rate " + s.rate() + ", code's " + real);
        assertEquals((int) (Translator.METHOD_LIMIT / s.rate()), s.fitting());
    }

    private int region64Bytes() {
        Region r = region(64);
        Translator.translate(r);
        return r.bytecodeSize;
    }

    @Test
    void aRegionSentSmallerWouldNotHaveFitted() {
        RegionSizer s = trained();
        Region over = region(192);
        assertTrue(over.instructions > s.fitting(), "rate " + s.rate());
        int smaller = s.resize(over, 192);
        assertTrue(smaller < over.instructions, "built smaller: " + smaller);
        // this code's bytes per instruction hardly vary with the region's size: the region really was too large
        assertThrows(Translator.MethodTooLarge.class, () -> Translator.translate(over));
        Region r = RegionBuilder.build(cache, cache.lookup(RegionSizeTest.CODE), smaller);
        Translator.translate(r);
        assertTrue(r.bytecodeSize <= Translator.METHOD_LIMIT);
    }

    @Test
    void resizingAlwaysShrinks() {
        RegionSizer s = new RegionSizer();
        for (int max = 2; max <= 256; max += 7) {
            Region r = RegionBuilder.build(cache, cache.lookup(RegionSizeTest.CODE), max);
            int m = s.resize(r, max);
            assertTrue(m == max || m < r.instructions, max + " -> " + m);
        }
    }
}
