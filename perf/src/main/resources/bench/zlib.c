/* zlib: compress and uncompress a generated 4 MiB buffer, repeated. Scale: argv[1] (default 6, about 1.2 s natively). Needs zlib1g-dev. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 6;
    const size_t n = 4 << 20;
    unsigned char *src = malloc(n), *back = malloc(n);
    uLongf cap = compressBound(n);
    unsigned char *packed = malloc(cap);
    unsigned s = 1;
    for (size_t i = 0; i < n; i++) {
        s = s * 1103515245 + 12345;
        src[i] = (unsigned char) ("the quick brown fox jumps over the lazy dog "[(s >> 16) % 44] ^ ((s >> 28) == 0 ? s : 0));
    }
    unsigned long total = 0, crc = 0;
    for (long r = 0; r < scale; r++) {
        uLongf clen = cap, blen = n;
        if (compress2(packed, &clen, src, n, 6) != Z_OK) return 1;
        if (uncompress(back, &blen, packed, clen) != Z_OK || blen != n || memcmp(src, back, n)) return 2;
        total += clen;
        crc = crc32(crc, packed, clen);
        src[r % n] ^= 0x5a;
    }
    printf("zlib %lu bytes, crc %08lx\n", total, crc);
    return 0;
}
