package dev.ring3.kernel.proc;

import dev.ring3.kernel.elf.ProgramImage;

/**
 * Unwinds the calling thread out of the tiers after execve has loaded its new program: the old program's
 * translated frames end here, and {@link GuestThread#run} switches the process to {@link #image} once nothing of
 * the old address space runs any more. Like {@link GuestExit}, no tier catches it.
 */
public final class NewImage extends RuntimeException {
    public final ProgramImage image;

    NewImage(ProgramImage image) {
        super(null, null, false, false);
        this.image = image;
    }
}
