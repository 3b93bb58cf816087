/* printf of integers, strings and doubles, edge values included. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

int main(void) {
    int ints[] = {0, 1, -1, 42, -42, INT_MAX, INT_MIN, 1000000, -999};
    for (int i = 0; i < 9; i++) {
        int v = ints[i];
        printf("%d|%i|%u|%x|%X|%o|%5d|%-5d|%05d|%+d|% d|%#x|%#o|%.3d\n", v, v, (unsigned) v, (unsigned) v, (unsigned) v,
               (unsigned) v, v, v, v, v, v, (unsigned) v, (unsigned) v, v);
    }
    printf("%ld %lld %llu %hd %hhd %hhu %zu %jd\n", LONG_MIN, LLONG_MAX, ULLONG_MAX, (short) -12345, (signed char) -100,
           (unsigned char) 200, (size_t) 123456789, (intmax_t) -77);
    printf("[%s] [%10s] [%-10s] [%.3s] [%c] [%5c] [%%]\n", "text", "right", "left", "truncate", 'x', 'y');
    double ds[] = {0.0, -0.0, 1.0, -1.5, 0.1, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 123456789.125, 1e-5, 1e-300, 1e300,
                   DBL_MAX, DBL_MIN, 4.9e-324, M_PI, M_E, 1e15 + 0.3, 9007199254740993.0, 0.5, 1.5, 2.5, -2.5,
                   HUGE_VAL, -HUGE_VAL, NAN, 6.02214076e23, 1.602176634e-19, 299792458.0};
    for (int i = 0; i < (int) (sizeof ds / sizeof ds[0]); i++) {
        double d = ds[i];
        printf("%f|%.0f|%.1f|%.10f|%e|%.3E|%g|%G|%.17g|%10.3f|%-12.4e|%+.2f|%a\n", d, d, d, d, d, d, d, d, d, d, d, d, d);
    }
    float fs[] = {0.1f, 1.0f / 3.0f, FLT_MAX, FLT_MIN, 16777217.0f};
    for (int i = 0; i < 5; i++) printf("%.9g %f %e\n", fs[i], fs[i], fs[i]);
    return 0;
}
