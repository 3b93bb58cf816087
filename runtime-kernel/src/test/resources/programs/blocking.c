/* Signals that reach a thread blocked in a system call that waits on somebody else: a read from an empty pipe,
 * a write into a full one, accept, recv, each interrupted by a timer's signal (EINTR without SA_RESTART, the call
 * made again after a handler with it), poll, select, epoll_wait and nanosleep (EINTR either way), a signal to one
 * thread blocked in a read, the default action of SIGALRM ending a child blocked in a read, and exit while another
 * thread still waits in a read. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EINTR: return "EINTR";
    case EAGAIN: return "EAGAIN";
    default: return strerror(errno);
    }
}

static volatile int handled;
static int feed = -1;   /* where the restarting handler writes one byte */

static void plain(int s) { handled++; }
static void feeding(int s) {
    handled++;
    if (feed >= 0) write(feed, "x", 1);
}

static void on(int sig, void (*h)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/* SIGALRM in 50 ms */
static void soon(void) {
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void *reader(void *arg) {
    int fd = *(int *) arg;
    char c;
    long r = read(fd, &c, 1);
    printf("thread's read: %ld %s, handled %d\n", r, err(r), handled);
    return NULL;
}

static void *forever(void *arg) {
    int fd = *(int *) arg;
    char c;
    read(fd, &c, 1);
    printf("never\n");
    return NULL;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int p[2];
    char buf[16];
    pipe(p);

    on(SIGALRM, plain, 0);
    soon();
    long r = read(p[0], buf, sizeof buf);
    printf("read, no SA_RESTART: %ld %s, handled %d\n", r, err(r), handled);

    on(SIGALRM, feeding, SA_RESTART);
    feed = p[1];
    soon();
    r = read(p[0], buf, sizeof buf);
    printf("read, SA_RESTART: %ld %s %.*s, handled %d\n", r, err(r), r > 0 ? (int) r : 0, buf, handled);
    feed = -1;

    struct iovec iov = {buf, sizeof buf};
    on(SIGALRM, plain, 0);
    soon();
    r = readv(p[0], &iov, 1);
    printf("readv: %ld %s, handled %d\n", r, err(r), handled);

    /* a full pipe: the next write waits */
    fcntl(p[1], F_SETFL, O_NONBLOCK);
    static char block[4096];
    long filled = 0;
    while ((r = write(p[1], block, sizeof block)) > 0) filled += r;
    printf("pipe full after %ld bytes: %s\n", filled, err(r));
    fcntl(p[1], F_SETFL, 0);
    soon();
    r = write(p[1], "y", 1);
    printf("write into a full pipe: %ld %s, handled %d\n", r, err(r), handled);
    close(p[0]);
    close(p[1]);

    /* accept with nobody connecting */
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    snprintf(sun.sun_path + 1, sizeof sun.sun_path - 1, "ring3-blocking-%d", (int) getpid());
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(sun.sun_path + 1);
    if (bind(l, (struct sockaddr *) &sun, len) != 0 || listen(l, 1) != 0) perror("bind/listen");
    soon();
    r = accept(l, NULL, NULL);
    printf("accept: %ld %s, handled %d\n", r, err(r), handled);
    close(l);

    /* recv on a socket pair, the handler sending what it waits for */
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    on(SIGALRM, feeding, SA_RESTART);
    feed = sv[1];
    soon();
    r = recv(sv[0], buf, sizeof buf, 0);
    printf("recv, SA_RESTART: %ld %s %.*s, handled %d\n", r, err(r), r > 0 ? (int) r : 0, buf, handled);
    feed = -1;
    on(SIGALRM, plain, 0);
    soon();
    r = recv(sv[0], buf, sizeof buf, 0);
    printf("recv, no SA_RESTART: %ld %s, handled %d\n", r, err(r), handled);
    close(sv[0]);
    close(sv[1]);

    /* poll, select, epoll_wait and nanosleep return EINTR after a handler, SA_RESTART or not */
    int q[2];
    pipe(q);
    on(SIGALRM, plain, SA_RESTART);
    struct pollfd pfd = {q[0], POLLIN, 0};
    soon();
    r = poll(&pfd, 1, -1);
    printf("poll: %ld %s, handled %d\n", r, err(r), handled);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(q[0], &rs);
    soon();
    r = select(q[0] + 1, &rs, NULL, NULL, NULL);
    printf("select: %ld %s, handled %d\n", r, err(r), handled);
    int ep = epoll_create1(0);
    struct epoll_event ev = {EPOLLIN, {0}};
    epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
    soon();
    r = epoll_wait(ep, &ev, 1, -1);
    printf("epoll_wait: %ld %s, handled %d\n", r, err(r), handled);
    struct timespec req = {5, 0}, rem = {0, 0};
    soon();
    r = nanosleep(&req, &rem);
    printf("nanosleep: %ld %s, %s left, handled %d\n", r, err(r), rem.tv_sec >= 4 ? "over 4 s" : "under 4 s", handled);
    close(ep);
    close(q[0]);
    close(q[1]);

    /* a signal to one thread blocked in a read */
    pipe(p);
    on(SIGUSR1, plain, 0);
    pthread_t th;
    pthread_create(&th, NULL, reader, &p[0]);
    usleep(100000);
    pthread_kill(th, SIGUSR1);
    pthread_join(th, NULL);

    /* SIGALRM's default action ends a child blocked in a read */
    pid_t child = fork();
    if (child == 0) {
        signal(SIGALRM, SIG_DFL);
        soon();
        read(p[0], buf, 1);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child: %s %d\n", WIFSIGNALED(status) ? "killed by" : "exited", WIFSIGNALED(status) ? WTERMSIG(status)
                                                                                             : WEXITSTATUS(status));

    /* exit while a thread still waits in a read: the process ends now */
    pthread_create(&th, NULL, forever, &p[0]);
    usleep(50000);
    printf("exit with a reader waiting\n");
    exit(7);
}
