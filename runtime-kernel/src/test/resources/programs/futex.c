/* futex on one thread: what the kernel answers without another thread to wake it (values that differ, timeouts,
 * wakes of nobody, bad words and arguments, the requeue and wake-op forms), then pthread_once, which wakes waiters
 * that are not there. Timings are printed only as "at least the timeout". */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* from linux/futex.h (musl's headers do not include the kernel's) */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_OP_SET 0
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP(op, oparg, cmp, cmparg) \
    (((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff))

static long fx(void *uaddr, int op, int val, void *timeout_or_val2, void *uaddr2, int val3) {
    return syscall(SYS_futex, uaddr, op, val, timeout_or_val2, uaddr2, val3);
}

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case ENOSYS: return "ENOSYS";
    default: return "other";
    }
}

static double now(clockid_t clk) {
    struct timespec ts;
    clock_gettime(clk, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int calls;
static void once_fn(void) { calls++; }

int main(void) {
    static int word[4] = {7, 0, 0, 0};
    long r;

    r = fx(word, FUTEX_WAIT_PRIVATE, 8, NULL, NULL, 0);
    printf("wait, value differs: %ld %s\n", r, err(r));

    struct timespec rel = {0, 20 * 1000 * 1000};
    double t0 = now(CLOCK_MONOTONIC);
    r = fx(word, FUTEX_WAIT_PRIVATE, 7, &rel, NULL, 0);
    printf("wait 20 ms: %ld %s, waited at least 20 ms: %d\n", r, err(r), now(CLOCK_MONOTONIC) - t0 >= 0.019);

    struct timespec abs;
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 15 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    t0 = now(CLOCK_REALTIME);
    r = fx(word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 7, &abs, NULL, -1);
    printf("wait-bitset until +15 ms realtime: %ld %s, waited: %d\n", r, err(r), now(CLOCK_REALTIME) - t0 >= 0.014);

    struct timespec past = {1, 0};
    r = fx(word, FUTEX_WAIT_BITSET, 7, &past, NULL, -1);
    printf("wait-bitset until the past: %ld %s\n", r, err(r));

    struct timespec bad = {0, 1000000000};
    r = fx(word, FUTEX_WAIT_PRIVATE, 7, &bad, NULL, 0);
    printf("wait, nanoseconds out of range: %ld %s\n", r, err(r));
    r = fx(word, FUTEX_WAIT_PRIVATE, 7, (void *) 8, NULL, 0);
    printf("wait, timeout at a bad address: %ld %s\n", r, err(r));
    r = fx(word, FUTEX_WAIT_BITSET_PRIVATE, 7, NULL, NULL, 0);
    printf("wait-bitset, empty bitset: %ld %s\n", r, err(r));
    r = fx((char *) word + 1, FUTEX_WAIT_PRIVATE, 7, NULL, NULL, 0);
    printf("wait, misaligned word: %ld %s\n", r, err(r));
    r = fx((void *) 64, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    printf("wait, word at a bad address: %ld %s\n", r, err(r));

    r = fx(word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    printf("wake nobody: %ld %s\n", r, err(r));
    r = fx(word, FUTEX_WAKE, 0x7fffffff, NULL, NULL, 0);
    printf("wake all (shared): %ld %s\n", r, err(r));
    r = fx((void *) 64, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    printf("wake at an unmapped address: %ld %s\n", r, err(r));
    r = fx(word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0);
    printf("wake-bitset, empty bitset: %ld %s\n", r, err(r));

    r = fx(word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *) 1, word + 1, 6);
    printf("cmp-requeue, value differs: %ld %s\n", r, err(r));
    r = fx(word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *) 1, word + 1, 7);
    printf("cmp-requeue: %ld %s\n", r, err(r));
    r = fx(word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *) 1, (void *) 64, 7);
    printf("cmp-requeue to a bad address: %ld %s\n", r, err(r));

    word[2] = 3;
    /* *word[2] = 5 (FUTEX_OP_SET), then wake on word[0], and on word[2] if the old value was > 1 */
    int wakeop = FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_GT, 1);
    r = fx(word, FUTEX_WAKE_OP_PRIVATE, 1, (void *) 1, word + 2, wakeop);
    printf("wake-op: %ld %s, second word now %d\n", r, err(r), word[2]);
    r = fx(word, FUTEX_WAKE_OP_PRIVATE, 1, (void *) 1, (void *) 64, wakeop);
    printf("wake-op on a bad address: %ld %s\n", r, err(r));

    r = fx(word, 99, 0, NULL, NULL, 0);
    printf("unknown operation: %ld %s\n", r, err(r));

    pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, once_fn);
    pthread_once(&once, once_fn);
    printf("pthread_once ran its function %d time(s)\n", calls);
    return 0;
}
