/* The launcher's AOT training run (see ./ring3): a static libc program whose start-up, formatting, string and
 * memory functions and a short hot loop take ring3 through the paths real programs take first, so that the JVM's AOT
 * cache holds those classes linked and their method profiles. Output is discarded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) { return *(const int *) a - *(const int *) b; }

int main(int argc, char **argv) {
    int n = 20000, *v = malloc(n * sizeof *v);
    unsigned h = 2166136261u;
    for (int i = 0; i < n; i++) v[i] = (int) ((i * 2654435761u) >> 7) % 100000;
    qsort(v, n, sizeof *v, cmp);
    char buf[256];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "%d %s %.3f %x", v[i], argv[0], i / 7.0, h);
        h = (h ^ (unsigned) strlen(buf)) * 16777619u;
        memmove(buf + 1, buf, strlen(buf));
    }
    printf("%u %d\n", h, argc);
    free(v);
    return 0;
}
