package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.Inputs;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instructions followed by a CMP that overwrites all their flags: the translator emits them without flag work
 * (shifts by CL, rotates, bit scans, ADC/SBB into a register), and MUL/DIV of 32 and 64 bits with their fast
 * and exact paths. Run with -Dring3.tier=jit this checks those emitters against the host; in the interpreter it
 * is one more check of the semantics.
 */
class FlagsDeadDiffTest {
    @TempDir Path dir;

    @Test
    void flagFreeForms() throws Exception {
        List<State> states = new ArrayList<>();
        for (State s : Inputs.pairs("rax", "rbx", 60, 11)) {
            State t = s.copy();
            t.set("rcx", s.get("rbx") * 0x9E3779B97F4A7C15L >>> 58);   // counts 0..63
            t.set("rdx", s.get("rax") >>> 40);                            // small high halves for division
            states.add(t);
            states.add(t.copy().flags(1));
        }
        DiffBatch b = new DiffBatch(dir);
        String cmp = "\ncmp rsi, rdi";
        for (String op : new String[] {"shl", "shr", "sar", "rol", "ror"}) {
            for (String r : new String[] {"rax", "eax", "ax", "al"}) b.add(op + " " + r + ", cl" + cmp, states, STATUS);
            b.add(op + " rax, 13" + cmp, states, STATUS);
            b.add(op + " eax, 7" + cmp, states, STATUS);
            b.add(op + " qword ptr [rsp-16], cl" + cmp, states, STATUS);
        }
        for (String op : new String[] {"bsf", "bsr", "tzcnt", "lzcnt", "popcnt"}) {
            b.add(op + " rax, rbx" + cmp, states, STATUS);
            b.add(op + " eax, ebx" + cmp, states, STATUS);
        }
        for (String op : new String[] {"adc", "sbb"}) {
            b.add("cmp rbx, rax\n" + op + " rax, rbx" + cmp, states, STATUS);
            b.add("cmp rbx, rax\n" + op + " eax, eax" + cmp, states, STATUS);
            b.add(op + " eax, 5" + cmp, states, STATUS);
        }
        b.add("bswap rax\nbswap ebx" + cmp, states, STATUS);
        for (String op : new String[] {"mul", "imul"}) {
            b.add(op + " rbx", states, STATUS & ~(SF | ZF | AF | PF));
            b.add(op + " ebx", states, STATUS & ~(SF | ZF | AF | PF));
        }
        // division: keep the dividend's high half below the divisor so nothing faults natively
        List<State> unsigned = new ArrayList<>(), signed = new ArrayList<>();
        for (State s : states) {
            State t = s.copy();
            long d = s.get("rbx") | 1;
            t.set("rbx", d);
            t.set("rdx", Long.remainderUnsigned(s.get("rdx"), d));
            unsigned.add(t);
            State u = t.copy();                                   // signed: RDX the sign extension of RAX
            u.set("rdx", u.get("rax") >> 63);
            if (!(u.get("rax") == Long.MIN_VALUE && d == -1)) signed.add(u);
        }
        b.add("div rbx", unsigned, 0);
        b.add("idiv rbx", signed, 0);
        b.add("mov edx, 0\ndiv ebx", unsigned, 0);
        b.add("cdq\nidiv ebx", signed.stream().filter(x -> (int) x.get("rbx") != -1).toList(), 0);
        b.verify();
    }
}
