/*
 * The inner loops of two whole-program benchmarks (bench/hash.c, bench/sieve.c) as plain functions, for KernelBench:
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

/* The guest binary needs an entry point; KernelBench calls the functions directly and never runs it. */
void _start(void) {
    for (;;) __asm__ volatile("hlt");
}
