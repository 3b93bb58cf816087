package dev.ring3.jit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ring3.jit.CodeCache;
import dev.ring3.jit.Cpu;
import dev.ring3.jit.Engine;
import dev.ring3.jit.GuestFault;
import dev.ring3.jit.Interpreter;

/** Runs guest code under one tier until its INT3, for tests that compare the tiers' final states. */
public final class Tiers {
    private Tiers() {}

    /**
     * Runs {@code c} from its rip until INT3 raises SIGTRAP: with the engine translating blocks run
     * {@code threshold} times ({@code jit}), which must then have translated something and failed nothing, or
     * with the interpreter only.
     */
    public static void runToInt3(Cpu c, CodeCache cache, boolean jit, int threshold) {
        Engine e = new Engine(cache, threshold);
        try {
            if (jit) e.run(c);
            else new Interpreter(cache).run(c);
        } catch (GuestFault f) {
            assertEquals(GuestFault.SIGTRAP, f.signal);
        }
        if (jit) {
            assertTrue(e.translated > 0, "nothing was translated");
            assertEquals(0, e.failed, "translations failed");
        }
    }
}
