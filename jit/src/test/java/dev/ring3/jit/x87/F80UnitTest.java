package dev.ring3.jit.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The integer kernels under the 80-bit arithmetic against BigInteger (128-by-64-bit division, 128-bit square root),
 * and the 128-bit constants FLDPI, FLDL2E, FLDLN2, FLDL2T, FLDLG2 round from, against values computed here.
 */
class F80UnitTest {
    private static BigInteger u(long v) { return new BigInteger(Long.toUnsignedString(v)); }

    private static BigInteger u128(long hi, long lo) { return u(hi).shiftLeft(64).or(u(lo)); }

    @Test
    void division128By64() {
        SplittableRandom r = new SplittableRandom(201);
        for (int k = 0; k < 200_000; k++) {
            long d = r.nextLong() | Long.MIN_VALUE;
            long hi = k % 7 == 0 ? d - 1 - (r.nextLong() & 0xFF) : Long.remainderUnsigned(r.nextLong(), d);
            long lo = k % 5 == 0 ? -1L : r.nextLong();
            BigInteger[] qr = u128(hi, lo).divideAndRemainder(u(d));
            long q = F80.div128(hi, lo, d);
            assertEquals(qr[0], u(q), () -> Long.toHexString(hi) + ":" + Long.toHexString(lo) + " / " + Long.toHexString(d));
            assertEquals(qr[1], u(lo - q * d));
        }
    }

    @Test
    void squareRoot128() {
        SplittableRandom r = new SplittableRandom(202);
        for (int k = 0; k < 100_000; k++) {
            long hi = k % 11 == 0 ? -1L - (k % 3) : (r.nextLong() >>> (k % 2)) | (1L << 62);
            long lo = k % 13 == 0 ? 0 : r.nextLong();
            long root = F80Arith.isqrt(hi, lo);
            assertEquals(u128(hi, lo).sqrt(), u(root), () -> Long.toHexString(hi) + ":" + Long.toHexString(lo));
        }
    }

    /** The constants of X87Load, hi:lo as 128-bit significands. */
    @Test
    void loadConstants() {
        MathContext mc = new MathContext(70);
        BigDecimal ln2 = F80TransTest.LN2;
        // ln 10 = 3 ln 2 + ln 1.25 = 3 ln 2 + 2 atanh(1/9)
        BigDecimal ninth = BigDecimal.ONE.divide(BigDecimal.valueOf(9), mc), p = ninth, s = ninth;
        for (int n = 1; n < 80; n++) {
            p = p.multiply(ninth.multiply(ninth, mc), mc);
            s = s.add(p.divide(BigDecimal.valueOf(2L * n + 1), mc), mc);
        }
        BigDecimal ln10 = ln2.multiply(BigDecimal.valueOf(3)).add(s.multiply(BigDecimal.TWO), mc);
        BigDecimal realPi = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899");
        check(realPi, 0xC90FDAA22168C234L, 0xC4C6628B80DC1CD1L, 1);
        check(BigDecimal.ONE.divide(ln2, mc), 0xB8AA3B295C17F0BBL, 0xBE87FED0691D3E88L, 0);
        check(ln2, 0xB17217F7D1CF79ABL, 0xC9E3B39803F2F6AFL, -1);
        check(ln10.divide(ln2, mc), 0xD49A784BCD1B8AFEL, 0x492BF6FF4DAFDB4CL, 1);
        check(ln2.divide(ln10, mc), 0x9A209A84FBCFF798L, 0x8F8959AC0B7C9178L, -2);
    }

    /** v = (hi:lo / 2^127) * 2^e to within the last bit of lo. */
    private static void check(BigDecimal v, long hi, long lo, int e) {
        BigInteger sig = v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(127 - e))).setScale(0, RoundingMode.DOWN).toBigInteger();
        assertEquals(sig.toString(16), u128(hi, lo).toString(16), "constant " + v.round(new MathContext(25)));
    }
}
