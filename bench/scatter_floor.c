/*
 * The floor of the sparse-sparse kernel's index-list forward on this CPU: the same per-lane scatter
 * (acc[target] += x * w over the weight column of each nonzero source of a lane, the lane's sums a row of
 * 2048 floats in the first-level cache) in C, once scalar and once with AVX-512 gathers and scatters.
 * Shape of the 2048 stack at 5% weights and 5% active: 128 lanes, 102 nonzero sources a lane, 102 targets a
 * source (distinct, ascending, random). Prints ns per multiply-add, best of 7 runs of 20 passes.
 * Built and run by scatter_floor.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __AVX512F__
#include <immintrin.h>
#endif
#define N 2048
#define B 128
#define K 102
#define P (N + 16)

static int cp[N + 1], cd[N * K], idx[B * K];
static float cw[N * K], val[B * K], acc[B * P];

/* k distinct values below n, ascending (a partial Fisher-Yates shuffle, then a counting pass) */
static void pick(int *out, int k, int n) {
    static int perm[N];
    static char taken[N];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = 0; i < k; i++) { int j = i + rand() % (n - i); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    memset(taken, 0, sizeof taken);
    for (int i = 0; i < k; i++) taken[perm[i]] = 1;
    for (int i = 0, c = 0; i < n; i++) if (taken[i]) out[c++] = i;
}

static void scalar(void) {
    for (int b = 0; b < B; b++) {
        float *a = acc + b * P;
        memset(a, 0, N * sizeof(float));
        for (int c = b * K; c < (b + 1) * K; c++) {
            float x = val[c];
            int s = idx[c];
            for (int p = cp[s]; p < cp[s + 1]; p++) a[cd[p]] += x * cw[p];
        }
    }
}

#ifdef __AVX512F__
static void gather_scatter(void) {
    for (int b = 0; b < B; b++) {
        float *a = acc + b * P;
        memset(a, 0, N * sizeof(float));
        for (int c = b * K; c < (b + 1) * K; c++) {
            __m512 x = _mm512_set1_ps(val[c]);
            int s = idx[c], p = cp[s], e = cp[s + 1];
            for (; p + 16 <= e; p += 16) {
                __m512i at = _mm512_loadu_si512(cd + p);
                __m512 g = _mm512_fmadd_ps(x, _mm512_loadu_ps(cw + p), _mm512_i32gather_ps(at, a, 4));
                _mm512_i32scatter_ps(a, at, g, 4);
            }
            for (; p < e; p++) a[cd[p]] += val[c] * cw[p];
        }
    }
}
#endif

static double best_ns_per_mac(void (*f)(void)) {
    double best = 1e30;
    for (int rep = 0; rep < 7; rep++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int it = 0; it < 20; it++) f();
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
        if (ns < best) best = ns;
    }
    return best / 20 / ((double) B * K * K);
}

int main(void) {
    srand(1);
    for (int s = 0; s < N; s++) {
        cp[s + 1] = cp[s] + K;
        pick(cd + s * K, K, N);
        for (int j = 0; j < K; j++) cw[s * K + j] = rand() / (float) RAND_MAX;
    }
    for (int b = 0; b < B; b++) {
        pick(idx + b * K, K, N);
        for (int j = 0; j < K; j++) val[b * K + j] = rand() / (float) RAND_MAX;
    }
    printf("{\"lanes\": %d, \"sources_per_lane\": %d, \"targets_per_source\": %d, \"scalar_ns_per_mac\": %.3f", B, K, K,
           best_ns_per_mac(scalar));
#ifdef __AVX512F__
    printf(", \"avx512_gather_scatter_ns_per_mac\": %.3f", best_ns_per_mac(gather_scatter));
#endif
    printf(", \"check\": %g}\n", acc[7]);
    return 0;
}
