/* Signals sent from outside to the process (kill from another process, as a terminal's ^C or timeout would send
 * them) while it waits in a read of standard input: handlers for SIGINT, SIGTERM, SIGHUP and SIGUSR1 run, each
 * reported on its own line, the read interrupted (EINTR, no SA_RESTART) and made again, until standard input ends.
 * With the argument "dispositions": what the program found at start for SIGINT and SIGHUP (a parent may have
 * ignored them) and whether it survives raising SIGHUP. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void handler(int sig) {
    char b[32];
    int n = snprintf(b, sizeof b, "caught %d\n", sig);
    write(1, b, n);
}

static const char *disposition(int sig) {
    struct sigaction old;
    sigaction(sig, NULL, &old);
    return old.sa_handler == SIG_IGN ? "ignored" : old.sa_handler == SIG_DFL ? "default" : "handled";
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && strcmp(argv[1], "dispositions") == 0) {
        printf("SIGINT %s, SIGHUP %s\n", disposition(SIGINT), disposition(SIGHUP));
        raise(SIGHUP);
        printf("survived SIGHUP\n");
        return 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGUSR1};
    for (int k = 0; k < 4; k++) sigaction(sigs[k], &sa, NULL);
    printf("ready\n");
    char buf[8];
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) < 0 && errno == EINTR) continue;
    printf("read %zd\n", r);
    return 5;
}
