package dev.ring3.jit;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.translate.Compiled;
import dev.ring3.jit.translate.Region;
import dev.ring3.jit.translate.Translator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Co-simulation of the two tiers: every block runs interpreted and translated from the same state, and the full
 * architectural state after each (registers, RIP, RFLAGS, FS/GS base, XMM, MXCSR, x87, the memory the block stored
 * to, and any fault) must be identical. The interpreter goes first on a copy of the CPU with its stores journaled;
 * its stores are undone, then the translated block runs on the real CPU, and the two end states are compared.
 *
 * <p>Each block is translated alone (a one-block region, no chaining, no side-exit budget), so a divergence names
 * one block. Blocks that cannot run twice with the same outcome run once, interpreted: those ending in SYSCALL (the
 * kernel has effects outside guest memory) and those reading the time stamp counter. Single-threaded guests only:
 * another thread's stores between the two runs would look like divergences.
 *
 * <p>One difference is allowed: when both tiers fault at the same instruction, the status flags are not compared.
 * Translated code computes a flag only if a later instruction reads it (lazy flags with liveness), so at a fault
 * the status flags of an earlier instruction whose flags were dead may be missing. The guest cannot tell unless a
 * signal handler inspects {@code uc_mcontext.eflags}: resuming at the faulting instruction runs the same code,
 * which never reads those flags.
 *
 * <p>Used by {@code ring3 --jit=cosim} and by the tier fuzz test.
 */
public final class CoSim {
    /** One difference between the tiers after a block. */
    public record Divergence(long block, String what, String disassembly) {
        @Override
        public String toString() {
            return String.format("block 0x%x: %s%n%s", block, what, disassembly);
        }
    }

    private final CodeCache cache;
    private final SyscallLinker linker;
    private final Map<Block, Region> translated = new HashMap<>();
    /** Blocks compared, and blocks run only once (see the class comment). */
    public long compared, single;
    /** Blocks whose translation failed (compared against nothing: interpreted once). */
    public long untranslatable;
    public final List<Divergence> divergences = new ArrayList<>();
    /** Translate with every slow path inline (as after too many side exits) instead of with side exits. */
    public boolean conservative;
    /** After this many divergences the run stops comparing (and just interprets). */
    public int maxDivergences = 10;

    public CoSim(CodeCache cache, SyscallLinker linker) {
        this.cache = cache;
        this.linker = linker;
    }

    /** Runs the guest until an exception ends it (the kernel's exit or a fault), like {@link Engine#run}. */
    public void run(Cpu c) {
        java.util.concurrent.locks.ReentrantLock lock = c.mem.cosimLock;
        lock.lock();
        try {
            for (int n = 1; ; n++) {
                if (c.interrupted) c.gate.interrupted(c);
                step(c);
                if ((n & 255) == 0 && lock.hasQueuedThreads()) {   // the other threads' turn (a fair lock)
                    lock.unlock();
                    lock.lock();
                }
            }
        } finally {
            if (lock.isHeldByCurrentThread()) lock.unlock();
        }
    }

    /** Runs the block at {@code c.rip} both ways and compares; afterwards {@code c} holds the translated result. */
    public void step(Cpu c) {
        Block b = cache.lookup(c.rip);
        if (!b.unchanged(c.mem)) b = cache.lookup(b.start);
        if (divergences.size() >= maxDivergences || !twice(b)) {
            single++;
            b.interpret(c);
            return;
        }
        Region r = translated.computeIfAbsent(b, this::translate);
        if (r == null) {
            untranslatable++;
            b.interpret(c);
            return;
        }
        compared++;
        // the interpreter, on a copy, journaled
        Cpu s = c.copy();
        s.thread = c.thread;
        Journal j = new Journal();
        GuestFault fs = null;
        c.mem.journal = j;
        try {
            b.interpret(s);
        } catch (GuestFault f) {
            fs = f;
        } finally {
            c.mem.journal = null;
        }
        if (j.overflowed()) {   // cannot be undone: keep the interpreter's result
            c.copyFrom(s);
            if (fs != null) throw fs;
            return;
        }
        List<byte[]> stored = j.current(c.mem);
        j.undo(c.mem);
        // the translation, on the real CPU
        GuestFault fj = null;
        try {
            int exit = r.code.run(c, 0);
            if (exit < 0) {
                cache.lookup(c.rip).interpret(c);   // a side exit: the rest of the block, interpreted
            } else if ((fs != null || c.rip != s.rip) && boundaryInside(b, c.rip)) {
                // the translation stopped early (after an instruction that may change MXCSR, say): the rest
                cache.lookup(c.rip).interpret(c);
            }
        } catch (GuestFault f) {
            fj = f;
        }
        List<String> diffs = new ArrayList<>();
        if ((fs == null) != (fj == null)) {
            diffs.add("fault: interpreter " + fault(fs) + ", translated " + fault(fj));
        } else if (fs != null && (fs.signal != fj.signal || fs.rip != fj.rip || fs.address != fj.address)) {
            diffs.add("fault: interpreter " + fault(fs) + ", translated " + fault(fj));
        }
        compareState(s, c, fs != null, diffs);
        for (int k = 0; k < stored.size(); k++) {
            byte[] want = stored.get(k);
            byte[] got = c.mem.readBytes(j.address(k), want.length);
            if (!java.util.Arrays.equals(want, got)) {
                diffs.add(String.format("memory at 0x%x: interpreter %s, translated %s", j.address(k), hex(want), hex(got)));
            }
        }
        if (!diffs.isEmpty()) {
            divergences.add(new Divergence(b.start, String.join("; ", diffs), disassemble(b)));
            c.copyFrom(s);   // carry on from the reference tier's state
            for (int k = 0; k < stored.size(); k++) c.mem.writeBytes(j.address(k), stored.get(k), 0, stored.get(k).length);
            if (fs != null) throw fs;
            return;
        }
        if (fj != null) throw fj;
    }

    private Region translate(Block b) {
        try {
            Region r = Region.isolated(b);
            Translator.translate(r, linker, conservative);
            return r;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static boolean boundaryInside(Block b, long rip) {
        for (int k = 1; k < b.insns.length; k++) if (b.insns[k].addr == rip) return true;
        return false;
    }

    /** True if running the block twice from the same state must give the same result. */
    static boolean twice(Block b) {
        for (Insn i : b.insns) {
            Op op = i.op;
            if (op == Op.SYSCALL || op == Op.RDTSC || op == Op.RDTSCP || op == Op.INT || op == Op.HLT
                    || op == Op.IN || op == Op.OUT || op == Op.INS || op == Op.OUTS) return false;
        }
        return true;
    }

    private static void compareState(Cpu a, Cpu b, boolean faulted, List<String> diffs) {
        for (int k = 0; k < 16; k++) {
            if (a.r[k] != b.r[k]) diffs.add(String.format("r%d: interpreter 0x%x, translated 0x%x", k, a.r[k], b.r[k]));
        }
        if (!faulted && a.rip != b.rip) diffs.add(String.format("rip: interpreter 0x%x, translated 0x%x", a.rip, b.rip));
        long fa = Flags.get(a), fb = Flags.get(b);
        if (faulted) {   // dead status flags are not kept exact at a fault in translated code (class comment)
            fa &= ~(long) dev.ring3.decoder.FlagBits.STATUS;
            fb &= ~(long) dev.ring3.decoder.FlagBits.STATUS;
        }
        if (fa != fb) {
            diffs.add(String.format("rflags: interpreter 0x%x (%s), translated 0x%x (%s)", fa, lazy(a), fb, lazy(b)));
        }
        if (a.fsBase != b.fsBase || a.gsBase != b.gsBase) diffs.add("fs/gs base differ");
        for (int k = 0; k < 32; k++) {
            if (a.xmm[k] != b.xmm[k]) {
                diffs.add(String.format("xmm%d: interpreter %016x%016x, translated %016x%016x", k / 2,
                        a.xmm[k | 1], a.xmm[k & ~1], b.xmm[k | 1], b.xmm[k & ~1]));
                k |= 1;
            }
        }
        if (a.mxcsr != b.mxcsr) diffs.add(String.format("mxcsr: interpreter 0x%x, translated 0x%x", a.mxcsr, b.mxcsr));
        if (!a.fpu.sameAs(b.fpu)) diffs.add("x87 state: interpreter " + a.fpu + ", translated " + b.fpu);
    }

    private static String lazy(Cpu c) {
        return String.format("op %d dst %x src1 %x src2 %x flags %x", c.ccOp, c.ccDst, c.ccSrc1, c.ccSrc2, c.flags);
    }

    private static String fault(GuestFault f) {
        return f == null ? "none" : String.format("signal %d at 0x%x (address 0x%x)", f.signal, f.rip, f.address);
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(b.length, 32); k++) sb.append(String.format("%02x", b[k]));
        return b.length > 32 ? sb + "..." : sb.toString();
    }

    static String disassemble(Block b) {
        StringBuilder sb = new StringBuilder();
        for (Insn i : b.insns) sb.append(String.format("  %x: %s%n", i.addr, i));
        return sb.toString();
    }

    /** A report for the end of a run: counts, then each divergence. */
    public String report() {
        StringBuilder sb = new StringBuilder(String.format(
                "cosim: %d blocks compared, %d run once (syscall/TSC), %d untranslatable, %d divergences%n",
                compared, single, untranslatable, divergences.size()));
        for (Divergence d : divergences) sb.append(d).append('\n');
        return sb.toString();
    }
}
