/* Sockets: a UNIX socketpair both ways, sendmsg and recvmsg with several iovecs, TCP on the loopback (bind to
 * port 0, listen, getsockname, connect from a thread, accept4, send and recv, shutdown seen as end of file), UDP
 * with sendto and recvfrom's source address, socket options, poll on a socket, SIGPIPE and MSG_NOSIGNAL, and the
 * errors (ENOTSOCK, EBADF, EFAULT, EINVAL, EAFNOSUPPORT, ECONNREFUSED). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0) printf("%s: -1 %s\n", what, strerror(errno));
    else printf("%s: %ld\n", what, r);
}

static struct sockaddr_in server;
static void *client(void *arg) {
    (void) arg;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (struct sockaddr *) &server, sizeof server) != 0) perror("connect");
    char buf[64];
    int n = recv(s, buf, sizeof buf, MSG_WAITALL);
    printf("client got %d bytes: %.*s\n", n, n, buf);
    send(s, "pong", 4, 0);
    shutdown(s, SHUT_WR);
    close(s);
    return NULL;
}

static volatile int pipes;
static void onPipe(int sig) { (void) sig; pipes++; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int sv[2];
    show("socketpair", socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
    printf("cloexec %d\n", (fcntl(sv[0], F_GETFD) & FD_CLOEXEC) != 0);
    write(sv[0], "hello", 5);
    char buf[64];
    int n = read(sv[1], buf, sizeof buf);
    printf("pair: %.*s\n", n, buf);
    struct iovec out[3] = {{"one ", 4}, {"two ", 4}, {"three", 5}};
    struct msghdr m = {.msg_iov = out, .msg_iovlen = 3};
    show("sendmsg", sendmsg(sv[1], &m, 0));
    char a[6] = {0}, b[20] = {0};
    struct iovec in[2] = {{a, 5}, {b, sizeof b - 1}};
    struct msghdr r = {.msg_iov = in, .msg_iovlen = 2};
    n = recvmsg(sv[0], &r, 0);
    printf("recvmsg %d: [%s] [%s] flags %d\n", n, a, b, r.msg_flags);

    /* TCP on the loopback */
    int l = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    show("SO_REUSEADDR", setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    int type = 0;
    socklen_t tl = sizeof type;
    getsockopt(l, SOL_SOCKET, SO_TYPE, &type, &tl);
    printf("SO_TYPE %d (len %d)\n", type, tl);
    server.sin_family = AF_INET;
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server.sin_port = 0;
    show("bind", bind(l, (struct sockaddr *) &server, sizeof server));
    socklen_t sl = sizeof server;
    getsockname(l, (struct sockaddr *) &server, &sl);
    printf("bound to the loopback %d, a port %d\n", server.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           ntohs(server.sin_port) > 0);
    show("accept before listen", accept(l, NULL, NULL));
    show("listen", listen(l, 4));
    pthread_t th;
    pthread_create(&th, NULL, client, NULL);
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    int c = accept4(l, (struct sockaddr *) &peer, &pl, SOCK_CLOEXEC);
    printf("accepted: peer on the loopback %d, len %d, cloexec %d\n", peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           pl, (fcntl(c, F_GETFD) & FD_CLOEXEC) != 0);
    struct pollfd pf = {c, POLLOUT, 0};
    int ready = poll(&pf, 1, 1000);
    printf("poll: %d, writable %d\n", ready, (pf.revents & POLLOUT) != 0);
    send(c, "ping-ping", 9, 0);
    shutdown(c, SHUT_WR);
    n = recv(c, buf, sizeof buf, MSG_WAITALL);
    printf("server got %d bytes: %.*s\n", n, n, buf);
    show("end of stream", recv(c, buf, sizeof buf, 0));
    pthread_join(th, NULL);
    signal(SIGPIPE, onPipe);
    show("send after the peer closed, MSG_NOSIGNAL", send(c, "x", 1, MSG_NOSIGNAL));
    usleep(10000);
    send(c, "x", 1, 0);
    show("send again", send(c, "x", 1, 0));
    printf("SIGPIPEs: %d\n", pipes > 0);
    close(c);

    /* UDP */
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in ua = server;
    ua.sin_port = 0;
    bind(u1, (struct sockaddr *) &ua, sizeof ua);
    sl = sizeof ua;
    getsockname(u1, (struct sockaddr *) &ua, &sl);
    show("sendto", sendto(u2, "datagram", 8, 0, (struct sockaddr *) &ua, sizeof ua));
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    n = recvfrom(u1, buf, sizeof buf, 0, (struct sockaddr *) &from, &fl);
    printf("recvfrom %d: %.*s, from the loopback %d, len %d\n", n, n, buf, from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), fl);

    /* errors */
    int file = open("/proc/self/exe", O_RDONLY);
    show("bind on a file", bind(file, (struct sockaddr *) &ua, sizeof ua));
    show("listen on a closed descriptor", listen(999, 1));
    show("connect, bad address", connect(u2, (struct sockaddr *) 8, sizeof ua));
    show("connect, address too long", connect(u2, (struct sockaddr *) &ua, 1000));
    show("socket, bad family", socket(12345, SOCK_STREAM, 0));
    show("accept4, bad flags", syscall(SYS_accept4, l, NULL, NULL, 0x40));
    int t = socket(AF_INET, SOCK_STREAM, 0);
    show("connect to a closed port", connect(t, (struct sockaddr *) &ua, sizeof ua));
    show("getsockopt, bad length pointer", getsockopt(l, SOL_SOCKET, SO_TYPE, &type, (socklen_t *) 8));
    show("recvmsg, bad header", syscall(SYS_recvmsg, sv[0], (struct msghdr *) 8, MSG_DONTWAIT));
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    show("connect to a missing UNIX path", connect(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *) &un, sizeof un));
    return 0;
}
