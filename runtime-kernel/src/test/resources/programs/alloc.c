/* malloc/free/realloc/calloc under churn, then qsort and bsearch over several element types. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void) { seed = seed * 1103515245u + 12345u; return seed >> 8; }

static int cmp_int(const void *a, const void *b) { int x = *(const int *) a, y = *(const int *) b; return (x > y) - (x < y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }
struct rec { double key; int id; char name[12]; };
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->id - y->id;
}

int main(void) {
    void *slots[512] = {0};
    size_t sizes[512] = {0};
    uint64_t sum = 0;
    for (int round = 0; round < 4000; round++) {
        int k = rnd() % 512;
        if (slots[k]) {
            unsigned char *p = slots[k];
            for (size_t i = 0; i < sizes[k]; i++) sum += p[i];
            if (rnd() % 3 == 0) {
                size_t n = rnd() % 3000 + 1;
                p = realloc(p, n);
                if (n > sizes[k]) memset(p + sizes[k], (int) (n & 0xff), n - sizes[k]);
                slots[k] = p;
                sizes[k] = n;
            } else {
                free(p);
                slots[k] = NULL;
            }
        } else {
            size_t n = rnd() % 16 == 0 ? rnd() % 300000 + 1 : rnd() % 500 + 1;   /* some above malloc's mmap threshold */
            unsigned char *p = rnd() % 2 ? calloc(1, n) : malloc(n);
            if (!p) return 99;
            memset(p, k & 0xff, n);
            slots[k] = p;
            sizes[k] = n;
        }
    }
    for (int k = 0; k < 512; k++) free(slots[k]);
    printf("alloc sum %llu\n", (unsigned long long) sum);

    int n = 3000;
    int *a = malloc(n * sizeof *a);
    for (int i = 0; i < n; i++) a[i] = (int) (rnd() % 100000) - 50000;
    qsort(a, n, sizeof *a, cmp_int);
    long long chk = 0;
    for (int i = 0; i < n; i++) chk = chk * 31 + a[i];
    int key = a[1234];
    int *found = bsearch(&key, a, n, sizeof *a, cmp_int);
    printf("ints sorted=%d chk=%lld min=%d max=%d found=%d\n", 1, chk, a[0], a[n - 1], found && *found == key);
    for (int i = 1; i < n; i++) if (a[i - 1] > a[i]) return 98;

    char *strs[300];
    for (int i = 0; i < 300; i++) {
        strs[i] = malloc(16);
        snprintf(strs[i], 16, "s%05u-%c", rnd() % 100000, 'a' + i % 26);
    }
    qsort(strs, 300, sizeof *strs, cmp_str);
    printf("strs %s %s %s\n", strs[0], strs[150], strs[299]);
    for (int i = 0; i < 300; i++) free(strs[i]);

    struct rec *rs = calloc(1000, sizeof *rs);
    for (int i = 0; i < 1000; i++) {
        rs[i].key = (rnd() % 1000) / 7.0;
        rs[i].id = i;
        snprintf(rs[i].name, sizeof rs[i].name, "r%d", i);
    }
    qsort(rs, 1000, sizeof *rs, cmp_rec);
    printf("recs %.6f %s %.6f %s\n", rs[0].key, rs[0].name, rs[999].key, rs[999].name);
    free(rs);
    free(a);
    return 0;
}
