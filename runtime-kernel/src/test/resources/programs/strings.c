/* String and memory functions of the C library. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char buf[256], big[4096], other[4096];
    const char *words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "", "zeta eta theta", "Iota"};
    for (int i = 0; i < 8; i++) {
        const char *w = words[i];
        printf("%-16s len=%zu chr(a)=%ld rchr(a)=%ld str(ta)=%ld cmp=%d ncmp=%d case=%d\n", w, strlen(w),
               strchr(w, 'a') ? (long) (strchr(w, 'a') - w) : -1L, strrchr(w, 'a') ? (long) (strrchr(w, 'a') - w) : -1L,
               strstr(w, "ta") ? (long) (strstr(w, "ta") - w) : -1L, strcmp(w, "delta") > 0 ? 1 : strcmp(w, "delta") < 0 ? -1 : 0,
               strncmp(w, "de", 2) == 0, strcasecmp(w, "IOTA") == 0);
    }
    strcpy(buf, "Hello");
    strcat(buf, ", ");
    strncat(buf, "world!!!", 6);
    printf("%s (%zu) spn=%zu cspn=%zu\n", buf, strlen(buf), strspn(buf, "Helo"), strcspn(buf, ",!"));
    for (int i = 0; i < 4096; i++) big[i] = (char) ('a' + (i * 7) % 26);
    big[4095] = 0;
    memcpy(other, big, 4096);
    memmove(other + 3, other, 1000);
    memmove(other + 2000, other + 2005, 1000);
    memset(other + 100, 'X', 333);
    printf("memcmp=%d %d %d len=%zu\n", memcmp(big, other, 4096) > 0, memcmp(big, big, 4096), memcmp(other + 5, big + 2, 50) == 0, strlen(other));
    unsigned h = 0;
    for (int i = 0; i < 4096; i++) h = h * 31 + (unsigned char) other[i];
    printf("hash=%08x\n", h);
    char tok[] = "  split these,words; into  tokens ";
    for (char *t = strtok(tok, " ,;"); t; t = strtok(NULL, " ,;")) printf("[%s]", t);
    printf("\n");
    char *d = strdup("Duplicated String");
    for (char *p = d; *p; p++) *p = (char) (isupper((unsigned char) *p) ? tolower((unsigned char) *p) : toupper((unsigned char) *p));
    printf("%s %d %ld %lu %lld\n", d, atoi("-12345xyz"), strtol("0x7fffabcd", NULL, 16), strtoul("4294967295", NULL, 10),
           strtoll("-9223372036854775807", NULL, 10));
    free(d);
    const char *nums[] = {"3.14159", "-2.5e-3", "1e308", "0x1.8p3", "nan", "-inf", "123456789012345678901234567890", "4.9e-324"};
    for (int i = 0; i < 8; i++) printf("strtod(%s) = %.17g\n", nums[i], strtod(nums[i], NULL));
    snprintf(buf, 10, "%s-%d", "truncated", 123456);
    printf("%s|%d\n", buf, snprintf(NULL, 0, "%d", -99999));
    return 0;
}
