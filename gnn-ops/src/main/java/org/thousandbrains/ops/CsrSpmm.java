package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * One message-passing step without time: {@code Y = A·X} with {@code A[v][u] = Σ w_e} over the edges
 * {@code u → v}, {@code X, Y} node-major {@code [N][B]} float32. Rows are split over threads by edge
 * count (fixed, so results do not depend on the thread count); each row accumulates its edges in
 * CSR order into one {@code B}-vector (Vector API registers where {@link Simd} allows). The kernel
 * that {@code tb bench spmm} and the JMH benchmark measure against torch.sparse and SciPy.
 */
public final class CsrSpmm {
    private final int n;
    private final int[] rowPtr;
    private final int[] src;
    private final float[] weight;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int[] tasks;
    private int tasksBatch = -1;
    private boolean simd = true;

    private CsrSpmm(CompiledGraph g) {
        this.n = g.nodeCount();
        this.rowPtr = g.rowPtr();
        this.src = g.src();
        double[] w = g.weight();
        this.weight = new float[w.length];
        for (int p = 0; p < w.length; p++) weight[p] = (float) w[p];
    }

    /** The operator of {@code g}'s CSR with its weights (copied to float). */
    public static CsrSpmm of(CompiledGraph g) {
        return new CsrSpmm(g);
    }

    public CsrSpmm threads(int k) {
        if (k < 1) throw new IllegalArgumentException("threads must be >= 1, got " + k);
        this.threads = k;
        this.tasksBatch = -1;
        return this;
    }

    /** Allows (default) or forbids the Vector API rows, e.g. to compare both paths. */
    CsrSpmm simd(boolean allowed) {
        this.simd = allowed;
        return this;
    }

    /** Writes {@code A·x} into {@code y}; both {@code [N][B]}. */
    public void multiply(float[] x, float[] y, int B) {
        if (B < 1) throw new IllegalArgumentException("batch must be >= 1, got " + B);
        if (x.length != (long) n * B || y.length != (long) n * B) {
            throw new IllegalArgumentException("x and y must have N*B = " + (long) n * B + " values, got " + x.length
                    + " and " + y.length);
        }
        if (x == y) throw new IllegalArgumentException("x and y must be different arrays");
        if (tasksBatch != B) {
            int parts = ((long) rowPtr[n] + n) * B < Split.SERIAL_WORK ? 1 : threads;
            tasks = Split.tasks(0, n, B, parts, false, v -> rowPtr[v + 1] - rowPtr[v] + 1);
            tasksBatch = B;
        }
        final int[] t = tasks;
        int parts = t.length / 4;
        Workers.of(parts).run(parts, i -> {
            if (B == 1) rowsScalar(x, y, t[4 * i], t[4 * i + 1]);
            else if (simd && Simd.AVAILABLE && B >= Simd.lanes()) Simd.spmmRows(rowPtr, src, weight, x, y, B, t[4 * i], t[4 * i + 1]);
            else rows(x, y, B, t[4 * i], t[4 * i + 1]);
        });
    }

    private void rowsScalar(float[] x, float[] y, int r0, int r1) {
        final int[] rp = rowPtr;
        final int[] s = src;
        final float[] w = weight;
        for (int v = r0; v < r1; v++) {
            float acc = 0f;
            for (int p = rp[v], end = rp[v + 1]; p < end; p++) acc += w[p] * x[s[p]];
            y[v] = acc;
        }
    }

    private void rows(float[] x, float[] y, int B, int r0, int r1) {
        final int[] rp = rowPtr;
        final int[] s = src;
        final float[] w = weight;
        for (int v = r0; v < r1; v++) {
            int out = v * B;
            for (int b = 0; b < B; b++) y[out + b] = 0f;
            for (int p = rp[v], end = rp[v + 1]; p < end; p++) {
                float wp = w[p];
                int in = s[p] * B;
                for (int b = 0; b < B; b++) y[out + b] += wp * x[in + b];
            }
        }
    }
}
