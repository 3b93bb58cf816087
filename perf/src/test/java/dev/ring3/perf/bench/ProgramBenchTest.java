package dev.ring3.perf.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bench's statistics: medians of times, and ratios taken per round. */
class ProgramBenchTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, ProgramBench.median(new double[] {3.0, 1.0, 2.0}));
        assertEquals(3.0, ProgramBench.median(new double[] {4.0, 1.0, 3.0, 2.0}));
        assertEquals(5.0, ProgramBench.median(new double[] {5.0}));
    }

    @Test
    void ratiosArePerRoundSoANoisyRoundMovesBothModes() {
        // round 2 ran on a loaded machine: both modes took twice as long; the ratio stays 0.5
        double[] ring3 = {1.0, 2.0, 1.0};
        double[] qemu = {2.0, 4.0, 2.0};
        assertEquals(0.5, ProgramBench.roundRatio(ring3, qemu));
        // a noisy spell on one mode of one round moves the median of ratios not at all
        double[] ring3Noisy = {1.0, 3.0, 1.0};
        assertEquals(0.5, ProgramBench.roundRatio(ring3Noisy, qemu));
    }
}
