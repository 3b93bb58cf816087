package dev.ring3.jit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Input states for differential tests: edge values (0, 1, -1, sign boundaries, each operand width's limits)
 * crossed with each other, plus seeded random values, so a run is reproducible.
 */
public final class Inputs {
    public static final long[] EDGES = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL, 0x80000000L,
        0xffffffffL, 0x7fffffffffffffffL, 0x8000000000000000L, -1L, -2L, 0x123456789abcdef0L, 0x0f0f0f0f0f0f0f0fL};

    private Inputs() {}

    /** States with the named registers set to every pair of edge values plus {@code random} random pairs. */
    public static List<State> pairs(String r1, String r2, int random, long seed) {
        List<State> out = new ArrayList<>();
        for (long a : EDGES) {
            for (long b : EDGES) out.add(new State().set(r1, a).set(r2, b));
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < random; k++) out.add(new State().set(r1, rnd.nextLong()).set(r2, rnd.nextLong()));
        return out;
    }

    /** Like {@link #pairs}, each state also with CF set and with all status flags set, for carry-in and flag-preserving forms. */
    public static List<State> pairsWithFlags(String r1, String r2, int random, long seed) {
        List<State> out = new ArrayList<>();
        for (State s : pairs(r1, r2, random, seed)) {
            out.add(s);
            out.add(s.copy().flags(0x1));
            out.add(s.copy().flags(0x8d5));
        }
        return out;
    }

    /** One register over the edge values and random ones. */
    public static List<State> singles(String r, int random, long seed) {
        List<State> out = new ArrayList<>();
        for (long a : EDGES) out.add(new State().set(r, a));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int k = 0; k < random; k++) out.add(new State().set(r, rnd.nextLong()));
        return out;
    }
}
