package dev.ring3.jit.ops;

import static dev.ring3.jit.testing.DiffBatch.*;

import dev.ring3.jit.testing.DiffBatch;
import dev.ring3.jit.testing.Inputs;
import dev.ring3.jit.testing.State;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD OR ADC SBB AND SUB XOR CMP TEST INC DEC NEG NOT at every size, against the host CPU. */
class AluDiffTest {
    @TempDir Path dir;

    @Test
    void aluAgainstHost() throws Exception {
        DiffBatch b = new DiffBatch(dir);
        List<State> pairs = Inputs.pairsWithFlags("rax", "rbx", 40, 1);
        for (String op : new String[] {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"}) {
            long mask = op.equals("and") || op.equals("or") || op.equals("xor") || op.equals("test") ? STATUS & ~AF : STATUS;
            b.add(op + " rax, rbx", pairs, mask);
            b.add(op + " eax, ebx", pairs, mask);
            b.add(op + " ax, bx", pairs, mask);
            b.add(op + " al, bl", pairs, mask);
            b.add(op + " ah, bl", pairs, mask);
            b.add(op + " rax, -5", pairs, mask);
            b.add(op + " eax, 0x12345678", pairs, mask);
            b.add("mov [rsp-16], rbx\n" + op + " qword ptr [rsp-16], rax\nmov rbx, [rsp-16]", pairs, mask);
            b.add("mov [rsp-16], rbx\n" + op + " rax, qword ptr [rsp-16]", pairs, mask);
        }
        List<State> singles = Inputs.singles("rax", 40, 2);
        List<State> withFlags = new java.util.ArrayList<>(singles);
        for (State s : singles) withFlags.add(s.copy().flags(0x8d5));
        for (String op : new String[] {"inc", "dec", "neg", "not"}) {
            for (String reg : new String[] {"rax", "eax", "ax", "al", "ah"}) b.add(op + " " + reg, withFlags, STATUS);
        }
        b.add("lock add qword ptr [rsp-16], rax\nmov rbx, [rsp-16]", pairs, STATUS);
        b.verify();
    }
}
