package dev.ring3.jit.step;

/**
 * A step's memory access fell outside the guest's window: the segment's exception, caught by the step before it
 * and passed on with the step it came from, so that the block names the faulting instruction. Carries no stack
 * trace (a guest may take SIGSEGV often, a GC's write barrier for one).
 */
public final class StepFault extends RuntimeException {
    /** The step whose access failed. */
    public final transient Step step;

    StepFault(Step step) {
        super(null, null, false, false);
        this.step = step;
    }
}
