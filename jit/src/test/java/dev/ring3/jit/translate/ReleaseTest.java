package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dropping translations (execve's release of an address space, {@link CodeCache#clear}) leaves nothing that keeps
 * the regions' hidden classes alive: once the code cache is cleared and the engine that ran them is gone, a garbage
 * collection unloads them. Checked with weak references to the classes themselves, which only class unloading
 * clears.
 */
class ReleaseTest {
    static final long CODE = 0x400000, DATA = 0x600000;

    /** Two loops, one after the other: add [rdi], eax; dec ecx; jne (twice), then int3. */
    static final byte[] LOOPS = {
        (byte) 0xb9, 0x10, 0x27, 0, 0,   // mov ecx, 10000
        0x01, 0x07,                      // add [rdi], eax
        (byte) 0xff, (byte) 0xc9,        // dec ecx
        0x75, (byte) 0xfa,               // jne -6
        (byte) 0xb9, 0x10, 0x27, 0, 0,   // mov ecx, 10000
        0x29, 0x47, 0x08,                // sub [rdi+8], eax
        (byte) 0xff, (byte) 0xc9,        // dec ecx
        0x75, (byte) 0xf9,               // jne -7
        (byte) 0xcc                      // int3
    };

    @Test
    void clearedTranslationsAreUnloaded() throws InterruptedException {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            mem.writeBytes(CODE, LOOPS, 0, LOOPS.length);
            CodeCache cache = new CodeCache(mem, PageInfo.ALL);
            List<WeakReference<Class<?>>> classes = translate(mem, cache);
            assertFalse(classes.isEmpty());
            assertEquals(classes.size(), cache.clear(), "regions dropped");
            assertTrue(cache.regions().isEmpty());
            assertEquals(0, cache.size(), "blocks left");
            for (int k = 0; k < 50 && classes.stream().anyMatch(w -> w.get() != null); k++) {
                System.gc();
                Thread.sleep(20);
            }
            for (WeakReference<Class<?>> w : classes) assertNull(w.get(), "a translated class is still loaded");
        } finally {
            mem.release();
        }
    }

    /** Runs the loops with the JIT (so their regions are translated and run); the engine is gone on return. */
    private static List<WeakReference<Class<?>>> translate(GuestMemory mem, CodeCache cache) {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RAX] = 3;
        c.r[Cpu.RDI] = DATA;
        Tiers.runToInt3(c, cache, true, 10);
        assertEquals(30000L, mem.read32(DATA));
        List<WeakReference<Class<?>>> out = new ArrayList<>();
        for (Region r : cache.regions()) {
            assertTrue(r.code.getClass().isHidden());
            out.add(new WeakReference<>(r.code.getClass()));
        }
        return out;
    }
}
