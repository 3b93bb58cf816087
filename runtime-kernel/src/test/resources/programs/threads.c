/* Threads (clone with CLONE_THREAD, through pthreads): hot loops in several threads at once, thread-local
 * storage, mutexes and condition variables (futex waits and wakes between threads), a timed wait that times out,
 * semaphores, pthread_exit's value, tids, a signal sent to one thread (pthread_kill) and one sent to the process
 * while only one thread leaves it unblocked; then, in children, the process's end: exit() in a thread while the
 * main thread waits in pthread_join for a thread that never ends, a thread's fatal signal (raise: to that
 * thread), exit with one thread blocked in a read and one looping, execve in a thread (the others end; the new
 * program runs alone, as the leader: its tid is the pid), and the main thread's pthread_exit with a thread still
 * working (the process ends with its last thread, status 0; glibc only). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static __thread long local = 100;
static long sums[4], locals[4];
static pid_t tids[4];

static pid_t tid(void) { return (pid_t) syscall(SYS_gettid); }

static void *work(void *arg) {
    long k = (long) arg, s = 0;
    local += k;   /* each thread its own copy */
    for (long i = 0; i < 3000000; i++) s += (i * (k + 3)) % 11;
    sums[k] = s;
    locals[k] = local;
    tids[k] = tid();
    return (void *) (s % 1000);
}

/* a bounded queue: producer and consumer block on condition variables */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notEmpty = PTHREAD_COND_INITIALIZER, notFull = PTHREAD_COND_INITIALIZER;
static int queue[8], head, count;

static void *producer(void *arg) {
    (void) arg;
    for (int i = 1; i <= 2000; i++) {
        pthread_mutex_lock(&mu);
        while (count == 8) pthread_cond_wait(&notFull, &mu);
        queue[(head + count++) % 8] = i;
        pthread_cond_signal(&notEmpty);
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

static void *consumer(void *arg) {
    long total = 0;
    for (int i = 0; i < 2000; i++) {
        pthread_mutex_lock(&mu);
        while (count == 0) pthread_cond_wait(&notEmpty, &mu);
        total += queue[head];
        head = (head + 1) % 8;
        count--;
        pthread_cond_signal(&notFull);
        pthread_mutex_unlock(&mu);
    }
    *(long *) arg = total;
    return NULL;
}

static volatile int gotSig;
static volatile pid_t handlerTid;
static void onSig(int sig) {
    gotSig = sig;
    handlerTid = tid();
}

static sem_t ready;
static volatile pid_t waiterTid;
static void *waiter(void *arg) {
    (void) arg;
    waiterTid = tid();
    sem_post(&ready);
    while (!gotSig) usleep(1000);
    return NULL;
}

static void *forever(void *arg) {
    (void) arg;
    pthread_mutex_lock(&mu);
    for (;;) pthread_cond_wait(&notEmpty, &mu);
    return NULL;
}

static void *exitSeven(void *arg) {
    (void) arg;
    usleep(20000);
    exit(7);
}

static void *terminate(void *arg) {
    (void) arg;
    usleep(20000);
    raise(SIGTERM);   /* to this thread; its default action ends the process */
    return NULL;
}

static void *lastOne(void *arg) {
    (void) arg;
    usleep(30000);
    printf("the last thread, after the main thread's pthread_exit\n");
    fflush(stdout);
    return NULL;
}

static int blocked[2];
static void *reads(void *arg) {
    (void) arg;
    char c;
    read(blocked[0], &c, 1);   /* nothing ever comes */
    return NULL;
}

static void *spins(void *arg) {
    (void) arg;
    for (volatile long n = 0;; n++) {}
    return NULL;
}

static char self[4096];
static void *execs(void *arg) {
    (void) arg;
    usleep(20000);
    execl(self, "threads", "exec-child", (char *) NULL);
    return NULL;
}

/* A child whose main thread waits in pthread_join for a thread that never ends while a second one runs other. */
static pid_t withThreads(void *(*other)(void *)) {
    pid_t c = fork();
    if (c == 0) {
        pthread_t f, e;
        pthread_create(&f, NULL, forever, NULL);
        pthread_create(&e, NULL, other, NULL);
        pthread_join(f, NULL);
        _exit(99);
    }
    return c;
}

static void status(const char *what, pid_t p) {
    int st;
    waitpid(p, &st, 0);
    if (WIFEXITED(st)) printf("%s: exit %d\n", what, WEXITSTATUS(st));
    else printf("%s: signal %d\n", what, WTERMSIG(st));
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "exec-child") == 0) {
        printf("the program a thread's execve started, alone: %d\n", (pid_t) syscall(SYS_gettid) == getpid());
        return 9;
    }
    readlink("/proc/self/exe", self, sizeof self - 1);
    pthread_t th[4];
    for (long k = 0; k < 4; k++) pthread_create(&th[k], NULL, work, (void *) k);
    for (int k = 0; k < 4; k++) {
        void *r;
        pthread_join(th[k], &r);
        printf("thread %d: sum %ld, returned %ld, local %ld, own tid %d\n", k, sums[k], (long) r, locals[k],
               tids[k] != getpid() && tids[k] > 0);
    }
    printf("main's local %ld, tids distinct %d\n", local, tids[0] != tids[1] && tids[1] != tids[2]);

    pthread_t p, cons;
    long total = 0;
    pthread_create(&cons, NULL, consumer, &total);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(cons, NULL);
    printf("queue total %ld\n", total);

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 30000000;
    if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
    pthread_mutex_lock(&mu);
    int r = pthread_cond_timedwait(&notEmpty, &mu, &ts);
    pthread_mutex_unlock(&mu);
    printf("timed wait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r));

    /* a signal to one thread */
    signal(SIGUSR1, onSig);
    sem_init(&ready, 0, 0);
    pthread_t w;
    pthread_create(&w, NULL, waiter, NULL);
    sem_wait(&ready);
    pthread_kill(w, SIGUSR1);
    pthread_join(w, NULL);
    printf("pthread_kill: sig %d handled by the waiter %d\n", gotSig, handlerTid == waiterTid);

    /* a signal to the process, which only the waiter leaves unblocked */
    gotSig = 0;
    signal(SIGUSR2, onSig);
    sigset_t s2, old;
    sigemptyset(&s2);
    sigaddset(&s2, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &s2, &old);   /* the waiter inherits an unblocked SIGUSR2... */
    pthread_create(&w, NULL, waiter, NULL);
    pthread_sigmask(SIG_BLOCK, &s2, NULL);     /* ...which main then blocks */
    sem_wait(&ready);
    kill(getpid(), SIGUSR2);
    pthread_join(w, NULL);
    printf("kill to the process: sig %d handled by the waiter %d\n", gotSig, handlerTid == waiterTid);
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    /* exit() in a thread ends the process while main waits in pthread_join for a thread that never ends */
    status("exit in a thread", withThreads(exitSeven));

    /* a fatal signal to one thread ends the process */
    status("a thread's SIGTERM", withThreads(terminate));

    /* exit while one thread waits in a read from a pipe and another loops without calls */
    pid_t c = fork();
    if (c == 0) {
        pipe(blocked);
        pthread_t r, s;
        pthread_create(&r, NULL, reads, NULL);
        pthread_create(&s, NULL, spins, NULL);
        usleep(30000);
        exit(4);
    }
    status("exit with a thread in read and one looping", c);

    /* execve in a thread: the other threads end, the process goes on in the new program */
    status("execve in a thread", withThreads(execs));

#ifdef __GLIBC__
    /* pthread_exit in main: the process lives on until its last thread (not with musl, whose child of a program
     * that had threads does not end natively either when its last thread does) */
    c = fork();
    if (c == 0) {
        pthread_t l;
        pthread_create(&l, NULL, lastOne, NULL);
        pthread_exit(NULL);
    }
    status("main's pthread_exit", c);
#endif
    return 0;
}
