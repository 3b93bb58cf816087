package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The threads of a process share one code cache: several engines, one per Java thread, run the same loop and
 * callee at once from the start, so blocks reach the threshold in several threads together, regions are linked
 * by one thread and entered by others. Each thread must end as the interpreter alone ends it, and no block may
 * become the entry of two translations (the first thread to reach the threshold translates; the others interpret
 * on meanwhile and then enter its region).
 */
class SharedCacheTest {
    static final long CODE = 0x400000, CALLEE = 0x400100;
    /** loop: call CALLEE; dec rcx; jne loop; int3 */
    static final byte[] LOOP = {(byte) 0xe8, (byte) 0xfb, 0x00, 0x00, 0x00, 0x48, (byte) 0xff, (byte) 0xc9, 0x75,
        (byte) 0xf6, (byte) 0xcc};
    /** CALLEE: add rax,rdi; xor rdx,rax; ret */
    static final byte[] BODY = {0x48, 0x01, (byte) 0xf8, 0x48, 0x31, (byte) 0xc2, (byte) 0xc3};
    static final int THREADS = 4, ROUNDS = 200_000;

    GuestMemory mem;

    @BeforeEach
    void setUp() {
        mem = GuestMemory.reserve(1L << 32);
        mem.writeBytes(CODE, LOOP, 0, LOOP.length);
        mem.writeBytes(CALLEE, BODY, 0, BODY.length);
    }

    @AfterEach
    void tearDown() { mem.release(); }

    private Cpu cpu(int t) {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RCX] = ROUNDS;
        c.r[Cpu.RDI] = 0x9E3779B97F4A7C15L * (t + 1);
        c.r[Cpu.RSP] = 0x200000 + 0x10000L * t;
        return c;
    }

    @Test
    void threadsRunWhatOthersTranslated() throws Exception {
        CodeCache shared = new CodeCache(mem, PageInfo.ALL);
        List<Engine> engines = new ArrayList<>();
        List<Cpu> cpus = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Cpu c = cpu(t);
            Engine e = new Engine(shared, 50);
            cpus.add(c);
            engines.add(e);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    e.run(c);
                } catch (GuestFault f) {
                    if (f.signal != GuestFault.SIGTRAP) failures.add(f);
                } catch (Throwable x) {
                    failures.add(x);
                }
            }));
        }
        for (Thread th : threads) th.start();
        for (Thread th : threads) th.join();
        assertTrue(failures.isEmpty(), "threads failed: " + failures);
        for (int t = 0; t < THREADS; t++) {
            Cpu alone = cpu(t);
            Tiers.runToInt3(alone, new CodeCache(mem, PageInfo.ALL), false, 1);
            for (int k = 0; k < 16; k++) assertEquals(alone.r[k], cpus.get(t).r[k], "thread " + t + " register " + k);
            assertEquals(alone.rip, cpus.get(t).rip);
        }
        int translated = 0;
        for (Engine e : engines) translated += e.translated;
        Set<Long> entries = new HashSet<>();
        for (Region r : shared.regions()) assertTrue(entries.add(r.entry), "translated twice at 0x" + Long.toHexString(r.entry));
        assertEquals(shared.regions().size(), translated, "every translation is in the shared cache");
        // one region when the loop's block reaches the threshold first (the callee and the return site inside it),
        // more when the callee's does
        assertTrue(translated >= 1, "nothing was translated");
        assertTrue(translated < THREADS, "translated " + translated + " times: at least one thread ran others' code");
    }

    /**
     * A region whose code was invalidated while it was being translated (another thread's munmap, mprotect or store
     * into code) is not published: the block decoded afresh at its address gets no translation of the old bytes.
     */
    @Test
    void aRegionInvalidatedWhileTranslatedIsDropped() {
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        dev.ring3.jit.Block old = cache.lookup(CALLEE);
        Region r = RegionBuilder.build(cache, old, RegionBuilder.DEFAULT_MAX);
        Translator.translate(r);
        cache.invalidate(CALLEE, CALLEE + BODY.length);   // meanwhile, in another thread
        dev.ring3.jit.Block fresh = cache.lookup(CALLEE);
        assertTrue(!cache.publish(r, old), "published a region of invalidated blocks");
        assertTrue(fresh.entry == null && old.entry == null, "a block got the stale translation");
        assertTrue(!r.code.valid, "the stale code is marked invalid");
        assertEquals(0, cache.regions().size());
        Region again = RegionBuilder.build(cache, fresh, RegionBuilder.DEFAULT_MAX);
        Translator.translate(again);
        assertTrue(cache.publish(again, fresh));
        assertTrue(fresh.entry != null && fresh.entry.region == again);
    }
}
