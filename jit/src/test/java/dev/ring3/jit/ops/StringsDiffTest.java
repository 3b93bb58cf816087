package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.testing.Asm;
import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.Guest;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MOVS CMPS STOS LODS SCAS at every size against the host CPU: alone and with REP/REPE/REPNE, DF clear and set,
 * overlapping REP MOVS in both directions at distances around the element size (the bulk path's cases), and
 * 32-bit addressing (67 prefix) with junk in the upper halves of RSI, RDI and RCX. The source segment override and
 * faults in the middle of a REP (which the native runner cannot take) are unit tests.
 */
class StringsDiffTest {
    @TempDir Path dir;

    static final String[] SFX = {"b", "w", "d", "q"};
    static final int[] COUNTS = {0, 1, 2, 3, 7, 16, 33, 100, 257};
    private final SplittableRandom rnd = new SplittableRandom(77);
    private static final long FLAGS = STATUS | DF;

    /** A state with random data in the lower half of scratch, RSI/RDI at the given offsets, RCX = count. */
    private State at(int si, int di, long count, boolean df) {
        State s = new State().set("rsi", SCRATCH + si).set("rdi", SCRATCH + di).set("rcx", count)
                .set("rax", rnd.nextLong()).set("rdx", rnd.nextLong());
        for (int k = 0; k < 0x1000; k++) s.mem[k] = (byte) rnd.nextInt(256);
        s.flags(df ? 0x400 | 0x8d5 : 0);
        return s;
    }

    @Test
    void singleAndRepeatedMovesAndStoresAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int z = 0; z < 4; z++) {
            int e = 1 << z;
            List<State> single = new ArrayList<>();
            for (boolean df : new boolean[] {false, true}) {
                for (int k = 0; k < 6; k++) single.add(at(0x400 + k, 0x800 - k, rnd.nextLong(), df));
            }
            for (String op : new String[] {"movs", "stos", "lods", "cmps", "scas"}) b.add(op + SFX[z], single, FLAGS);

            List<State> apart = new ArrayList<>(), overlap = new ArrayList<>(), down = new ArrayList<>();
            for (long n : COUNTS) {
                apart.add(at(0x100, 0x900, n, false));
                apart.add(at(0x900, 0x100 + (int) n % 8, n, false));
                down.add(at(0xf00, 0x1700, n, true));   // downwards by at most 257 * 8 bytes
                down.add(at(0x1700, 0xf00 + (int) n % 8, n, true));
            }
            for (int d : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 64}) {
                for (long n : new long[] {1, 2, 3, 5, 8, 20, 31, 100, 257}) {
                    overlap.add(at(0x400, 0x400 + d, n, false));
                    overlap.add(at(0x400 + d, 0x400, n, false));
                    overlap.add(at(0xc00, 0xc00 + d, n, true));
                    overlap.add(at(0xc00 + d, 0xc00, n, true));
                }
            }
            for (String rep : new String[] {"rep ", "repne "}) {
                b.add(rep + "movs" + SFX[z], apart, FLAGS);
                b.add(rep + "stos" + SFX[z], apart, FLAGS);
                b.add(rep + "movs" + SFX[z], down, FLAGS);
                b.add(rep + "stos" + SFX[z], down, FLAGS);
            }
            b.add("rep movs" + SFX[z], overlap, FLAGS);
            b.add("rep lods" + SFX[z], apart.subList(0, 10), FLAGS);
            b.add("rep lods" + SFX[z], down.subList(0, 10), FLAGS);
            // a pattern that the bulk fill must replicate: RAX with distinct bytes
            List<State> pattern = new ArrayList<>();
            for (long n : COUNTS) pattern.add(at(0x100, 0x203, n, false).set("rax", 0x0102_0304_0506_0708L));
            for (long n : COUNTS) pattern.add(at(0x100, 0x200, n, false).set("rax", 0x4141_4141_4141_4141L));
            b.add("rep stos" + SFX[z], pattern, FLAGS);
            if (e == 1) {
                b.add("rep movsb\nmov rbx, rsi\nsub rbx, rdi", overlap, FLAGS);
            }
        }
        int n = b.verify();
        System.out.println("StringsDiffTest moves and stores: " + n + " runs");
        assertTrue(n > 2_000);
    }

    /** States for REPE/REPNE CMPS: two regions equal up to a random element, RCX around that point. */
    private List<State> compareStates(int e, boolean df) {
        List<State> out = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            int len = 1 + rnd.nextInt(60);
            int diffAt = rnd.nextInt(len + 4);
            long n = switch (k % 4) { case 0 -> 0; case 1 -> len; case 2 -> diffAt; default -> rnd.nextInt(70); };
            // DF=1 walks down from the last element: both regions are then [start - 69e, start + e)
            int a = df ? 0x200 + 70 * e : 0x200, c = df ? 0x800 + 70 * e : 0x800;
            State s = at(a, c, n, df);
            int lo = df ? -69 * e : 0;
            for (int j = lo; j < lo + 70 * e; j++) s.mem[c + j] = s.mem[a + j];
            int pos = (df ? -diffAt * e : diffAt * e) + rnd.nextInt(e);
            s.mem[c + pos] ^= (byte) (1 + rnd.nextInt(255));
            out.add(s);
        }
        return out;
    }

    /** States for REPE/REPNE SCAS: RAX equals the element at a random index, or a run of elements equals RAX. */
    private List<State> scanStates(int e, boolean df) {
        List<State> out = new ArrayList<>();
        for (int k = 0; k < 24; k++) {
            int at = rnd.nextInt(50);
            long n = switch (k % 4) { case 0 -> 0; case 1 -> at; case 2 -> at + 1; default -> 10 + rnd.nextInt(60); };
            int base = df ? 0x600 : 0x300;
            State s = at(0, base, n, df);
            long v = s.get("rax");
            boolean run = k % 2 == 0;
            for (int j = 0; j <= at; j++) {
                if (!run && j < at) continue;
                int off = base + (df ? -j * e : j * e);
                for (int x = 0; x < e; x++) s.mem[off + x] = (byte) (v >>> (8 * x));
            }
            out.add(s);
        }
        return out;
    }

    @Test
    void comparesAndScansAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int z = 0; z < 4; z++) {
            int e = 1 << z;
            for (boolean df : new boolean[] {false, true}) {
                List<State> cmp = compareStates(e, df), scan = scanStates(e, df);
                for (String rep : new String[] {"repe ", "repne "}) {
                    b.add(rep + "cmps" + SFX[z], cmp, FLAGS);
                    b.add(rep + "scas" + SFX[z], scan, FLAGS);
                }
                // the flags feed a branch, as in a real strcmp
                b.add("repe cmps" + SFX[z] + "\nseta bl\nsetb bh\nsetz r8b\nsetl r9b\nsetg r10b", cmp, FLAGS);
            }
        }
        int n = b.verify();
        System.out.println("StringsDiffTest compares and scans: " + n + " runs");
        assertTrue(n > 500);
    }

    @Test
    void thirtyTwoBitAddressingAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = new ArrayList<>();
        long junk = 0x5a5a_5a5a_0000_0000L;
        for (long n : new long[] {0, 1, 5, 40}) {
            for (boolean df : new boolean[] {false, true}) {
                State s = at(df ? 0x700 : 0x100, df ? 0xe00 : 0x900, n, df);
                s.set("rsi", s.get("rsi") | junk).set("rdi", s.get("rdi") | junk).set("rcx", n | junk);
                in.add(s);
            }
        }
        for (String f : new String[] {"rep movsb", "rep movsq", "rep stosd", "rep stosb", "lodsw", "movsd", "stosq",
            "repe cmpsb", "repne scasw", "cmpsq", "scasb", "rep lodsb"}) {
            b.add(".byte 0x67\n" + f, in, FLAGS);
        }
        int n = b.verify();
        System.out.println("StringsDiffTest 32-bit addressing: " + n + " runs");
    }

    @Test
    void sourceSegmentOverride() throws Exception {
        String[] forms = {"movs byte ptr es:[rdi], byte ptr fs:[rsi]", "lods qword ptr gs:[rsi]",
            "rep movs qword ptr es:[rdi], qword ptr fs:[rsi]", "cmps byte ptr gs:[rsi], byte ptr es:[rdi]",
            "movs dword ptr es:[edi], dword ptr fs:[esi]"};
        byte[][] code = Asm.assemble(dir, forms);
        long fs = 0x30_0000L, gs = 0x38_0000L;
        for (int k = 0; k < forms.length; k++) {
            try (Guest g = new Guest(code[k])) {
                Cpu c = g.cpu;
                c.fsBase = forms[k].contains("fs:") ? fs : 0;
                c.gsBase = forms[k].contains("gs:") ? gs : 0;
                long base = c.fsBase + c.gsBase;
                for (int j = 0; j < 64; j++) {
                    g.mem.write8(base + 0x100 + j, 0x40 + j);       // what the override selects
                    g.mem.write8(Guest.DATA + 0x100 + j, 0x80 + j); // what it would read without one
                }
                c.r[Cpu.RSI] = 0x100;
                c.r[Cpu.RDI] = Guest.DATA + 0x800;
                g.mem.write8(Guest.DATA + 0x800, 0x40);
                c.r[Cpu.RCX] = 4;
                assertNull(g.run(), forms[k]);
                switch (k) {
                    case 0 -> assertEquals(0x40, g.mem.read8(Guest.DATA + 0x800));
                    case 1 -> assertEquals(0x4746_4544_4342_4140L, c.r[Cpu.RAX]);
                    case 2 -> {
                        assertEquals(0x5f5e_5d5c_5b5a_5958L, g.mem.read64(Guest.DATA + 0x818));
                        assertEquals(0, c.r[Cpu.RCX]);
                        assertEquals(0x120, c.r[Cpu.RSI]);
                    }
                    case 3 -> assertTrue(Flags.zf(c), "gs:[rsi] = 0x40 = es:[rdi]");
                    default -> assertEquals(0x4342_4140L, g.mem.read32(Guest.DATA + 0x800));
                }
            }
        }
    }

    @Test
    void faultInTheMiddleOfARepLeavesItRestartable() throws Exception {
        String[] forms = {"rep movsb", "rep stosq", "rep movsq", "std\nrep stosb", "repne scasb"};
        byte[][] code = Asm.assemble(dir, forms);
        for (int k = 0; k < forms.length; k++) {
            try (Guest g = new Guest(code[k])) {
                Cpu c = g.cpu;
                long end = Guest.LIMIT;
                switch (k) {
                    case 0 -> { c.r[Cpu.RSI] = Guest.DATA; c.r[Cpu.RDI] = end - 10; c.r[Cpu.RCX] = 100; }
                    case 1 -> { c.r[Cpu.RDI] = end - 20; c.r[Cpu.RCX] = 10; }
                    case 2 -> { c.r[Cpu.RSI] = end - 24; c.r[Cpu.RDI] = Guest.DATA; c.r[Cpu.RCX] = 1000; }
                    case 3 -> { c.r[Cpu.RDI] = 0x10000 + 5; c.r[Cpu.RCX] = 50; }   // runs down below the window
                    default -> { c.r[Cpu.RDI] = end - 7; c.r[Cpu.RCX] = 1000; c.r[Cpu.RAX] = 0x77; }
                }
                GuestFault f = g.run();
                assertNotNull(f, forms[k]);
                assertEquals(GuestFault.SIGSEGV, f.signal, forms[k]);
                long insn = Guest.CODE + (k == 3 ? 1 : 0);
                assertEquals(insn, c.rip, forms[k] + ": the REP restarts at itself");
                switch (k) {
                    case 0 -> {
                        assertEquals(90, c.r[Cpu.RCX]);
                        assertEquals(end, c.r[Cpu.RDI]);
                        assertEquals(Guest.DATA + 10, c.r[Cpu.RSI]);
                    }
                    case 1 -> {
                        assertEquals(8, c.r[Cpu.RCX]);
                        assertEquals(end - 4, c.r[Cpu.RDI]);
                    }
                    case 2 -> {
                        assertEquals(997, c.r[Cpu.RCX]);
                        assertEquals(end, c.r[Cpu.RSI]);
                        assertEquals(Guest.DATA + 24, c.r[Cpu.RDI]);
                    }
                    case 3 -> {
                        assertEquals(44, c.r[Cpu.RCX]);
                        assertEquals(0xffffL, c.r[Cpu.RDI]);
                    }
                    default -> {
                        assertEquals(993, c.r[Cpu.RCX]);
                        assertEquals(end, c.r[Cpu.RDI]);
                    }
                }
            }
        }
    }
}
