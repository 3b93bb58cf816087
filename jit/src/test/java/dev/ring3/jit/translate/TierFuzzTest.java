package dev.ring3.jit.translate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.decoder.CodeSource;
import dev.ring3.decoder.Decoder;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.CoSim;
import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.PageInfo;
import dev.ring3.jit.SyscallLinker;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random instruction sequences run under {@link CoSim}: interpreter and translator must end every block in the
 * same state. Instructions are random bytes kept when they decode to something ring3 implements (so every map,
 * prefix and operand form the decoder knows is drawn), with forward and backward conditional branches between
 * them, from random register, flag, XMM and MXCSR states in which most registers point into a scratch area.
 *
 * <p>Cases: {@code -Dring3.fuzz.cases=N} (default 5000, a few seconds; the slow profile adds a run of 300000),
 * first seed {@code -Dring3.fuzz.seed=S}. A failure prints the case's seed and the diverging block; rerun it with
 * {@code -Dring3.fuzz.cases=1 -Dring3.fuzz.seed=S}.
 *
 * <p>Bugs this found on its first runs: MOVNTI with a 66/F3/F2 prefix decoded (hardware: #UD); DIV/IDIV declared as
 * writing the flags they leave unchanged (the flags of an earlier instruction were dropped as dead); fallback
 * instructions that read flags through a condition (FCMOVcc) or may keep them (REP CMPS with RCX = 0) ran with
 * stale flags. Later (seed 77): a 16-byte store straddling an end of the guest window wrote one half before the
 * other faulted (see FaultingStoreTest).
 */
class TierFuzzTest {
    static final long CODE = 0x40_0000, SCRATCH = 0x50_0000, SCRATCH_SIZE = 0x1_0000;
    static final int MAX_STEPS = 200;
    /** Ops a random sequence may not contain: control flow (added separately), the kernel, nondeterminism. */
    static final EnumSet<Op> EXCLUDED = EnumSet.of(Op.JMP, Op.JMP_IND, Op.JCC, Op.CALL, Op.CALL_IND, Op.RET, Op.JRCXZ,
            Op.LOOP, Op.LOOPE, Op.LOOPNE, Op.SYSCALL, Op.INT3, Op.INT, Op.INT1, Op.HLT, Op.UD, Op.IN, Op.OUT, Op.INS,
            Op.OUTS, Op.RDTSC, Op.RDTSCP, Op.UNSUPPORTED, Op.INVALID);

    static GuestMemory mem;

    @BeforeAll
    static void reserve() { mem = GuestMemory.reserve(1L << 32); }

    @AfterAll
    static void release() { mem.release(); }

    @Test
    void tiersAgreeOnRandomSequences() { fuzz(Integer.getInteger("ring3.fuzz.cases", 5000)); }

    /** The long run (mvn -Pslow): a few minutes. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void tiersAgreeOnManyRandomSequences() { fuzz(Integer.getInteger("ring3.fuzz.cases", 300_000)); }

    private void fuzz(int cases) {
        long seed = Long.getLong("ring3.fuzz.seed", 0x5EED_2026L + (cases > 100_000 ? 1L << 32 : 0));
        long compared = 0, faults = 0, insns = 0;
        Map<Op, Integer> seen = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < cases && failures.size() < 5; n++) {
            long caseSeed = seed + n;
            SplittableRandom rnd = new SplittableRandom(caseSeed);
            List<Insn> program = generate(rnd, 8 + rnd.nextInt(40));
            for (Insn i : program) seen.merge(i.op, 1, Integer::sum);
            insns += program.size();
            Cpu cpu = initialState(rnd);
            CoSim sim = new CoSim(new CodeCache(mem, PageInfo.ALL), SyscallLinker.NONE);
            sim.conservative = (n & 1) != 0;
            try {
                for (int s = 0; s < MAX_STEPS; s++) sim.step(cpu);
            } catch (GuestFault f) {
                if (f.signal != GuestFault.SIGTRAP) faults++;
            }
            compared += sim.compared;
            if (!sim.divergences.isEmpty()) failures.add("seed " + caseSeed + ":\n" + sim.report());
        }
        System.out.printf("tier fuzz: %d cases, %d instructions (%d distinct operations), %d blocks compared, "
                + "%d cases ended in a fault%n", cases, insns, seen.size(), compared, faults);
        if (!failures.isEmpty()) fail(failures.size() + " cases diverged:\n" + String.join("\n", failures));
        assertTrue(compared > cases, "too few blocks compared: " + compared);
        assertTrue(seen.size() > 250, "too few distinct operations drawn: " + seen.size());
    }

    /** Writes a random program at {@link #CODE} (ending in INT3) and returns its decoded instructions. */
    static List<Insn> generate(SplittableRandom rnd, int count) {
        Decoder dec = new Decoder();
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        List<Insn> out = new ArrayList<>();
        TreeMap<Integer, Integer> boundaries = new TreeMap<>();   // offset -> instruction index
        List<int[]> pending = new ArrayList<>();                   // {offset of rel8, instructions left}
        while (out.size() < count) {
            int at = code.size();
            boundaries.put(at, out.size());
            int r = rnd.nextInt(100);
            if (r < 10) {   // forward conditional branch over the next 1-4 instructions
                code.write(0x70 + rnd.nextInt(16));
                code.write(0);
                pending.add(new int[] {at + 1, 1 + rnd.nextInt(4)});
            } else if (r < 13 && at > 0) {   // backward branch (a loop; the step bound ends it)
                Integer target = boundaries.ceilingKey(Math.max(0, at - 100));
                int op = rnd.nextInt(4) == 0 ? 0xE2 : 0x70 + rnd.nextInt(16);   // LOOP or Jcc
                code.write(op);
                code.write(target - (at + 2));
            } else {
                byte[] b = randomInstruction(rnd, dec, CODE + at);
                if (b == null) continue;
                code.write(b, 0, b.length);
            }
            byte[] so = code.toByteArray();
            out.add(dec.decode(source(so, CODE), CODE + at));
            for (int k = pending.size() - 1; k >= 0; k--) {
                int[] p = pending.get(k);
                if (p[0] == at + 1) continue;
                if (--p[1] == 0) {
                    byte[] all = code.toByteArray();
                    all[p[0]] = (byte) (all.length - (p[0] + 1));
                    code.reset();
                    code.write(all, 0, all.length);
                    pending.remove(k);
                }
            }
        }
        byte[] all = code.toByteArray();
        for (int[] p : pending) all[p[0]] = (byte) (all.length - (p[0] + 1));   // to the final INT3
        mem.discard(GuestMemory.BASE, mem.limit - GuestMemory.BASE);
        mem.writeBytes(CODE, all, 0, all.length);
        mem.write8(CODE + all.length, 0xCC);
        return out;
    }

    /**
     * Random bytes that decode, at {@code addr}, to an implemented non-branching instruction whose memory operand
     * (if any) is near a register or inside the scratch area; null to draw again. A REP string instruction gets a
     * small count loaded into RCX first.
     */
    static byte[] randomInstruction(SplittableRandom rnd, Decoder dec, long addr) {
        byte[] b = new byte[20];
        int p = 0;
        if (rnd.nextInt(5) == 0) b[p++] = 0x66;
        if (rnd.nextInt(8) == 0) b[p++] = (byte) (rnd.nextBoolean() ? 0xF2 : 0xF3);
        if (rnd.nextInt(20) == 0) b[p++] = (byte) 0xF0;
        if (rnd.nextInt(3) != 0) b[p++] = (byte) (0x40 + rnd.nextInt(16));
        if (rnd.nextInt(5) < 2) b[p++] = 0x0F;
        for (int k = p; k < b.length; k++) b[k] = (byte) rnd.nextInt(256);
        Insn i;
        try {
            i = dec.decode(source(b, addr), addr);
        } catch (RuntimeException e) {
            return null;
        }
        if (i.length > 15 || EXCLUDED.contains(i.op) || i.op.endsBlock) return null;
        if (i.hasMemory() && i.op != Op.LEA) {
            if (i.ripRelative) {
                if (i.disp < SCRATCH + 256 || i.disp > SCRATCH + SCRATCH_SIZE - 256) return null;
            } else if (Math.abs(i.disp) > 0x1000 && rnd.nextInt(10) != 0) {
                return null;
            }
        }
        byte[] bytes = java.util.Arrays.copyOf(b, i.length);
        boolean string = i.op == Op.MOVS || i.op == Op.STOS || i.op == Op.LODS || i.op == Op.CMPS || i.op == Op.SCAS;
        if (string && (i.has(Prefix.REP) || i.has(Prefix.REPNE))) {
            // mov ecx, n; then the string instruction (decoded again at its new address)
            byte[] withCount = new byte[5 + bytes.length];
            withCount[0] = (byte) 0xB9;
            withCount[1] = (byte) rnd.nextInt(64);
            System.arraycopy(bytes, 0, withCount, 5, bytes.length);
            return withCount;
        }
        return bytes;
    }

    /** Registers mostly pointing into the scratch area (filled with random bytes), random flags, XMM and MXCSR. */
    static Cpu initialState(SplittableRandom rnd) {
        Cpu c = new Cpu(mem, cpu -> {
            throw new IllegalStateException("syscall");
        });
        byte[] scratch = new byte[(int) SCRATCH_SIZE];
        rnd.nextBytes(scratch);
        mem.writeBytes(SCRATCH, scratch, 0, scratch.length);
        for (int k = 0; k < 16; k++) {
            int kind = rnd.nextInt(10);
            c.r[k] = kind < 6 ? SCRATCH + rnd.nextInt((int) SCRATCH_SIZE / 2)
                    : kind < 8 ? rnd.nextInt(256) - 128
                    : kind < 9 ? dev.ring3.jit.testing.Inputs.EDGES[rnd.nextInt(dev.ring3.jit.testing.Inputs.EDGES.length)]
                    : rnd.nextLong();
        }
        c.r[Cpu.RSP] = SCRATCH + SCRATCH_SIZE / 2 + rnd.nextInt(0x1000) * 8L;
        c.flags = dev.ring3.jit.Flags.FIXED | (rnd.nextLong() & 0x8D5);
        c.ccOp = dev.ring3.jit.Flags.NONE;
        for (int k = 0; k < 32; k++) c.xmm[k] = randomLane(rnd);
        c.mxcsr = rnd.nextInt(4) == 0 ? 0x1F80 | (rnd.nextInt(4) << 13) | (rnd.nextBoolean() ? 0x8040 : 0) : 0x1F80;
        c.rip = CODE;
        return c;
    }

    /** Two doubles or other bit patterns: ordinary values, specials, integers. */
    static long randomLane(SplittableRandom rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> Double.doubleToRawLongBits(rnd.nextDouble(-1e6, 1e6));
            case 1 -> (long) Float.floatToRawIntBits((float) rnd.nextDouble(-1e3, 1e3)) << 32
                    | Float.floatToRawIntBits((float) rnd.nextDouble(-1e3, 1e3)) & 0xFFFF_FFFFL;
            case 2 -> new long[] {0, 0x8000_0000_0000_0000L, 0x7FF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L,
                0x0000_0000_0000_0001L, 0x7FF0_0000_0000_0001L, 0x3FF0_0000_0000_0000L}[rnd.nextInt(7)];
            default -> rnd.nextLong();
        };
    }

    static CodeSource source(byte[] b, long base) { return CodeSource.of(b, base); }
}
