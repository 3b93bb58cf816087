/* Interval timers and small file calls: setitimer/getitimer/alarm (SIGALRM at each expiry, the time left, alarm's
 * rounding, a fork's child without the parent's timer), timerfd (expirations read and polled), memfd_create (a file
 * to write, truncate and map), flock, fallocate, copy_file_range, getpriority/setpriority, and their errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int alarms;
static void onalrm(int s) { alarms++; }

static const char *err(void) {
    switch (errno) {
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EBADF: return "EBADF";
    case ESRCH: return "ESRCH";
    case EWOULDBLOCK: return "EWOULDBLOCK";
    case ESPIPE: return "ESPIPE";
    case ENODEV: return "ENODEV";
    default: return strerror(errno);
    }
}

/* one call, then its result and errno (printf's arguments are evaluated in no fixed order) */
#define SHOW(label, call) do { errno = 0; long r_ = (long) (call); printf("%s: %ld%s%s\n", label, r_, r_ < 0 ? " " : "", r_ < 0 ? err() : ""); } while (0)

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = {.sa_handler = onalrm};
    sigaction(SIGALRM, &sa, NULL);

    /* a periodic timer: three expirations, then disarmed; the old value comes back */
    struct itimerval iv = {{0, 20000}, {0, 20000}}, old, cur;
    printf("setitimer: %d\n", setitimer(ITIMER_REAL, &iv, NULL));
    while (alarms < 3) pause();
    getitimer(ITIMER_REAL, &cur);
    printf("three alarms; interval %ld us, value in (0, 20000]: %d\n", (long) cur.it_interval.tv_usec,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 20000);
    memset(&iv, 0, sizeof iv);
    setitimer(ITIMER_REAL, &iv, &old);
    printf("disarmed; it was periodic: %ld us\n", (long) old.it_interval.tv_usec);
    getitimer(ITIMER_REAL, &cur);
    printf("now: %ld %ld\n", (long) cur.it_value.tv_sec, (long) cur.it_value.tv_usec);

    /* alarm: seconds left, rounded */
    printf("alarm(10) first: %u\n", alarm(10));
    printf("alarm(0) after: %u\n", alarm(0));
    iv = (struct itimerval){{0, 0}, {0, 300000}};
    setitimer(ITIMER_REAL, &iv, NULL);
    printf("alarm(0) with 0.3 s left: %u\n", alarm(0));
    iv = (struct itimerval){{0, 0}, {2, 700000}};
    setitimer(ITIMER_REAL, &iv, NULL);
    printf("alarm(0) with 2.7 s left: %u\n", alarm(0));

    /* a one-shot alarm wakes pause; a fork's child has no timer */
    alarms = 0;
    iv = (struct itimerval){{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &iv, NULL);
    pid_t p = fork();
    if (p == 0) {
        struct itimerval c;
        getitimer(ITIMER_REAL, &c);
        _exit(c.it_value.tv_sec == 0 && c.it_value.tv_usec == 0 ? 0 : 1);
    }
    int st;
    waitpid(p, &st, 0);
    printf("the child's timer is off: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no");
    while (alarms == 0) pause();
    printf("one-shot alarm taken\n");

    iv.it_value.tv_usec = 1000000;
    SHOW("setitimer(usec 1000000)", setitimer(ITIMER_REAL, &iv, NULL));
    iv.it_value.tv_usec = 0;
    SHOW("setitimer(which 9)", setitimer(9, &iv, NULL));
    SHOW("getitimer(bad pointer)", syscall(SYS_getitimer, ITIMER_REAL, (void *) 8));

    /* timerfd: periodic, read and polled */
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec its = {{0, 10000000}, {0, 10000000}}, ocur;
    printf("timerfd_settime: %d\n", timerfd_settime(tfd, 0, &its, NULL));
    struct pollfd pf = {.fd = tfd, .events = POLLIN};
    SHOW("poll", poll(&pf, 1, 1000));
    printf("revents %d\n", pf.revents);
    unsigned long long n = 0;
    SHOW("read", read(tfd, &n, 8));
    printf("expirations >= 1: %d\n", n >= 1);
    timerfd_gettime(tfd, &ocur);
    printf("gettime: interval %ld ns\n", ocur.it_interval.tv_nsec);
    printf("F_GETFD: %d\n", fcntl(tfd, F_GETFD));
    SHOW("timerfd_create(bad flags)", timerfd_create(CLOCK_MONOTONIC, 0x40));
    SHOW("timerfd_settime(bad pointer)", syscall(SYS_timerfd_settime, tfd, 0, (void *) 8, NULL));
    SHOW("timerfd_gettime(not a timerfd)", syscall(SYS_timerfd_gettime, 1, &ocur));
    close(tfd);

    /* memfd: write, truncate, map */
    int mfd = memfd_create("ring3-test", MFD_CLOEXEC);
    printf("memfd write: %zd\n", write(mfd, "memfd contents", 14));
    ftruncate(mfd, 4096);
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    printf("mapped: %.14s\n", m);
    memcpy(m, "MEMFD", 5);
    char b[16] = {0};
    pread(mfd, b, 14, 0);
    printf("pread after a store: %s\n", b);
    SHOW("memfd_create(bad flags)", memfd_create("x", 0x100));
    SHOW("memfd_create(bad name)", memfd_create((char *) 8, 0));

    /* flock, fallocate, copy_file_range on a file in /tmp */
    char path[64];
    snprintf(path, sizeof path, "/tmp/timersfiles-%d", (int) getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    SHOW("flock LOCK_EX", flock(fd, LOCK_EX));
    int fd2 = open(path, O_RDWR);
    SHOW("flock from another open", flock(fd2, LOCK_EX | LOCK_NB));
    SHOW("flock LOCK_UN", flock(fd, LOCK_UN));
    SHOW("then the other", flock(fd2, LOCK_EX | LOCK_NB));
    SHOW("fallocate", fallocate(fd, 0, 0, 10000));
    printf("size: %ld\n", (long) lseek(fd, 0, SEEK_END));
    pwrite(fd, "copy me", 7, 0);
    loff_t in = 0, out = 20000;
    SHOW("copy_file_range", copy_file_range(fd, &in, fd2, &out, 7, 0));
    printf("offsets: %ld %ld\n", (long) in, (long) out);
    pread(fd, b, 7, 20000);
    printf("copied: %.7s\n", b);
    SHOW("fallocate(bad fd)", fallocate(99, 0, 0, 1));
    int pfd[2];
    pipe(pfd);
    SHOW("fallocate(a pipe)", fallocate(pfd[0], 0, 0, 1));
    unlink(path);

    /* priority */
    errno = 0;
    int prio = getpriority(PRIO_PROCESS, 0);
    printf("getpriority: %d errno %d\n", prio, errno);
    SHOW("setpriority(+1)", setpriority(PRIO_PROCESS, 0, prio + 1));
    SHOW("getpriority(own pid)", getpriority(PRIO_PROCESS, getpid()));
    SHOW("getpriority(pid 999999999)", syscall(SYS_getpriority, PRIO_PROCESS, 999999999));
    return 0;
}
