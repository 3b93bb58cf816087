/* Descriptors passed over a UNIX socket (SCM_RIGHTS): a pipe's write end and a file sent to a child in one
 * message with data, received as the lowest free descriptors and working there (the child writes into the pipe
 * the parent reads, and reads the file the parent wrote); MSG_CMSG_CLOEXEC marks received descriptors
 * close-on-exec; several descriptors in one message; a full table takes what fits (MSG_CTRUNC); a descriptor
 * that is not open gives EBADF. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    default: return strerror(errno);
    }
}

/* the child's report, sent to the parent at its end (so that the lines come in one order) */
static char report[1024];
static void note(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    size_t n = strlen(report);
    vsnprintf(report + n, sizeof report - n, fmt, ap);
    va_end(ap);
}

static long sendfds(int sock, const int *fds, int n, const char *data) {
    char cbuf[CMSG_SPACE(8 * sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov = {(void *) data, strlen(data)};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = CMSG_SPACE(n * sizeof(int));
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(n * sizeof(int));
    memcpy(CMSG_DATA(cm), fds, n * sizeof(int));
    return sendmsg(sock, &m, 0);
}

/* receives data and up to 8 descriptors; returns how many descriptors came */
static int recvfds(int sock, int *fds, char *data, size_t cap, int flags) {
    char cbuf[CMSG_SPACE(8 * sizeof(int))];
    struct iovec iov = {data, cap - 1};
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = cbuf;
    m.msg_controllen = sizeof cbuf;
    long r = recvmsg(sock, &m, flags);
    if (r < 0) {
        note("recvmsg: %s\n", err(r));
        return -1;
    }
    data[r] = 0;
    int n = 0;
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            int k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds + n, CMSG_DATA(cm), k * sizeof(int));
            n += k;
        }
    }
    note("received \"%s\" with %d descriptors%s\n", data, n, m.msg_flags & MSG_CTRUNC ? " (truncated)" : "");
    return n;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2], p[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pipe(p);
    char path[] = "/tmp/ring3-passfd-XXXXXX";
    int f = mkstemp(path);
    write(f, "from the file", 13);
    lseek(f, 0, SEEK_SET);
    unlink(path);

    pid_t child = fork();
    if (child == 0) {
        close(sv[0]);
        close(p[0]);
        close(p[1]);
        close(f);
        int fds[8];
        char data[64];
        int low = dup(0);   /* the lowest free descriptor, closed again: where the first received one lands */
        close(low);
        int n = recvfds(sv[1], fds, data, sizeof data, 0);
        if (n != 2) _exit(1);
        note("child: first descriptor is the lowest free: %d\n", fds[0] == low);
        char buf[32] = {0};
        long r = read(fds[1], buf, sizeof buf - 1);
        note("child read the file: %ld \"%s\"\n", r, buf);
        write(fds[0], "through the pipe", 16);
        n = recvfds(sv[1], fds, data, sizeof data, MSG_CMSG_CLOEXEC);
        for (int k = 0; k < n; k++) note("child: descriptor %d close-on-exec: %d\n", k, (fcntl(fds[k], F_GETFD) & FD_CLOEXEC) != 0);
        /* a full table but one: one of three descriptors is installed, the message cut short */
        struct rlimit rl = {1024, 1024};
        setrlimit(RLIMIT_NOFILE, &rl);
        int last = -1, filled = 0;
        for (int d; (d = dup(0)) >= 0; filled++) last = d;
        close(last);
        note("table filled after %s\n", filled > 1000 ? "about 1024 descriptors" : "too few");
        n = recvfds(sv[1], fds, data, sizeof data, 0);
        write(sv[1], report, strlen(report));
        _exit(0);
    }
    close(sv[1]);
    int two[2] = {p[1], f};
    printf("sendmsg with two descriptors: %s\n", err(sendfds(sv[0], two, 2, "take these")));
    close(p[1]);
    char buf[32] = {0};
    long r = read(p[0], buf, sizeof buf - 1);
    printf("parent read from the pipe: %ld \"%s\"\n", r, buf);
    int three[3] = {0, 1, 2};
    printf("sendmsg with three: %s\n", err(sendfds(sv[0], three, 3, "stdio")));
    printf("sendmsg with three again: %s\n", err(sendfds(sv[0], three, 3, "more")));
    int status;
    waitpid(child, &status, 0);
    printf("child exited %d, its report:\n", WEXITSTATUS(status));
    char rep[1024];
    long got = 0;
    while ((r = read(sv[0], rep + got, sizeof rep - 1 - got)) > 0) got += r;
    rep[got] = 0;
    fputs(rep, stdout);
    int bad[1] = {57};
    printf("sendmsg of a descriptor that is not open: %s\n", err(sendfds(sv[0], bad, 1, "x")));
    return 0;
}
