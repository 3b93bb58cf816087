/* The signal mask of ppoll, pselect and epoll_pwait is the thread's for the wait: a pending signal the wait's
 * mask unblocks interrupts it at once (EINTR, its handler run) and the thread's own mask is back afterwards; a
 * signal the wait's mask blocks does not interrupt it, and is delivered once the wait is over. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile int usr1, alrm;
static void on_usr1(int s) { usr1++; }
static void on_alrm(int s) { alrm++; }

static const char *err(long r) {
    if (r >= 0) return "ok";
    return errno == EINTR ? "EINTR" : strerror(errno);
}

static int blocked(int sig) {
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, on_usr1);
    signal(SIGALRM, on_alrm);
    sigset_t usr1set, none, alrmset;
    sigemptyset(&usr1set);
    sigaddset(&usr1set, SIGUSR1);
    sigemptyset(&none);
    sigemptyset(&alrmset);
    sigaddset(&alrmset, SIGALRM);
    sigprocmask(SIG_BLOCK, &usr1set, NULL);
    int p[2];
    pipe(p);
    struct pollfd pfd = {p[0], POLLIN, 0};
    struct timespec second = {1, 0};

    raise(SIGUSR1);
    long r = ppoll(&pfd, 1, &second, &none);
    printf("ppoll with SIGUSR1 pending, unblocked for the wait: %ld %s, handled %d, blocked after %d\n", r, err(r),
           usr1, blocked(SIGUSR1));

    raise(SIGUSR1);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    r = pselect(p[0] + 1, &rs, NULL, NULL, &second, &none);
    printf("pselect likewise: %ld %s, handled %d, blocked after %d\n", r, err(r), usr1, blocked(SIGUSR1));

    int ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLIN, {0}};
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    raise(SIGUSR1);
    r = epoll_pwait(ep, &ev, 1, 1000, &none);
    printf("epoll_pwait likewise: %ld %s, handled %d, blocked after %d\n", r, err(r), usr1, blocked(SIGUSR1));

    /* SIGALRM blocked for the wait only: the timer's signal waits for its end */
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec fifth = {0, 200000000};
    r = ppoll(&pfd, 1, &fifth, &alrmset);
    printf("ppoll with SIGALRM blocked for the wait: %ld %s, handled during the wait %d\n", r, err(r), alrm);
    printf("after it: handled %d, SIGALRM blocked %d\n", alrm, blocked(SIGALRM));

    raise(SIGUSR1);   /* blocked and no wait to unblock it: pending */
    r = ppoll(&pfd, 1, &(struct timespec){0, 10000000}, &usr1set);
    printf("ppoll that keeps SIGUSR1 blocked: %ld %s, handled %d\n", r, err(r), usr1);
    sigprocmask(SIG_UNBLOCK, &usr1set, NULL);
    printf("unblocked: handled %d\n", usr1);
    return 0;
}
