package dev.ring3.jit.step;

import dev.ring3.decoder.Insn;
import dev.ring3.decoder.Prefix;
import dev.ring3.jit.Cpu;

/**
 * A step with a memory operand: base + (index << scale) + displacement, plus the FS or GS base. RIP-relative
 * operands arrive with the address resolved in the displacement; 32-bit address forms (67 prefix) stay generic.
 */
abstract class MemStep extends Step {
    private final long disp;
    private final byte base, index, scale, seg;

    MemStep(Insn i) { this(i, true); }

    /** With {@code segmented} false the FS or GS base is not added (LEA computes the offset only). */
    MemStep(Insn i, boolean segmented) {
        disp = i.disp;
        base = (byte) i.base;
        index = (byte) i.index;
        scale = (byte) i.scale;
        seg = (byte) (!segmented ? 0 : i.seg == Prefix.SEG_FS ? 1 : i.seg == Prefix.SEG_GS ? 2 : 0);
    }

    final long ea(Cpu c) {
        long a = disp;
        if (base >= 0) a += c.r[base];
        if (index >= 0) a += c.r[index] << scale;
        if (seg != 0) a += seg == 1 ? c.fsBase : c.gsBase;
        return a;
    }
}
