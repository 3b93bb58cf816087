package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dropping translations leaves nothing that keeps the regions' hidden classes alive: execve's release of a whole
 * address space ({@link CodeCache#clear}), and munmap's of a range ({@link CodeCache#invalidate}) while the rest of
 * the code, the engine and the regions that chained into the dropped one live on. Checked with weak references to
 * the classes themselves, which only class unloading clears.
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

    /** The first loop, then a jump to the second one in another page (a chained exit), then int3. */
    static final long SECOND = CODE + 0x1000;

    @Test
    void unmappedTranslationsAreUnloadedWhileTheRestRuns() throws InterruptedException {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            byte[] first = java.util.Arrays.copyOf(LOOPS, 11 + 5);
            first[11] = (byte) 0xe9;   // jmp rel32 to SECOND
            int rel = (int) (SECOND - (CODE + 16));
            for (int k = 0; k < 4; k++) first[12 + k] = (byte) (rel >> (8 * k));
            mem.writeBytes(CODE, first, 0, first.length);
            mem.writeBytes(SECOND, LOOPS, 11, LOOPS.length - 11);
            CodeCache cache = new CodeCache(mem, PageInfo.ALL);
            Engine engine = new Engine(cache, 10);
            // the loops translated, then the blocks before them too (so the jump has a region to chain to)
            for (int run = 0; run < 12; run++) runOnce(mem, engine);
            List<WeakReference<Class<?>>> kept = new ArrayList<>(), dropped = new ArrayList<>();
            List<Compiled> second = new ArrayList<>();
            for (Region r : cache.regions()) {
                boolean onSecond = r.high > SECOND;
                (onSecond ? dropped : kept).add(new WeakReference<>(r.code.getClass()));
                if (onSecond) second.add(r.code);
            }
            boolean chained = false;
            for (Region r : cache.regions()) {
                for (Entry x : r.chain) chained |= x != null && r.high <= SECOND && second.contains(x.code);
            }
            second.clear();
            assertFalse(kept.isEmpty() || dropped.isEmpty(), "both loops translated: " + cache.regions().size());
            assertTrue(chained, "the first page's code calls the second's directly");
            cache.invalidate(SECOND, SECOND + 0x1000);   // what munmap of the second page does
            for (int k = 0; k < 50 && dropped.stream().anyMatch(w -> w.get() != null); k++) {
                System.gc();
                Thread.sleep(20);
            }
            for (var w : dropped) assertNull(w.get(), "a class of the unmapped page's code is still loaded");
            for (var w : kept) assertTrue(w.get() != null, "the first page's code stays");
            // the first loop still runs, now ending at the unmapped page's code written again
            mem.writeBytes(SECOND, LOOPS, 11, LOOPS.length - 11);
            runOnce(mem, engine);
        } finally {
            mem.release();
        }
    }

    private static void runOnce(GuestMemory mem, Engine engine) {
        mem.writeBytes(DATA, new byte[16], 0, 16);
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RAX] = 3;
        c.r[Cpu.RDI] = DATA;
        GuestFault f = assertThrows(GuestFault.class, () -> engine.run(c));
        assertEquals(GuestFault.SIGTRAP, f.signal);
        assertEquals(30000L, mem.read32(DATA));
        assertEquals(-30000L, (int) mem.read32(DATA + 8));
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
