/* Sieve of Eratosthenes plus a bitwise CRC-32 over the result, repeated. Scale: argv[1] (default 72, about 1.2 s natively). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 4000000
static unsigned char composite[N + 1];

static uint32_t crc32(const unsigned char *p, size_t n, uint32_t crc) {
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 72;
    uint32_t crc = 0;
    long primes = 0;
    for (long r = 0; r < scale; r++) {
        memset(composite, 0, sizeof composite);
        primes = 0;
        for (long i = 2; i <= N; i++) {
            if (composite[i]) continue;
            primes++;
            for (long j = i * i; j <= N; j += i) composite[j] = 1;
        }
        crc = crc32(composite, 1000000, crc);
    }
    printf("sieve %ld primes, crc %08x\n", primes, crc);
    return 0;
}
