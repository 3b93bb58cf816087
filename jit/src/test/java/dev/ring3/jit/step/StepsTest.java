package dev.ring3.jit.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.decoder.Decoder;
import dev.ring3.decoder.Insn;
import dev.ring3.jit.Block;
import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Exec;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.Semantics;
import dev.ring3.jit.testing.Asm;
import dev.ring3.jit.testing.Guest;
import dev.ring3.jit.testing.Inputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter's own steps against the instruction semantics they stand in for ({@link dev.ring3.jit.Exec}, which
 * the differential tests check against the host CPU): every form that has a step gets one, and from the same
 * random registers, flags and memory both leave the same registers, flags, memory and (for control transfers)
 * RIP. The host-CPU tests in ops/ run through the steps too, since the interpreter runs them.
 */
class StepsTest {
    @TempDir Path dir;

    /** Memory operands use RBX (base), RSI (index, small) and RSP, which point into the data area. */
    private static final String[] OWN = {
        "mov rax, rcx", "mov eax, ecx", "mov ax, cx", "mov al, ch", "mov ah, cl", "mov r9, 0x1122334455667788",
        "mov r9d, -3", "mov cl, 0x80", "mov rax, [rbx + rsi*8 + 8]", "mov eax, [rbx + 4]", "mov dx, [rbx]",
        "mov dh, [rbx + 3]", "mov [rbx + rsi*4 + 16], rdx", "mov [rbx], ecx", "mov [rbx + 1], ah",
        "mov qword ptr [rbx + 8], -7", "mov dword ptr [rbx], 0x89abcdef", "mov byte ptr [rbx + 2], 0xfe",
        "mov rax, [rip + 0x40]", "mov rax, fs:[rbx]", "lea rax, [rbx + rsi*2 + 0x1234]", "lea eax, [rcx + rdx - 1]",
        "lea ax, [rcx + 5]", "lea rdi, fs:[rbx + 8]", "movzx eax, cl", "movzx rax, word ptr [rbx]",
        "movzx ecx, ah", "movsx rax, cl", "movsx eax, word ptr [rbx + 6]", "movsxd rax, ecx",
        "movsxd rdx, dword ptr [rbx + rsi*4]",
        "add rax, rcx", "sub eax, ecx", "and ax, cx", "or al, dh", "xor rax, rax", "cmp rcx, rdx", "test eax, edx",
        "add rax, -5", "sub ecx, 0x7fffffff", "and eax, 0xff00", "or r8, 1", "xor dl, 0x80", "cmp eax, 0",
        "test cl, 1", "cmp ax, -1", "add rax, [rbx + 8]", "sub ecx, [rbx]", "cmp al, [rbx + 1]", "test [rbx], rdx",
        "add [rbx + rsi*8], rax", "sub [rbx], ecx", "xor [rbx + 4], dl", "cmp [rbx], rcx", "and [rbx], ax",
        "add qword ptr [rbx], 7", "sub dword ptr [rbx + 4], -1", "cmp byte ptr [rbx + 2], 0x80",
        "test dword ptr [rbx], 0x100", "or word ptr [rbx], 0x8000",
        "inc rax", "dec ecx", "inc ah", "dec dx", "inc qword ptr [rbx]",
        "dec byte ptr [rbx + rsi]", "inc dword ptr fs:[rbx]",
        "push rcx", "push r15", "push rsp", "push -2", "push 0x12345", "pop rdx", "pop rsp", "pop r12",
        "jz .+0x40", "jl .-0x100", "ja .+0x10", "jp .+0x10", "jo .+0x10", "jmp .+0x200", "call .+0x1000", "ret",
        "jmp rax", "call rcx", "jmp qword ptr [rbx + rsi*8]", "call qword ptr [rbx + 8]",
    };

    /** Forms that stay generic (locked, string, 32-bit addresses, RET n, 16-bit pushes, partial flags readers). */
    private static final String[] GENERIC = {
        "lock add [rbx], rax", "rep movsb", "mov eax, [ebx]", "ret 8", "push cx", "adc rax, rcx", "lock inc qword ptr [rbx]",
        "shl rax, 3", "pop qword ptr [rbx]", "cmovz rax, rcx", "syscall",
    };

    @Test
    void ownStepsMatchTheSemantics() throws Exception {
        byte[][] code = Asm.assemble(dir, OWN);
        Random rnd = new Random(7);
        int compared = 0;
        for (int k = 0; k < OWN.length; k++) {
            Insn insn = decode(code[k]);
            Step step = Steps.own(insn);
            assertNotNull(step, OWN[k] + " should have its own step");
            boolean control = insn.op.endsBlock;
            for (int n = 0; n < 120; n++) {
                long seed = rnd.nextLong();
                try (Guest a = guest(code[k], seed); Guest b = guest(code[k], seed)) {
                    a.cpu.rip = insn.next();
                    Semantics.of(insn.op).run(a.cpu, insn);
                    b.cpu.rip = control ? 0 : insn.next();
                    step.run(b.cpu);
                    String what = OWN[k] + " from seed " + seed;
                    assertArrayEquals(a.cpu.r, b.cpu.r, what + ": registers");
                    assertEquals(Flags.get(a.cpu), Flags.get(b.cpu), what + ": flags");
                    assertEquals(a.cpu.rip, b.cpu.rip, what + ": rip");
                    assertArrayEquals(a.mem.readBytes(Guest.DATA, 0x1000), b.mem.readBytes(Guest.DATA, 0x1000),
                            what + ": memory");
                    compared++;
                }
            }
        }
        assertTrue(compared == OWN.length * 120);
    }

    @Test
    void otherFormsStayGeneric() throws Exception {
        byte[][] code = Asm.assemble(dir, GENERIC);
        for (int k = 0; k < GENERIC.length; k++) assertNull(Steps.own(decode(code[k])), GENERIC[k]);
    }

    @Test
    void aBlockEndingWithoutABranchLeavesRipAtItsEnd() throws Exception {
        // 70 additions fill a block (CodeCache's limit is 64) with no control transfer: its last step must set RIP
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 70; k++) s.append("add rax, 1\n");
        byte[] code = Asm.assemble(dir, s.toString())[0];
        try (Guest g = new Guest(code)) {
            Block b = new CodeCache(g.mem, PageInfo.ALL).lookup(Guest.CODE);
            Exec[] execs = new Exec[b.insns.length];
            for (int k = 0; k < execs.length; k++) execs[k] = Semantics.of(b.insns[k].op);
            g.cpu.rip = 0;
            Steps.of(b.insns, execs)[0].run(g.cpu);   // the first step runs the rest
            assertEquals(b.end, g.cpu.rip);
            assertEquals(b.insns.length, g.cpu.r[Cpu.RAX]);
            assertNull(g.run(), "the run goes on from there to the INT3");
            assertEquals(70, g.cpu.r[Cpu.RAX]);
        }
    }

    @Test
    void aFaultInsideABlockNamesItsInstruction() throws Exception {
        byte[] code = Asm.assemble(dir, "mov rax, 1\nmov rcx, [rbx + 8]\nmov rdx, 3")[0];
        try (Guest g = new Guest(code)) {
            g.cpu.r[Cpu.RBX] = 0x100;   // below the window
            GuestFault f = g.run();
            assertNotNull(f);
            assertEquals(GuestFault.SIGSEGV, f.signal);
            assertEquals(Guest.CODE + 7, g.cpu.rip, "RIP at the faulting load (after the 7-byte mov rax, 1)");
            assertEquals(1, g.cpu.r[Cpu.RAX]);
            assertEquals(0, g.cpu.r[Cpu.RCX]);
            assertEquals(0, g.cpu.r[Cpu.RDX]);
        }
    }

    @Test
    void aFaultAnywhereInAChainNamesItsInstruction() throws Exception {
        // the faulting load first, third and last-but-one of a block: each fault reaches the block through the
        // steps before it and still names its own instruction, with the registers as before it
        String[] code = {"mov rcx, [rbx]\nmov rax, 1\nmov rdx, 3",
            "mov rax, 1\nadd rax, 2\nmov rcx, [rbx]\nmov rdx, 3",
            "mov rax, 1\nadd rax, 2\nmov rdx, 3\npush rax\nmov [rbx + rax*8], rdx\nmov rsi, 4"};
        long[] at = {0, 11, 19};   // offsets of the faulting instructions
        long[] rax = {0, 3, 3};
        long[] rsp = {Guest.DATA + 0x800, Guest.DATA + 0x800, Guest.DATA + 0x7f8};
        byte[][] bin = Asm.assemble(dir, code);
        for (int k = 0; k < code.length; k++) {
            try (Guest g = new Guest(bin[k])) {
                g.cpu.r[Cpu.RBX] = -0x1000L;
                g.cpu.r[Cpu.RSP] = Guest.DATA + 0x800;
                GuestFault f = g.run();
                assertNotNull(f, code[k]);
                assertEquals(GuestFault.SIGSEGV, f.signal, code[k]);
                assertEquals(Guest.CODE + at[k], g.cpu.rip, code[k]);
                assertEquals(rax[k], g.cpu.r[Cpu.RAX], code[k]);
                assertEquals(rsp[k], g.cpu.r[Cpu.RSP], code[k]);
                assertEquals(0, g.cpu.r[Cpu.RSI], code[k]);
            }
        }
    }

    private static Insn decode(byte[] code) {
        try (Guest g = new Guest(code)) {
            return new Decoder().decode(g.mem, Guest.CODE);
        }
    }

    /** A guest with the code, random registers (RBX, RSI, RSP pointing into data), flags and data. */
    private static Guest guest(byte[] code, long seed) {
        Guest g = new Guest(code);
        Random r = new Random(seed);
        for (int k = 0; k < 16; k++) {
            g.cpu.r[k] = r.nextBoolean() ? Inputs.EDGES[r.nextInt(Inputs.EDGES.length)] : r.nextLong();
        }
        g.cpu.r[Cpu.RBX] = Guest.DATA + 0x100 + r.nextInt(0x100);
        g.cpu.r[Cpu.RSI] = r.nextInt(16);
        g.cpu.r[Cpu.RSP] = Guest.DATA + 0x800 + 8 * r.nextInt(16);
        g.cpu.fsBase = 0x400;
        g.cpu.flags = Flags.FIXED | (r.nextLong() & 0x8d5);
        byte[] data = new byte[0x1000];
        r.nextBytes(data);
        g.mem.writeBytes(Guest.DATA, data, 0, data.length);
        return g;
    }
}
