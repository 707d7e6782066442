package org.thousandbrains.ops;

import static org.thousandbrains.ops.SimdKernels.L;
import static org.thousandbrains.ops.SimdKernels.S;

import jdk.incubator.vector.FloatVector;

/** The Vector API rows of {@link CsrSpmm}: two accumulator vectors per pass over a row's edges, scalar tail lanes. */
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
}
