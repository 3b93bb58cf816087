package dev.ring3.jit.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.decoder.Decoder;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Interpreter;
import dev.ring3.jit.PageInfo;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * musl's printf of doubles and long doubles (fmt_fp does its work in 80-bit arithmetic) run for real: a static
 * musl program ({@code x87/printf_x87.c}) runs natively and under ring3's interpreter at the jit level, loaded by a
 * minimal ELF loader with the handful of system calls musl's start-up and stdout need, and the outputs must be
 * identical byte for byte.
 *
 * <p>The program also needs the integer and SSE families; when one of their instructions is not implemented yet the
 * test is skipped (naming it), while a missing x87 instruction fails it.
 */
class MuslPrintfTest {
    @TempDir Path dir;

    private static final long STACK_TOP = 0x3F00_0000L, WINDOW = 0x4000_0000L;

    /** The guest called exit or exit_group. */
    private static final class Exit extends RuntimeException {
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    @Test
    void printfMatchesNative() throws Exception {
        Path src = dir.resolve("printf_x87.c"), exe = dir.resolve("printf_x87");
        try (InputStream in = MuslPrintfTest.class.getResourceAsStream("/x87/printf_x87.c")) {
            Files.write(src, in.readAllBytes());
        }
        HostX87.exec("musl-gcc", "-O2", "-static", "-no-pie", "-o", exe.toString(), src.toString(), "-lm");
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        byte[] expected = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = runRing3(Files.readAllBytes(exe), out);
        assertEquals(0, status, "exit status");
        String want = new String(expected, StandardCharsets.UTF_8), got = out.toString(StandardCharsets.UTF_8);
        if (!want.equals(got)) {
            String[] w = want.split("\n", -1), g = got.split("\n", -1);
            for (int k = 0; k < Math.min(w.length, g.length); k++) {
                if (!w[k].equals(g[k])) fail("line " + (k + 1) + " differs:\n native " + w[k] + "\n ring3  " + g[k]);
            }
            fail("output lengths differ: native " + w.length + " lines, ring3 " + g.length);
        }
    }

    /** Loads a static non-PIE ELF and runs it to its exit; returns the exit status. */
    private static int runRing3(byte[] elf, ByteArrayOutputStream stdout) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long entry = b.getLong(0x18), phoff = b.getLong(0x20);
        int phentsize = b.getShort(0x36) & 0xFFFF, phnum = b.getShort(0x38) & 0xFFFF;
        GuestMemory mem = GuestMemory.reserve(WINDOW);
        try {
            long phdrAddr = 0;
            for (int k = 0; k < phnum; k++) {
                int ph = (int) phoff + k * phentsize;
                if (b.getInt(ph) != 1) continue;   // PT_LOAD
                long off = b.getLong(ph + 8), vaddr = b.getLong(ph + 16), filesz = b.getLong(ph + 32);
                mem.writeBytes(vaddr, elf, (int) off, (int) filesz);
                if (off == 0) phdrAddr = vaddr + phoff;
            }
            Cpu c = new Cpu(mem, cpu -> syscall(cpu, stdout));
            c.r[Cpu.RSP] = initialStack(mem, phdrAddr, phentsize, phnum, entry);
            c.rip = entry;
            Interpreter interp = new Interpreter(new CodeCache(mem, PageInfo.ALL));
            try {
                interp.run(c);
            } catch (Exit e) {
                return e.status;
            } catch (GuestFault f) {
                Insn i = new Decoder().decode(mem, f.rip);
                boolean x87 = i.op.ordinal() >= Op.FLD.ordinal() && i.op.ordinal() <= Op.FNOP.ordinal()
                        || i.op == Op.FXSAVE || i.op == Op.FXRSTOR;
                if (f.signal == GuestFault.SIGILL && !x87 && String.valueOf(f.getMessage()).startsWith("unimplemented")) {
                    Assumptions.abort("needs an instruction of another family: " + i);
                }
                throw new AssertionError(String.format("signal %d at %x (%s), address %x: %s", f.signal, f.rip, i,
                        f.address, f.getMessage()), f);
            }
            throw new IllegalStateException("guest did not exit");
        } finally {
            mem.release();
        }
    }

    /** argc = 1, argv = {"printf_x87"}, no environment, and the auxiliary vector musl's start-up reads. */
    private static long initialStack(GuestMemory mem, long phdr, int phent, int phnum, long entry) {
        long strings = STACK_TOP - 256;
        byte[] name = "printf_x87\0".getBytes(StandardCharsets.US_ASCII);
        mem.writeBytes(strings, name, 0, name.length);
        long random = strings + 64;
        for (int k = 0; k < 16; k++) mem.write8(random + k, 0x5A ^ k);
        long[] words = {1, strings, 0, 0,
            3, phdr, 4, phent, 5, phnum, 6, 4096, 9, entry, 23, 0, 25, random, 0, 0};   // AT_PHDR .. AT_RANDOM, AT_NULL
        long sp = (strings - words.length * 8L) & ~15L;
        for (int k = 0; k < words.length; k++) mem.write64(sp + 8L * k, words[k]);
        return sp;
    }

    /** The system calls of musl's start-up, stdio and exit (Linux x86-64 numbers); others fail with ENOSYS. */
    private static void syscall(Cpu c, ByteArrayOutputStream stdout) {
        long nr = c.r[Cpu.RAX], a0 = c.r[Cpu.RDI], a1 = c.r[Cpu.RSI], a2 = c.r[Cpu.RDX];
        long ret = switch ((int) nr) {
            case 1 -> {                                                     // write
                stdout.write(c.mem.readBytes(a1, (int) a2), 0, (int) a2);
                yield a2;
            }
            case 20 -> {                                                    // writev
                long total = 0;
                for (int k = 0; k < (int) a2; k++) {
                    long base = c.mem.read64(a1 + 16L * k), len = c.mem.read64(a1 + 16L * k + 8);
                    if (len != 0) stdout.write(c.mem.readBytes(base, (int) len), 0, (int) len);
                    total += len;
                }
                yield total;
            }
            case 16 -> -25;                                                 // ioctl: ENOTTY, stdout is no terminal
            case 158 -> {                                                   // arch_prctl(ARCH_SET_FS)
                if (a0 != 0x1002) yield -22;
                c.fsBase = a1;
                yield 0;
            }
            case 218 -> 1;                                                  // set_tid_address
            case 14, 13 -> 0;                                               // rt_sigprocmask, rt_sigaction
            case 60, 231 -> throw new Exit((int) a0);                       // exit, exit_group
            default -> -38;                                                 // ENOSYS
        };
        c.r[Cpu.RAX] = ret;
    }
}
