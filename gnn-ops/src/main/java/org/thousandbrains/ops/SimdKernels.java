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

    static Forward32 forward(Plan plan, History history, float[] h, float[] trace, Inputs.Bound in, float[] preActivations) {
        return new Forward32Simd(plan, history, h, trace, in, preActivations);
    }

    static Backward32 backward(Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history, float[] h,
                               Buffers buffers, Inputs.Bound in) {
        return new Backward32Simd(plan, edges, seeds, history, h, buffers, in);
    }

    static void spmmRows(int[] rowPtr, int[] src, float[] w, float[] x, float[] y, int B, int r0, int r1) {
        SpmmSimd.rows(rowPtr, src, w, x, y, B, r0, r1);
    }
}
