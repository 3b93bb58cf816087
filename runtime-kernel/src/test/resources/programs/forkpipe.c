/* fork, vfork, pipes and wait: children that exit with codes, die of signals, compute in hot loops and send the
 * results through pipes; memory copied, descriptors and file offsets shared; the errors (ECHILD, EINVAL, EFAULT);
 * and a vforked child that execs this program again. Pids are printed only as relations. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int counter = 100;

static const char *err(int e) {
    switch (e) {
    case ECHILD: return "ECHILD";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EBADF: return "EBADF";
    default: return "other";
    }
}

static void status(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else printf("%s: status %#x\n", what, st);
}

static unsigned long hot(unsigned long seed) {
    unsigned long h = seed;
    for (int i = 0; i < 200000; i++) h = (h ^ (h >> 7)) * 0x9E3779B97F4A7C15UL + i;
    return h;
}

int main(int argc, char **argv) {
    if (argc > 1) {   /* run again by the vforked child */
        printf("exec'd child: %s, parent is the vforker: %s\n", argv[1], getppid() == atoi(argv[2]) ? "yes" : "no");
        return 7;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    int st;
    long r = wait(&st);
    printf("wait with no children: %ld %s\n", r, err(errno));

    /* exit codes, memory copied, getppid */
    pid_t me = getpid();
    pid_t p = fork();
    if (p == 0) {
        counter += 5;
        _exit(getppid() == me && counter == 105 ? 3 : 99);
    }
    if (waitpid(p, &st, 0) == p) status("child", st);
    printf("parent's counter: %d\n", counter);
    r = waitpid(p, &st, 0);
    printf("wait again: %ld %s\n", r, err(errno));

    /* WNOHANG while the child waits for the parent, then after it exits */
    int go[2];
    pipe(go);
    if ((p = fork()) == 0) {
        close(go[1]);
        char ch;
        _exit(read(go[0], &ch, 1) == 1 ? 4 : 98);
    }
    close(go[0]);
    printf("WNOHANG while it runs: %ld\n", (long) waitpid(p, &st, WNOHANG));
    write(go[1], "g", 1);
    close(go[1]);
    if (waitpid(p, &st, 0) == p) status("released child", st);

    /* a pipe: hot loops in two children, results read by the parent */
    int fds[2];
    if (pipe(fds) != 0) return 1;
    for (int k = 0; k < 2; k++) {
        if (fork() == 0) {
            close(fds[0]);
            char line[64];
            int n = snprintf(line, sizeof line, "child %d: %016lx\n", k, hot(k + 1));
            if (write(fds[1], line, n) != n) _exit(1);
            _exit(0);
        }
    }
    close(fds[1]);
    char buf[256];
    size_t got = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0) got += n;
    buf[got] = 0;
    close(fds[0]);
    /* the two lines in either order: print them sorted */
    char *second = strchr(buf, '\n');
    if (second && buf[6] == '1') printf("%s%.*s", second + 1, (int) (second + 1 - buf), buf);
    else printf("%s", buf);
    int reaped = 0;
    while (wait(&st) > 0) reaped += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    printf("reaped %d, then: %s\n", reaped, errno == ECHILD ? "ECHILD" : "?");

    /* a signal's death: SIGTERM from the child itself, and from the parent */
    if ((p = fork()) == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(p, &st, 0);
    status("raise(SIGTERM)", st);
    int ready[2];
    pipe(ready);
    if ((p = fork()) == 0) {
        close(ready[0]);
        write(ready[1], "r", 1);
        for (;;) getppid();   /* system calls until the signal comes */
    }
    close(ready[1]);
    read(ready[0], buf, 1);
    kill(p, SIGTERM);
    waitpid(p, &st, 0);
    status("kill(SIGTERM)", st);

    /* a write to a pipe nobody reads: SIGPIPE ends the writer; ignored, the write fails with EPIPE */
    int dead[2];
    pipe(dead);
    close(dead[0]);
    if ((p = fork()) == 0) {
        write(dead[1], "x", 1);
        _exit(0);
    }
    waitpid(p, &st, 0);
    status("write to a closed pipe", st);
    signal(SIGPIPE, SIG_IGN);
    r = write(dead[1], "x", 1);
    printf("ignored SIGPIPE: %ld %s\n", r, errno == EPIPE ? "EPIPE" : "?");
    signal(SIGPIPE, SIG_DFL);
    close(dead[1]);

    /* a shared file offset */
    FILE *tmp = tmpfile();
    int fd = fileno(tmp);
    if ((p = fork()) == 0) {
        write(fd, "child ", 6);
        _exit(0);
    }
    waitpid(p, &st, 0);
    write(fd, "parent\n", 7);
    lseek(fd, 0, SEEK_SET);
    n = read(fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("file: %s", buf);

    /* pipe2 flags, and the errors */
    if (pipe2(fds, O_CLOEXEC) == 0) {
        printf("pipe2(O_CLOEXEC): %d %d\n", fcntl(fds[0], F_GETFD), fcntl(fds[1], F_GETFD));
        close(fds[0]);
        close(fds[1]);
    }
    r = syscall(SYS_pipe2, fds, 0x1234);
    printf("pipe2(bad flags): %ld %s\n", r, err(errno));
    r = syscall(SYS_pipe2, (void *) 8, 0);
    printf("pipe(bad array): %ld %s\n", r, err(errno));
    r = syscall(SYS_wait4, -1, &st, 0x100, 0);
    printf("wait4(bad options): %ld %s\n", r, err(errno));

    /* a grandchild: the child waits for its own child */
    if ((p = fork()) == 0) {
        pid_t q = fork();
        if (q == 0) _exit(5);
        int s2;
        waitpid(q, &s2, 0);
        _exit(WIFEXITED(s2) ? WEXITSTATUS(s2) + 10 : 99);
    }
    waitpid(p, &st, 0);
    status("child of a grandchild's exit 5", st);

    /* vfork: _exit, then exec of this program */
    if ((p = vfork()) == 0) _exit(6);
    waitpid(p, &st, 0);
    status("vfork + _exit", st);
    char mine[16];
    snprintf(mine, sizeof mine, "%d", (int) getpid());
    if ((p = vfork()) == 0) {
        execl("/proc/self/exe", argv[0], "hello", mine, (char *) 0);
        _exit(127);
    }
    waitpid(p, &st, 0);
    status("vfork + exec", st);

    /* waitid: WNOWAIT leaves the child to be waited for again (Go's os/exec), WNOHANG reports nothing as zeros,
       a child killed by a signal, and the errors */
    siginfo_t si;
    if ((p = fork()) == 0) _exit(42);
    memset(&si, 0x55, sizeof si);
    r = waitid(P_PID, p, &si, WEXITED | WNOWAIT);
    printf("waitid WNOWAIT: %ld signo %d code %d pid ok %d status %d uid ok %d\n", r, si.si_signo, si.si_code,
           si.si_pid == p, si.si_status, si.si_uid == getuid());
    memset(&si, 0x55, sizeof si);
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("waitid again: %ld code %d pid ok %d status %d\n", r, si.si_code, si.si_pid == p, si.si_status);
    r = waitid(P_PID, p, &si, WEXITED);
    printf("waitid reaped: %ld %s\n", r, err(errno));
    int ends[2];
    if (pipe(ends) != 0) return 1;
    if ((p = fork()) == 0) {
        char c;
        close(ends[1]);
        read(ends[0], &c, 1);   /* until the parent has looked with WNOHANG */
        kill(getpid(), SIGKILL);
        _exit(1);
    }
    close(ends[0]);
    memset(&si, 0x55, sizeof si);
    r = waitid(P_PID, p, &si, WEXITED | WNOHANG);
    printf("waitid WNOHANG while it runs: %ld signo %d pid %d\n", r, si.si_signo, si.si_pid);
    close(ends[1]);
    r = waitid(P_PID, p, &si, WEXITED);
    printf("waitid killed: %ld signo %d code %d status %d\n", r, si.si_signo, si.si_code, si.si_status);
    r = waitid(P_PID, p, &si, 0);
    printf("waitid(no event asked): %ld %s\n", r, err(errno));
    r = waitid(7, 0, &si, WEXITED);
    printf("waitid(bad idtype): %ld %s\n", r, err(errno));
    r = waitid(P_ALL, 0, &si, WEXITED);
    printf("waitid with no children: %ld %s\n", r, err(errno));
    return 0;
}
