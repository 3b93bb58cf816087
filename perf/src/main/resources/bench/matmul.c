/* Double-precision matrix multiplication (i-k-j order), repeated. Scale: argv[1] (default 130, about 1.2 s natively). */
#include <stdio.h>
#include <stdlib.h>

#define N 320
static double a[N][N], bm[N][N], c[N][N];

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 130;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (i * 7 + j * 3) % 17 / 7.0; bm[i][j] = (i * 5 + j * 11) % 13 / 3.0; }
    double trace = 0;
    for (long r = 0; r < scale; r++) {
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double x = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += x * bm[k][j];
            }
        for (int i = 0; i < N; i++) trace += c[i][i];
        a[r % N][(r * 7) % N] += 1.0;
    }
    printf("matmul trace %.6f\n", trace);
    return 0;
}
