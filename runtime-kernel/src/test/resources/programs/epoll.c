/* epoll and eventfd: readiness of pipe ends with the caller's data given back, add/mod/del and their errors
 * (EEXIST, ENOENT, EPERM for a regular file, EBADF, EINVAL for a descriptor that is no epoll, EFAULT), waits
 * that time out (a lower bound on the time only), an eventfd's counter and semaphore mode, and a wait without
 * timeout that another thread's write ends. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
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

static int fds[2];
static void *later(void *arg) {
    (void) arg;
    usleep(20000);
    write(fds[1], "z", 1);
    return NULL;
}

int main(void) {
    show("epoll_create1 bad flags", epoll_create1(12345));
    show("epoll_create 0", epoll_create(0));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("epoll fd ok %d, cloexec %d\n", ep >= 0, (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    pipe(fds);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ULL}, out[4];
    show("add", epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
    show("add again", epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
    show("wait, nothing ready", epoll_wait(ep, out, 4, 0));
    write(fds[1], "ab", 2);
    int n = epoll_wait(ep, out, 4, 0);
    printf("wait: %d, events %#x, data %#llx\n", n, out[0].events, (unsigned long long) out[0].data.u64);
    ev.events = EPOLLOUT;
    show("mod to EPOLLOUT", epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
    show("wait for EPOLLOUT on a read end", epoll_wait(ep, out, 4, 0));
    show("del", epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
    show("del again", epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
    ev.events = EPOLLOUT;
    ev.data.fd = fds[1];
    show("add write end", epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], &ev));
    n = epoll_wait(ep, out, 4, 0);
    printf("write end: %d, events %#x, fd matches %d\n", n, out[0].events, out[0].data.fd == fds[1]);
    epoll_ctl(ep, EPOLL_CTL_DEL, fds[1], NULL);

    int file = open("/proc/self/exe", O_RDONLY);
    int tmp = open(".", O_RDONLY | O_DIRECTORY);
    show("regular file", epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev));
    show("bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev));
    show("epfd not an epoll", epoll_ctl(fds[0], EPOLL_CTL_ADD, fds[1], &ev));
    show("bad event pointer", epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], (struct epoll_event *) 8));
    show("bad op", epoll_ctl(ep, 77, fds[0], &ev));
    show("maxevents 0", epoll_wait(ep, out, 0, 0));
    show("wait on a pipe", epoll_wait(fds[0], out, 4, 0));
    close(tmp);
    close(file);

    long t0 = ms();
    n = epoll_wait(ep, out, 4, 30);
    printf("timed out: %d, at least 25 ms %d\n", n, ms() - t0 >= 25);

    int efd = eventfd(3, 0);
    ev.events = EPOLLIN;
    ev.data.u32 = 42;
    show("add eventfd", epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    n = epoll_wait(ep, out, 4, 0);
    printf("eventfd ready: %d, data %u\n", n, out[0].data.u32);
    uint64_t v = 0;
    read(efd, &v, 8);
    printf("eventfd read %llu\n", (unsigned long long) v);
    show("eventfd empty, nonblocking wait", epoll_wait(ep, out, 4, 0));
    v = 5;
    write(efd, &v, 8);
    v = 2;
    write(efd, &v, 8);
    read(efd, &v, 8);
    printf("eventfd sum %llu\n", (unsigned long long) v);
    show("eventfd bad flags", eventfd(0, 0x10));
    int sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    read(sem, &v, 8);
    printf("semaphore read %llu\n", (unsigned long long) v);
    read(sem, &v, 8);
    show("semaphore empty", read(sem, &v, 8));
    epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL);

    /* a wait without timeout, ended by another thread's write */
    char drain[8];
    read(fds[0], drain, sizeof drain);
    ev.events = EPOLLIN;
    ev.data.u64 = 7;
    epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
    pthread_t th;
    pthread_create(&th, NULL, later, NULL);
    n = epoll_wait(ep, out, 4, -1);
    printf("woken by a thread: %d, data %llu\n", n, (unsigned long long) out[0].data.u64);
    pthread_join(th, NULL);
    return 0;
}
