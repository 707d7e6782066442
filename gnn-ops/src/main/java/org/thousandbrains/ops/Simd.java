package org.thousandbrains.ops;

/**
 * Whether the float32 kernels may use the incubating Vector API: only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} (the {@code tb} launcher and the test runs do) and the
 * system property {@code tb.simd} is not {@code false}. Without it the scalar kernels run, with the
 * same results up to rounding. Java 17's C2 does not vectorize the short per-edge lane loops
 * ({@code B} floats at two unrelated offsets), which is why the explicit path exists. This class
 * touches no Vector API type, so it loads on any JVM.
 */
final class Simd {
    static final boolean AVAILABLE = !"false".equals(System.getProperty("tb.simd"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Simd() {
    }

    /** The float32 forward kernel of a pass: vectorized when available and the batch fills a vector. */
    static Forward32 forward(boolean simd, Plan plan, History history, float[] h, float[] trace, Inputs.Bound in,
                             float[] preActivations, StageBuffers stage) {
        if (simd && AVAILABLE && plan.batch >= SimdKernels.lanes()) {
            return SimdKernels.forward(plan, history, h, trace, in, preActivations, stage);
        }
        return new Forward32(plan, history, h, trace, in, preActivations, stage);
    }

    /** The float64 forward kernel (no vector form). */
    static Forward64 forward(boolean simd, Plan plan, History history, double[] h, double[] trace, Inputs.Bound in,
                             double[] preActivations, StageBuffers stage) {
        return new Forward64(plan, history, h, trace, in, preActivations, stage);
    }

    /** The float32 backward kernel of a pass, likewise. */
    static Backward32 backward(boolean simd, Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history,
                               float[] h, Buffers buffers, Inputs.Bound in, StageBuffers stage) {
        if (simd && AVAILABLE && plan.batch >= SimdKernels.lanes() && seeds.ownMask() == null) {
            return SimdKernels.backward(plan, edges, seeds, history, h, buffers, in, stage);
        }
        return new Backward32(plan, edges, seeds, history, h, buffers, in, stage);
    }

    /** The float64 backward kernel (no vector form). */
    static Backward64 backward(boolean simd, Plan plan, BackwardEdges edges, BackwardSeeds seeds, History history,
                               double[] h, Buffers buffers, Inputs.Bound in, StageBuffers stage) {
        return new Backward64(plan, edges, seeds, history, h, buffers, in, stage);
    }

    /** {@code y[yo + i] += a · x[xo + i]} for {@code i < n} (multiply, then add: the same rounding on both paths). */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        if (AVAILABLE) SimdKernels.axpy(a, x, xo, y, yo, n);
        else for (int i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    /** The same in float64 (scalar). */
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += a * x[xo + i];
    }

    /** {@code y[i] += a · x[xo + idx[i]]} for {@code i0 <= i < i1} (multiply, then add: the same rounding on both paths). */
    static void gatherAxpy(float a, float[] x, int xo, int[] idx, float[] y, int i0, int i1) {
        if (AVAILABLE) SimdKernels.gatherAxpy(a, x, xo, idx, y, i0, i1);
        else for (int i = i0; i < i1; i++) y[i] += a * x[xo + idx[i]];
    }

    /** The same in float64 (scalar). */
    static void gatherAxpy(double a, double[] x, int xo, int[] idx, double[] y, int i0, int i1) {
        for (int i = i0; i < i1; i++) y[i] += a * x[xo + idx[i]];
    }

    /**
     * {@code to[to0 + b] += x[x0 + rowOffset[b]]} for {@code b < n}: one column of a row-major block added into a
     * row, the transposing step of the sparse-sparse kernel (a vector gather per {@link #lanes()} values).
     */
    static void addColumn(float[] x, int x0, int[] rowOffset, float[] to, int to0, int n) {
        if (AVAILABLE) SimdKernels.addColumn(x, x0, rowOffset, to, to0, n);
        else for (int b = 0; b < n; b++) to[to0 + b] += x[x0 + rowOffset[b]];
    }

    /** The same in float64 (scalar). */
    static void addColumn(double[] x, int x0, int[] rowOffset, double[] to, int to0, int n) {
        for (int b = 0; b < n; b++) to[to0 + b] += x[x0 + rowOffset[b]];
    }

    /** Vector length in floats; only call when {@link #AVAILABLE}. */
    static int lanes() {
        return SimdKernels.lanes();
    }

    static void spmmRows(int[] rowPtr, int[] src, float[] w, float[] x, float[] y, int B, int r0, int r1) {
        SimdKernels.spmmRows(rowPtr, src, w, x, y, B, r0, r1);
    }

    /** Readies the B = 1 vector path of {@code k} for input {@code x}. */
    static void spmmPrepareGather(CsrSpmm k, float[] x) {
        SimdKernels.spmmPrepareGather(k, x);
    }

    static void spmmGather(CsrSpmm k, float[] x, float[] y, int r0, int r1) {
        SimdKernels.spmmGather(k, y, r0, r1);
    }
}
