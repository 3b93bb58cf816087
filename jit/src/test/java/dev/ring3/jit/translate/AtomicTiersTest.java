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
import dev.ring3.jit.testing.TierLoops;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XCHG with memory and CMPXCHG with memory (LOCK or not; succeeding and failing; 8 to 64 bits) translated: loops
 * end in the state the interpreter leaves, memory and flags included.
 */
class AtomicTiersTest {
    static final long CODE = TierLoops.CODE;

    @TempDir
    Path dir;

    static final String[] LOOPS = {
        // a spin-lock's shape: take with XCHG, release with a store; swaps of every width
        "mov rcx, 2000\nmov r12, 0x500000\n1:\nmov eax, 1\nxchg [r12], eax\nadd rdx, rax\nmov dword ptr [r12], 0\n"
                + "add rbx, rcx\nxchg [r12 + 8], rbx\nxchg [r12 + 16], si\nxchg [r12 + 20], dil\n"
                + "mov ebp, 0x500000\nxchg [rbp + 21], ah\ndec rcx\njnz 1b\nint3",
        // CMPXCHG that succeeds on even iterations and fails on odd ones, its ZF and CF read, rAX reloaded on failure
        "mov rcx, 2000\nmov r12, 0x500000\n1:\nmov rax, rcx\nand rax, 1\nlock cmpxchg [r12 + 32], rcx\nsete r8b\n"
                + "adc rdx, 0\nadd rsi, r8\nadd rdi, rax\nmov eax, ecx\nlock cmpxchg [r12 + 40], ebx\njz 2f\n"
                + "add r9, 1\n2:\nmov ax, cx\ncmpxchg [r12 + 44], bx\nmov al, cl\ncmpxchg [r12 + 46], bl\n"
                + "and qword ptr [r12 + 32], 1\ndec rcx\njnz 1b\nint3",
    };

    @Test
    void loopsEndAsInterpreted() throws Exception {
        TierLoops.assertSameAsInterpreted(dir, c -> {
            c.r[Cpu.RBX] = 0x9E3779B97F4A7C15L;
            c.r[Cpu.RSI] = 0x1234;
            c.r[Cpu.RDI] = 0x56;
        }, 6, LOOPS);
    }

    /**
     * Outside the window (below its bottom, across its top) both instructions fault in both tiers, the same way,
     * naming the instruction, with memory and registers as before it.
     */
    @Test
    void badAddressesFaultAsInterpreted() {
        byte[] lockCmpxchg = {(byte) 0xf0, 0x49, 0x0f, (byte) 0xb1, 0x08, (byte) 0xcc};   // lock cmpxchg [r8], rcx
        byte[] xchg = {0x49, (byte) 0x87, 0x08, (byte) 0xcc};                              // xchg [r8], rcx
        for (byte[] code : new byte[][] {lockCmpxchg, xchg}) {
            GuestMemory mem = GuestMemory.reserve(1L << 32);
            try {
                for (long at : new long[] {8, GuestMemory.BASE - 4, mem.limit - 4}) {
                    mem.writeBytes(CODE, code, 0, code.length);
                    Cpu c = new Cpu(mem, null);
                    c.rip = CODE;
                    c.r[Cpu.R8] = at;
                    c.r[Cpu.RCX] = 0x1122334455667788L;
                    CoSim sim = new CoSim(new CodeCache(mem, PageInfo.ALL), SyscallLinker.NONE);
                    GuestFault f = assertThrows(GuestFault.class, () -> sim.step(c));
                    assertEquals(GuestFault.SIGSEGV, f.signal);
                    assertTrue(sim.divergences.isEmpty(), sim.report());
                    assertEquals(CODE, c.rip, "the fault names the instruction");
                    assertEquals(0x1122334455667788L, c.r[Cpu.RCX]);
                }
            } finally {
                mem.release();
            }
        }
    }
}
