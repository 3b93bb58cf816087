/* Integer hashing: a 64-bit mixing function over a counter, folded into a table. Scale: argv[1] (default 20, about 1.2 s natively). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 20;
    static uint32_t table[1 << 16];
    uint64_t acc = 0;
    for (long r = 0; r < scale; r++) {
        for (uint64_t i = 0; i < 15000000; i++) {
            uint64_t h = mix(i + acc);
            table[h & 0xffff] += (uint32_t) (h >> 32);
            acc += h >> 60;
        }
    }
    uint64_t sum = 0;
    for (int i = 0; i < (1 << 16); i++) sum = sum * 31 + table[i];
    printf("hash %016llx %llu\n", (unsigned long long) sum, (unsigned long long) acc);
    return 0;
}
