package dev.ring3.jit.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ring3.jit.X87;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 128-bit transcendental kernels against an independent reference: the same functions summed in BigDecimal
 * at 60 significant digits, rounded to nearest 64-bit significands. ring3's results must be correctly rounded
 * (this is what makes the host comparison's one-ulp tolerance the host's, not ring3's). Trigonometric functions are
 * taken of the argument reduced with the hardware's 66-bit pi/2, the same in both.
 */
class F80TransTest {
    static final MathContext MC = new MathContext(60);
    static final BigDecimal PI66_2 = new BigDecimal(new BigInteger("3243F6A8885A308D3", 16)).divide(BigDecimal.TWO.pow(65), MC);

    private static BigDecimal value(long m, int e) {
        BigDecimal v = new BigDecimal(new BigInteger(Long.toUnsignedString(m)));
        int shift = e - 0x3FFF - 63;
        return shift >= 0 ? v.multiply(BigDecimal.TWO.pow(shift)) : v.divide(BigDecimal.TWO.pow(-shift));
    }

    /** A nonzero BigDecimal rounded to nearest-even 64-bit significand: {significand, biased exponent, sign}. */
    private static long[] round(BigDecimal v) {
        int sign = v.signum() < 0 ? 0x8000 : 0;
        v = v.abs();
        int e = v.compareTo(BigDecimal.ONE) >= 0 ? v.toBigInteger().bitLength() - 1 : -1;
        while (e < 0 && scale(v, -e).compareTo(BigDecimal.ONE) < 0) e--;
        BigDecimal sig = e >= 0 ? v.divide(BigDecimal.TWO.pow(e), MC) : scale(v, -e);
        BigInteger m = sig.multiply(BigDecimal.TWO.pow(63)).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        if (m.bitLength() > 64) {
            m = m.shiftRight(1);
            e++;
        }
        return new long[] {m.longValue(), (0x3FFF + e) | sign};
    }

    private static BigDecimal scale(BigDecimal v, int k) { return v.multiply(BigDecimal.TWO.pow(k)); }

    private static BigDecimal sin(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC), term = x, sum = x;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * n) * (2L * n + 1)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum;
    }

    private static BigDecimal cos(BigDecimal x) {
        BigDecimal x2 = x.multiply(x, MC), term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int n = 1; n < 60; n++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * n - 1) * (2L * n)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** atan by argument halving (atan z = 2 atan(z / (1 + sqrt(1 + z^2)))) and its series. */
    private static BigDecimal atan(BigDecimal z) {
        int halvings = 0;
        while (z.abs().compareTo(new BigDecimal("0.05")) > 0) {
            z = z.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(z.multiply(z, MC)).sqrt(MC)), MC);
            halvings++;
        }
        BigDecimal z2 = z.multiply(z, MC), p = z, sum = z;
        for (int n = 1; n < 50; n++) {
            p = p.multiply(z2, MC).negate();
            sum = sum.add(p.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
        }
        return sum.multiply(BigDecimal.TWO.pow(halvings));
    }

    private static BigDecimal ln(BigDecimal x) {
        // ln x = k ln 2 + ln(x / 2^k), the latter by Newton on exp
        int k = 0;
        while (x.compareTo(BigDecimal.TWO) > 0) { x = x.divide(BigDecimal.TWO, MC); k++; }
        while (x.compareTo(BigDecimal.ONE) < 0) { x = x.multiply(BigDecimal.TWO); k--; }
        BigDecimal y = new BigDecimal(Math.log(x.doubleValue()));
        for (int i = 0; i < 6; i++) y = y.add(x.divide(exp(y), MC), MC).subtract(BigDecimal.ONE, MC);
        return y.add(LN2.multiply(BigDecimal.valueOf(k)), MC);
    }

    private static BigDecimal exp(BigDecimal y) {
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int n = 1; n < 80; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    private static BigDecimal expm1(BigDecimal y) {
        BigDecimal term = y, sum = y;
        for (int n = 2; n < 80; n++) {
            term = term.multiply(y, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    static final BigDecimal LN2;

    static {
        BigDecimal third = BigDecimal.ONE.divide(BigDecimal.valueOf(3), MC), p = third, sum = third;
        for (int n = 1; n < 80; n++) {
            p = p.multiply(third.multiply(third, MC), MC);
            sum = sum.add(p.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
        }
        LN2 = sum.multiply(BigDecimal.TWO);
    }

    private static X87 fpu() { return new X87(); }

    private static void check(String what, BigDecimal ref, Wide w, long m, int se) {
        X87 f = fpu();
        long got = w.toF80(f);
        long[] want = round(ref);
        assertEquals(String.format("%016x_%04x", want[0], want[1]), String.format("%016x_%04x", got, f.resSe),
                what + " of " + String.format("%04x_%016x", se, m));
    }

    @Test
    void sineAndCosineOfReducedArguments() {
        SplittableRandom r = new SplittableRandom(101);
        F80Trans.Regs t = F80Trans.regs();
        for (int k = 0; k < 400; k++) {
            long m = r.nextLong() | Long.MIN_VALUE;
            int se = 0x3FFF - 30 + r.nextInt(60);
            F80Trans.reduce(m, se, t);
            BigDecimal x = value(m, se);
            BigDecimal[] qr = x.divideAndRemainder(PI66_2, MC);
            BigDecimal rem = qr[1];
            long q = qr[0].toBigInteger().longValue();
            if (rem.multiply(BigDecimal.TWO).compareTo(PI66_2) > 0) {
                rem = rem.subtract(PI66_2);
                q++;
            }
            if (x.compareTo(new BigDecimal("0.785398163397448309615660845819875721")) <= 0) {
                rem = x;
                q = 0;
            }
            assertEquals(q & 3, t.quadrant, "quadrant of " + x);
            if (rem.signum() == 0) continue;
            check("sin", sin(rem), F80Trans.sin(t.r, t.y, t), m, se);
            check("cos", cos(rem), F80Trans.cos(t.r, t.x, t), m, se);
        }
    }

    @Test
    void arctangent() {
        SplittableRandom r = new SplittableRandom(102);
        F80Trans.Regs t = F80Trans.regs();
        for (int k = 0; k < 300; k++) {
            long ym = r.nextLong() | Long.MIN_VALUE, xm = r.nextLong() | Long.MIN_VALUE;
            int ye = 0x3FFF - 10 + r.nextInt(20), xe = 0x3FFF - 10 + r.nextInt(20);
            BigDecimal y = value(ym, ye), x = value(xm, xe);
            BigDecimal ref = atan(y.divide(x, MC));
            t.y.setF80(ym, ye);
            t.x.setF80(xm, xe);
            check("atan2", ref, F80Trans.atan2(t.y, t.x, t.out, t), ym, ye);
        }
    }

    @Test
    void logarithmsAndExponential() {
        SplittableRandom r = new SplittableRandom(103);
        F80Trans.Regs t = F80Trans.regs();
        BigDecimal log2e = BigDecimal.ONE.divide(LN2, MC);
        for (int k = 0; k < 300; k++) {
            long m = r.nextLong() | Long.MIN_VALUE;
            int se = k % 3 == 0 ? 0x3FFF - 300 + r.nextInt(600) : 0x3FFE + r.nextInt(2);
            check("log2", ln(value(m, se)).multiply(log2e, MC), F80Trans.log2(m, se, t.out, t), m, se);
            int sp = (0x3FFF - 2 - r.nextInt(k % 2 == 0 ? 60 : 4)) | (r.nextBoolean() ? 0x8000 : 0);
            BigDecimal x = value(m, sp & 0x7FFF);
            if ((sp & 0x8000) != 0) x = x.negate();
            check("log2p1", ln(BigDecimal.ONE.add(x)).multiply(log2e, MC), F80Trans.log2p1(m, sp, t.out, t), m, sp);
            check("exp2m1", expm1(x.multiply(LN2, MC)), F80Trans.exp2m1(m, sp, t.out, t), m, sp);
        }
    }
}
