package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control transfer against the host CPU: Jcc (short and near forms, all sixteen conditions, after each kind of
 * flag-setting instruction and from raw flags), LOOP/LOOPE/LOOPNE and JRCXZ/JECXZ with 64- and 32-bit counters,
 * CALL/RET (direct, through a register and memory, RET imm16, recursion), indirect JMP and a jump table. Snippets
 * run at different addresses natively and in ring3, so return addresses left on the stack are wiped and
 * addresses are compared as distances.
 */
class BranchDiffTest {
    @TempDir Path dir;

    static final String[] CC = MovesDiffTest.CC;
    private final SplittableRandom rnd = new SplittableRandom(2024);

    private List<State> pairs() {
        long[] values = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL,
            Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0x1234_5678_9abc_def0L};
        List<State> out = new ArrayList<>();
        for (long a : values) {
            for (long b : values) out.add(new State().set("rax", a).set("rbx", b));
        }
        for (int k = 0; k < 40; k++) out.add(new State().set("rax", rnd.nextLong()).set("rbx", rnd.nextLong()));
        List<State> both = new ArrayList<>();
        for (State s : out) {
            both.add(s);
            both.add(s.copy().flags(0x8d5));
        }
        return both;
    }

    /** The setter, then all given conditions as branches that record in r8 whether they were taken. */
    private static String branches(String setter, int[] conditions, boolean near) {
        StringBuilder s = new StringBuilder(setter).append("\nmov r8d, 0\n");   // MOV keeps the flags
        for (int cc : conditions) {
            s.append(near ? "{disp32} j" : "j").append(CC[cc]).append(" 1f\n")
                    .append("lea r8, [r8+").append(1L << cc).append("]\n1:\n");
        }
        return s.toString();
    }

    @Test
    void conditionalJumpsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = pairs();
        int[] all = MovesDiffTest.all();
        String[][] setters = {
            {"cmp rax, rbx"}, {"cmp eax, ebx"}, {"cmp ax, bx"}, {"cmp al, bl"}, {"cmp bh, al"}, {"sub rax, rbx"},
            {"add rax, rbx"}, {"add al, bl"}, {"adc ax, bx"}, {"sbb eax, ebx"}, {"neg rax"}, {"test rax, rbx"},
            {"and eax, ebx"}, {"xor al, bl"}, {"inc rax"}, {"dec ax"}, {"shl rax, 1"}, {"sar eax, 1"},
            {"shr bl, 1"}, {"cmp rax, -1"}, {"test al, al"}, {"cmp eax, 0x80000000"}};
        for (String[] st : setters) {
            b.add(branches(st[0], all, false), in, 0);
            b.add(branches(st[0], all, true), in, 0);
        }
        b.add(branches("imul rax, rbx", new int[] {0, 1, 2, 3}, false), in, 0);
        b.add(branches("bt rax, rbx", new int[] {2, 3}, true), in, 0);
        b.add(branches("shl rax, 7", new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, false), in, 0);
        // raw flags: all 64 combinations of the status flags, no setter
        List<State> raw = new ArrayList<>();
        for (int f = 0; f < 64; f++) {
            long bits = ((f & 1) != 0 ? CF : 0) | ((f & 2) != 0 ? PF : 0) | ((f & 4) != 0 ? AF : 0)
                    | ((f & 8) != 0 ? ZF : 0) | ((f & 16) != 0 ? SF : 0) | ((f & 32) != 0 ? OF : 0);
            raw.add(new State().flags(bits));
        }
        b.add(branches("", all, false), raw, STATUS);
        b.add(branches("", all, true), raw, STATUS);
        // a backward conditional branch: a counted loop
        b.add("mov ecx, ebx\nand ecx, 63\nxor edx, edx\n1: add rdx, rax\ndec ecx\njg 1b", in, STATUS);
        int n = b.verify();
        System.out.println("BranchDiffTest jcc: " + n + " runs");
        assertTrue(n > 10_000);
    }

    @Test
    void loopsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> counts = new ArrayList<>(), junk = new ArrayList<>();
        for (long n : new long[] {1, 2, 3, 5, 17, 40}) {
            for (int k = 0; k < 3; k++) {
                State s = new State().set("rcx", n).set("rbx", rnd.nextInt(8)).set("rax", rnd.nextLong());
                counts.add(s);
                junk.add(s.copy().set("rcx", n | rnd.nextLong() << 32));
                junk.add(s.copy().set("rcx", rnd.nextLong() << 32));   // ECX = 0
            }
        }
        b.add("xor edx, edx\n1: inc edx\nloop 1b", counts, STATUS);
        b.add("xor edx, edx\n1: inc edx\nmov r8d, edx\nand r8d, 7\ncmp r8d, ebx\nloopne 1b", counts, STATUS);
        b.add("xor edx, edx\n1: inc edx\ncmp edx, 3\nloope 1b", counts, STATUS);
        b.add("xor edx, edx\n1: inc edx\ncmp dl, dl\nloope 1b", counts, STATUS);
        b.add("xor edx, edx\n1: inc edx\n.byte 0x67\nloop 1b", junk.stream().filter(s -> (int) s.get("rcx") != 0).toList(),
                STATUS);
        b.add("xor edx, edx\n1: inc edx\ncmp edx, ebx\n.byte 0x67\nloopne 1b",
                junk.stream().filter(s -> (int) s.get("rcx") != 0).toList(), STATUS);
        List<State> mixed = new ArrayList<>(counts);
        mixed.addAll(junk);
        mixed.add(new State());
        b.add("xor edx, edx\njrcxz 1f\nmov edx, 1\n1:", mixed, STATUS);
        b.add("xor edx, edx\njecxz 1f\nmov edx, 1\n1:", mixed, STATUS);
        b.add("xor edx, edx\n2: jrcxz 1f\ninc edx\ndec rcx\njmp 2b\n1:", counts, STATUS);
        int n = b.verify();
        System.out.println("BranchDiffTest loops: " + n + " runs");
    }

    @Test
    void callsAndReturnsAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> in = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            in.add(new State().set("rax", rnd.nextLong()).set("rbx", rnd.nextInt(4)).set("rcx", 1 + rnd.nextInt(12))
                    .set("rsi", SCRATCH + 0x100).flags(k % 2 == 0 ? 0 : 0x8d5));
        }
        String wipe = "\nmov qword ptr [rsp-8], 0";
        b.add("lea r9, [rip+3f]\ncall 1f\n3: jmp 2f\n1: mov rdx, [rsp]\nsub rdx, r9\nret\n2: xor r9d, r9d" + wipe, in, STATUS);
        b.add("push rax\npush rbx\ncall 1f\njmp 2f\n1: mov rdx, [rsp+8]\nret 16\n2: mov qword ptr [rsp-24], 0", in, STATUS);
        b.add("lea r10, [rip+1f]\ncall r10\njmp 2f\n1: add rax, rbx\nret\n2: xor r10d, r10d" + wipe, in, STATUS);
        b.add("lea r10, [rip+1f]\nmov [rsi], r10\ncall qword ptr [rsi]\njmp 2f\n1: not rax\nret\n"
                + "2: xor r10d, r10d\nmov qword ptr [rsi], 0" + wipe, in, STATUS);
        b.add("lea r10, [rip+1f]\njmp r10\nmov eax, 1\n1: xor r10d, r10d", in, STATUS);
        // a jump table indexed by rbx (0-3), as compilers emit for switch
        b.add("lea r10, [rip+5f]\nmovsxd r11, dword ptr [r10+rbx*4]\nadd r11, r10\njmp r11\n"
                + "5: .long 1f-5b, 2f-5b, 3f-5b, 4f-5b\n1: add rax, 1\njmp 6f\n2: add rax, 20\njmp 6f\n"
                + "3: add rax, 300\njmp 6f\n4: add rax, 4000\n6: xor r10d, r10d\nxor r11d, r11d", in, STATUS);
        // recursion: rax = rcx!, leaving return addresses below rsp, wiped afterwards
        b.add("call 1f\njmp 2f\n1: cmp rcx, 1\njbe 3f\npush rcx\ndec rcx\ncall 1b\npop rcx\nimul rax, rcx\nret\n"
                + "3: mov eax, 1\nret\n2: mov rdx, rax\nlea rdi, [rsp-256]\nmov ecx, 32\nxor eax, eax\nrep stosq",
                in, STATUS & ~(SF | ZF | AF | PF));
        int n = b.verify();
        System.out.println("BranchDiffTest calls: " + n + " runs");
    }
}
