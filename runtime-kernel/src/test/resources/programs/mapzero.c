/* Anonymous memory given back reads as zero again: munmap then MAP_FIXED over the same range, and
 * madvise(MADV_DONTNEED) on private anonymous pages (ring3 gives both back to the host with munmap/madvise). */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static long sum(const unsigned char *p, size_t n) {
    long s = 0;
    for (size_t i = 0; i < n; i++) s += p[i];
    return s;
}

int main(void) {
    size_t n = 8 * 4096;
    unsigned char *a = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) return 1;
    memset(a, 0x5a, n);
    printf("filled %ld\n", sum(a, n));
    if (madvise(a + 4096, 2 * 4096, MADV_DONTNEED) != 0) return 2;
    printf("after madvise %ld (first page %ld)\n", sum(a, n), sum(a, 4096));
    if (munmap(a + 4 * 4096, 4 * 4096) != 0) return 3;
    unsigned char *b = mmap(a + 4 * 4096, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                            -1, 0);
    if (b != a + 4 * 4096) return 4;
    printf("remapped %ld, whole %ld\n", sum(b, 4 * 4096), sum(a, n));
    return munmap(a, n);
}
