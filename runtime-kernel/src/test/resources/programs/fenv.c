/* SSE exception flags read with STMXCSR and fetestexcept after hot floating-point loops: each flag raised by a
 * value from memory deep inside a loop that runs long enough to be translated and compiled, none but PE where the
 * values stay ordinary (also after integer work long enough for the JVM's compilers to run), flags cleared and read
 * inside a hot loop, and NaN payloads through operations on two NaNs in both orders. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 256
static double v[N];
static volatile double sink, scale = 0x1p100;

static unsigned mxcsr(void) {
    unsigned m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static void clear(void) {
    unsigned m = mxcsr() & ~0x3fu;
    __asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static void show(const char *what) {
    unsigned m = mxcsr() & 0x3f;
    int t = fetestexcept(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW);
    printf("%-26s%s%s%s%s%s%s | fetestexcept%s%s%s%s\n", what, m & 1 ? " IE" : "", m & 2 ? " DE" : "",
           m & 4 ? " ZE" : "", m & 8 ? " OE" : "", m & 16 ? " UE" : "", m & 32 ? " PE" : "",
           t & FE_INVALID ? " invalid" : "", t & FE_DIVBYZERO ? " divbyzero" : "", t & FE_OVERFLOW ? " overflow" : "",
           t & FE_UNDERFLOW ? " underflow" : "");
    feclearexcept(FE_ALL_EXCEPT);
    clear();
}

static void fill(void) {
    for (int i = 0; i < N; i++) v[i] = 1.0 + i * 0.25;
}

/* sum of v[i] * v[i] * s and of v[i] / d, scalar; called hot */
__attribute__((noinline)) static double dots(double s, double d) {
    double acc = 0;
    for (int i = 0; i < N; i++) acc += v[i] * v[i] * s + v[i] / d;
    return acc;
}

/* c[i] += x * v[i], which gcc makes packed */
static double c[N];
__attribute__((noinline)) static void axpy(double x) {
    for (int i = 0; i < N; i++) c[i] += x * v[i];
}

__attribute__((noinline)) static double roots(void) {
    double acc = 0;
    for (int i = 0; i < N; i++) acc += sqrt(v[i]);
    return acc;
}

static void run(const char *what, double s, double d, int reps) {
    double total = 0;
    for (int r = 0; r < reps; r++) total += dots(s, d);
    sink = total;
    show(what);
}

static uint64_t hash(uint64_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (uint64_t i = 0; i < n; i++) h = (h ^ i) * 1099511628211ULL;
    return h;
}

static uint64_t bits(double x) {
    uint64_t b;
    memcpy(&b, &x, 8);
    return b;
}

static double of(uint64_t b) {
    double x;
    memcpy(&x, &b, 8);
    return x;
}

int main(void) {
    clear();
    fill();
    show("start");
    run("ordinary", 0.5, 3.0, 2000);
    printf("hash %llx\n", (unsigned long long) hash(3000000));
    run("ordinary after integers", 0.5, 3.0, 2000);
    for (int r = 0; r < 2000; r++) axpy(0.5);
    sink = c[7];
    show("axpy ordinary");

    v[200] = 0x1p600;
    run("overflow", 0.5, 3.0, 2000);
    for (int r = 0; r < 2000; r++) axpy(0x1p500);
    sink = c[7];
    show("axpy overflow");
    fill();
    v[100] = 0x1p-600;
    run("underflow", 0.5, 3.0, 2000);
    fill();
    v[50] = 0x1p-1060;
    run("denormal operand", 0.5, 3.0, 2000);
    fill();
    run("divide by zero", 0.5, 0.0, 2000);
    v[10] = 0;
    run("zero by zero", 0.5, 0.0, 2000);
    fill();
    v[20] = -4;
    for (int r = 0; r < 2000; r++) sink = roots();
    show("sqrt of negative");
    fill();
    v[30] = INFINITY;
    run("inf times zero", 0.0, 3.0, 2000);
    fill();
    run("ordinary again", 0.5, 3.0, 2000);

    /* flags cleared and read in every iteration of a hot loop; one product in 64 overflows */
    int oe = 0, pe = 0;
    for (int i = 0; i < N; i++) v[i] = i % 64 == 63 ? 0x1p1000 : 1.5;
    for (int r = 0; r < 20000; r++) {
        clear();
        sink = v[r % N] * scale;
        unsigned m = mxcsr();
        oe += (m & 8) != 0;
        pe += (m & 32) != 0;
    }
    printf("cleared each time: overflow in %d of 20000, inexact in %d\n", oe, pe);
    clear();

    /* two NaN operands (different payloads and signs): the first operand's, quieted, in both orders */
    v[0] = of(0x7ff8000000000001ULL);
    v[1] = of(0xfff8000000000002ULL);
    v[2] = of(0x7ff0000000000003ULL);
    uint64_t seen = 0;
    for (int r = 0; r < 20000; r++) {
        seen = seen * 31 + bits(v[r % 3] + v[(r + 1) % 3]);
        seen = seen * 31 + bits(v[(r + 2) % 3] * v[r % 3]);
    }
    printf("nan payloads %llx\n", (unsigned long long) seen);
    show("nans");
    return 0;
}
