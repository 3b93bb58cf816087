/* POSIX timers: a periodic timer's signal taken with sigwaitinfo (SI_TIMER, the sigev_value, overruns counted
 * while the signal waits, timer_getoverrun), timer_gettime, an absolute CLOCK_REALTIME expiry with the default
 * notification (SIGALRM), SIGEV_NONE, SIGEV_THREAD (the C library's thread, through SIGEV_THREAD_ID), delete, and
 * the errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms, threaded;
static void onalrm(int s) { alarms++; }
static void notified(union sigval v) { threaded = v.sival_int; }

static const char *err(void) { return errno == EINVAL ? "EINVAL" : errno == EFAULT ? "EFAULT" : strerror(errno); }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);

    struct sigevent sev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 2, .sigev_value.sival_int = 77};
    timer_t tid;
    printf("timer_create: %d\n", timer_create(CLOCK_MONOTONIC, &sev, &tid));
    struct itimerspec its = {{0, 10000000}, {0, 10000000}}, cur;
    printf("timer_settime: %d\n", timer_settime(tid, 0, &its, NULL));
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = sigwaitinfo(&set, &si);
    printf("signal: %d code SI_TIMER %d value %d\n", r == SIGRTMIN + 2, si.si_code == SI_TIMER, si.si_value.sival_int);
    usleep(120000);   /* expirations while the next signal waits: overruns */
    memset(&si, 0, sizeof si);
    sigwaitinfo(&set, &si);
    int ov = timer_getoverrun(tid);
    printf("overruns counted: %d, timer_getoverrun agrees: %d\n", si.si_overrun >= 3, ov == si.si_overrun);
    timer_gettime(tid, &cur);
    printf("gettime: interval %ld ns, value in (0, 10 ms]: %d\n", cur.it_interval.tv_nsec,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 10000000);
    struct itimerspec off = {{0, 0}, {0, 0}}, old;
    timer_settime(tid, 0, &off, &old);
    printf("disarmed; it was periodic: %ld ns\n", old.it_interval.tv_nsec);
    printf("timer_delete: %d\n", timer_delete(tid));
    errno = 0;
    r = timer_gettime(tid, &cur);
    printf("gettime after delete: %d %s\n", r, err());

    /* default notification (SIGALRM), absolute time on CLOCK_REALTIME */
    struct sigaction sa = {.sa_handler = onalrm};
    sigaction(SIGALRM, &sa, NULL);
    timer_t t2;
    timer_create(CLOCK_REALTIME, NULL, &t2);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_nsec += 20000000;
    if (now.tv_nsec >= 1000000000) { now.tv_sec++; now.tv_nsec -= 1000000000; }
    struct itimerspec abs = {{0, 0}, now};
    printf("absolute: %d\n", timer_settime(t2, TIMER_ABSTIME, &abs, NULL));
    while (alarms == 0) pause();
    printf("SIGALRM taken: %d\n", alarms);
    timer_delete(t2);

    /* SIGEV_NONE: counts down, signals nothing */
    struct sigevent none = {.sigev_notify = SIGEV_NONE};
    timer_t t3;
    timer_create(CLOCK_MONOTONIC, &none, &t3);
    struct itimerspec once = {{0, 0}, {5, 0}};
    timer_settime(t3, 0, &once, NULL);
    timer_gettime(t3, &cur);
    printf("SIGEV_NONE running: %d\n", cur.it_value.tv_sec >= 4 && cur.it_value.tv_sec <= 5);
    timer_delete(t3);

    /* SIGEV_THREAD: the C library's thread calls the function */
    struct sigevent th = {.sigev_notify = SIGEV_THREAD, .sigev_notify_function = notified, .sigev_value.sival_int = 5};
    timer_t t4;
    printf("SIGEV_THREAD create: %d\n", timer_create(CLOCK_MONOTONIC, &th, &t4));
    struct itimerspec soon = {{0, 0}, {0, 10000000}};
    timer_settime(t4, 0, &soon, NULL);
    for (int k = 0; k < 500 && !threaded; k++) usleep(10000);
    printf("notified with %d\n", threaded);
    timer_delete(t4);

    /* errors */
    timer_t bad;
    errno = 0;
    r = timer_create(99, NULL, &bad);
    printf("bad clock: %d %s\n", r, err());
    struct sigevent badsig = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = 0};
    errno = 0;
    r = timer_create(CLOCK_MONOTONIC, &badsig, &bad);
    printf("signal 0: %d %s\n", r, err());
    timer_t t5;
    timer_create(CLOCK_MONOTONIC, NULL, &t5);
    struct itimerspec badts = {{0, 0}, {0, 1000000000}};
    errno = 0;
    r = timer_settime(t5, 0, &badts, NULL);
    printf("nsec 1e9: %d %s\n", r, err());
    errno = 0;
    r = syscall(SYS_timer_delete, 12345);
    printf("delete unknown: %d %s\n", r, err());
    return 0;
}
