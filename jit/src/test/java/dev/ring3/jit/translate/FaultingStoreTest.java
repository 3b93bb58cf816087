package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CoSim;
import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.SyscallLinker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 16-byte store that straddles either end of the guest window faults and writes nothing, in both tiers (as on
 * hardware: a faulting instruction does not complete). Found by the tier fuzz (seed 77, case 5345): the
 * interpreter wrote the high half of a MOVUPS at BASE-1 before the low half faulted.
 */
class FaultingStoreTest {
    static final long CODE = 0x400000;
    /** movups [r8], xmm0; int3 */
    static final byte[] MOVUPS = {0x41, 0x0f, 0x11, 0x00, (byte) 0xcc};

    GuestMemory mem;

    @BeforeEach
    void setUp() { mem = GuestMemory.reserve(1L << 32); }

    @AfterEach
    void tearDown() { mem.release(); }

    private void faultsAndWritesNothing(byte[] code, long at, boolean conservative) {
        mem.writeBytes(CODE, code, 0, code.length);
        Cpu c = new Cpu(mem, null);
        c.rip = CODE;
        c.r[Cpu.R8] = at;
        c.xmm[0] = 0x0102_0304_0506_0708L;
        c.xmm[1] = 0x1112_1314_1516_1718L;
        CoSim sim = new CoSim(new CodeCache(mem, PageInfo.ALL), SyscallLinker.NONE);
        sim.conservative = conservative;
        GuestFault f = assertThrows(GuestFault.class, () -> sim.step(c));
        assertEquals(GuestFault.SIGSEGV, f.signal);
        assertTrue(sim.divergences.isEmpty(), sim.report());
        for (long a = Math.max(at, GuestMemory.BASE); a < Math.min(at + 16, mem.limit); a++) {
            assertEquals(0, mem.read8(a), "byte at 0x" + Long.toHexString(a) + " was written");
        }
    }

    @Test
    void bottomOfTheWindow() {
        faultsAndWritesNothing(MOVUPS, GuestMemory.BASE - 1, false);
        faultsAndWritesNothing(MOVUPS, GuestMemory.BASE - 8, true);
    }

    @Test
    void topOfTheWindow() {
        faultsAndWritesNothing(MOVUPS, mem.limit - 9, false);
        faultsAndWritesNothing(MOVUPS, mem.limit - 4, true);
    }
}
