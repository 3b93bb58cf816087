/* Shared mappings: stores through a MAP_SHARED mapping of a file are the file's contents at once (pread sees them,
 * pwrite's bytes appear in the mapping), after close, munmap, msync, a partial munmap, mremap and MAP_FIXED over
 * it; a fork's child shares MAP_SHARED|MAP_ANONYMOUS memory and shared file mappings with its parent; MAP_PRIVATE
 * stores stay private; and the errors (EACCES for write-shared on a read-only descriptor, any map of a write-only
 * one). Needs a writable directory in TMPDIR or /tmp. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static char path[256];

static void show(const char *what, int fd, off_t off, int n) {
    char b[64] = {0};
    long r = pread(fd, b, n, off);
    for (int k = 0; k < n; k++) if (b[k] == 0) b[k] = '.';
    printf("%s: %ld '%s'\n", what, r, b);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof path, "%s/mmapshared-%d", dir, (int) getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 3 * 4096) != 0) return 1;
    char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) return 2;
    memcpy(m, "through the map", 15);
    show("pread after a store", fd, 0, 15);
    pwrite(fd, "PWRITE", 6, 4096);
    printf("the map after pwrite: %.6s\n", m + 4096);
    close(fd);
    memcpy(m + 8192, "after close", 11);
    printf("msync: %d\n", msync(m, 3 * 4096, MS_SYNC));
    fd = open(path, O_RDWR);
    show("reopened", fd, 8192, 11);

    /* a fork's child stores into the shared file mapping and into shared anonymous memory */
    int *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    *counter = 1;
    pid_t p = fork();
    if (p == 0) {
        memcpy(m + 100, "child wrote", 11);
        *counter += 41;
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    printf("parent sees the child's store: %.11s, counter %d\n", m + 100, *counter);
    char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    priv[0] = 'p';
    if ((p = fork()) == 0) {
        priv[0] = 'c';
        _exit(0);
    }
    waitpid(p, &st, 0);
    printf("private memory after the child's store: %c\n", priv[0]);

    /* partial munmap: the rest stays the file's */
    munmap(m + 4096, 4096);
    m[0] = 'T';
    m[8192] = 'A';
    show("after a partial munmap", fd, 0, 4);
    show("third page", fd, 8192, 4);

    /* MAP_FIXED anonymous memory over the first page: zero there, the file keeps its bytes */
    char *z = mmap(m, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed over it: %s, reads %d\n", z == m ? "same address" : "elsewhere", m[0]);
    m[0] = 'X';
    show("file after a store to the new memory", fd, 0, 4);
    munmap(m, 3 * 4096);

    /* mremap a shared mapping to a larger size once the file has grown */
    char *a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ftruncate(fd, 4 * 4096);
    char *b = mremap(a, 4096, 4 * 4096, MREMAP_MAYMOVE);
    if (b == MAP_FAILED) return 3;
    memcpy(b + 3 * 4096, "grown", 5);
    printf("old bytes after mremap: %.4s\n", b);
    show("grown page", fd, 3 * 4096, 5);
    munmap(b, 4 * 4096);

    /* MAP_PRIVATE stores stay private */
    char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    memcpy(q, "PRIV", 4);
    show("file after a private store", fd, 0, 4);
    munmap(q, 4096);

    /* errors */
    int ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);
    errno = 0;
    void *r = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
    printf("write-shared map of a read-only descriptor: %s %s\n", r == MAP_FAILED ? "failed" : "mapped",
           errno == EACCES ? "EACCES" : "other");
    char *rs = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
    printf("read-shared map of a read-only descriptor: %.4s\n", rs == MAP_FAILED ? "fail" : rs);
    errno = 0;
    r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, wo, 0);
    printf("map of a write-only descriptor: %s %s\n", r == MAP_FAILED ? "failed" : "mapped",
           errno == EACCES ? "EACCES" : "other");
    unlink(path);
    return 0;
}
