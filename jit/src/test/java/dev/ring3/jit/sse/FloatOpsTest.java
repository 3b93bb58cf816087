package dev.ring3.jit.sse;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ring3.jit.Cpu;
import dev.ring3.jit.translate.FloatOps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The translator's fast-path tests ({@link FloatOps}) against the exact path ({@link FpArith#exact}, itself checked
 * against the host by the differential tests), over random binary64 operands biased towards the edges: wherever a
 * test lets the host's operation stand, under the MXCSR translated regions require (PE already set), the exact
 * path must give the same bits and raise no flag. The tests must also let most ordinary operations through.
 */
class FloatOpsTest {
    private static final int ENTRY_MXCSR = 0x1FA0;

    @Test
    void fastTestsImplyExactResultAndNoFlag() {
        Cpu c = new Cpu(null, null);
        SplittableRandom r = new SplittableRandom(1109);
        int fast = 0, mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int n = 0; n < 2_000_000; n++) {
            int kind = r.nextInt(4);
            long a = FpInputs.random(Fp.D, r), b = FpInputs.random(Fp.D, r);
            if (r.nextInt(4) == 0) b = nearby(a, r);
            if (r.nextInt(16) == 0) a = r.nextBoolean() ? 0 : Long.MIN_VALUE;
            boolean ok = switch (kind) {
                case FpArith.ADD -> FloatOps.addOk(a, b);
                case FpArith.SUB -> FloatOps.subOk(a, b);
                case FpArith.MUL -> FloatOps.mulOk(a, b);
                default -> FloatOps.divOk(a, b);
            };
            if (!ok) continue;
            fast++;
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
            long host = Double.doubleToRawLongBits(switch (kind) {
                case FpArith.ADD -> x + y;
                case FpArith.SUB -> x - y;
                case FpArith.MUL -> x * y;
                default -> x / y;
            });
            c.mxcsr = ENTRY_MXCSR;
            long want = FpArith.exact(c, kind, Fp.D, a, b);
            if (host != want || c.mxcsr != ENTRY_MXCSR) {
                if (mismatches++ < 10) {
                    report.append(String.format("kind %d a %x b %x: host %x, exact %x with MXCSR %x%n", kind, a, b,
                            host, want, c.mxcsr));
                }
            }
        }
        if (mismatches > 0) fail(mismatches + " mismatches of " + fast + " fast results:\n" + report);
        if (fast < 600_000) fail("the fast tests let only " + fast + " operations through");
    }

    /** An operand near a, near its reciprocal times the smallest normal, or near the smallest normal over it. */
    private static long nearby(long a, SplittableRandom r) {
        double x = Double.longBitsToDouble(a);
        double t = switch (r.nextInt(4)) {
            case 0 -> x;
            case 1 -> -x;
            case 2 -> 0x1p-1022 / x;
            default -> 0x1p-1022 * x;
        };
        return Double.doubleToRawLongBits(t) + r.nextInt(5) - 2;
    }
}
