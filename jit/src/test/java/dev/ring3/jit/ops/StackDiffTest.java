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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PUSH and POP (registers, memory, immediates, 16-bit forms, RSP itself), PUSHF/POPF (64- and 16-bit, every
 * user-writable flag except TF and AC, which would trap or enable alignment checks natively), ENTER and LEAVE
 * (nesting levels 0 to 31, 16-bit forms) against the host CPU. The stack is the top of the scratch area, so every
 * byte pushed is compared.
 */
class StackDiffTest {
    @TempDir Path dir;

    private final SplittableRandom rnd = new SplittableRandom(123);

    /** States with random stack contents, rsi at data, rbp at a frame in the stack area. */
    private List<State> states(int n) {
        List<State> out = new ArrayList<>();
        for (State s : Inputs.pairs("rax", "rbx", n, 12)) {
            if (out.size() >= 60 + n) break;
            for (int k = 0x1000; k < State.MEM; k++) s.mem[k] = (byte) rnd.nextInt(256);
            for (int k = 0; k < 0x40; k++) s.mem[0x100 + k] = (byte) rnd.nextInt(256);
            s.set("rsi", SCRATCH + 0x100).set("rbp", SCRATCH + 0x1800 + 8 * rnd.nextInt(16)).set("r12", rnd.nextLong());
            // what POP RSP and LEAVE load must keep the stack inside scratch
            s.mem64((int) (STACK_TOP - SCRATCH), SCRATCH + 0x1e00 - 8 * rnd.nextInt(32));
            s.mem64((int) (s.get("rbp") - SCRATCH), SCRATCH + 0x1c00 + rnd.nextInt(0x100));
            out.add(s);
        }
        return out;
    }

    @Test
    void pushAndPopAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = states(40);
        for (String f : new String[] {"push rax\npop rcx", "push rax", "push ax", "pop ax", "pop rcx", "pop cx",
            "push r12\npop r15", "push -5", "push 0x12345678", "push -0x80000000", "pushw 0x1234", "pushw -5",
            "push qword ptr [rsi]", "push word ptr [rsi+3]", "pop qword ptr [rsi]", "pop word ptr [rsi+1]",
            "push rsp", "push rsp\npop rax", "pop rsp", "push sp", "pop qword ptr [rsp]", "pop qword ptr [rsp+8]",
            "pop qword ptr [rsp-8]", "push qword ptr [rsp+8]", "push qword ptr [rsp]\npop r9",
            "push rax\npush rbx\npush rsi\npop rdx\npop r8\npop r9", "mov rax, rsp\npush ax\npush rbx\npop bx\npop rcx"}) {
            b.add(f, in, STATUS);
        }
        int n = b.verify();
        System.out.println("StackDiffTest push/pop: " + n + " runs");
        assertTrue(n > 1_500);
    }

    @Test
    void flagsOnTheStackAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        // every status flag, DF, NT and ID; IOPL and IF cannot be changed from user mode and are tried anyway
        long[] bits = {CF, PF, AF, ZF, SF, DF, OF, 0x4000, 0x20_0000, 0x3000, 0x200};
        List<State> in = new ArrayList<>();
        for (int k = 0; k < 80; k++) {
            long v = 0;
            for (long bit : bits) if (rnd.nextBoolean()) v |= bit;
            if (k < bits.length) v = bits[k];
            State s = new State().set("rax", v | (rnd.nextLong() & 0xffff_ffff_ff00_0000L & -(k & 1)))
                    .set("rbx", rnd.nextLong());
            s.flags(rnd.nextLong() & (STATUS | DF));
            in.add(s);
        }
        for (String f : new String[] {"pushfq\npop rcx", "pushfw\npop cx", "push rax\npopfq", "push rax\npopfq\npushfq",
            "push ax\npopfw\npushfq\npop rcx", "push rax\npopfq\npushfw\npop dx", "cmp rax, rbx\npushfq",
            "add eax, ebx\npushf\npop rcx\npush rbx\nand qword ptr [rsp], 0x8d5\npopf", "push rax\npopfq\nlahf\nsetc bl\nsetz bh\nseto cl"}) {
            b.add(f + "\npush 0x202\npopfq", in, STATUS | DF);   // leave NT and ID clear for the native runner
            b.add(f, in, STATUS | DF);
        }
        int n = b.verify();
        System.out.println("StackDiffTest pushf/popf: " + n + " runs");
        assertTrue(n > 1_000);
    }

    @Test
    void enterAndLeaveAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = states(20);
        for (String f : new String[] {"enter 0x20, 0", "enter 0, 0", "enter 0x10, 1", "enter 8, 2", "enter 0x18, 3",
            "enter 0x100, 7", "enter 4, 31", "enter 0xe00, 1", "enter 16, 32", "enter 16, 33", "leave",
            "enter 0x20, 0\nmov qword ptr [rbp-8], rax\nleave", "enter 0x30, 2\nleave", "enterw 4, 2",
            "enterw 0, 0", "leavew", "push rbp\nmov rbp, rsp\nsub rsp, 0x40\nleave"}) {
            b.add(f, in, STATUS);
        }
        int n = b.verify();
        System.out.println("StackDiffTest enter/leave: " + n + " runs");
        assertTrue(n > 1_000);
    }

    @Test
    void enterProbesTheFinalStackPointerFirst() throws Exception {
        byte[][] code = Asm.assemble(dir, "enter 0xffff, 1", "enter 0x10, 3", "enter 0, 0");
        for (int k = 0; k < code.length; k++) {
            try (Guest g = new Guest(code[k])) {
                Cpu c = g.cpu;
                c.r[Cpu.RSP] = k == 0 ? 0x10000 + 0x8000 : 0x10000 + 0x28;   // the frame would end below the window
                c.r[Cpu.RBP] = 0x10000 + 0x100;
                if (k == 2) c.r[Cpu.RSP] = 0x10000 + 4;
                long[] before = c.r.clone();
                long stackTop = g.mem.read64(0x10000 + 0x20);
                GuestFault f = g.run();
                assertNotNull(f, "case " + k);
                assertEquals(GuestFault.SIGSEGV, f.signal);
                assertEquals(Guest.CODE, c.rip);
                assertArrayEquals(before, c.r, "case " + k);
                assertEquals(stackTop, g.mem.read64(0x10000 + 0x20), "nothing pushed");
            }
        }
    }
}
