package org.thousandbrains.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Entry point to the Vector API kernels; loaded only when {@link Simd#AVAILABLE}. Holds the species
 * (the machine's preferred float vector).
 */
final class SimdKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private SimdKernels() {
    }

    static int lanes() {
        return L;
    }

    static Forward32 forward(Plan plan, History history, float[] h, float[] trace, Inputs.Bound in, float[] preActivations,
                             StageBuffers stage) {
        return new Forward32Simd(plan, history, h, trace, in, preActivations, stage);
    }

    static Backward32 backward(Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history, float[] h,
                               Buffers buffers, Inputs.Bound in, StageBuffers stage) {
        return new Backward32Simd(plan, edges, seeds, history, h, buffers, in, stage);
    }

    static void spmmRows(int[] rowPtr, int[] src, float[] w, float[] x, float[] y, int B, int r0, int r1) {
        SpmmSimd.rows(rowPtr, src, w, x, y, B, r0, r1);
    }

    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, y, yo + i).add(FloatVector.fromArray(S, x, xo + i).mul(a)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    static void gatherAxpy(float a, float[] x, int xo, int[] idx, float[] y, int i0, int i1) {
        int i = i0;
        for (int end = i0 + S.loopBound(i1 - i0); i < end; i += L) {
            FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, x, xo, idx, i).mul(a)).intoArray(y, i);
        }
        for (; i < i1; i++) y[i] += a * x[xo + idx[i]];
    }

    static void addColumn(float[] x, int x0, int[] rowOffset, float[] to, int to0, int n) {
        int b = 0;
        for (int end = S.loopBound(n); b < end; b += L) {
            FloatVector.fromArray(S, to, to0 + b).add(FloatVector.fromArray(S, x, x0, rowOffset, b)).intoArray(to, to0 + b);
        }
        for (; b < n; b++) to[to0 + b] += x[x0 + rowOffset[b]];
    }

    /** The padded CSR and the zero-extended copy of x for {@link CsrSpmm} at B = 1. */
    private static final class GatherState {
        final SpmmSimd.Padded padded;
        final float[] x;

        GatherState(SpmmSimd.Padded padded, int n) {
            this.padded = padded;
            this.x = new float[n + 1];
        }
    }

    static void spmmPrepareGather(CsrSpmm k, float[] x) {
        GatherState g = (GatherState) k.gather;
        if (g == null) {
            g = new GatherState(new SpmmSimd.Padded(k.n, k.rowPtr, k.src, k.weight), k.n);
            k.gather = g;
        }
        System.arraycopy(x, 0, g.x, 0, k.n);
    }

    static void spmmGather(CsrSpmm k, float[] y, int r0, int r1) {
        GatherState g = (GatherState) k.gather;
        SpmmSimd.rowsGather(g.padded, g.x, y, r0, r1);
    }

    /**
     * The lanes of {@code v} added first to last. {@code reduceLanes(ADD)} leaves the order open, and the
     * interpreter and the C2 intrinsic do not agree on it, so a run would depend on how warm the JIT is
     * (a resumed run would not repeat an uninterrupted one bit for bit).
     */
    static float sumInOrder(FloatVector v) {
        float[] lanes = v.toArray();
        float total = 0f;
        for (float x : lanes) total += x;
        return total;
    }
}
