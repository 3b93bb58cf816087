package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.Inputs;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BT BTS BTR BTC (register, immediate, bit-string memory forms with negative offsets, LOCK), BSF BSR, TZCNT LZCNT
 * POPCNT, BSWAP against the host CPU. Compared flags: CF and ZF for BTx (ZF must be kept; OF SF AF PF are
 * undefined), ZF for BSF/BSR, CF and ZF for TZCNT/LZCNT, all for POPCNT.
 */
class BitsDiffTest {
    @TempDir Path dir;

    static final long[] OFFSETS = {0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 200, -1, -2, -8, -9, -16, -17,
        -32, -33, -64, -65, -200, -1000, 1000, 2047, -2048};
    private final SplittableRandom rnd = new SplittableRandom(33);

    private void randomData(State s) {
        for (int k = 0; k < State.MEM / 2; k++) s.mem[k] = (byte) rnd.nextInt(256);
    }

    /** rax = a value, rbx = a bit offset (upper bits above {@code size} filled with junk), rsi = mid data. */
    private List<State> offsetStates(int size) {
        List<State> out = new ArrayList<>();
        long junk = size == 8 ? 0 : 0x5a5a_5a5a_5a5a_5a5aL & ~Inputs.EDGES[size == 4 ? 11 : 8];
        for (int k = 0; k < OFFSETS.length + 12; k++) {
            long off = k < OFFSETS.length ? OFFSETS[k] : rnd.nextInt(4000) - 2000;
            long field = size == 8 ? off : off & ((1L << (size * 8)) - 1);
            State s = new State().set("rax", rnd.nextLong()).set("rbx", junk | field).set("rsi", SCRATCH + 0x800);
            randomData(s);
            out.add(s);
            out.add(s.copy().flags(0x8d5));
        }
        return out;
    }

    @Test
    void bitTestsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> regPairs = new ArrayList<>();
        for (long off : OFFSETS) {
            for (long v : new long[] {0, -1, 0x1234_5678_9abc_def0L, 0x8000_0000_0000_0001L, rnd.nextLong()}) {
                State s = new State().set("rax", v).set("rbx", off);
                regPairs.add(s);
                regPairs.add(s.copy().flags(0x8d5));
            }
        }
        for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
            b.add(op + " rax, rbx", regPairs, CF | ZF);
            b.add(op + " eax, ebx", regPairs, CF | ZF);
            b.add(op + " ax, bx", regPairs, CF | ZF);
            b.add(op + " rax, 45", regPairs, CF | ZF);
            b.add(op + " eax, 40", regPairs, CF | ZF);   // immediate taken modulo 32
            b.add(op + " ax, 15", regPairs, CF | ZF);
            b.add(op + " qword ptr [rsi], rbx", offsetStates(8), CF | ZF);
            b.add(op + " dword ptr [rsi], ebx", offsetStates(4), CF | ZF);
            b.add(op + " word ptr [rsi], bx", offsetStates(2), CF | ZF);
            b.add(op + " qword ptr [rsi-8], 70", offsetStates(8), CF | ZF);
            b.add(op + " dword ptr [rsi+3], 31", offsetStates(8), CF | ZF);
            b.add(op + " word ptr [rsi+1], 17", offsetStates(8), CF | ZF);
            if (!op.equals("bt")) {
                b.add("lock " + op + " qword ptr [rsi], rbx", offsetStates(8), CF | ZF);
                b.add("lock " + op + " dword ptr [rsi+2], ebx", offsetStates(4), CF | ZF);
                b.add("lock " + op + " word ptr [rsi], bx", offsetStates(2), CF | ZF);
                b.add("lock " + op + " dword ptr [rsi], 9", offsetStates(8), CF | ZF);
            }
        }
        b.add("bt rax, rbx\nsetc cl\nsbb rdx, rdx", regPairs, STATUS & ~(OF | SF | AF | PF));
        int n = b.verify();
        System.out.println("BitsDiffTest bit tests: " + n + " runs");
        assertTrue(n > 5_000);
    }

    @Test
    void scansAndCountsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = new ArrayList<>();
        for (State s : Inputs.singles("rbx", 40, 44)) {
            s.set("rax", 0xdead_beef_cafe_f00dL).set("rsi", SCRATCH + 0x100).mem64(0x100, s.get("rbx"));
            in.add(s);
            in.add(s.copy().flags(0x8d5));
        }
        for (long v : new long[] {0x1_0000_0000L, 0x10000, 0x1_0000_0000_0000L, 0x100_0000_0000_0000L}) {
            State s = new State().set("rbx", v).set("rax", -1).set("rsi", SCRATCH + 0x100).mem64(0x100, v);
            in.add(s);
            in.add(s.copy().flags(0x8d5));
        }
        for (String op : new String[] {"bsf", "bsr"}) {
            b.add(op + " rax, rbx", in, ZF);
            b.add(op + " eax, ebx", in, ZF);   // a zero source leaves all of rax, upper half included
            b.add(op + " ax, bx", in, ZF);
            b.add(op + " rax, qword ptr [rsi]", in, ZF);
            b.add(op + " ecx, dword ptr [rsi+2]", in, ZF);
        }
        for (String op : new String[] {"tzcnt", "lzcnt"}) {
            b.add(op + " rax, rbx", in, CF | ZF);
            b.add(op + " eax, ebx", in, CF | ZF);
            b.add(op + " ax, bx", in, CF | ZF);
            b.add(op + " rcx, qword ptr [rsi]", in, CF | ZF);
            b.add(op + " cx, word ptr [rsi+3]", in, CF | ZF);
        }
        b.add("popcnt rax, rbx", in, STATUS);
        b.add("popcnt eax, ebx", in, STATUS);
        b.add("popcnt ax, bx", in, STATUS);
        b.add("popcnt r9, qword ptr [rsi]", in, STATUS);
        b.add("popcnt r9d, dword ptr [rsi+1]", in, STATUS);
        for (String r : new String[] {"ebx", "rbx", "r8d", "r12"}) {
            List<State> regs = new ArrayList<>();
            for (State s : in) regs.add(s.copy().set("r8", s.get("rbx")).set("r12", ~s.get("rbx")));
            b.add("bswap " + r, regs, STATUS);
        }
        int n = b.verify();
        System.out.println("BitsDiffTest scans and counts: " + n + " runs");
        assertTrue(n > 2_000);
    }
}
