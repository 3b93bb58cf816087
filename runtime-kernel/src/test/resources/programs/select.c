/* select and pselect6: pipe ends readable and writable, the sets rewritten to what is ready, the timeout's
 * remaining time written back (select), a timeout (a lower bound on the time only), a hung-up pipe read as
 * readable, and the errors (EBADF, EINVAL, EFAULT). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0) printf("%s: -1 %s\n", what, strerror(errno));
    else printf("%s: %ld\n", what, r);
}

static long ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(void) {
    int p[2];
    pipe(p);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    struct timeval tv = {5, 0};
    int n = select(p[1] + 1, &r, &w, NULL, &tv);
    printf("empty pipe: %d, read end %d, write end %d, time left over 4 s %d\n", n, FD_ISSET(p[0], &r),
           FD_ISSET(p[1], &w), tv.tv_sec >= 4);
    write(p[1], "x", 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    FD_SET(p[1], &r);   /* a write end asked for reading: not ready */
    n = select(p[1] + 1, &r, NULL, NULL, NULL);
    printf("one byte: %d, read end %d, write end %d\n", n, FD_ISSET(p[0], &r), FD_ISSET(p[1], &r));
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    tv.tv_sec = 0;
    tv.tv_usec = 30000;
    long t0 = ms();
    n = select(p[0] + 1, &r, NULL, NULL, &tv);
    printf("timed out: %d, at least 25 ms %d, set cleared %d, time left %ld.%06ld\n", n, ms() - t0 >= 25,
           !FD_ISSET(p[0], &r), (long) tv.tv_sec, (long) tv.tv_usec);
    struct timespec ts = {0, 0};
    FD_ZERO(&w);
    FD_SET(p[1], &w);
    sigset_t none;
    sigemptyset(&none);
    n = pselect(p[1] + 1, NULL, &w, NULL, &ts, &none);
    printf("pselect: %d, write end %d\n", n, FD_ISSET(p[1], &w));
    close(p[1]);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    n = select(p[0] + 1, &r, NULL, NULL, NULL);
    printf("hung up: %d, readable %d\n", n, FD_ISSET(p[0], &r));

    /* Linux looks only at descriptors below the size of the process's descriptor table (nfds is cut to it): a
       table that never grew past 64 makes fd 100 no descriptor at all, and select waits for ever. It depends on
       what the parent had open, so grow the table here first. */
    dup2(0, 100);
    close(100);
    FD_ZERO(&r);
    FD_SET(100, &r);
    show("not open", select(101, &r, NULL, NULL, NULL));
    show("negative nfds", select(-1, NULL, NULL, NULL, NULL));
    tv.tv_sec = 0;
    tv.tv_usec = 2000000;
    show("microseconds past a second", select(0, NULL, NULL, NULL, &tv));
    tv.tv_sec = -1;
    tv.tv_usec = 0;
    show("negative time", select(0, NULL, NULL, NULL, &tv));
    show("bad set", syscall(SYS_select, 4, (void *) 8, NULL, NULL, NULL));
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    show("nothing, no wait", select(0, NULL, NULL, NULL, &tv));
    return 0;
}
