/* Integer arithmetic at every width: the results go through a running hash printed as it goes. */
#include <stdint.h>
#include <stdio.h>
#include <limits.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; }

int main(void) {
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 20000; i++) {
        uint64_t a = next(), b = next() | 1;
        int64_t sa = (int64_t) a, sb = (int64_t) b;
        uint32_t a32 = (uint32_t) a, b32 = (uint32_t) b | 1;
        int32_t s32 = (int32_t) a32, t32 = (int32_t) b32;
        uint16_t a16 = (uint16_t) a, b16 = (uint16_t) b | 1;
        int8_t a8 = (int8_t) a, b8 = (int8_t) (b | 1);
        h = (h ^ (a * b)) * 1099511628211ull;
        h ^= a / b + a % b;
        h += (uint64_t) (sb == -1 ? 0 : sa / sb) ^ (uint64_t) (sb == -1 ? 0 : sa % sb);
        h ^= (uint64_t) a32 / b32 + a32 % b32;
        if (!(s32 == INT_MIN && t32 == -1)) h += (uint64_t) (s32 / t32) + (uint64_t) (s32 % t32);
        h ^= (uint64_t) (a16 / b16) << 7 | (a16 % b16);
        if (b8 != 0 && !(a8 == -128 && b8 == -1)) h += (uint64_t) (a8 / b8) * 31 + (uint64_t) (a8 % b8);
        h ^= (a << (b & 63)) + (a >> (b & 63)) + (uint64_t) (sa >> (b & 63));
        h += (uint64_t) ((unsigned __int128) a * b >> 64);
        h ^= (uint64_t) ((__int128) sa * sb >> 64);
        h += __builtin_popcountll(a) + __builtin_clzll(b) + __builtin_ctzll(b) + __builtin_bswap64(a);
        h ^= (a32 << (b32 & 31)) | (a32 >> (32 - (b32 & 31) & 31));
        h += (a > b) + (sa < sb) * 2 + (a32 >= b32) * 4 + (s32 <= t32) * 8;
        if (i % 2000 == 0) printf("%5d %016llx %lld %u %d %hu %hhd\n", i, (unsigned long long) h,
                                  (long long) sa / 1000000, a32 % 1000, s32 / 100000, a16, a8);
    }
    printf("final %016llx\n", (unsigned long long) h);
    return (int) (h & 0x7f);
}
