package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.testing.Asm;
import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.Guest;
import dev.ring3.jit.testing.Inputs;
import dev.ring3.jit.testing.State;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MUL, IMUL (one, two, three operands), DIV, IDIV at every size against the host CPU; #DE (which the native
 * runner cannot survive) as unit tests in the interpreter.
 */
class MulDivDiffTest {
    @TempDir Path dir;

    private static final long CF_OF = CF | OF;   // SF ZF AF PF are undefined after multiplies

    @Test
    void multipliesAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> pairs = Inputs.pairs("rax", "rbx", 60, 11);
        for (String op : new String[] {"mul", "imul"}) {
            for (String r : new String[] {"rbx", "ebx", "bx", "bl", "bh"}) b.add(op + " " + r, pairs, CF_OF);
            b.add("mov [rsp-16], rbx\n" + op + " qword ptr [rsp-16]", pairs, CF_OF);
            b.add("mov [rsp-16], rbx\n" + op + " word ptr [rsp-16]", pairs, CF_OF);
            b.add("mov [rsp-16], rbx\n" + op + " byte ptr [rsp-16]", pairs, CF_OF);
        }
        for (String f : new String[] {"imul rax, rbx", "imul eax, ebx", "imul ax, bx", "imul rbx, rbx",
            "imul rax, rbx, 7", "imul rax, rbx, -0x80000000", "imul eax, ebx, -100000", "imul ax, bx, 0x1234",
            "imul ax, bx, -3", "imul r9, rbx, 127", "imul ebx, eax, -128"}) {
            b.add(f, pairs, CF_OF);
        }
        b.add("mov [rsp-16], rbx\nimul rax, qword ptr [rsp-16]", pairs, CF_OF);
        b.add("mov [rsp-16], rbx\nimul eax, dword ptr [rsp-16], 33", pairs, CF_OF);
        // a flag consumer after the multiply: CF and OF must come out of the lazy state correctly
        b.add("imul rax, rbx\nsetc cl\nseto dl\nadc r8, 0", pairs, CF_OF);
        int n = b.verify();
        System.out.println("MulDivDiffTest multiplies: " + n + " runs");
        assertTrue(n > 10_000, "ran " + n);
    }

    @Test
    void dividesAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (int size : new int[] {1, 2, 4, 8}) {
            for (boolean signed : new boolean[] {false, true}) {
                String op = signed ? "idiv" : "div";
                List<State> in = divInputs(size, signed, 300, size * 31L + (signed ? 7 : 0));
                String reg = switch (size) { case 1 -> "bl"; case 2 -> "bx"; case 4 -> "ebx"; default -> "rbx"; };
                String ptr = switch (size) { case 1 -> "byte"; case 2 -> "word"; case 4 -> "dword"; default -> "qword"; };
                b.add(op + " " + reg, in, 0);   // every status flag is undefined after a division
                b.add("mov [rsp-16], rbx\n" + op + " " + ptr + " ptr [rsp-16]", in, 0);
            }
        }
        int n = b.verify();
        System.out.println("MulDivDiffTest divides: " + n + " runs");
        assertTrue(n > 5_000, "ran " + n);
    }

    /** Dividend (rdx:rax, or ax) and divisor (rbx) triples whose quotient fits, from edge and random values. */
    static List<State> divInputs(int size, boolean signed, int random, long seed) {
        List<State> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] e = Inputs.EDGES;
        for (long d : e) {
            for (long lo : e) {
                long[] highs = {0, -1, lo < 0 ? -1 : 0, d - 1, (d >>> 1) - 1, Long.rotateLeft(d, 5) ^ lo};
                for (long hi : highs) addIfNoFault(out, size, signed, lo, hi, d);
            }
        }
        while (random > 0) {
            long d = rnd.nextLong() >> rnd.nextInt(64);
            long lo = rnd.nextLong();
            long hi = switch (rnd.nextInt(3)) {
                case 0 -> lo >> 63;
                case 1 -> rnd.nextLong() >> rnd.nextInt(64);
                default -> Long.remainderUnsigned(rnd.nextLong(), d == 0 ? 1 : d);
            };
            if (addIfNoFault(out, size, signed, lo, hi, d)) random--;
        }
        return out;
    }

    private static boolean addIfNoFault(List<State> out, int size, boolean signed, long lo, long hi, long d) {
        if (quotient(size, signed, lo, hi, d) == null) return false;
        out.add(new State().set("rax", lo).set("rdx", hi).set("rbx", d));
        return true;
    }

    /** The quotient by the SDM's definition, or null for #DE (independent of MulDiv: BigInteger arithmetic). */
    static BigInteger quotient(int size, boolean signed, long lo, long hi, long d) {
        int bits = size * 8;
        BigInteger n = size == 1 ? field(lo, 16, signed)
                : field(hi, bits, false).shiftLeft(bits).or(field(lo, bits, false));
        if (signed && size > 1 && n.testBit(2 * bits - 1)) n = n.subtract(BigInteger.ONE.shiftLeft(2 * bits));
        BigInteger v = field(d, bits, signed);
        if (v.signum() == 0) return null;
        BigInteger q = n.divide(v);
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        return q.compareTo(min) < 0 || q.compareTo(max) > 0 ? null : q;
    }

    private static BigInteger field(long v, int bits, boolean signed) {
        BigInteger b = new BigInteger(Long.toUnsignedString(v)).and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        return signed && b.testBit(bits - 1) ? b.subtract(BigInteger.ONE.shiftLeft(bits)) : b;
    }

    @Test
    void divideErrorsLeaveRegistersAlone() throws Exception {
        String[] forms = {"div bl", "div bx", "div ebx", "div rbx", "idiv bl", "idiv bx", "idiv ebx", "idiv rbx",
            "div qword ptr [rsi]", "idiv dword ptr [rsi]"};
        byte[][] code = Asm.assemble(dir, forms);
        int faults = 0;
        for (int k = 0; k < forms.length; k++) {
            String operand = forms[k].substring(forms[k].indexOf(' ') + 1);
            int size = switch (operand) {
                case "bl" -> 1;
                case "bx" -> 2;
                case "ebx", "dword ptr [rsi]" -> 4;
                default -> 8;
            };
            boolean signed = forms[k].startsWith("idiv");
            long[][] cases = {
                {0x1234, 0, 0},                          // divide by zero
                {-1, -1, 0},
                {0, 1, 1},                               // quotient = 2^bits: overflow (DIV) for every size > 1
                {0xffff, 0xffff_ffffL, 2},
                {Long.MIN_VALUE, -1, -1},                // the most negative dividend by -1
                {0, Long.MIN_VALUE, -1},
                {0x8000, 0x8000, 0xffffL},
                {0, 0x7fff_ffff_ffff_ffffL, 3},
                {0x4000_0000_0000_0000L, 0x4000_0000_0000_0000L, 0x4000_0000_0000_0000L},
                {0x100, 0, 1},
                {-0x100, 0, 0xff},                       // idiv bl: -256 / -1 = 256 does not fit
                {0x8000, 0, 0xff}};
            for (long[] cs : cases) {
                long lo = cs[0], hi = cs[1], d = cs[2];
                boolean expectFault = quotient(size, signed, lo, hi, d) == null;
                try (Guest g = new Guest(code[k])) {
                    Cpu c = g.cpu;
                    c.r[Cpu.RAX] = lo;
                    c.r[Cpu.RDX] = hi;
                    c.r[Cpu.RBX] = d;
                    c.r[Cpu.RSI] = Guest.DATA;
                    g.mem.write64(Guest.DATA, d);
                    long[] before = c.r.clone();
                    GuestFault f = g.run();
                    String what = forms[k] + " of " + Long.toHexString(hi) + ":" + Long.toHexString(lo) + " by "
                            + Long.toHexString(d);
                    if (!expectFault) {
                        assertNull(f, what);
                        continue;
                    }
                    faults++;
                    assertNotNull(f, what + " should raise #DE");
                    assertEquals(GuestFault.SIGFPE, f.signal, what);
                    assertEquals(GuestFault.FPE_INTDIV, f.code, what);
                    assertEquals(Guest.CODE, f.rip, what);
                    assertEquals(Guest.CODE, c.rip, what);
                    assertArrayEquals(before, c.r, what + ": registers changed");
                }
            }
        }
        assertTrue(faults > 60, "faults checked: " + faults);
    }

    @Test
    void wideDivisionMatchesBigInteger() {
        SplittableRandom rnd = new SplittableRandom(5);
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        for (int k = 0; k < 200_000; k++) {
            long v = rnd.nextLong() >>> rnd.nextInt(64);
            if (v == 0) v = 1;
            long hi = Long.remainderUnsigned(rnd.nextLong() >>> rnd.nextInt(64), v);
            long lo = rnd.nextLong();
            if (k % 7 == 0) lo = -1;
            if (k % 11 == 0) hi = v - 1;
            BigInteger n = new BigInteger(Long.toUnsignedString(hi)).multiply(two64)
                    .add(new BigInteger(Long.toUnsignedString(lo)));
            long expect = n.divide(new BigInteger(Long.toUnsignedString(v))).longValue();
            long div = v;
            assertEquals(expect, MulDiv.divu128(hi, lo, v), () -> n + " / " + Long.toUnsignedString(div));
        }
    }
}
