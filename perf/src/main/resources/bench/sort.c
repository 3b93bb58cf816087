/* Sorting: libc qsort with a comparison callback over random integers, repeated. Scale: argv[1] (default 12, about 1.3 s natively). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 12;
    enum { N = 1000000 };
    int64_t *a = malloc(N * sizeof *a);
    uint64_t s = 88172645463325252ULL, check = 0;
    for (long r = 0; r < scale; r++) {
        for (int i = 0; i < N; i++) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; a[i] = (int64_t) (s % 1000000007); }
        qsort(a, N, sizeof *a, cmp);
        for (int i = 0; i < N; i += 1000) check = check * 1000003 + (uint64_t) a[i];
    }
    printf("sort %016llx\n", (unsigned long long) check);
    free(a);
    return 0;
}
