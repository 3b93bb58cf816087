/* signalfd: blocked signals read from a descriptor instead of delivered (two at once, lowest first, with sender,
 * code and a queued value), EAGAIN when none is pending, poll and epoll seeing it readable only then, a blocking
 * read woken by another thread's signal, a new mask through signalfd on the same descriptor, a POSIX timer's
 * signal, a forked child reading its own signals, and the errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    default: return strerror(errno);
    }
}

static void show(const char *what, int fd) {
    struct signalfd_siginfo si[4];
    long r = read(fd, si, sizeof si);
    if (r < 0) {
        printf("%s: %s\n", what, err(r));
        return;
    }
    printf("%s: %ld bytes\n", what, r);
    for (int k = 0; k < r / (long) sizeof si[0]; k++) {
        printf("  signo %u code %d from this process %d int %d\n", si[k].ssi_signo, si[k].ssi_code,
               si[k].ssi_pid == (unsigned) getpid(), si[k].ssi_int);
    }
}

static int fd;
static void *sender(void *arg) {
    usleep(100000);
    kill(getpid(), SIGUSR2);
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("signalfd: %s\n", err(fd));
    show("read with none pending", fd);
    struct pollfd p = {fd, POLLIN, 0};
    printf("poll with none pending: %d\n", poll(&p, 1, 0));
    kill(getpid(), SIGUSR2);
    raise(SIGUSR1);
    int ready = poll(&p, 1, 0);
    printf("poll with two pending: %d revents %d\n", ready, p.revents);
    show("read", fd);
    printf("poll after the read: %d\n", poll(&p, 1, 0));
    char small[64];
    kill(getpid(), SIGUSR1);
    printf("read into 64 bytes: %s\n", err(read(fd, small, sizeof small)));
    show("read again", fd);

    union sigval v = {.sival_int = 42};
    sigqueue(getpid(), SIGRTMIN, v);
    int ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLIN, {.u32 = 7}};
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    struct epoll_event got;
    int n = epoll_wait(ep, &got, 1, 1000);
    printf("epoll_wait: %d data %u\n", n, got.data.u32);
    show("read queued", fd);
    printf("epoll_wait with none pending: %d\n", epoll_wait(ep, &got, 1, 0));

    /* a blocking descriptor, woken by a signal another thread sends */
    int bfd = signalfd(-1, &set, 0);
    pthread_t th;
    pthread_create(&th, NULL, sender, NULL);
    show("blocking read", bfd);
    pthread_join(th, NULL);

    /* a new mask: SIGUSR1 only */
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, SIGUSR1);
    printf("new mask on the same descriptor: %d\n", signalfd(fd, &one, 0) == fd);
    raise(SIGUSR2);
    show("read with SIGUSR2 outside the mask", fd);
    raise(SIGUSR1);
    show("read SIGUSR1", fd);
    show("SIGUSR2 from the other descriptor", bfd);

    /* a POSIX timer's signal */
    timer_t tm;
    struct sigevent se = {0};
    se.sigev_notify = SIGEV_SIGNAL;
    se.sigev_signo = SIGRTMIN;
    se.sigev_value.sival_int = 5;
    timer_create(CLOCK_MONOTONIC, &se, &tm);
    struct itimerspec its = {{0, 0}, {0, 20000000}};
    timer_settime(tm, 0, &its, NULL);
    show("timer's signal", bfd);

    /* a child reads its own signals from the inherited descriptor */
    pid_t child = fork();
    if (child == 0) {
        show("child", bfd);
        _exit(0);
    }
    usleep(50000);
    kill(child, SIGUSR1);
    int status;
    waitpid(child, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));

    printf("signalfd on a pipe: %s\n", err(signalfd(ep, &set, 0)));
    printf("signalfd on a closed descriptor: %s\n", err(signalfd(99, &set, 0)));
    printf("bad flags: %s\n", err(signalfd(-1, &set, 1)));
    printf("bad size: %s\n", err(syscall(289, -1, &set, 4, 0)));
    return 0;
}
