package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Asm;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block's shared bounds checks ({@link SharedChecks}): which accesses they cover, and that translated code with
 * them ends exactly as the interpreter does at both ends of the guest window (an early side exit when a span
 * leaves the window, then the faulting access raising SIGSEGV at its own instruction with the state before it, or
 * valid accesses near the top completing).
 */
class SharedChecksTest {
    static final long CODE = 0x400000;
    @TempDir Path dir;
    GuestMemory mem;

    @BeforeEach
    void setUp() { mem = GuestMemory.reserve(1L << 24); }

    @AfterEach
    void tearDown() { mem.release(); }

    private SharedChecks of(String asm) throws Exception {
        byte[] code = Asm.assemble(dir, asm + "\nint3")[0];
        mem.writeBytes(CODE, code, 0, code.length);
        return SharedChecks.of(new CodeCache(mem, PageInfo.ALL).lookup(CODE).insns);
    }

    @Test
    void prologueAndFrameShareOneSpan() throws Exception {
        SharedChecks s = of("push rbp\npush rbx\nsub rsp, 24\nmov [rsp + 8], rdi\nmov rax, [rsp + 16]\nadd rsp, 24\npop rbx");
        assertEquals(0, s.at);
        // offsets from RSP before the first push: pushes at -8 and -16, the frame at -40 + 8 and -40 + 16, the pop at
        // -16; checked from RSP before the first access
        assertEquals(-32, s.lo);
        assertEquals(-8, s.hi);
        assertArrayEquals(new boolean[] {true, true, false, true, true, false, true, false}, s.covered);
    }

    @Test
    void anotherWriteOfRspEndsTheSpan() throws Exception {
        SharedChecks s = of("push rbp\npush rbx\nmov rsp, rbp\npush rcx\npop rdx");
        assertArrayEquals(new boolean[] {true, true, false, false, false, false}, s.covered);
        assertNull(of("push rbp\nsub esp, 8\npush rbx"), "a 32-bit SUB of ESP is not tracked");
        assertNull(of("push rbp\nmov rax, [rbx + 8]"), "one stack access: nothing to share");
        SharedChecks popRsp = of("push rax\npop rsp\npush rbx");
        assertArrayEquals(new boolean[] {true, true, false, false}, popRsp.covered);
    }

    @Test
    void fieldsOffOneRegisterShareASpanUntilItIsWritten() throws Exception {
        SharedChecks s = of("mov rax, [rbx + 8]\nmov rcx, [rbx + 24]\nadd rbx, 8\nmov rdx, [rbx]\ncmp rdx, [rsi]");
        assertArrayEquals(new long[] {Cpu.RBX, 8, 24}, s.others[0]);
        assertArrayEquals(new boolean[] {true, true, false, false, false, false}, s.covered);
        assertEquals(-1, s.at, "no stack span");
        assertNull(of("mov rax, [rbx + 8]\nmov rbx, [rcx]\nmov rdx, [rbx + 16]"), "a load into the base ends it");
        assertNull(of("mov rax, [rbx + rcx * 8]\nmov rdx, [rbx + rcx * 8 + 8]"), "indexed operands check themselves");
    }

    @Test
    void coveredAccessesHaveNoFaultPathOfTheirOwn() throws Exception {
        // the stack span is checked at the first push, RBX's span at the first load off it: only those two
        // instructions can fail a check; the six others had fault paths nothing jumped to (dead code)
        String asm = "push rbp\npush rbx\npush r12\nmov rax, [rbx + 8]\nmov rcx, [rbx + 16]\npop r12\npop rbx\npop rbp";
        byte[] code = Asm.assemble(dir, asm + "\nint3")[0];
        mem.writeBytes(CODE, code, 0, code.length);
        CodeCache cache = new CodeCache(mem, PageInfo.ALL);
        new Engine(cache, 1).translateAt(CODE);
        Region r = cache.lookup(CODE).region();
        assertEquals(2, r.faultPaths);
    }

    /**
     * The snippet (then int3) translated (threshold 1) and interpreted from RSP = rsp: the same signal, registers,
     * RIP and memory at both ends of the window.
     */
    private void sameAsInterpreter(String asm, long rsp, int signal) throws Exception {
        byte[] code = Asm.assemble(dir, asm + "\nint3")[0];
        Cpu[] end = new Cpu[2];
        byte[][] bottom = new byte[2][], top = new byte[2][];
        for (int tier = 0; tier < 2; tier++) {
            for (long a = GuestMemory.BASE; a < GuestMemory.BASE + 64; a++) mem.write8(a, 0);
            for (long a = mem.limit - 64; a < mem.limit; a++) mem.write8(a, 0x5a);
            mem.writeBytes(CODE, code, 0, code.length);
            Cpu c = new Cpu(mem, null);
            c.rip = CODE;
            c.r[Cpu.RSP] = rsp;
            for (int r = 0; r < 16; r++) if (r != Cpu.RSP) c.r[r] = 0x1111L * (r + 1);
            CodeCache cache = new CodeCache(mem, PageInfo.ALL);
            GuestFault f;
            if (tier == 0) {
                Engine engine = new Engine(cache, 1);
                f = assertThrows(GuestFault.class, () -> engine.run(c));
                assertEquals(1, engine.translated, asm);
            } else {
                f = assertThrows(GuestFault.class, () -> new Interpreter(cache).run(c));
            }
            assertEquals(signal, f.signal, asm + " at RSP 0x" + Long.toHexString(rsp) + (tier == 0 ? " translated" : ""));
            end[tier] = c;
            bottom[tier] = mem.readBytes(GuestMemory.BASE, 64);
            top[tier] = mem.readBytes(mem.limit - 64, 64);
        }
        assertEquals(end[1].rip, end[0].rip, asm);
        assertArrayEquals(end[1].r, end[0].r, asm);
        assertArrayEquals(bottom[1], bottom[0], asm);
        assertArrayEquals(top[1], top[0], asm);
    }

    @Test
    void pushesAtTheBottomOfTheWindow() throws Exception {
        String pushes = "push rax\npush rbx\npush rcx";
        sameAsInterpreter(pushes, GuestMemory.BASE + 24, GuestFault.SIGTRAP);
        assertEquals(0x1111L * (Cpu.RCX + 1), mem.read64(GuestMemory.BASE));
        assertEquals(0x1111L * (Cpu.RAX + 1), mem.read64(GuestMemory.BASE + 16));
        sameAsInterpreter(pushes, GuestMemory.BASE + 16, GuestFault.SIGSEGV);   // the third push faults
        sameAsInterpreter(pushes, GuestMemory.BASE + 8, GuestFault.SIGSEGV);    // the second
    }

    @Test
    void popsAtTheTopOfTheWindow() throws Exception {
        String pops = "pop rax\npop rbx";
        sameAsInterpreter(pops, mem.limit - 16, GuestFault.SIGTRAP);   // valid, beyond the checks' 16 bytes: completed
        sameAsInterpreter(pops, mem.limit - 8, GuestFault.SIGSEGV);    // the second pop faults
        String frame = "pop rax\nsub rsp, 32\nmov [rsp + 8], rdx\nadd rsp, 40\npop rcx";
        sameAsInterpreter(frame, mem.limit - 24, GuestFault.SIGTRAP);   // the span's top check fails: interpreted
        sameAsInterpreter(frame, mem.limit - 56, GuestFault.SIGTRAP);   // the checks pass: translated throughout
    }

    @Test
    void fieldsAtTheTopOfTheWindow() throws Exception {
        String fields = "mov rax, [rbx]\nadd rax, [rbx + 8]\nmov [rbx + 4], eax";
        for (long at : new long[] {mem.limit - 40, mem.limit - 16, mem.limit - 12, mem.limit - 8}) {
            sameAsInterpreterAt(fields, at, at >= mem.limit - 12 ? GuestFault.SIGSEGV : GuestFault.SIGTRAP);
        }
    }

    /** As {@link #sameAsInterpreter}, with RBX = at and RSP in the middle of the window. */
    private void sameAsInterpreterAt(String asm, long at, int signal) throws Exception {
        sameAsInterpreter("mov rbx, " + at + "\n" + asm, GuestMemory.BASE + 4096, signal);
    }
}
