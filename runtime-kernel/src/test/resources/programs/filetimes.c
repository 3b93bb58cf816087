/* sendfile, utimensat/futimens and getgroups, passed to the host: a copy by sendfile with and without an offset,
 * file times set exactly, to "now" and left alone, and the errors of bad descriptors, pointers and paths. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case ENOENT: return "ENOENT";
    default: return "other";
    }
}

int main(void) {
    char dir[] = "/tmp/ring3-filetimes-XXXXXX";
    if (!mkdtemp(dir)) return 2;
    char src[64], dst[64];
    snprintf(src, sizeof src, "%s/src", dir);
    snprintf(dst, sizeof dst, "%s/dst", dir);
    int in = open(src, O_RDWR | O_CREAT | O_TRUNC, 0644);
    for (int i = 0; i < 1000; i++) dprintf(in, "line %d of the source\n", i);
    int out = open(dst, O_RDWR | O_CREAT | O_TRUNC, 0644);

    lseek(in, 0, SEEK_SET);
    long n = sendfile(out, in, NULL, 5000);
    printf("sendfile: %ld, source offset now %ld\n", n, (long) lseek(in, 0, SEEK_CUR));
    off_t off = 100;
    n = sendfile(out, in, &off, 50);
    printf("sendfile at 100: %ld, offset %ld, source offset still %ld\n", n, (long) off, (long) lseek(in, 0, SEEK_CUR));
    struct stat st;
    fstat(out, &st);
    printf("copy size %ld\n", (long) st.st_size);
    char a[50], b[50];
    pread(in, a, 50, 100);
    pread(out, b, 50, 5000);
    printf("copied bytes equal: %d\n", memcmp(a, b, 50) == 0);
    n = sendfile(out, 99, NULL, 10);
    printf("sendfile from a bad fd: %s\n", err(n));
    off_t *volatile wildoff = (off_t *) 8;
    n = sendfile(out, in, wildoff, 10);
    printf("sendfile with a bad offset pointer: %s\n", err(n));

    struct timespec set[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    printf("utimensat: %s\n", err(utimensat(AT_FDCWD, src, set, 0)));
    stat(src, &st);
    printf("atime %ld.%09ld mtime %ld.%09ld\n", (long) st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {42, 0}};
    printf("futimens, atime left alone: %s\n", err(futimens(out, omit)));
    fstat(out, &st);
    printf("mtime %ld\n", (long) st.st_mtim.tv_sec);
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    printf("utimensat relative to a directory fd, now: %s\n", err(utimensat(d, "dst", now, 0)));
    fstat(out, &st);
    printf("mtime is recent: %d\n", st.st_mtim.tv_sec > 1700000000);
    /* the bad pointers by raw system call: musl's wrappers read the times and the list themselves (and fault) */
    void *volatile wild = (void *) 8;
    printf("utimensat, bad times pointer: %s\n", err(syscall(SYS_utimensat, AT_FDCWD, src, wild, 0)));
    printf("utimensat, missing file: %s\n", err(utimensat(AT_FDCWD, "/no/such/file", NULL, 0)));
    printf("utimensat, bad descriptor: %s\n", err(utimensat(99, "dst", NULL, 0)));
    printf("futimens, bad descriptor: %s\n", err(futimens(99, NULL)));

    int ng = getgroups(0, NULL);
    gid_t *groups = malloc(sizeof(gid_t) * (ng + 1));
    int ng2 = getgroups(ng, groups);
    printf("getgroups: %d groups, again %d, first %d\n", ng, ng2, ng > 0 ? (int) groups[0] : -1);
    printf("getgroups, negative size: %s\n", err(syscall(SYS_getgroups, -1, groups)));
    printf("getgroups, bad buffer: %s\n", err(syscall(SYS_getgroups, 4, wild)));

    unlink(src);
    unlink(dst);
    rmdir(dir);
    return 0;
}
