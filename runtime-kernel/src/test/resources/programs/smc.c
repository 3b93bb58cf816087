/* Self-modifying and generated code: machine code written into an RWX mapping, run, rewritten, run again, hot
 * enough to be translated in between; and the W^X way (write, mprotect to executable, run, back to writable). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn)(int);

/* lea eax, [rdi + imm32]; ret */
static void emit_add(unsigned char *p, int32_t k) {
    unsigned char code[] = {0x8d, 0x87, 0, 0, 0, 0, 0xc3};
    memcpy(code + 2, &k, 4);
    memcpy(p, code, sizeof code);
}

/* imul eax, edi, imm32; ret */
static void emit_mul(unsigned char *p, int32_t k) {
    unsigned char code[] = {0x69, 0xc7, 0, 0, 0, 0, 0xc3};
    memcpy(code + 2, &k, 4);
    memcpy(p, code, sizeof code);
}

int main(void) {
    unsigned char *rwx = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rwx == MAP_FAILED) return 1;
    long sum = 0;
    for (int round = 0; round < 6; round++) {
        if (round % 2) emit_mul(rwx, round + 3);
        else emit_add(rwx, round * 100 + 7);
        fn f = (fn) rwx;
        for (int i = 0; i < 20000; i++) sum += f(i);       /* hot: translated, then rewritten underneath */
        printf("rwx round %d: f(5) = %d, sum = %ld\n", round, f(5), sum);
    }
    /* rewrite a single byte in the middle of hot code */
    emit_add(rwx, 1);
    fn g = (fn) rwx;
    for (int i = 0; i < 5000; i++) sum += g(i);
    rwx[2] = 0x40;                                          /* the immediate becomes 0x40 */
    printf("patched: g(1) = %d, sum = %ld\n", g(1), sum);

    /* W^X: write while writable, execute after mprotect */
    unsigned char *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int round = 0; round < 4; round++) {
        if (mprotect(wx, 4096, PROT_READ | PROT_WRITE)) return 2;
        if (round % 2) emit_mul(wx, 11 + round);
        else emit_add(wx, -round);
        if (mprotect(wx, 4096, PROT_READ | PROT_EXEC)) return 3;
        fn h = (fn) wx;
        long s = 0;
        for (int i = 0; i < 20000; i++) s += h(i);
        printf("w^x round %d: h(9) = %d, s = %ld\n", round, h(9), s);
    }
    munmap(rwx, 4096);
    munmap(wx, 4096);
    return 0;
}
