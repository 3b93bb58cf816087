package dev.ring3.jit.sse;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.jit.Cpu;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link FpFast}) against the exact path ({@link FpArith#exact}, itself checked against the host by
 * the differential tests) on millions of random operands biased towards the edges of the fast path's domain:
 * wherever the fast path answers, result and flags must be the exact path's.
 */
class FpFastTest {
    @Test
    void fastPathAgreesWithExactPath() {
        Cpu c = new Cpu(null, null);
        SplittableRandom r = new SplittableRandom(401);
        int fast = 0, mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int n = 0; n < 3_000_000; n++) {
            int f = r.nextBoolean() ? Fp.D : Fp.S;
            int kind = r.nextInt(7);
            long a = FpInputs.random(f, r), b = FpInputs.random(f, r);
            if (r.nextInt(4) == 0) b = nearby(f, a, r, kind);
            if (f == Fp.S) {
                a &= 0xFFFF_FFFFL;
                b &= 0xFFFF_FFFFL;
            }
            c.mxcsr = 0x1F80;
            long got = FpFast.op(c, kind, f, a, b);
            if (got == FpFast.SLOW) continue;
            fast++;
            int gotFlags = c.mxcsr;
            c.mxcsr = 0x1F80;
            long want = FpArith.exact(c, kind, f, a, b);
            if (got != want || gotFlags != c.mxcsr) {
                if (mismatches++ < 10) {
                    report.append(String.format("kind %d f %d a %x b %x: fast %x/%x exact %x/%x%n", kind, f, a, b, got,
                            gotFlags, want, c.mxcsr));
                }
            }
        }
        if (mismatches > 0) fail(mismatches + " mismatches of " + fast + " fast results:\n" + report);
        if (fast < 500_000) fail("the fast path answered only " + fast + " times");
    }

    /** An operand that makes a result land near a boundary: near the other's value, its reciprocal, or its root. */
    private static long nearby(int f, long a, SplittableRandom r, int kind) {
        double x = f == Fp.D ? Double.longBitsToDouble(a) : Float.intBitsToFloat((int) a);
        double t = switch (r.nextInt(3)) {
            case 0 -> x;
            case 1 -> (f == Fp.D ? 0x1p-1022 : 0x1p-126) / x;     // products near the smallest normal
            default -> (f == Fp.D ? 0x1p-1022 : 0x1p-126) * x;    // quotients near it
        };
        long bits = f == Fp.D ? Double.doubleToRawLongBits(t) : Float.floatToRawIntBits((float) t) & 0xFFFF_FFFFL;
        return bits + r.nextInt(5) - 2;
    }
}
