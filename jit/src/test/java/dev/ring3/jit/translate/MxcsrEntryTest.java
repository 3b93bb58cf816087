package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.testing.Asm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest that clears MXCSR's sticky flags before every call of a floating-point function enters that function's
 * region with PE clear each time, which the region's fast paths do not allow: the entry hands the block to the
 * interpreter ({@link Compiled#MXCSR_EXIT}). Those entries are not the region's slow paths being taken, so
 * thousands of them must not get the region translated again (with its slow paths inline, for good), and the
 * program must end as it does interpreted.
 */
class MxcsrEntryTest {
    @TempDir
    Path dir;

    static final long CODE = 0x400000, DATA = 0x500000, STACK = 0x600000;

    /** Clears the sticky flags, calls x0 *= x1 (inexact: sets PE), n times. */
    static String loop(int n) {
        return "mov r12, 0x500000\nmov rcx, " + n + "\n1:\nstmxcsr [r12]\nand dword ptr [r12], 0xffffffc0\n"
                + "ldmxcsr [r12]\ncall 2f\ndec rcx\njnz 1b\nint3\n2:\nmulsd xmm0, xmm1\nret";
    }

    @Test
    void clearedFlagsAtEveryCallDoNotRetranslate() throws Exception {
        byte[][] code = Asm.assemble(dir, loop(60), loop(3000));
        int few = run(code[0], true).translated, many = run(code[1], true).translated;
        assertEquals(few, many, "regions translated for 60 calls and for 3000 (3000 entries with PE clear)");
        End a = run(code[1], false), b = run(code[1], true);
        assertArrayEquals(a.c.r, b.c.r, "registers");
        assertArrayEquals(a.c.xmm, b.c.xmm, "XMM registers");
        assertEquals(a.c.mxcsr, b.c.mxcsr, "MXCSR");
    }

    private record End(Cpu c, int translated) {}

    private static End run(byte[] code, boolean jit) {
        GuestMemory mem = GuestMemory.reserve(1L << 32);
        try {
            mem.writeBytes(CODE, code, 0, code.length);
            Cpu c = new Cpu(mem, null);
            c.rip = CODE;
            c.r[Cpu.RSP] = STACK;
            c.xmm[0] = Double.doubleToRawLongBits(1.0);
            c.xmm[2] = Double.doubleToRawLongBits(1.1);
            CodeCache cache = new CodeCache(mem, PageInfo.ALL);
            Engine e = new Engine(cache, 10);
            try {
                if (jit) e.run(c);
                else new Interpreter(cache).run(c);
            } catch (GuestFault f) {
                assertEquals(GuestFault.SIGTRAP, f.signal);
            }
            return new End(c, e.translated);
        } finally {
            mem.release();
        }
    }
}
