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
 * Data movement against the host CPU: MOV MOVZX MOVSX MOVSXD LEA (32-bit addressing, RIP-relative), XCHG XADD
 * CMPXCHG (register and memory, LOCK, success and failure), CBW/CWD families, SETcc and CMOVcc for all sixteen
 * conditions after each kind of flag-setting instruction, LAHF SAHF XLAT MOVBE MOVNTI CMPXCHG8B CMPXCHG16B.
 */
class MovesDiffTest {
    @TempDir Path dir;

    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
    private final SplittableRandom rnd = new SplittableRandom(99);

    private List<State> withData(List<State> in) {
        List<State> out = new ArrayList<>();
        for (State s : in) {
            State t = s.copy().set("rsi", SCRATCH + 0x100).set("rcx", s.get("rax") ^ 0x5555);
            for (int k = 0; k < 0x400; k++) t.mem[k] = (byte) rnd.nextInt(256);
            out.add(t);
        }
        return out;
    }

    @Test
    void movesAndAddressesAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> pairs = withData(Inputs.pairs("rax", "rbx", 20, 5));
        for (String f : new String[] {"mov rax, rbx", "mov eax, ebx", "mov ax, bx", "mov al, bl", "mov ah, bl",
            "mov bh, al", "mov al, bh", "mov rax, -1", "mov eax, -1", "mov ax, -1", "mov ah, 0x5a",
            "movabs rax, 0x1122334455667788", "mov r9d, ebx", "mov r10b, bl", "mov sil, al",
            "mov qword ptr [rsi+8], rbx\nmov rax, [rsi+8]", "mov dword ptr [rsi+3], ebx\nmov rax, [rsi]",
            "mov word ptr [rsi+1], bx\nmov rax, [rsi]", "mov byte ptr [rsi+7], bh\nmov rax, [rsi]",
            "mov byte ptr [rsi], -2\nmov qword ptr [rsi+16], -3\nmov ah, [rsi]",
            "movabs al, [0x20000110]", "movabs rax, [0x20000108]", "movabs [0x20000120], eax",
            "movzx eax, bl", "movzx ecx, bh", "movzx ax, bl", "movzx eax, bx", "movzx rax, word ptr [rsi]",
            "movsx rax, bl", "movsx eax, bh", "movsx ax, bl", "movsx eax, bx", "movsx rax, bx",
            "movsx rax, byte ptr [rsi+5]", "movsxd rax, ebx", "movsxd eax, ebx", "movsxd rax, dword ptr [rsi+4]",
            "cbw", "cwde", "cdqe", "cwd", "cdq", "cqo",
            "xchg rax, rbx", "xchg eax, ebx", "xchg eax, eax", "xchg ax, bx", "xchg ah, bl", "xchg al, bh",
            "xchg r8, rax", "xchg qword ptr [rsi], rbx\nmov rax, [rsi]", "xchg dword ptr [rsi+2], ebx",
            "xchg byte ptr [rsi+1], ah", "xchg word ptr [rsi+3], bx", "movnti [rsi], eax", "movnti [rsi+3], rbx",
            "movbe eax, dword ptr [rsi]", "movbe rax, qword ptr [rsi+1]", "movbe ax, word ptr [rsi+2]",
            "movbe dword ptr [rsi], ebx", "movbe qword ptr [rsi+5], rbx", "movbe word ptr [rsi+2], bx"}) {
            b.add(f, pairs, STATUS);
        }
        // address arithmetic: rbx and rcx as base and index
        List<State> addr = new ArrayList<>();
        for (State s : Inputs.pairs("rbx", "rcx", 20, 6)) addr.add(s.set("rax", 0x1111_2222_3333_4444L));
        for (String f : new String[] {"lea rax, [rbx+rcx*4+0x12]", "lea eax, [rbx+rcx*8-1]", "lea ax, [rbx+rcx]",
            "lea rax, [ebx+ecx*2]", "lea eax, [ebx+ecx-0x80]", "lea rax, [ebx]", "lea rax, [rcx*2]",
            "lea rax, [ecx*4+0x7fffffff]", "lea r9, [rbx+rbx*8]", "lea r10d, [rbx+rcx+0x7fffffff]"}) {
            b.add(f, addr, STATUS);
        }
        // RIP-relative: the same code runs at different addresses natively and in ring3, so compare distances
        // and data loaded from the code itself
        List<State> one = Inputs.singles("rax", 4, 7);
        b.add("lea rax, [rip]\nlea rbx, [rip+1f+0x10]\n1:\nsub rbx, rax\nxor eax, eax", one, STATUS);
        b.add("mov rax, qword ptr [rip+1f]\nmov ebx, dword ptr [rip+1f+3]\nmovzx ecx, byte ptr [rip+1f+7]\n"
                + "jmp 2f\n1: .quad 0x1122334455667788\n2:", one, STATUS);
        b.add("mov eax, dword ptr [eip+1f]\nlea rbx, [eip+1f]\nlea rcx, [rip+1f]\nsub rcx, rbx\nxor ebx, ebx\njmp 2f\n"
                + "1: .quad 0x8877665544332211\n2:", one, STATUS);
        b.add("lea rcx, [rip+1f]\nmov rax, [rcx]\nadd rax, qword ptr [rip+1f+8]\nxor ecx, ecx\njmp 2f\n"
                + "1: .quad 0x1010101010101010, 0x0102030405060708\n2:", one, STATUS);
        int n = b.verify();
        System.out.println("MovesDiffTest moves: " + n + " runs");
        assertTrue(n > 10_000);
    }

    @Test
    void exchangesAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = new ArrayList<>();
        for (State s : withData(Inputs.pairs("rax", "rbx", 20, 8))) {
            in.add(s);
            // the compare-and-exchange succeeds when memory or the destination equals the accumulator
            State eq = s.copy().set("rcx", s.get("rax")).mem64(0x100, s.get("rax")).mem64(0x108, s.get("rax"));
            in.add(eq.flags(0x8d5));
        }
        String[] sizes = {"rcx", "ecx", "cx", "cl"};
        String[] src = {"rbx", "ebx", "bx", "bl"};
        String[] ptr = {"qword", "dword", "word", "byte"};
        for (int z = 0; z < 4; z++) {
            b.add("xadd " + sizes[z] + ", " + src[z], in, STATUS);
            b.add("xadd " + ptr[z] + " ptr [rsi], " + src[z], in, STATUS);
            b.add("lock xadd " + ptr[z] + " ptr [rsi+8], " + src[z], in, STATUS);
            b.add("cmpxchg " + sizes[z] + ", " + src[z], in, STATUS);
            b.add("cmpxchg " + ptr[z] + " ptr [rsi], " + src[z], in, STATUS);
            b.add("lock cmpxchg " + ptr[z] + " ptr [rsi+8], " + src[z], in, STATUS);
            b.add("lock cmpxchg " + ptr[z] + " ptr [rsi+" + (z == 0 ? 5 : 3) + "], " + src[z], in, STATUS);
        }
        b.add("xadd rax, rax", in, STATUS);
        b.add("xadd ah, al", in, STATUS);
        b.add("cmpxchg eax, ebx", in, STATUS);
        b.add("cmpxchg ah, bl", in, STATUS);
        b.add("lock xchg dword ptr [rsi+1], eax", in, STATUS);
        b.add("lock add byte ptr [rsi+1], bl\nlock sub word ptr [rsi+5], bx\nlock inc byte ptr [rsi+2]\n"
                + "lock neg word ptr [rsi+10]\nlock or byte ptr [rsi+11], 0x81", in, STATUS);
        // CMPXCHG8B/16B: rdx:rax against memory, rcx:rbx stored
        List<State> wide = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            State s = withData(List.of(new State())).get(0);
            long lo = rnd.nextLong(), hi = rnd.nextLong();
            s.set("rax", lo).set("rdx", hi).set("rbx", rnd.nextLong()).set("rcx", rnd.nextLong());
            switch (k % 4) {
                case 0 -> s.mem64(0x100, lo).mem64(0x108, hi);
                case 1 -> s.mem64(0x100, (hi << 32) | (lo & 0xffff_ffffL)).mem64(0x108, hi);
                case 2 -> s.mem64(0x100, lo).mem64(0x108, hi ^ 1);
                default -> { }
            }
            wide.add(k % 8 < 4 ? s : s.flags(0x8d5));
        }
        b.add("cmpxchg8b qword ptr [rsi]", wide, STATUS);
        b.add("lock cmpxchg8b qword ptr [rsi]", wide, STATUS);
        b.add("cmpxchg16b xmmword ptr [rsi]", wide, STATUS);
        b.add("lock cmpxchg16b xmmword ptr [rsi]", wide, STATUS);
        int n = b.verify();
        System.out.println("MovesDiffTest exchanges: " + n + " runs");
        assertTrue(n > 5_000);
    }

    /** Flag setters, with the conditions whose flags they define (SDM: undefined flags are not compared). */
    private record Setter(String asm, int[] conditions) {}

    static int[] all() { return new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}; }

    @Test
    void conditionsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = new ArrayList<>();
        long[] values = {0, 1, 0x7f, 0x80, 0xff, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, Long.MAX_VALUE,
            Long.MIN_VALUE, -1L, 0x1234_5678_9abc_def0L};
        List<State> pairs = new ArrayList<>();
        for (long a : values) for (long v : values) pairs.add(new State().set("rax", a).set("rbx", v));
        for (int k = 0; k < 30; k++) pairs.add(new State().set("rax", rnd.nextLong()).set("rbx", rnd.nextLong()));
        for (State s : pairs) {
            s.set("rsi", SCRATCH + 0x100).set("rdx", 0x1234_5678_9abc_def0L).set("rcx", 0x0fed_cba9_8765_4321L);
            in.add(s);
            in.add(s.copy().flags(0x8d5));
        }
        Setter[] setters = {
            new Setter("cmp rax, rbx", all()), new Setter("cmp eax, ebx", all()), new Setter("cmp ax, bx", all()),
            new Setter("cmp al, bl", all()), new Setter("cmp ah, bl", all()), new Setter("sub rax, rbx", all()),
            new Setter("add rax, rbx", all()), new Setter("add ax, bx", all()), new Setter("adc eax, ebx", all()),
            new Setter("sbb al, bl", all()), new Setter("neg rbx", all()), new Setter("test rax, rbx", all()),
            new Setter("and eax, ebx", all()), new Setter("xor ax, bx", all()), new Setter("or al, bl", all()),
            new Setter("inc rax", all()), new Setter("dec ebx", all()), new Setter("inc al", all()),
            new Setter("shl rax, 1", all()), new Setter("sar ebx, 1", all()), new Setter("shr ax, 1", all()),
            new Setter("shl rbx, 3", new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}),
            new Setter("rol rax, 1", new int[] {0, 1, 2, 3}), new Setter("rcr ebx, 1", new int[] {0, 1, 2, 3}),
            new Setter("imul rax, rbx", new int[] {0, 1, 2, 3}), new Setter("mul ebx", new int[] {0, 1, 2, 3}),
            new Setter("bt rax, rbx", new int[] {2, 3}), new Setter("popcnt rax, rbx", all()),
            new Setter("cmpxchg rbx, rcx", all()), new Setter("stc", new int[] {2, 3}), new Setter("", all())};
        for (Setter st : setters) {
            StringBuilder set = new StringBuilder(st.asm).append('\n');
            StringBuilder mov = new StringBuilder(st.asm).append('\n');
            for (int cc : st.conditions) {
                set.append("set").append(CC[cc]).append(" byte ptr [rsi+").append(cc).append("]\n");
                mov.append("mov r8, rcx\nmov r9, rcx\nmov r10, rcx\n")
                        .append("cmov").append(CC[cc]).append(" r8, rdx\n")
                        .append("cmov").append(CC[cc]).append(" r9d, edx\n")
                        .append("cmov").append(CC[cc]).append(" r10w, word ptr [rsi+0x40]\n")
                        .append("mov [rsi+").append(0x80 + 24 * cc).append("], r8\n")
                        .append("mov [rsi+").append(0x88 + 24 * cc).append("], r9\n")
                        .append("mov [rsi+").append(0x90 + 24 * cc).append("], r10\n");
            }
            if (st.conditions.length == 16) set.append("setz bl\nsetnz bh\nsetl r11b\n");   // to registers too
            b.add(set.toString(), in, 0);
            b.add(mov.toString(), in, 0);
        }
        // raw flags (no setter, from POPF-like input) over all 64 combinations of the six status flags
        List<State> raw = new ArrayList<>();
        for (int f = 0; f < 64; f++) {
            long bits = ((f & 1) != 0 ? CF : 0) | ((f & 2) != 0 ? PF : 0) | ((f & 4) != 0 ? AF : 0)
                    | ((f & 8) != 0 ? ZF : 0) | ((f & 16) != 0 ? SF : 0) | ((f & 32) != 0 ? OF : 0);
            raw.add(new State().set("rsi", SCRATCH + 0x100).set("rdx", -1).set("rcx", 0x1234).flags(bits));
        }
        StringBuilder all = new StringBuilder();
        for (int cc = 0; cc < 16; cc++) {
            all.append("set").append(CC[cc]).append(" byte ptr [rsi+").append(cc).append("]\n")
                    .append("mov r8, rcx\ncmov").append(CC[cc]).append(" r8d, edx\nmov [rsi+")
                    .append(0x40 + 8 * cc).append("], r8\n");
        }
        b.add(all.toString(), raw, STATUS);
        b.add("lahf\nmov bl, ah\nsahf\nmov ah, 0xd5\nsahf", raw, STATUS);
        b.add("lahf\nmovzx ebx, ah\nmov ah, 0\nsahf", raw, STATUS);
        List<State> ah = new ArrayList<>();
        for (long v : new long[] {0, 0xff, 0xd5, 0x2a, 0x80, 0x41, 0x10, 0x04, 0x01, 0x28}) {
            ah.add(new State().set("rax", v << 8 | 0x33).flags(0x800));
            ah.add(new State().set("rax", v << 8).flags(0x8d5));
        }
        b.add("sahf", ah, STATUS);
        b.add("sahf\nlahf", ah, STATUS);
        b.add("add al, 0x80\nlahf", Inputs.singles("rax", 20, 3), STATUS);
        // XLAT: AL indexes a table at RBX, with 32-bit addressing wrapping the sum
        List<State> x = new ArrayList<>();
        for (State s : withData(Inputs.singles("rax", 30, 10))) {
            x.add(s.set("rbx", SCRATCH + 0x180));
            x.add(s.copy().set("rbx", 0x7777_0000_0000_0000L | (SCRATCH + 0x100)));
        }
        b.add("xlat", x.subList(0, x.size()).stream().filter(s -> s.get("rbx") >>> 32 == 0).toList(), STATUS);
        b.add(".byte 0x67\nxlat", x, STATUS);
        int n = b.verify();
        System.out.println("MovesDiffTest conditions: " + n + " runs");
        assertTrue(n > 10_000);
    }

    @Test
    void cmpxchg16bNeedsAlignment() throws Exception {
        byte[][] code = Asm.assemble(dir, "lock cmpxchg16b xmmword ptr [rsi]", "cmpxchg16b xmmword ptr [rsi+8]");
        for (int k = 0; k < code.length; k++) {
            try (Guest g = new Guest(code[k])) {
                Cpu cpu = g.cpu;
                cpu.r[Cpu.RSI] = k == 0 ? Guest.DATA + 8 : Guest.DATA + 4;   // [rsi] and [rsi+8]: off by 8 and 12
                cpu.r[Cpu.RAX] = 0;
                long[] before = cpu.r.clone();
                GuestFault f = g.run();
                assertNotNull(f);
                assertEquals(GuestFault.SIGSEGV, f.signal);
                assertEquals(GuestFault.SI_KERNEL, f.code);
                assertEquals(Guest.CODE, f.rip);
                assertArrayEquals(before, cpu.r);
                assertEquals(0, g.mem.read64(Guest.DATA + 8));
            }
        }
    }
}
