/* execve: failures leave the caller running with the right errno; a successful exec keeps the pid and the
 * descriptors without close-on-exec, closes the others, resets caught signals (ignored ones stay ignored), passes
 * argv and envp; "#!" scripts run their interpreter with [interpreter, its argument, script, args...]; programs
 * run through a descriptor (fexecve) and through /proc/self/fd. Each stage runs a loop hot enough to be translated
 * before it execs the next. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static unsigned hot(unsigned seed) {
    unsigned h = seed;
    for (int i = 0; i < 200000; i++) h = h * 2654435761u + (h >> 13) + i;
    return h;
}

static void on_usr1(int sig) { (void) sig; }

static const char *err(int e) {
    switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case ENOEXEC: return "ENOEXEC";
    case EFAULT: return "EFAULT";
    case ENOTDIR: return "ENOTDIR";
    default: return "other";
    }
}

static void try_exec(const char *what, const char *path, char *const argv[]) {
    char *envp[] = {NULL};
    int r = execve(path, argv, envp);
    printf("%s: %d %s\n", what, r, err(errno));
}

static void write_file(const char *path, const char *text, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text)) { perror(path); exit(2); }
    close(fd);
    chmod(path, mode);
}

static void show_args(int argc, char **argv, const char *script) {
    for (int i = 1; i < argc; i++) {
        if (script && strcmp(argv[i], script) == 0) printf("argv[%d] = <script>\n", i);
        else printf("argv[%d] = %s\n", i, argv[i]);
    }
}

int main(int argc, char **argv) {
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n < 0) { perror("readlink"); return 2; }
    self[n] = 0;
    const char *dir = getenv("EXEC_TMP");

    if (argc == 1) {
        printf("parent: hot %u\n", hot(1));
        char tmpl[] = "/tmp/ring3-exec-XXXXXX";
        if (!mkdtemp(tmpl)) { perror("mkdtemp"); return 2; }
        char text[4200], noexec[4200];
        snprintf(text, sizeof text, "%s/text", tmpl);
        snprintf(noexec, sizeof noexec, "%s/noexec", tmpl);
        write_file(text, "just words\n", 0755);
        write_file(noexec, "#!/bin/sh\n", 0644);
        char *args[] = {"x", NULL};
        try_exec("missing", "/no/such/program", args);
        try_exec("directory", "/", args);
        try_exec("not executable", noexec, args);
        try_exec("not a program", text, args);
        try_exec("bad path pointer", (const char *) 8, args);
        char *const *volatile wild = (char *const *) 8;
        try_exec("bad argv pointer", self, wild);
        char *bad[] = {"x", (char *) 8, NULL};
        try_exec("bad argv string", self, bad);
        unlink(text);
        unlink(noexec);

        int keep = open("/dev/null", O_RDONLY);
        int gone = open("/dev/null", O_RDONLY | O_CLOEXEC);
        signal(SIGUSR1, on_usr1);
        signal(SIGUSR2, SIG_IGN);
        char k[16], g[16], pid[16], envtmp[4200];
        snprintf(k, sizeof k, "%d", keep);
        snprintf(g, sizeof g, "%d", gone);
        snprintf(pid, sizeof pid, "%d", (int) getpid());
        snprintf(envtmp, sizeof envtmp, "EXEC_TMP=%s", tmpl);
        char *cargs[] = {"exec-child", "child", k, g, pid, NULL};
        char *cenv[] = {"GREETING=hello from the parent", envtmp, NULL};
        fflush(stdout);
        execve("/proc/self/exe", cargs, cenv);
        perror("execve");
        return 2;
    }
    if (strcmp(argv[1], "child") == 0) {
        printf("child: argc %d\n", argc);
        show_args(argc - 1, argv, NULL);   /* not the pid */
        printf("child: GREETING=%s, %d variables\n", getenv("GREETING"), environ[0] && environ[1] && !environ[2] ? 2 : -1);
        printf("child: same pid %d\n", atoi(argv[4]) == getpid());
        printf("child: kept fd %d\n", fcntl(atoi(argv[2]), F_GETFD));
        int gone = fcntl(atoi(argv[3]), F_GETFD);
        printf("child: close-on-exec fd %d %s\n", gone, gone < 0 && errno == EBADF ? "EBADF" : "");
        struct sigaction sa;
        sigaction(SIGUSR1, NULL, &sa);
        printf("child: SIGUSR1 %s\n", sa.sa_handler == SIG_DFL ? "default" : "still caught");
        sigaction(SIGUSR2, NULL, &sa);
        printf("child: SIGUSR2 %s\n", sa.sa_handler == SIG_IGN ? "ignored" : "not ignored");
        printf("child: hot %u\n", hot(2));
        char script[4200], line[4200], envtmp[4200], envscript[4200];
        snprintf(script, sizeof script, "%s/script", dir);
        snprintf(line, sizeof line, "#!%s  script-arg  \nnot read\n", self);
        write_file(script, line, 0755);
        snprintf(envtmp, sizeof envtmp, "EXEC_TMP=%s", dir);
        snprintf(envscript, sizeof envscript, "SCRIPT=%s", script);
        char *sargs[] = {"ignored-argv0", "one", "two", NULL};
        char *senv[] = {envtmp, envscript, NULL};
        fflush(stdout);
        execve(script, sargs, senv);
        perror("execve script");
        return 2;
    }
    if (strcmp(argv[1], "script-arg") == 0) {
        const char *script = getenv("SCRIPT");
        printf("script: argc %d, argv[0] is the interpreter: %d\n", argc, strcmp(argv[0], self) == 0);
        show_args(argc, argv, script);
        printf("script: hot %u\n", hot(3));
        unlink(script);
        rmdir(dir);
        /* through a descriptor: execveat(fd, "", AT_EMPTY_PATH), then the /proc/self/fd path as older libcs do */
        int fd = open(self, O_RDONLY | O_CLOEXEC);
        char *fargs[] = {"by-fd", "fexecve", NULL};
        char *fenv[] = {NULL};
        fflush(stdout);
        fexecve(fd, fargs, fenv);
        perror("fexecve");
        return 2;
    }
    if (strcmp(argv[1], "fexecve") == 0) {
        printf("fexecve: argc %d, argv[0] %s\n", argc, argv[0]);
        char path[64];
        int fd = open("/proc/self/exe", O_RDONLY);
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        char *pargs[] = {"by-path", "proc-fd", NULL};
        char *penv[] = {NULL};
        fflush(stdout);
        execve(path, pargs, penv);
        perror("execve /proc/self/fd");
        return 2;
    }
    if (strcmp(argv[1], "proc-fd") == 0) {
        printf("proc-fd: argc %d, argv[0] %s, hot %u\n", argc, argv[0], hot(4));
        return 7;
    }
    return 3;
}
