/* Signals delivered to handlers: raise and kill with SA_SIGINFO (code, pid), masks (blocked then unblocked, the
 * handler's own mask, SA_NODEFER, sa_mask), SA_RESETHAND, the alternate stack, registers and SSE state kept across
 * a handler that clobbers them, SIGCHLD with sigsuspend (exit and death by signal), a child's and a grandchild's
 * kill waking pause, SIGPIPE to a handler; faults to handlers (SIGSEGV whose handler points the faulting load's
 * base register at valid memory, through the ucontext, and returns to retry it; left by siglongjmp; SIGFPE,
 * SIGILL, SIGTRAP); and poll on pipes and bad descriptors. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got, code, selfpid, status, blockedInside, depth, onalt;
static char altstack[65536];

static void info(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    got = sig;
    code = si->si_code;
    selfpid = si->si_pid == getpid();
    status = si->si_status;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    blockedInside = sigismember(&now, sig) * 2 + sigismember(&now, SIGUSR2);
    char here;
    onalt = &here >= altstack && &here < altstack + sizeof altstack;
}

static sigjmp_buf env;
static volatile long faultAddr;
static volatile int faultCode;
static int valid = 4242;

static void segvFix(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    got = sig;
    faultCode = si->si_code;
    faultAddr = (long) si->si_addr;
    uc->uc_mcontext.gregs[REG_RAX] = (long) &valid;   /* the load is retried on return, from valid memory */
}

static void leave(int sig, siginfo_t *si, void *uc) {
    (void) uc;
    got = sig;
    faultCode = si->si_code;
    siglongjmp(env, sig);
}

static void clobber(int sig) {
    (void) sig;
    got = sig;
    __asm__ volatile("pxor %%xmm8, %%xmm8\n\tmov $-1, %%r12\n\tmov $-1, %%rbx" ::: "xmm8", "r12", "rbx");
}

static void on(int sig, void (*h)(int, siginfo_t *, void *), int flags, int maskSig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    if (maskSig) sigaddset(&sa.sa_mask, maskSig);
    sigaction(sig, &sa, NULL);
}

static void report(const char *what) {
    printf("%s: sig %d code %d self %d blocked-inside %d altstack %d\n", what, got, code, selfpid, blockedInside, onalt);
    got = code = selfpid = blockedInside = onalt = 0;
}

/* Sends sig to target every 20 ms until the write end of the pipe fd reads from is closed. One kill alone would
 * make `while (!got) pause();` racy, natively as under ring3: a signal taken between the test of got and the
 * start of pause leaves pause waiting for another (one full test run hung that way). */
static void keepKilling(pid_t target, int sig, int fd) {
    struct pollfd p = {fd, POLLIN, 0};
    do kill(target, sig);
    while (poll(&p, 1, 20) == 0);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    on(SIGUSR1, info, 0, 0);
    raise(SIGUSR1);
    report("raise");
    kill(getpid(), SIGUSR1);
    report("kill");

    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, &old);
    raise(SIGUSR1);
    printf("while blocked: sig %d\n", got);
    sigprocmask(SIG_SETMASK, &old, NULL);
    report("after unblocking");

    on(SIGUSR1, info, SA_NODEFER, SIGUSR2);
    raise(SIGUSR1);
    report("SA_NODEFER, sa_mask SIGUSR2");

    on(SIGUSR1, info, SA_RESETHAND, 0);
    raise(SIGUSR1);
    report("SA_RESETHAND");
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    printf("then the handler is %s\n", now.sa_handler == SIG_DFL ? "SIG_DFL" : "still set");

    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    on(SIGUSR2, info, SA_ONSTACK, 0);
    raise(SIGUSR2);
    report("SA_ONSTACK");

    /* registers and SSE state across a handler that clobbers them (the kill is a raw system call) */
    signal(SIGUSR1, clobber);
    uint64_t x8 = 0, r12 = 0, rbx = 0;
    __asm__ volatile(
        "mov $0x1234, %%rax\n\tmovq %%rax, %%xmm8\n\tmov $0x5678, %%r12\n\tmov $0x9abc, %%rbx\n\t"
        "mov $62, %%eax\n\tmov %[pid], %%edi\n\tmov $10, %%esi\n\tsyscall\n\t"
        "movq %%xmm8, %[x8]\n\tmov %%r12, %[r12]\n\tmov %%rbx, %[rbx]"
        : [x8] "=r"(x8), [r12] "=r"(r12), [rbx] "=r"(rbx)
        : [pid] "r"(getpid())
        : "rax", "rdi", "rsi", "rcx", "r11", "xmm8", "r12", "rbx", "memory");
    printf("after a clobbering handler: sig %d xmm8 %#llx r12 %#llx rbx %#llx\n", got, (unsigned long long) x8,
           (unsigned long long) r12, (unsigned long long) rbx);
    got = 0;

    /* SIGCHLD: sigsuspend until it comes, for an exit and for a death */
    on(SIGCHLD, info, 0, 0);
    sigemptyset(&m);
    sigaddset(&m, SIGCHLD);
    sigprocmask(SIG_BLOCK, &m, &old);
    for (int k = 0; k < 2; k++) {
        pid_t p = fork();
        if (p == 0) {
            if (k == 1) raise(SIGTERM);
            _exit(4);
        }
        sigset_t wait;
        sigemptyset(&wait);
        while (!got) sigsuspend(&wait);
        printf("SIGCHLD %d: code %d status %d\n", k, code, status);
        int st;
        waitpid(p, &st, 0);
        got = 0;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGCHLD, SIG_DFL);

    /* a child's kill wakes pause */
    on(SIGUSR2, info, 0, 0);
    int stop[2];
    pipe(stop);
    pid_t parent = getpid(), p = fork();
    if (p == 0) {
        close(stop[1]);
        keepKilling(parent, SIGUSR2, stop[0]);
        _exit(0);
    }
    close(stop[0]);
    while (!got) pause();
    printf("pause woken: sig %d from self %d\n", got, selfpid);
    close(stop[1]);
    waitpid(p, NULL, 0);   /* a signal still pending is taken when waitpid returns */
    got = 0;

    /* a grandchild's kill reaches the first process, which is not its parent */
    pipe(stop);
    if ((p = fork()) == 0) {
        close(stop[1]);
        if (fork() == 0) {
            keepKilling(parent, SIGUSR2, stop[0]);
            _exit(0);
        }
        wait(NULL);
        _exit(0);
    }
    close(stop[0]);
    while (!got) pause();
    printf("a grandchild's kill: sig %d\n", got);
    close(stop[1]);
    waitpid(p, NULL, 0);
    got = 0;

    /* SIGPIPE to a handler: the write fails with EPIPE after it ran */
    on(SIGPIPE, info, 0, 0);
    int fds[2];
    pipe(fds);
    close(fds[0]);
    errno = 0;
    long r = write(fds[1], "x", 1);
    printf("SIGPIPE handled: write %ld %s, sig %d\n", r, errno == EPIPE ? "EPIPE" : "?", got);
    close(fds[1]);

    /* faults to handlers */
    on(SIGSEGV, segvFix, 0, 0);
    int loaded;
    __asm__ volatile("mov $24, %%rax\n\tmov (%%rax), %0" : "=r"(loaded) : : "rax", "memory");
    printf("SIGSEGV fixed and retried: sig %d code %d address %ld, loaded %d\n", got, faultCode, faultAddr, loaded);
    got = 0;
    on(SIGSEGV, leave, 0, 0);
    if (sigsetjmp(env, 1) == 0) *(volatile int *) 16 = 1;
    printf("SIGSEGV left by siglongjmp: sig %d code %d\n", got, faultCode);
    on(SIGFPE, leave, 0, 0);
    volatile int zero = 0;
    if (sigsetjmp(env, 1) == 0) printf("%d\n", 7 / zero);
    printf("SIGFPE: sig %d code %d\n", got, faultCode);
    on(SIGILL, leave, 0, 0);
    if (sigsetjmp(env, 1) == 0) __asm__ volatile("ud2");
    printf("SIGILL: sig %d code %d\n", got, faultCode);
    on(SIGTRAP, info, 0, 0);
    got = 0;
    __asm__ volatile("int3");
    printf("SIGTRAP, then on: sig %d\n", got);
    got = 0;

    /* poll */
    pipe(fds);
    struct pollfd pf[3] = {{fds[0], POLLIN, 0}, {fds[1], POLLOUT, 0}, {999, POLLIN, 0}};
    int n = poll(pf, 3, 0);
    printf("poll: %d [%#x %#x %#x]\n", n, pf[0].revents, pf[1].revents, pf[2].revents);
    write(fds[1], "y", 1);
    n = poll(pf, 1, 1000);
    printf("poll after a write: %d [%#x]\n", n, pf[0].revents);
    printf("poll of nothing for 10 ms: %d\n", poll(NULL, 0, 10));
    return 0;
}
