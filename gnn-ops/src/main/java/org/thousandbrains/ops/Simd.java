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

    /**
     * {@code y[yo + i] += (float) (a · x[xo + i])} for {@code i < n}: float64 values (the backward's seeds) scaled and
     * rounded once to float32, then added.
     */
    static void addRounded(double a, double[] x, int xo, float[] y, int yo, int n) {
        if (AVAILABLE) SimdKernels.addRounded(a, x, xo, y, yo, n);
        else for (int i = 0; i < n; i++) y[yo + i] += (float) (a * x[xo + i]);
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
     * {@code out[o + c] = (add ? out[o + c] : 0) + Σ_j val[j]·rows[idx[j]·pitch + c]} for {@code c < n}, over the listed
     * {@code j0 <= j < j1} in order (multiply, then add: the same rounding on both paths): one row summed from listed
     * rows, its slices kept in registers while the listed rows stream past (the sparse-sparse kernel's dense rows: a
     * lane's sums from the weight rows of its nonzeros, a target's gradient row from the states of its nonzero lanes).
     */
    static void sumListedRows(int[] idx, float[] val, int j0, int j1, float[] rows, int pitch, int n, float[] out, int o,
                              boolean add) {
        if (AVAILABLE) {
            RowsSimd.sumListedRows(idx, val, j0, j1, rows, pitch, n, out, o, add);
            return;
        }
        if (!add) java.util.Arrays.fill(out, o, o + n, 0f);
        for (int j = j0; j < j1; j++) {
            float v = val[j];
            int r = idx[j] * pitch;
            for (int c = 0; c < n; c++) out[o + c] += v * rows[r + c];
        }
    }

    /** The same in float64 (scalar). */
    static void sumListedRows(int[] idx, double[] val, int j0, int j1, double[] rows, int pitch, int n, double[] out,
                              int o, boolean add) {
        if (!add) java.util.Arrays.fill(out, o, o + n, 0d);
        for (int j = j0; j < j1; j++) {
            double v = val[j];
            int r = idx[j] * pitch;
            for (int c = 0; c < n; c++) out[o + c] += v * rows[r + c];
        }
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

    /**
     * {@code y[yRow[r] + b] += Σ_p w[p]·x[xBase + idx[p]·xStride + b]} over {@code p} in {@code [ptr[r], ptr[r+1])}, for
     * rows {@code r0 <= r < r1} and lanes {@code b < B}: sparse rows times a batch of dense rows, the lanes of a row
     * kept in registers while its edges stream.
     */
    static void rowsTimesBatch(int[] ptr, int[] idx, float[] w, float[] x, int xBase, int xStride, float[] y, int[] yRow,
                               int B, int r0, int r1) {
        if (AVAILABLE && B >= SimdKernels.lanes()) {
            RowsSimd.rowsTimesBatch(ptr, idx, w, x, xBase, xStride, y, yRow, B, r0, r1);
            return;
        }
        for (int r = r0; r < r1; r++) {
            int yo = yRow[r];
            for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                int xo = xBase + idx[p] * xStride;
                float wp = w[p];
                for (int b = 0; b < B; b++) y[yo + b] += wp * x[xo + b];
            }
        }
    }

    /** The same in float64 (scalar). */
    static void rowsTimesBatch(int[] ptr, int[] idx, double[] w, double[] x, int xBase, int xStride, double[] y,
                               int[] yRow, int B, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            int yo = yRow[r];
            for (int p = ptr[r]; p < ptr[r + 1]; p++) {
                int xo = xBase + idx[p] * xStride;
                double wp = w[p];
                for (int b = 0; b < B; b++) y[yo + b] += wp * x[xo + b];
            }
        }
    }

    /**
     * Weight gradients of sparse rows tiled by source: row {@code r = T·nDst + d} lists target d's edges from the
     * sources of tile {@code T} ({@code [T·tile, (T+1)·tile)}); for each, {@code acc[p] += Σ_j values[j]·xs[lanes[j]·pitch
     * + src[p]]} over target d's nonzero lanes {@code j} in {@code [laneStart[d], laneStart[d+1])} (states by sample,
     * {@code xs[b·pitch + s]}; {@code pitch} and {@code sum}'s length at least {@code nSrc} rounded up to 16). Per
     * tile and target, the lanes' state rows are summed over the tile into {@code sum} and the edges picked from it.
     */
    static void rowGradients(int[] ptr, int[] src, float[] acc, int[] laneStart, int[] lanes, float[] values, float[] xs,
                             int pitch, int nSrc, int nDst, int tile, float[] sum) {
        boolean simd = AVAILABLE && tile % SimdKernels.lanes() == 0;
        int tiles = (nSrc + tile - 1) / tile;
        for (int t = 0; t < tiles; t++) {
            int c0 = t * tile;
            int c1 = Math.min(nSrc, c0 + tile);
            if (simd) c1 = (c1 + SimdKernels.lanes() - 1) / SimdKernels.lanes() * SimdKernels.lanes();
            for (int d = 0; d < nDst; d++) {
                int r = t * nDst + d;
                int j0 = laneStart[d];
                int j1 = laneStart[d + 1];
                if (ptr[r] == ptr[r + 1] || j0 == j1) continue;
                if (simd) {
                    RowsSimd.sumRows(lanes, values, j0, j1, xs, pitch, c0, c1, sum);
                } else {
                    java.util.Arrays.fill(sum, 0, c1 - c0, 0f);
                    for (int j = j0; j < j1; j++) axpy(values[j], xs, lanes[j] * pitch + c0, sum, 0, c1 - c0);
                }
                for (int p = ptr[r]; p < ptr[r + 1]; p++) acc[p] += sum[src[p] - c0];
            }
        }
    }

    /** The same in float64 (scalar). */
    static void rowGradients(int[] ptr, int[] src, double[] acc, int[] laneStart, int[] lanes, double[] values,
                             double[] xs, int pitch, int nSrc, int nDst, int tile, double[] sum) {
        int tiles = (nSrc + tile - 1) / tile;
        for (int t = 0; t < tiles; t++) {
            int c0 = t * tile;
            int c1 = Math.min(nSrc, c0 + tile);
            for (int d = 0; d < nDst; d++) {
                int r = t * nDst + d;
                int j0 = laneStart[d];
                int j1 = laneStart[d + 1];
                if (ptr[r] == ptr[r + 1] || j0 == j1) continue;
                java.util.Arrays.fill(sum, 0, c1 - c0, 0.0);
                for (int j = j0; j < j1; j++) axpy(values[j], xs, lanes[j] * pitch + c0, sum, 0, c1 - c0);
                for (int p = ptr[r]; p < ptr[r + 1]; p++) acc[p] += sum[src[p] - c0];
            }
        }
    }

    /**
     * The offsets {@code i < n} with {@code a[from + i] != 0} (NaN included, −0 not), ascending, into {@code at};
     * returns how many, or −1 where no vector form runs (then the caller scans the values itself). Entries of
     * {@code at} past the count may be overwritten too; a list of {@code n + }{@link #LIST_SLACK} entries runs the
     * scan's fastest form.
     */
    static int nonzeros(float[] a, int from, int n, int[] at) {
        return AVAILABLE ? SimdKernels.nonzeros(a, from, n, at) : -1;
    }

    /** How many of {@code a[from .. from+n-1]} are nonzero (NaN included, −0 not): {@link #nonzeros}' count, nothing listed. */
    static int countNonzeros(float[] a, int from, int n) {
        if (AVAILABLE) return SimdKernels.countNonzeros(a, from, n);
        int c = 0;
        for (int i = 0; i < n; i++) c += a[from + i] != 0 ? 1 : 0;
        return c;
    }

    /** The same in float64 (scalar). */
    static int countNonzeros(double[] a, int from, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) c += a[from + i] != 0 ? 1 : 0;
        return c;
    }

    /** Entries a list for {@link #nonzeros} should have beyond the values it scans. */
    static final int LIST_SLACK = 16;

    /** No vector form in float64: −1. */
    static int nonzeros(double[] a, int from, int n, int[] at) {
        return -1;
    }

    /**
     * Whether every value of {@code w} is finite: the sum of the values times 0 is 0 unless one is infinite or NaN
     * (vectors where available, else four partial sums).
     */
    /**
     * Whether {@code a[from..to)} all equal {@code v} (−0 as +0, NaN as unequal): the sum of {@code |a − v|}, never below
     * its largest term, is 0 only then.
     */
    static boolean allEqual(double[] a, int from, int to, double v) {
        return AVAILABLE ? SimdKernels.allEqual(a, from, to, v) : allEqualScalar(a, from, to, v);
    }

    /** {@link #allEqual} without vectors. */
    static boolean allEqualScalar(double[] a, int from, int to, double v) {
        double s0 = 0;
        double s1 = 0;
        int q = from;
        for (; q + 1 < to; q += 2) {
            s0 += Math.abs(a[q] - v);
            s1 += Math.abs(a[q + 1] - v);
        }
        for (; q < to; q++) s0 += Math.abs(a[q] - v);
        return s0 + s1 == 0.0;
    }

    static boolean allFinite(double[] w) {
        if (AVAILABLE) return SimdKernels.allFinite(w);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = w.length;
        int q = 0;
        for (; q + 3 < n; q += 4) {
            s0 += w[q] * 0.0;
            s1 += w[q + 1] * 0.0;
            s2 += w[q + 2] * 0.0;
            s3 += w[q + 3] * 0.0;
        }
        for (; q < n; q++) s0 += w[q] * 0.0;
        return s0 + s1 + s2 + s3 == 0.0;
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
