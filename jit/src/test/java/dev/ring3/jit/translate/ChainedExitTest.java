package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.Block;
import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Tiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An exit taken inside a region that another region called (a chained exit) is returned as the callee's own exit,
 * with {@link Cpu#exitRegion} naming the callee: the engine then takes the callee's cache of the next block, and
 * a callee taking side exits is the region translated again, not its caller.
 */
class ChainedExitTest {
    static final long CODE = 0x400000, CALLEE = 0x400100, STACK = 0x600000;
    static final long NAN = 0x7ff8000000000000L, ONE = 0x3ff0000000000000L;

    GuestMemory mem;
    Region caller, callee;
    int callExit;

    @BeforeEach
    void setUp() {
        mem = GuestMemory.reserve(1L << 32);
        // caller: call CALLEE; (return site) int3
        byte[] a = {(byte) 0xe8, (byte) 0xfb, 0x00, 0x00, 0x00, (byte) 0xcc};
        // callee: addsd xmm0, xmm1; ret
        byte[] b = {(byte) 0xf2, 0x0f, 0x58, (byte) 0xc1, (byte) 0xc3};
        mem.writeBytes(CODE, a, 0, a.length);
        mem.writeBytes(CALLEE, b, 0, b.length);
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        // built before either block has run: each region holds its own block only
        caller = RegionBuilder.build(cache, cache.lookup(CODE), RegionBuilder.DEFAULT_MAX);
        callee = RegionBuilder.build(cache, cache.lookup(CALLEE), RegionBuilder.DEFAULT_MAX);
        assertEquals(1, caller.blocks.size());
        assertEquals(1, callee.blocks.size());
        Translator.translate(caller);
        Translator.translate(callee);
        callExit = -1;
        for (int k = 0; k < caller.exitTarget.length; k++) if (caller.exitTarget[k] == CALLEE) callExit = k;
        assertTrue(callExit >= 0, "the call is a fixed exit");
        caller.chain[callExit] = new Entry(callee, 0);   // as the engine links it
    }

    @AfterEach
    void tearDown() { mem.release(); }

    private Cpu cpu(long xmm1) {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RSP] = STACK + 0x1000;
        c.xmm[0] = ONE;
        c.xmm[2] = xmm1;
        c.mxcsr = SseEmitters.ENTRY_MXCSR;   // the MXCSR fast paths assume (PE already set): no entry side exit
        return c;
    }

    @Test
    void theCalleesExitIsReturnedNamingTheCallee() {
        Cpu c = cpu(ONE);
        int exit = caller.code.run(c, 0);
        assertSame(callee, c.exitRegion);
        assertTrue(exit >= 0, "a normal exit, not " + exit + " at 0x" + Long.toHexString(c.rip));
        assertEquals(CODE + 5, c.rip, "returned to the return site");
        assertEquals(CODE + 5, mem.read(STACK + 0x1000 - 8, 8), "the return address was pushed");
        assertEquals(Double.doubleToRawLongBits(2.0), c.xmm[0]);
    }

    @Test
    void aSideExitInTheCalleeNamesTheCallee() {
        Cpu c = cpu(NAN);   // a NaN operand: the fast path's range test fails before the ADDSD
        int exit = caller.code.run(c, 0);
        assertTrue(exit < 0, "a side exit");
        assertSame(callee, c.exitRegion);
        assertEquals(CALLEE, c.rip, "state as before the ADDSD");
        assertEquals(ONE, c.xmm[0]);
        assertEquals(STACK + 0x1000 - 8, c.r[Cpu.RSP]);
    }

    /**
     * Through the engine: a loop calls the callee, whose region (translated first, so the loop's region leaves it
     * out and chains into it) side-exits on every call. The callee is the region translated again, not the loop's.
     */
    @Test
    void theEngineTranslatesAgainTheCalleeTakingSideExits() {
        // loop: call CALLEE; dec ecx; jne loop; int3
        byte[] loop = {(byte) 0xe8, (byte) 0xfb, 0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xc9, 0x75, (byte) 0xf7,
            (byte) 0xcc};
        mem.writeBytes(CODE, loop, 0, loop.length);
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        new dev.ring3.jit.Engine(cache, 10).translateAt(CALLEE);
        Region own = cache.lookup(CALLEE).region();
        assertEquals(1, own.blocks.size(), "the callee's region holds the callee only");
        Cpu c = cpu(NAN);
        c.r[Cpu.RCX] = 3000;   // side exits enough for the engine to give up on the callee's fast paths
        Tiers.runToInt3(c, cache, true, 10);
        assertEquals(0, c.r[Cpu.RCX]);
        assertEquals(NAN, c.xmm[0]);
        assertFalse(own.valid, "the callee's region was invalidated");
        Block callee = cache.lookup(CALLEE), caller = cache.lookup(CODE);
        assertTrue(callee.noRanges || callee.conservative, "the callee is translated again without its fast paths");
        assertFalse(caller.noRanges || caller.conservative, "the loop's region keeps its own");
        assertTrue(caller.region() != null && caller.region().valid, "the loop stays translated");
    }

    @Test
    void anUnchainedExitNamesTheCaller() {
        caller.chain[callExit] = null;
        Cpu c = cpu(ONE);
        int exit = caller.code.run(c, 0);
        assertSame(caller, c.exitRegion);
        assertEquals(callExit, exit);
        assertEquals(CALLEE, c.rip);
    }

    /**
     * Two regions jumping to each other, each linked to the other: the chain of region calls stops at
     * {@link Compiled#MAX_CHAIN} calls below the first region (the depth travels in the entry argument) and the
     * innermost region returns its exit to the engine, naming itself. Without the bound this is a stack overflow.
     */
    @Test
    void chainsEndAtTheDepthBound() {
        long a = 0x400200, b = 0x400300;
        byte[] jmpB = {(byte) 0xe9, (byte) 0xfb, 0x00, 0x00, 0x00};                    // a: jmp b
        byte[] jmpA = {(byte) 0xe9, (byte) 0xfb, (byte) 0xfe, (byte) 0xff, (byte) 0xff}; // b: jmp a
        mem.writeBytes(a, jmpB, 0, jmpB.length);
        mem.writeBytes(b, jmpA, 0, jmpA.length);
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        Region ra = RegionBuilder.build(cache, cache.lookup(a), RegionBuilder.DEFAULT_MAX);
        Region rb = RegionBuilder.build(cache, cache.lookup(b), RegionBuilder.DEFAULT_MAX);
        Translator.translate(ra);
        Translator.translate(rb);
        assertEquals(b, ra.exitTarget[0], "the jump is exit 0");
        assertEquals(a, rb.exitTarget[0]);
        ra.chain[0] = new Entry(rb, 0);
        rb.chain[0] = new Entry(ra, 0);
        Cpu c = cpu(ONE);
        int exit = ra.code.run(c, 0);
        assertEquals(0, exit);
        // calls at depths 1..MAX_CHAIN alternate b, a, ...: the region at depth MAX_CHAIN returns
        Region last = Compiled.MAX_CHAIN % 2 == 0 ? ra : rb;
        assertSame(last, c.exitRegion);
        assertEquals(last == ra ? b : a, c.rip);
        // entered one call short of the bound, the region returns at once
        exit = rb.code.run(c, Compiled.MAX_CHAIN << Compiled.DEPTH_SHIFT);
        assertEquals(0, exit);
        assertSame(rb, c.exitRegion);
        assertEquals(a, c.rip);
        // and one below it, it calls a, which returns
        rb.code.run(c, (Compiled.MAX_CHAIN - 1) << Compiled.DEPTH_SHIFT);
        assertSame(ra, c.exitRegion);
        assertEquals(b, c.rip);
    }
}
