package dev.ring3.jit.x87;

import static dev.ring3.jit.x87.F80.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The transcendental functions of the x87 on finite, nonzero arguments, evaluated in 128-bit working precision
 * ({@link Wide}) by Taylor series after argument reduction, then rounded once to 64 bits under RC: sin, cos and
 * tan, atan2, log2, log2(1 + x) and 2^x - 1. Special operands (zeros, infinities, NaNs) are the caller's
 * ({@link X87Transcendental}).
 *
 * <p>Trigonometric arguments are reduced modulo pi/2 the way the hardware does it: exactly, but against the 66-bit
 * approximation of pi the x87 holds ({@link #PI66_HI}:{@link #PI66_LO} / 2^65 = pi/2), so that sin(x) near a
 * multiple of pi comes out as the hardware's (SDM vol. 1 8.3.10 describes this reduction).
 */
final class F80Trans {
    /** pi/2 rounded to 66 bits, as the integer 0x3243F6A8885A308D3 times 2^-65. */
    static final long PI66_HI = 0x3, PI66_LO = 0x243F_6A88_85A3_08D3L;

    static final Wide PI, PI_2, PI_4, PI_6, SQRT3, LN2, LOG2E;

    static {
        MathContext mc = new MathContext(80);
        BigDecimal pi = atanInverse(5, mc).multiply(BigDecimal.valueOf(16))
                .subtract(atanInverse(239, mc).multiply(BigDecimal.valueOf(4)));
        BigDecimal ln2 = atanhInverse(3, mc).multiply(BigDecimal.valueOf(2));
        PI = fromDecimal(pi);
        PI_2 = fromDecimal(pi.divide(BigDecimal.valueOf(2), mc));
        PI_4 = fromDecimal(pi.divide(BigDecimal.valueOf(4), mc));
        PI_6 = fromDecimal(pi.divide(BigDecimal.valueOf(6), mc));
        SQRT3 = fromDecimal(BigDecimal.valueOf(3).sqrt(mc));
        LN2 = fromDecimal(ln2);
        LOG2E = fromDecimal(BigDecimal.ONE.divide(ln2, mc));
    }

    /** Per-thread scratch numbers, so that nothing is allocated per instruction. */
    static final class Regs {
        final Wide a = new Wide(), b = new Wide(), c = new Wide(), d = new Wide(), e = new Wide(), t1 = new Wide(),
                t2 = new Wide(), r = new Wide();
        /** Operands and results of the instructions, never used inside the functions. */
        final Wide x = new Wide(), y = new Wide(), out = new Wide();
        /** Quadrant of the last reduction (0-3). */
        int quadrant;
    }

    private static final ThreadLocal<Regs> REGS = ThreadLocal.withInitial(Regs::new);

    private F80Trans() {}

    static Regs regs() { return REGS.get(); }

    // ---- trigonometric --------------------------------------------------------------------------------------------

    /**
     * Reduces |x| (finite, below 2^63) to r in [-pi/4, pi/4] with |x| = k * pi66/2 + r, exactly; leaves r in
     * {@code t.r} and k mod 4 in {@code t.quadrant}.
     */
    static void reduce(long m, int se, Regs t) {
        int e = normExp(m, se) - BIAS;
        long mn = normMant(m, se);
        // below pi/4 (whose significand is pi's, 0xC90FDAA22168C234C4C6..., at exponent -1) nothing is reduced
        if (e < -1 || (e == -1 && Long.compareUnsigned(mn, 0xC90F_DAA2_2168_C234L) <= 0)) {
            t.r.setF80(m, se & EXP);
            t.quadrant = 0;
            return;
        }
        // N = |x| * 2^65 is an integer of at most 128 bits; divide it by Q = pi66/2 * 2^65
        int shift = e + 2;
        long nh = shift == 64 ? mn : mn >>> (64 - shift), nl = shift == 64 ? 0 : mn << shift;
        long rh = 0, rl = 0, k = 0;
        for (int bit = 127; bit >= 0; bit--) {
            long in = bit >= 64 ? (nh >>> (bit - 64)) & 1 : (nl >>> bit) & 1;
            rh = (rh << 1) | (rl >>> 63);
            rl = (rl << 1) | in;
            k <<= 1;
            if (rh > PI66_HI || (rh == PI66_HI && Long.compareUnsigned(rl, PI66_LO) >= 0)) {
                rh -= PI66_HI + (Long.compareUnsigned(rl, PI66_LO) < 0 ? 1 : 0);
                rl -= PI66_LO;
                k |= 1;
            }
        }
        // to the nearest multiple: if 2R > Q, take one more and a negative remainder Q - R
        long th = (rh << 1) | (rl >>> 63), tl = rl << 1;
        boolean negative = th > PI66_HI || (th == PI66_HI && Long.compareUnsigned(tl, PI66_LO) > 0);
        if (negative) {
            k++;
            long nrl = PI66_LO - rl;
            rh = PI66_HI - rh - (Long.compareUnsigned(PI66_LO, rl) < 0 ? 1 : 0);
            rl = nrl;
        }
        t.r.setInt(rh, rl, -65, negative);
        t.quadrant = (int) (k & 3);
    }

    /** out = sin(r) for |r| <= pi/4. */
    static Wide sin(Wide r, Wide out, Regs t) {
        Wide r2 = t.a.mul(r, r), term = t.b.set(r);
        out.set(r);
        for (int n = 1; n < 40; n++) {
            term.mul(term, r2).divInt(term, (2 * n) * (2 * n + 1));
            if (term.isZero()) break;
            term.negate(true);
            out.add(out, term);
            if (out.exp - term.exp >= 128) break;   // the term fell below the window: its sticky bit stands for the tail
        }
        return out;
    }

    /** out = cos(r) for |r| <= pi/4. */
    static Wide cos(Wide r, Wide out, Regs t) {
        Wide r2 = t.a.mul(r, r), term = t.b.setLong(1);
        out.setLong(1);
        for (int n = 1; n < 40; n++) {
            term.mul(term, r2).divInt(term, (2 * n - 1) * (2 * n));
            if (term.isZero()) break;
            term.negate(true);
            out.add(out, term);
            if (out.exp - term.exp >= 128) break;   // the term fell below the window: its sticky bit stands for the tail
        }
        return out;
    }

    // ---- inverse tangent ------------------------------------------------------------------------------------------

    /** out = atan(z) for 0 <= z <= 1, by atan(z) = pi/6 + atan((z sqrt3 - 1) / (sqrt3 + z)) above 2 - sqrt3. */
    static Wide atan(Wide z, Wide out, Regs t) {
        Wide u = t.c.set(z);
        boolean shifted = false;
        if (z.exp >= -2 && (z.exp > -2 || Long.compareUnsigned(z.hi, 0x8930_A2F4_F66A_B18AL) > 0)) {   // 2 - sqrt3 = 0.2679...
            t.d.mul(z, SQRT3).sub(t.d, Wide.ONE);
            t.e.add(SQRT3, z);
            u.div(t.d, t.e, t.t1, t.t2);
            shifted = true;
        }
        Wide u2 = t.a.mul(u, u), p = t.b.set(u), term = t.d;
        out.set(u);
        for (int n = 1; n < 60; n++) {
            p.mul(p, u2).negate(true);
            term.divInt(p, 2 * n + 1);
            if (term.isZero()) break;
            out.add(out, term);
            if (out.exp - term.exp >= 128) break;   // the term fell below the window: its sticky bit stands for the tail
        }
        if (shifted) out.add(out, PI_6);
        return out;
    }

    /** out = atan2(y, x) for finite nonzero y, x. */
    static Wide atan2(Wide y, Wide x, Wide out, Regs t) {
        boolean swap = y.compareMagnitude(x) > 0;
        Wide num = t.r.set(swap ? x : y), den = t.e.set(swap ? y : x);
        num.neg = false;
        den.neg = false;
        Wide z = t.c.div(num, den, t.t1, t.t2);
        Wide zz = t.r.set(z);
        atan(zz, out, t);
        if (swap) out.sub(PI_2, out);
        if (x.neg) out.sub(PI, out);
        out.neg = y.neg;
        return out;
    }

    // ---- logarithms and exponential -----------------------------------------------------------------------------

    /** out = 2 atanh(u) = ln((1 + u) / (1 - u)) for small |u|. */
    private static Wide twoAtanh(Wide u, Wide out, Regs t) {
        Wide u2 = t.a.mul(u, u), p = t.b.set(u), term = t.d;
        out.set(u);
        for (int n = 1; n < 60; n++) {
            p.mul(p, u2);
            term.divInt(p, 2 * n + 1);
            if (term.isZero()) break;
            out.add(out, term);
            if (out.exp - term.exp >= 128) break;   // the term fell below the window: its sticky bit stands for the tail
        }
        return out.scale(1);
    }

    /** out = log2(x) for a finite positive 80-bit x. */
    static Wide log2(long m, int se, Wide out, Regs t) {
        return log2(t.c.setF80(m, se), out, t);
    }

    /** out = log2(s) for a positive s held in {@code t.c}. */
    private static Wide log2(Wide s, Wide out, Regs t) {
        int e = s.exp;
        s.exp = 0;
        if (Long.compareUnsigned(s.hi, 0xB504_F333_F9DE_6484L) > 0) {   // above sqrt 2: use s/2 and e + 1
            s.exp = -1;
            e++;
        }
        // ln s = 2 atanh((s - 1) / (s + 1)); s - 1 is exact
        t.d.sub(s, Wide.ONE);
        t.e.add(s, Wide.ONE);
        Wide u = t.r.div(t.d, t.e, t.t1, t.t2);
        twoAtanh(u, out, t);
        out.mul(out, LOG2E);
        return out.add(out, t.c.setLong(e));
    }

    /** out = log2(1 + x) for a finite 80-bit x above -1. */
    static Wide log2p1(long m, int se, Wide out, Regs t) {
        Wide x = t.c.setF80(m, se);
        if (x.exp >= -2) return log2(x.add(x, Wide.ONE), out, t);   // |x| >= 1/4: 1 + x is exact in 128 bits
        // ln(1 + x) = 2 atanh(x / (2 + x))
        t.e.setLong(2).add(t.e, x);
        Wide u = t.r.div(x, t.e, t.t1, t.t2);
        twoAtanh(u, out, t);
        return out.mul(out, LOG2E);
    }

    /** out = 2^x - 1 for a finite 80-bit x (the instruction defines it for |x| <= 1). */
    static Wide exp2m1(long m, int se, Wide out, Regs t) {
        Wide y = t.c.setF80(m, se).mul(t.c, LN2);
        int halvings = Math.max(0, y.exp + 8);
        y.scale(-halvings);
        // expm1 by its series, then expm1(2y) = expm1(y) * (expm1(y) + 2) to undo the halvings
        Wide term = t.b.set(y);
        out.set(y);
        for (int n = 2; n < 40; n++) {
            term.mul(term, y).divInt(term, n);
            if (term.isZero()) break;
            out.add(out, term);
            if (out.exp - term.exp >= 128) break;   // the term fell below the window: its sticky bit stands for the tail
        }
        Wide two = t.e.setLong(2);
        for (int k = 0; k < halvings; k++) {
            t.d.add(out, two);
            out.mul(out, t.d);
        }
        return out;
    }

    // ---- constants --------------------------------------------------------------------------------------------

    /** atan(1/n) to the context's precision (Machin's formula needs it for n = 5 and 239). */
    private static BigDecimal atanInverse(int n, MathContext mc) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc), x2 = x.multiply(x, mc), p = x, sum = x;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int k = 1; p.compareTo(eps) > 0; k++) {
            p = p.multiply(x2, mc);
            BigDecimal term = p.divide(BigDecimal.valueOf(2L * k + 1), mc);
            sum = (k & 1) != 0 ? sum.subtract(term, mc) : sum.add(term, mc);
        }
        return sum;
    }

    /** atanh(1/n). */
    private static BigDecimal atanhInverse(int n, MathContext mc) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), mc), x2 = x.multiply(x, mc), p = x, sum = x;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 2);
        for (int k = 1; p.compareTo(eps) > 0; k++) {
            p = p.multiply(x2, mc);
            sum = sum.add(p.divide(BigDecimal.valueOf(2L * k + 1), mc), mc);
        }
        return sum;
    }

    /** A positive decimal as a 128-bit Wide constant (truncated). */
    static Wide fromDecimal(BigDecimal v) {
        int e = 0;
        if (v.compareTo(BigDecimal.ONE) >= 0) e = v.toBigInteger().bitLength() - 1;
        else while (scaled(v, e).compareTo(BigDecimal.ONE) < 0) e--;
        BigInteger sig = scaled(v, e).multiply(new BigDecimal(BigInteger.ONE.shiftLeft(127)))
                .setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        return Wide.constant(sig.shiftRight(64).longValue(), sig.longValue(), e);
    }

    /** v / 2^e. */
    private static BigDecimal scaled(BigDecimal v, int e) {
        return e >= 0 ? v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(e)))
                : v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
    }
}
