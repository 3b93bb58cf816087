package dev.ring3.jit.x87;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one x87 instruction on (x = ST(0), y = ST(1)) under a control word, natively and under ring3's interpreter,
 * and hands back both outcomes: ST(0) and ST(1) after it and the status word. For instructions whose results the
 * SDM only bounds (the transcendentals), where {@code DiffBatch}'s exact comparison does not apply, the caller
 * compares with a tolerance in ulps.
 */
final class HostX87 {
    /** One case: instruction text (Intel syntax), control word, x and y as {significand, sign+exponent}. */
    record Case(String insn, int cw, long xm, int xse, long ym, int yse) {}

    /** What came out: ST(0), ST(1) and the status word. */
    record Outcome(long r1m, int r1se, long r2m, int r2se, int sw) {}

    private static final long CODE = 0x3000_0000L, DATA = 0x2000_0000L;

    private HostX87() {}

    /** The outcomes of every case, natively (element 0) and under ring3 (element 1). */
    static List<Outcome[]> run(Path dir, List<String> insns, List<Case> cases) throws IOException, InterruptedException {
        List<Outcome> nat = runNative(dir, insns, cases);
        List<Outcome> emu = runRing3(dir, insns, cases);
        List<Outcome[]> out = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) out.add(new Outcome[] {nat.get(k), emu.get(k)});
        return out;
    }

    private static List<Outcome> runNative(Path dir, List<String> insns, List<Case> cases) throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder("""
                #include <stdio.h>
                #include <stdint.h>
                #include <string.h>
                typedef struct { uint64_t m; uint16_t se; } __attribute__((packed)) f80;
                struct in { uint32_t op; uint16_t cw; f80 x, y; } __attribute__((packed));
                struct out { f80 r1, r2; uint16_t sw; } __attribute__((packed));
                int main(int argc, char **argv) {
                    FILE *f = fopen(argv[1], "rb");
                    struct in i;
                    struct out o;
                    if (!f) return 2;
                    while (fread(&i, sizeof i, 1, f) == 1) {
                        memset(&o, 0, sizeof o);
                        switch (i.op) {
                """);
        for (int k = 0; k < insns.size(); k++) {
            c.append("case ").append(k).append(": __asm__ volatile(\"fninit\\n fldcw %[cw]\\n fldt %[y]\\n fldt %[x]\\n ")
                    .append(insns.get(k)).append("\\n fnstsw %[sw]\\n fstpt %[r1]\\n fstpt %[r2]\\n fninit\" : ")
                    .append("[r1] \"=m\"(o.r1), [r2] \"=m\"(o.r2), [sw] \"=m\"(o.sw) : [cw] \"m\"(i.cw), [x] \"m\"(i.x), [y] \"m\"(i.y)); break;\n");
        }
        c.append("        }\n        fwrite(&o, sizeof o, 1, stdout);\n    }\n    return 0;\n}\n");
        Path src = dir.resolve("trans.c"), exe = dir.resolve("trans");
        Files.writeString(src, c);
        exec("gcc", "-O1", "-masm=att", "-o", exe.toString(), src.toString());
        Path input = dir.resolve("trans.in");
        ByteBuffer b = ByteBuffer.allocate(cases.size() * 26).order(ByteOrder.LITTLE_ENDIAN);
        for (Case k : cases) {
            b.putInt(insns.indexOf(k.insn)).putShort((short) k.cw).putLong(k.xm).putShort((short) k.xse).putLong(k.ym)
                    .putShort((short) k.yse);
        }
        Files.write(input, b.array());
        Process p = new ProcessBuilder(exe.toString(), input.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] res = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0 || res.length != cases.size() * 22) fail("native transcendental runner failed");
        ByteBuffer r = ByteBuffer.wrap(res).order(ByteOrder.LITTLE_ENDIAN);
        List<Outcome> out = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            out.add(new Outcome(r.getLong(), r.getShort() & 0xFFFF, r.getLong(), r.getShort() & 0xFFFF, r.getShort() & 0xFFFF));
        }
        return out;
    }

    private static List<Outcome> runRing3(Path dir, List<String> insns, List<Case> cases) throws IOException, InterruptedException {
        // one code fragment per instruction, in the same shape as the native one; operands at DATA
        StringBuilder s = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (int k = 0; k < insns.size(); k++) {
            s.append("s_").append(k).append(":\nfninit\nfldcw [0x20000000]\nfld tbyte ptr [0x20000010]\n")
                    .append("fld tbyte ptr [0x20000020]\n").append(insns.get(k)).append('\n')
                    .append("fnstsw [0x20000030]\nfstp tbyte ptr [0x20000040]\nfstp tbyte ptr [0x20000050]\nint3\n");
        }
        Path src = dir.resolve("ring3.s"), obj = dir.resolve("ring3.o"), bin = dir.resolve("ring3.bin");
        Files.writeString(src, s);
        exec("as", "-o", obj.toString(), src.toString());
        exec("objcopy", "-O", "binary", "--only-section=.text", obj.toString(), bin.toString());
        byte[] text = Files.readAllBytes(bin);
        long[] starts = new long[insns.size()];
        for (String line : exec("nm", obj.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].startsWith("s_")) starts[Integer.parseInt(f[2].substring(2))] = Long.parseLong(f[0], 16);
        }
        GuestMemory mem = GuestMemory.reserve(0x4000_0000L);
        List<Outcome> out = new ArrayList<>();
        try {
            mem.writeBytes(CODE, text, 0, text.length);
            CodeCache cache = new CodeCache(mem, PageInfo.ALL);
            Interpreter interp = new Interpreter(cache);
            for (Case k : cases) {
                mem.write16(DATA, k.cw);
                mem.write64(DATA + 0x10, k.ym);
                mem.write16(DATA + 0x18, k.yse);
                mem.write64(DATA + 0x20, k.xm);
                mem.write16(DATA + 0x28, k.xse);
                Cpu c = new Cpu(mem, cpu -> {
                    throw new IllegalStateException("syscall");
                });
                c.r[Cpu.RSP] = DATA + 0x1000;
                c.rip = CODE + starts[insns.indexOf(k.insn)];
                try {
                    interp.run(c);
                } catch (GuestFault f) {
                    if (f.signal != GuestFault.SIGTRAP) throw f;
                }
                out.add(new Outcome(mem.read64(DATA + 0x40), mem.read16(DATA + 0x48), mem.read64(DATA + 0x50),
                        mem.read16(DATA + 0x58), mem.read16(DATA + 0x30)));
            }
        } finally {
            mem.release();
        }
        return out;
    }

    /**
     * Distance in units in the last place between two 80-bit values of the same sign (normal or denormal), or
     * {@code Long.MAX_VALUE} if they are not comparable that way.
     */
    static long ulps(long am, int ase, long bm, int bse) {
        if (am == bm && ase == bse) return 0;
        if (((ase ^ bse) & 0x8000) != 0 || (ase & 0x7FFF) == 0x7FFF || (bse & 0x7FFF) == 0x7FFF) return Long.MAX_VALUE;
        int ea = ase & 0x7FFF, eb = bse & 0x7FFF;
        // the index of a value: its fraction within its binade, binades 2^63 apart; denormals below exponent 1's
        long fa = ea == 0 ? am : am & Long.MAX_VALUE, fb = eb == 0 ? bm : bm & Long.MAX_VALUE;
        if (ea == eb) return Math.abs(fa - fb);
        if (Math.abs(ea - eb) != 1) return Long.MAX_VALUE;
        long hi = ea > eb ? fa : fb, lo = ea > eb ? fb : fa;
        long d = (Long.MAX_VALUE - lo) + hi + 1;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) fail(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }
}
