/* Process groups and sessions: a child starts in its parent's group and session; setpgid from the child and from
 * the parent, with its errors; a group of two processes killed at once with kill(-pgid) and kill(0); wait4 and
 * waitid by group; setsid in a child (a new session and group led by it, a second setsid refused), and a child
 * that leads a session cannot change its group. Only relations are printed (pids differ from run to run). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case EINVAL: return "EINVAL";
    case ECHILD: return "ECHILD";
    default: return strerror(errno);
    }
}

static volatile int caught;
static void on_usr1(int s) { caught++; }

static void report(const char *what, pid_t pid, int status) {
    if (pid < 0) printf("%s: %s\n", what, err(pid));
    else if (WIFSIGNALED(status)) printf("%s: killed by %d\n", what, WTERMSIG(status));
    else printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    /* a group of its own first: kill(0) below must not reach whoever started this program */
    long own = setpgid(0, 0);
    pid_t me = getpid(), pg = getpgrp(), sid = getsid(0);
    printf("setpgid(0, 0): %s, leads its group: %d\n", err(own), pg == me);
    printf("getpgid(0) is getpgrp: %d, getpgid(self) too: %d, getsid(self) is getsid(0): %d\n",
           getpgid(0) == pg, getpgid(me) == pg, getsid(me) == sid);
    printf("setpgid(0, -1): %s\n", err(setpgid(0, -1)));
    printf("setpgid(1, 0): %s\n", err(setpgid(1, 0)));

    int go[2], ready[2];   /* go: the child may fork; ready: a byte from the child, one from the grandchild */
    pipe(go);
    pipe(ready);
    pid_t a = fork();
    if (a == 0) {   /* a: the parent's group at first, then a group of its own */
        printf("child starts in the parent's group: %d, session: %d\n", getpgrp() == pg, getsid(0) == sid);
        long r = setpgid(0, 0);
        printf("child setpgid(0, 0): %s, now leads its group: %d\n", err(r), getpgrp() == getpid());
        write(ready[1], "c", 1);
        char c;
        read(go[0], &c, 1);   /* until the parent has looked */
        pid_t b = fork();
        if (b == 0) {   /* b, in a's group */
            printf("grandchild in the child's group: %d\n", getpgrp() == getppid());
            write(ready[1], "g", 1);
            pause();
            _exit(1);
        }
        pause();
        _exit(2);
    }
    close(go[0]);
    char byte;
    read(ready[0], &byte, 1);
    printf("parent sees the child's group: %d\n", getpgid(a) == a);
    printf("parent setpgid(child, child): %s\n", err(setpgid(a, a)));
    printf("parent setpgid(child, own group): %s\n", err(setpgid(a, pg)));
    printf("parent setpgid(child, child) again: %s\n", err(setpgid(a, a)));
    write(go[1], "g", 1);
    read(ready[0], &byte, 1);
    printf("kill(-child's group, SIGTERM): %s\n", err(kill(-a, SIGTERM)));
    int status;
    pid_t w = waitpid(-a, &status, 0);
    report("waitpid(-group) first", w < 0 ? w : 0, status);
    printf("it was the child: %d\n", w == a);
    report("waitpid(-group) again", waitpid(-a, &status, 0), status);

    /* kill(0) reaches this process and a child in its group */
    signal(SIGUSR1, on_usr1);
    pid_t c = fork();
    if (c == 0) {
        while (!caught) pause();
        _exit(caught);
    }
    usleep(100000);
    printf("kill(0, SIGUSR1): %s\n", err(kill(0, SIGUSR1)));
    w = waitpid(0, &status, 0);
    printf("waitpid(0) got the child: %d, which caught %d; this process caught %d\n", w == c, WEXITSTATUS(status),
           caught);

    /* setsid */
    pid_t d = fork();
    if (d == 0) {
        pid_t s = setsid();
        const char *e = err(s);
        printf("child setsid: %s, returns its pid: %d, leads session and group: %d %d\n", e, s == getpid(),
               getsid(0) == getpid(), getpgrp() == getpid());
        printf("setsid again: %s\n", err(setsid()));
        printf("a session leader's setpgid(0, 0): %s\n", err(setpgid(0, 0)));
        _exit(3);
    }
    w = waitpid(d, &status, 0);
    report("setsid child", 0, status);
    siginfo_t info;
    printf("waitid(P_PGID, own group) with no child: %s\n", err(waitid(P_PGID, pg, &info, WEXITED)));
    return 0;
}
