package org.thousandbrains.ops;

import static org.thousandbrains.ops.SimdKernels.L;
import static org.thousandbrains.ops.SimdKernels.S;

import jdk.incubator.vector.FloatVector;


/**
 * The Vector API rows of {@link CsrSpmm}. For {@code B >= L}: two accumulator vectors per pass over
 * a row's edges, scalar tail lanes. For {@code B = 1}: each row's edges padded to whole vectors
 * (padding reads a zero entry with weight 0), gathered {@code L} at a time and summed across lanes
 * once per row, so a row costs a few vector instructions and no per-edge branch.
 */
final class SpmmSimd {
    private SpmmSimd() {
    }

    static void rows(int[] rowPtr, int[] src, float[] w, float[] x, float[] y, int B, int r0, int r1) {
        final int vecEnd = B / L * L;
        for (int v = r0; v < r1; v++) {
            final int pBegin = rowPtr[v];
            final int pEnd = rowPtr[v + 1];
            final int out = v * B;
            int b = 0;
            for (; b + 2 * L <= vecEnd; b += 2 * L) {
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                for (int p = pBegin; p < pEnd; p++) {
                    int in = src[p] * B + b;
                    float wp = w[p];
                    a0 = a0.add(FloatVector.fromArray(S, x, in).mul(wp));
                    a1 = a1.add(FloatVector.fromArray(S, x, in + L).mul(wp));
                }
                a0.intoArray(y, out + b);
                a1.intoArray(y, out + b + L);
            }
            for (; b < vecEnd; b += L) {
                FloatVector a0 = FloatVector.zero(S);
                for (int p = pBegin; p < pEnd; p++) a0 = a0.add(FloatVector.fromArray(S, x, src[p] * B + b).mul(w[p]));
                a0.intoArray(y, out + b);
            }
            for (; b < B; b++) {
                float acc = 0f;
                for (int p = pBegin; p < pEnd; p++) acc += w[p] * x[src[p] * B + b];
                y[out + b] = acc;
            }
        }
    }

    /** Padded CSR for B = 1: row v occupies {@code [ptr[v], ptr[v+1])}, a multiple of L; padding points at {@code n} with weight 0. */
    static final class Padded {
        final int[] ptr;
        final int[] src;
        final float[] w;

        Padded(int n, int[] rowPtr, int[] src, float[] w) {
            ptr = new int[n + 1];
            for (int v = 0; v < n; v++) {
                int len = rowPtr[v + 1] - rowPtr[v];
                ptr[v + 1] = ptr[v] + (len + L - 1) / L * L;
            }
            this.src = new int[ptr[n]];
            this.w = new float[ptr[n]];
            java.util.Arrays.fill(this.src, n);
            for (int v = 0; v < n; v++) {
                int len = rowPtr[v + 1] - rowPtr[v];
                System.arraycopy(src, rowPtr[v], this.src, ptr[v], len);
                System.arraycopy(w, rowPtr[v], this.w, ptr[v], len);
            }
        }
    }

    /** B = 1 rows over the padded CSR; {@code x} has {@code n + 1} entries, the last 0. */
    static void rowsGather(Padded pad, float[] x, float[] y, int r0, int r1) {
        final int[] ptr = pad.ptr;
        final int[] s = pad.src;
        final float[] w = pad.w;
        final float[] lanes = new float[L];
        for (int v = r0; v < r1; v++) {
            int p = ptr[v];
            int end = ptr[v + 1];
            if (p == end) {
                y[v] = 0f;
                continue;
            }
            FloatVector acc = FloatVector.fromArray(S, x, 0, s, p).mul(FloatVector.fromArray(S, w, p));
            for (p += L; p < end; p += L) {
                acc = acc.add(FloatVector.fromArray(S, x, 0, s, p).mul(FloatVector.fromArray(S, w, p)));
            }
            y[v] = SimdKernels.sumInOrder(acc, lanes);
        }
    }
}
