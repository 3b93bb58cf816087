/* getsockname and getpeername on what is no socket: standard streams that are files or pipes are not
 * sockets (ENOTSOCK, decided before the pointers are looked at), closed descriptors are EBADF. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *err(int r) {
    if (r == 0) return "ok";
    switch (errno) {
    case ENOTSOCK: return "ENOTSOCK";
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    default: return "other";
    }
}

int main(void) {
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    printf("getpeername(0): %s\n", err(getpeername(0, (struct sockaddr *) &sa, &len)));
    printf("getsockname(1): %s\n", err(getsockname(1, (struct sockaddr *) &sa, &len)));
    printf("getpeername(2), bad pointers: %s\n", err(getpeername(2, (struct sockaddr *) 8, (socklen_t *) 8)));
    printf("getpeername(99): %s\n", err(getpeername(99, (struct sockaddr *) &sa, &len)));
    return 0;
}
