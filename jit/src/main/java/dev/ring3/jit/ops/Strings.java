package dev.ring3.jit.ops;

import static dev.ring3.jit.Operands.*;

import dev.ring3.decoder.FlagBits;
import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Op;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Flags;
import dev.ring3.jit.GuestMemory;
import dev.ring3.jit.Semantics;
import java.lang.foreign.MemorySegment;

/**
 * String instructions: MOVS CMPS STOS LODS SCAS at 1, 2, 4 and 8 bytes, alone or with REP / REPE / REPNE
 * (SDM vol. 2, "REP/REPE/REPZ/REPNE/REPNZ" and the instructions' pages).
 *
 * <p>The source is [RSI] in DS, or FS/GS with an override; the destination is always [RDI] in ES (base 0). With a
 * 67 prefix the registers are ESI, EDI and ECX, and the addresses wrap at 4 GiB. DF=1 walks downwards. A REP with
 * RCX = 0 does nothing at all (flags and registers, even their upper halves, stay).
 *
 * <p>REP loops keep RSI, RDI and RCX in locals and store them back however the loop ends, so a fault in the middle
 * leaves them describing the iterations done: the instruction can be restarted, as on hardware. REP MOVS and
 * REP STOS going upwards in 64-bit addressing are bulk segment operations when the whole range is in the window
 * (glibc's memcpy and memset use REP MOVSB/STOSB since ring3 advertises ERMS); an overlapping REP MOVS reproduces
 * what element-by-element forward copying gives, a repeating pattern, with copies that double in size.
 */
public final class Strings {
    private Strings() {}

    public static void register(Semantics.Table t) {
        t.put(Op.MOVS, Strings::movs);
        t.put(Op.STOS, Strings::stos);
        t.put(Op.LODS, Strings::lods);
        t.put(Op.CMPS, Strings::cmps);
        t.put(Op.SCAS, Strings::scas);
    }

    private static boolean rep(Insn i) { return (i.prefixes & (Prefix.REP | Prefix.REPNE)) != 0; }

    private static long step(Cpu c, int size) { return (c.flags & FlagBits.DF) != 0 ? -size : size; }

    /** Base of the source segment: FS or GS with an override, else 0. */
    private static long srcBase(Cpu c, Insn i) {
        return i.seg == Prefix.SEG_FS ? c.fsBase : i.seg == Prefix.SEG_GS ? c.gsBase : 0;
    }

    private static long amask(Insn i) { return i.asize == 4 ? 0xFFFF_FFFFL : -1L; }

    // ---- MOVS -----------------------------------------------------------------------------------------------------

    private static void movs(Cpu c, Insn i) {
        int e = i.osize, as = i.asize;
        long step = step(c, e), am = amask(i), base = srcBase(c, i);
        GuestMemory mem = c.mem;
        long si = getReg(c, Cpu.RSI, as), di = getReg(c, Cpu.RDI, as);
        if (!rep(i)) {
            mem.write(di, e, mem.read(si + base, e));
            setReg(c, Cpu.RSI, as, si + step);
            setReg(c, Cpu.RDI, as, di + step);
            return;
        }
        long n = getReg(c, Cpu.RCX, as);
        if (n == 0) return;
        if (step > 0 && as == 8 && bulkMovs(mem, si + base, di, n, e)) {
            long bytes = n * e;
            c.r[Cpu.RSI] = si + bytes;
            c.r[Cpu.RDI] = di + bytes;
            c.r[Cpu.RCX] = 0;
            return;
        }
        try {
            while (n != 0) {
                mem.write(di, e, mem.read(si + base, e));
                si = (si + step) & am;
                di = (di + step) & am;
                n--;
            }
        } finally {
            setReg(c, Cpu.RSI, as, si);
            setReg(c, Cpu.RDI, as, di);
            setReg(c, Cpu.RCX, as, n);
        }
    }

    /**
     * Copies {@code n} elements of {@code e} bytes upwards as forward element-by-element copying would, if the whole
     * of both ranges is inside the window; returns false (nothing done) otherwise, or when the overlap is closer
     * than one element.
     */
    private static boolean bulkMovs(GuestMemory mem, long src, long dst, long n, int e) {
        if (Long.compareUnsigned(n, mem.limit / e) > 0) return false;
        long bytes = n * e;
        if (!mem.inWindow(src, bytes) || !mem.inWindow(dst, bytes)) return false;
        MemorySegment seg = mem.seg;
        mem.willWrite(dst, bytes);
        long dist = dst - src;
        if (Long.compareUnsigned(dist, bytes) >= 0 || dist == 0) {
            // no harmful overlap (the destination is below the source or past its end): forward copy == memmove
            MemorySegment.copy(seg, src - GuestMemory.BASE, seg, dst - GuestMemory.BASE, bytes);
            return true;
        }
        if (dist < e) return false;
        // the destination starts inside the source: the first `dist` bytes repeat over the destination
        long done = 0;
        while (done < bytes) {
            long len = Math.min(dist + done, bytes - done);
            MemorySegment.copy(seg, src - GuestMemory.BASE, seg, dst + done - GuestMemory.BASE, len);
            done += len;
        }
        return true;
    }

    // ---- STOS and LODS ----------------------------------------------------------------------------------------------

    private static void stos(Cpu c, Insn i) {
        int e = i.osize, as = i.asize;
        long step = step(c, e), am = amask(i);
        GuestMemory mem = c.mem;
        long v = getReg(c, Cpu.RAX, e);
        long di = getReg(c, Cpu.RDI, as);
        if (!rep(i)) {
            mem.write(di, e, v);
            setReg(c, Cpu.RDI, as, di + step);
            return;
        }
        long n = getReg(c, Cpu.RCX, as);
        if (n == 0) return;
        if (step > 0 && as == 8 && bulkStos(mem, di, n, e, v)) {
            c.r[Cpu.RDI] = di + n * e;
            c.r[Cpu.RCX] = 0;
            return;
        }
        try {
            while (n != 0) {
                mem.write(di, e, v);
                di = (di + step) & am;
                n--;
            }
        } finally {
            setReg(c, Cpu.RDI, as, di);
            setReg(c, Cpu.RCX, as, n);
        }
    }

    /** Fills {@code n} elements upwards if the range is inside the window; false (nothing done) otherwise. */
    private static boolean bulkStos(GuestMemory mem, long dst, long n, int e, long v) {
        if (Long.compareUnsigned(n, mem.limit / e) > 0) return false;
        long bytes = n * e;
        if (!mem.inWindow(dst, bytes)) return false;
        MemorySegment seg = mem.seg;
        mem.willWrite(dst, bytes);
        long off = dst - GuestMemory.BASE;
        if (e == 1 || v == (v & 0xff) * (0x0101_0101_0101_0101L & mask(e))) {
            seg.asSlice(off, bytes).fill((byte) v);
            return true;
        }
        mem.write(dst, e, v);
        long done = e;
        while (done < bytes) {
            long len = Math.min(done, bytes - done);
            MemorySegment.copy(seg, off, seg, off + done, len);
            done += len;
        }
        return true;
    }

    private static void lods(Cpu c, Insn i) {
        int e = i.osize, as = i.asize;
        long step = step(c, e), am = amask(i), base = srcBase(c, i);
        GuestMemory mem = c.mem;
        long si = getReg(c, Cpu.RSI, as);
        if (!rep(i)) {
            long v = mem.read(si + base, e);
            setReg(c, Cpu.RAX, e, v);
            setReg(c, Cpu.RSI, as, si + step);
            return;
        }
        long n = getReg(c, Cpu.RCX, as);
        if (n == 0) return;
        try {
            while (n != 0) {
                setReg(c, Cpu.RAX, e, mem.read(si + base, e));
                si = (si + step) & am;
                n--;
            }
        } finally {
            setReg(c, Cpu.RSI, as, si);
            setReg(c, Cpu.RCX, as, n);
        }
    }

    // ---- CMPS and SCAS ----------------------------------------------------------------------------------------------

    /** CMPS: compares [RSI] with [RDI] (flags of [RSI] - [RDI]); REPE stops at a difference, REPNE at equality. */
    private static void cmps(Cpu c, Insn i) {
        int e = i.osize, as = i.asize;
        long step = step(c, e), am = amask(i), base = srcBase(c, i);
        GuestMemory mem = c.mem;
        long si = getReg(c, Cpu.RSI, as), di = getReg(c, Cpu.RDI, as);
        if (!rep(i)) {
            long a = mem.read(si + base, e), b = mem.read(di, e);
            setReg(c, Cpu.RSI, as, si + step);
            setReg(c, Cpu.RDI, as, di + step);
            Flags.set(c, Flags.op(Flags.SUB, e), (a - b) & mask(e), a, b);
            return;
        }
        boolean whileEqual = i.has(Prefix.REP);
        long n = getReg(c, Cpu.RCX, as);
        if (n == 0) return;
        long a = 0, b = 0;
        boolean compared = false;
        try {
            while (n != 0) {
                a = mem.read(si + base, e);
                b = mem.read(di, e);
                si = (si + step) & am;
                di = (di + step) & am;
                n--;
                compared = true;
                if ((a == b) != whileEqual) break;
            }
        } finally {
            setReg(c, Cpu.RSI, as, si);
            setReg(c, Cpu.RDI, as, di);
            setReg(c, Cpu.RCX, as, n);
            if (compared) Flags.set(c, Flags.op(Flags.SUB, e), (a - b) & mask(e), a, b);
        }
    }

    /** SCAS: compares the accumulator with [RDI] (flags of rAX - [RDI]). */
    private static void scas(Cpu c, Insn i) {
        int e = i.osize, as = i.asize;
        long step = step(c, e), am = amask(i);
        GuestMemory mem = c.mem;
        long a = getReg(c, Cpu.RAX, e);
        long di = getReg(c, Cpu.RDI, as);
        if (!rep(i)) {
            long b = mem.read(di, e);
            setReg(c, Cpu.RDI, as, di + step);
            Flags.set(c, Flags.op(Flags.SUB, e), (a - b) & mask(e), a, b);
            return;
        }
        boolean whileEqual = i.has(Prefix.REP);
        long n = getReg(c, Cpu.RCX, as);
        if (n == 0) return;
        long b = 0;
        boolean compared = false;
        try {
            while (n != 0) {
                b = mem.read(di, e);
                di = (di + step) & am;
                n--;
                compared = true;
                if ((a == b) != whileEqual) break;
            }
        } finally {
            setReg(c, Cpu.RDI, as, di);
            setReg(c, Cpu.RCX, as, n);
            if (compared) Flags.set(c, Flags.op(Flags.SUB, e), (a - b) & mask(e), a, b);
        }
    }
}
