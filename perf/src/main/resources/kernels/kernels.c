/*
 * The inner loops of three whole-program benchmarks (bench/hash.c, bench/sieve.c, bench/matmul.c) as plain
 * functions, for KernelBench:
 * compiled once as a static guest binary for ring3 and once as a host shared library called through FFM, with the
 * same compiler and flags, so both run the same machine code. Freestanding: no libc (the guest binary has none).
 */
#include <stdint.h>

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* n iterations of hash.c's inner loop; returns the new accumulator. */
uint64_t hash_kernel(uint32_t *table, uint64_t n, uint64_t acc) {
    for (uint64_t i = 0; i < n; i++) {
        uint64_t h = mix(i + acc);
        table[h & 0xffff] += (uint32_t) (h >> 32);
        acc += h >> 60;
    }
    return acc;
}

/* One repetition of sieve.c's loop over composite[0..n]: clear, sieve, CRC-32 of the first million bytes. */
uint64_t sieve_kernel(unsigned char *composite, long n, uint32_t crc) {
    for (long i = 0; i <= n; i++) composite[i] = 0;
    long primes = 0;
    for (long i = 2; i <= n; i++) {
        if (composite[i]) continue;
        primes++;
        for (long j = i * i; j <= n; j += i) composite[j] = 1;
    }
    const unsigned char *p = composite;
    long m = n < 1000000 ? n : 1000000;
    crc = ~crc;
    while (m--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return (uint64_t) primes << 32 | (uint32_t) ~crc;
}

/*
 * One i-k-j product of n x n doubles as in matmul.c (a, b and c consecutive in buf; a and b filled on round 0, one
 * element of a changed each round after); returns the bits of c's trace.
 */
uint64_t matmul_kernel(double *buf, long n, uint64_t round) {
    double *a = buf, *b = buf + n * n, *c = buf + 2 * n * n;
    if (round == 0) {
        for (long i = 0; i < n; i++)
            for (long j = 0; j < n; j++) {
                a[i * n + j] = (i * 7 + j * 3) % 17 / 7.0;
                b[i * n + j] = (i * 5 + j * 11) % 13 / 3.0;
            }
    } else {
        a[round % (n * n)] += 1.0;
    }
    for (long i = 0; i < n * n; i++) c[i] = 0;
    for (long i = 0; i < n; i++)
        for (long k = 0; k < n; k++) {
            double x = a[i * n + k];
            for (long j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j];
        }
    double trace = 0;
    for (long i = 0; i < n; i++) trace += c[i * n + i];
    union { double d; uint64_t u; } v = { trace };
    return v.u;
}

/* The guest binary needs an entry point; KernelBench calls the functions directly and never runs it. */
void _start(void) {
    for (;;) __asm__ volatile("hlt");
}
