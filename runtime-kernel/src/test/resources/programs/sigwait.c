/* Signals taken synchronously and queued: sigpending, sigwaitinfo and sigtimedwait (the signal's siginfo, a zero
 * and a short timeout, EINTR when a handled signal comes meanwhile), sigqueue's value, a process signal taken by
 * the thread that waits for it while every thread blocks it, a child's kill, and the errors. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err(void) {
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case EINTR: return "EINTR";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case ESRCH: return "ESRCH";
    default: return strerror(errno);
    }
}

static volatile int alarms;
static void onalrm(int s) { alarms++; }

static void *waiter(void *arg) {
    sigset_t *set = arg;
    int sig = 0;
    int r = sigwait(set, &sig);
    printf("thread's sigwait: %d sig %d\n", r, sig);
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

    raise(SIGUSR1);
    sigset_t pend;
    sigemptyset(&pend);
    int pr = sigpending(&pend);
    printf("sigpending: %d, USR1 %d USR2 %d\n", pr, sigismember(&pend, SIGUSR1), sigismember(&pend, SIGUSR2));
    siginfo_t si;
    memset(&si, 0x55, sizeof si);
    int r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: %d signo %d code %d pid ok %d\n", r, si.si_signo, si.si_code, si.si_pid == getpid());
    sigpending(&pend);
    printf("pending after: USR1 %d\n", sigismember(&pend, SIGUSR1));

    struct timespec zero = {0, 0}, short_ = {0, 30000000};
    errno = 0;
    r = sigtimedwait(&set, &si, &zero);
    printf("sigtimedwait(0): %d %s\n", r, err());
    errno = 0;
    r = sigtimedwait(&set, &si, &short_);
    printf("sigtimedwait(30 ms): %d %s\n", r, err());

    union sigval v = {.sival_int = 1234};
    printf("sigqueue: %d\n", sigqueue(getpid(), SIGRTMIN, v));
    memset(&si, 0, sizeof si);
    r = sigwaitinfo(&set, &si);
    printf("queued: %d is SIGRTMIN %d code %d value %d pid ok %d\n", r, r == SIGRTMIN, si.si_code,
           si.si_value.sival_int, si.si_pid == getpid());

    /* every thread blocks SIGUSR2; the one in sigwait takes the process's signal */
    sigset_t only2;
    sigemptyset(&only2);
    sigaddset(&only2, SIGUSR2);
    pthread_t th;
    pthread_create(&th, NULL, waiter, &only2);
    usleep(50000);
    kill(getpid(), SIGUSR2);
    pthread_join(th, NULL);

    /* a child's kill while the parent waits */
    pid_t me = getpid(), p = fork();
    if (p == 0) {
        usleep(20000);
        kill(me, SIGUSR1);
        _exit(0);
    }
    struct timespec five = {5, 0};
    memset(&si, 0, sizeof si);
    r = sigtimedwait(&set, &si, &five);
    printf("from the child: %d code %d pid is the child's %d\n", r, si.si_code, si.si_pid == p);
    int st;
    waitpid(p, &st, 0);

    /* a handled signal outside the set ends the wait */
    struct sigaction sa = {.sa_handler = onalrm};
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval iv = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &iv, NULL);
    struct timespec two = {2, 0};
    errno = 0;
    r = sigtimedwait(&set, &si, &two);
    printf("interrupted: %d %s, alarms %d\n", r, err(), alarms);

    /* errors */
    errno = 0;
    r = syscall(SYS_rt_sigtimedwait, &set, NULL, &zero, 4);
    printf("sigsetsize 4: %d %s\n", r, err());
    struct timespec bad = {0, 1000000000};
    errno = 0;
    r = sigtimedwait(&set, NULL, &bad);
    printf("bad timeout: %d %s\n", r, err());
    errno = 0;
    r = syscall(SYS_rt_sigpending, (void *) 8, 8);
    printf("sigpending(bad pointer): %d %s\n", r, err());
    if ((p = fork()) == 0) {
        pause();
        _exit(0);
    }
    memset(&si, 0, sizeof si);
    si.si_code = SI_USER;
    errno = 0;
    r = syscall(SYS_rt_sigqueueinfo, p, SIGUSR1, &si);
    printf("rt_sigqueueinfo(SI_USER, another process): %d %s\n", r, err());
    kill(p, SIGKILL);
    waitpid(p, &st, 0);
    errno = 0;
    r = sigqueue(999999999, SIGUSR1, v);
    printf("sigqueue(no such process): %d %s\n", r, err());
    return 0;
}
