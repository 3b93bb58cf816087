package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.Block;
import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bytecode-interpreter-style dispatch ({@code jmp [table + rax*8]} to eight handlers that jump back): the
 * indirect jump's target profile brings all eight handlers into the dispatch's region (a switch inside the
 * translated method, not eight region exits), and the result equals the interpreter's.
 */
class DispatchRegionTest {
    static final long CODE = 0x400000, TABLE = 0x500000;
    static final int HANDLERS = 8;

    GuestMemory mem;
    final long[] handler = new long[HANDLERS];

    @BeforeEach
    void setUp() {
        mem = GuestMemory.reserve(1L << 32);
        // top: mov rax, rcx; and eax, 7; jmp [rax*8 + TABLE]
        byte[] top = {0x48, (byte) 0x89, (byte) 0xc8, (byte) 0x83, (byte) 0xe0, 0x07, (byte) 0xff, 0x24, (byte) 0xc5,
            0x00, 0x00, 0x50, 0x00};
        mem.writeBytes(CODE, top, 0, top.length);
        long first = CODE + top.length;
        for (int k = 0; k < HANDLERS; k++) {
            long h = first + 32L * k;
            handler[k] = h;
            mem.write64(TABLE + 8L * k, h);
            // add rdx, k+1; imul rdx, rdx, 3; dec rcx; jne top; int3
            byte[] code = {0x48, (byte) 0x83, (byte) 0xc2, (byte) (k + 1), 0x48, 0x6b, (byte) 0xd2, 0x03,
                0x48, (byte) 0xff, (byte) 0xc9, 0x0f, (byte) 0x85, 0, 0, 0, 0, (byte) 0xcc};
            long rel = CODE - (h + 17);
            for (int b = 0; b < 4; b++) code[13 + b] = (byte) (rel >> (8 * b));
            mem.writeBytes(h, code, 0, code.length);
        }
    }

    @AfterEach
    void tearDown() { mem.release(); }

    private Cpu run(Engine engine, CodeCache cache) {
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.RCX] = 50_000;
        try {
            if (engine != null) engine.run(c);
            else new Interpreter(cache).run(c);
        } catch (GuestFault f) {
            assertEquals(GuestFault.SIGTRAP, f.signal);
        }
        return c;
    }

    @Test
    void handlersJoinTheDispatchRegion() {
        Cpu expected = run(null, new CodeCache(mem, PageInfo.ALL));
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        Engine engine = new Engine(cache, 200);
        Cpu actual = run(engine, cache);
        for (int k = 0; k < 16; k++) assertEquals(expected.r[k], actual.r[k], "register " + k);
        assertEquals(Flags.get(expected), Flags.get(actual));
        assertEquals(0, engine.failed, "translations failed");

        Region dispatch = null;
        for (Region r : cache.regions()) for (Block b : r.blocks) if (b.start == CODE && r.valid) dispatch = r;
        assertTrue(dispatch != null, "the dispatch block was not translated");
        Set<Long> starts = new HashSet<>();
        for (Block b : dispatch.blocks) starts.add(b.start);
        for (long h : handler) assertTrue(starts.contains(h), "handler 0x" + Long.toHexString(h) + " is not in the dispatch region " + starts);
    }
}
