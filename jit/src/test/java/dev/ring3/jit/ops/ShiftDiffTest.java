package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHL SHR SAR ROL ROR RCL RCR SHLD SHRD against the host CPU: every size, counts from CL, from an immediate and the
 * short "1" form, register and memory destinations, with CF clear and all flags set on entry. Flags are compared
 * except where the SDM leaves them undefined: AF after a non-zero shift, OF for counts other than 1, CF of SHL/SHR
 * for counts of at least the operand width; the results of 16-bit SHLD/SHRD with counts above 16 are undefined and
 * not run.
 */
class ShiftDiffTest {
    @TempDir Path dir;

    static final int[] COUNTS = {0, 1, 2, 3, 7, 8, 9, 10, 15, 16, 17, 18, 31, 32, 33, 63, 64, 65, 0x81, 0xff};
    static final long[] VALUES = {0, 1, 0x80, 0xff, 0x8000, 0x8000_0001L, 0x8000_0000_0000_0000L, -1L,
        0x1234_5678_9abc_def0L, 0x0f0f_0f0f_0f0f_0f0fL};
    static final String[] OPS = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"};

    private final SplittableRandom rnd = new SplittableRandom(21);

    /** Value (rax), second source (rbx) and count (rcx) states for one count, with flags clear and all set. */
    private List<State> statesFor(int count) {
        List<State> out = new ArrayList<>();
        for (int k = 0; k < VALUES.length + 4; k++) {
            long v = k < VALUES.length ? VALUES[k] : rnd.nextLong();
            State s = new State().set("rax", v).set("rbx", rnd.nextLong()).set("rcx", 0x1234_5600L | count);
            out.add(s);
            out.add(s.copy().flags(0x8d5));
        }
        return out;
    }

    static int masked(int count, int size) { return count & (size == 8 ? 0x3f : 0x1f); }

    /** Flags the SDM defines after op at size with this count, or -1 if the result itself is undefined. */
    static long definedFlags(String op, int size, int count) {
        int n = masked(count, size);
        if (n == 0) return STATUS;
        boolean rotate = op.startsWith("r");
        boolean dbl = op.startsWith("sh") && op.endsWith("d");
        if (dbl && n > size * 8) return -1;
        long m = rotate ? STATUS : STATUS & ~AF;
        if (n != 1) m &= ~OF;
        if ((op.equals("shl") || op.equals("shr")) && n >= size * 8) m &= ~CF;
        return m;
    }

    /** Adds asm once per group of counts with the same defined flags. */
    private void addByCount(DiffBatch b, String asm, String op, int size, int[] counts) {
        Map<Long, List<State>> groups = new LinkedHashMap<>();
        for (int count : counts) {
            long m = definedFlags(op, size, count);
            if (m < 0) continue;
            groups.computeIfAbsent(m, k -> new ArrayList<>()).addAll(statesFor(count));
        }
        groups.forEach((m, states) -> b.add(asm, states, m));
    }

    @Test
    void shiftsAndRotatesAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        String[] regs = {"al", "ah", "ax", "eax", "rax"};
        int[] sizes = {1, 1, 2, 4, 8};
        for (String op : OPS) {
            for (int r = 0; r < regs.length; r++) addByCount(b, op + " " + regs[r], op, sizes[r], new int[] {1}); // D0/D1
            for (int r = 0; r < regs.length; r++) {
                if (r != 1) addByCount(b, op + " " + regs[r] + ", cl", op, sizes[r], COUNTS);
            }
            addByCount(b, "mov [rsp-16], rax\n" + op + " qword ptr [rsp-16], cl", op, 8, COUNTS);
            addByCount(b, "mov [rsp-16], rax\n" + op + " word ptr [rsp-16], cl", op, 2, COUNTS);
            for (int imm : new int[] {1, 4, 9, 31, 33}) {
                int[] one = {imm};
                addByCount(b, op + " eax, " + imm, op, 4, one);
                addByCount(b, op + " rax, " + imm, op, 8, one);
                addByCount(b, op + " al, " + imm, op, 1, one);
                addByCount(b, "mov [rsp-16], rax\n" + op + " dword ptr [rsp-16], " + imm, op, 4, one);
            }
            // a consumer of every flag right after the shift, as compiled code has
            addByCount(b, op + " rax, cl\nsetc dl\nseto dh\nsets bl\nsetz bh\nsetp r8b", op, 8, new int[] {1});
            addByCount(b, op + " rax, cl\nsetc dl\nsets bl\nsetz bh\nsetp r8b", op, 8, new int[] {5}); // OF undefined
        }
        int n = b.verify();
        System.out.println("ShiftDiffTest shifts and rotates: " + n + " runs");
        assertTrue(n > 10_000);
    }

    @Test
    void doubleShiftsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        for (String op : new String[] {"shld", "shrd"}) {
            addByCount(b, op + " rax, rbx, cl", op, 8, COUNTS);
            addByCount(b, op + " eax, ebx, cl", op, 4, COUNTS);
            addByCount(b, op + " ax, bx, cl", op, 2, COUNTS);
            addByCount(b, "mov [rsp-16], rax\n" + op + " qword ptr [rsp-16], rbx, cl", op, 8, COUNTS);
            addByCount(b, "mov [rsp-16], rax\n" + op + " word ptr [rsp-16], bx, cl", op, 2, COUNTS);
            for (int imm : new int[] {0, 1, 7, 16, 31, 32, 63}) {
                int[] one = {imm};
                addByCount(b, op + " rax, rbx, " + imm, op, 8, one);
                addByCount(b, op + " eax, ebx, " + imm, op, 4, one);
                addByCount(b, op + " ax, bx, " + imm, op, 2, one);
                addByCount(b, "mov [rsp-16], rax\n" + op + " dword ptr [rsp-16], ebx, " + imm, op, 4, one);
            }
        }
        int n = b.verify();
        System.out.println("ShiftDiffTest double shifts: " + n + " runs");
        assertTrue(n > 3_000);
    }
}
