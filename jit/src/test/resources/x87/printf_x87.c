/*
 * printf of doubles and long doubles: musl formats both with long double arithmetic on the x87 (fmt_fp: frexpl,
 * multiplications by 2^28 and 1e9, conversions to integers with the rounding control set to truncate), so the output
 * matches the native run only if the emulated 80-bit arithmetic is bit-exact. Edge values, seeded pseudo-random bit
 * patterns (NaNs and infinities included), values of every magnitude, and long double arithmetic results; every
 * conversion (%f %e %g %a with precisions and flags). No transcendental functions: the hardware's are only
 * accurate to about one ulp.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double dbits(uint64_t b) {
    double d;
    memcpy(&d, &b, 8);
    return d;
}

static long double lbits(uint64_t m, uint16_t se) {
    union { long double x; struct { uint64_t m; uint16_t se; } p; } u;
    memset(&u, 0, sizeof u);
    u.p.m = m;
    u.p.se = se;
    return u.x;
}

static void pd(double d) {
    printf("%f|%e|%g|%.17g|%a|%.0f|%.3e|%#.10g|%-+14.6f|%.25e|%.1f|%G|%.0e|%A\n", d, d, d, d, d, d, d, d, d, d, d, d, d, d);
}

static void pl(long double x) {
    printf("%Lf|%Le|%Lg|%.21Lg|%La|%.30Le|%.0Lf|%.40Lg\n", x, x, x, x, x, x, x, x);
}

int main(void) {
    static const uint64_t edges[] = {
        0, 0x8000000000000000ull, 1, 2, 0x000FFFFFFFFFFFFFull, 0x0010000000000000ull, 0x7FEFFFFFFFFFFFFFull,
        0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FF8000000000000ull, 0xFFF8000000000000ull,
        0x3FF0000000000000ull, 0xBFF0000000000000ull, 0x3FB999999999999Aull, 0x44B52D02C7E14AF6ull,
        0x3FE0000000000000ull, 0x3FF8000000000000ull, 0x4004000000000000ull, 0xC004000000000000ull,
        0x4022000000000000ull, 0x43E0000000000000ull, 0x4340000000000001ull, 0x3CB0000000000000ull,
        0x400921FB54442D18ull, 0x4005BF0A8B145769ull, 0x3FD5555555555555ull, 0x430C6BF526340000ull,
        0x3E45798EE2308C3Aull, 0x7E37E43C8800759Cull, 0x01A56E1FC2F8F359ull, 0x3FEFFFFFFFFFFFFFull,
        0x408F400000000000ull, 0x3F50624DD2F1A9FCull, 0x4415AF1D78B58C40ull, 0x0000000000000400ull,
    };
    for (unsigned i = 0; i < sizeof edges / sizeof edges[0]; i++) pd(dbits(edges[i]));
    for (int i = 0; i < 300; i++) pd(dbits(next()));
    for (int i = 0; i < 200; i++) {
        double d = (double) (int64_t) (next() >> 11) / (double) (1ull << (next() % 60));
        pd(d);
        pd(1.0 / (1 + (int) (next() % 1000)));
    }
    for (int i = 0; i < 200; i++) {
        /* valid 80-bit encodings (integer bit set), exponents within 2^+-300 mostly */
        uint16_t e = (uint16_t) (0x3FFF - 300 + next() % 600);
        if (i % 10 == 0) e = (uint16_t) (next() % 0x7FFF);
        if (i % 2) e |= 0x8000;
        pl(lbits(next() | (1ull << 63), e));
    }
    pl(LDBL_MAX);
    pl(LDBL_MIN);
    pl(LDBL_TRUE_MIN);
    pl(lbits(0x7FFFFFFFFFFFFFFFull, 0));
    pl(lbits(0xC000000000000000ull, 0x7FFF));
    pl(lbits(1ull << 63, 0xFFFF));
    long double a = 1.0L, b = 0.0L;
    for (int i = 1; i <= 80; i++) {
        a = a * 3.0L / 7.0L + 1.0L / i;
        b += a * a - 1.0L / (i * 3.0L);
        pl(a);
        pl(b);
        pl(sqrtl(b * i));
    }
    float fs[] = {0.1f, 1.0f / 3.0f, FLT_MAX, FLT_MIN, 16777217.0f, 1e-45f};
    for (int i = 0; i < 6; i++) printf("%.9g %f %e %a\n", fs[i], fs[i], fs[i], fs[i]);
    return 0;
}
