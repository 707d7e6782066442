package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * One message-passing step without time: {@code Y = A·X} with {@code A[v][u] = Σ w_e} over the edges
 * {@code u → v}, {@code X, Y} node-major {@code [N][B]} float32. Rows are split into parts by edge
 * count (a row's result does not depend on the part or thread); each row accumulates its edges in
 * CSR order into one {@code B}-vector (Vector API registers where {@link Simd} allows). The kernel
 * that {@code tb bench spmm} and the JMH benchmark measure against torch.sparse and SciPy.
 */
public final class CsrSpmm {
    final int n;
    final int[] rowPtr;
    final int[] src;
    private final int[] dst;
    final float[] weight;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int[] tasks;
    private int tasksBatch = -1;
    private boolean simd = true;
    /** State of the B = 1 vector path (a padded copy of the CSR and of x), built on first use. */
    Object gather;

    private CsrSpmm(CompiledGraph g) {
        this.n = g.nodeCount();
        this.rowPtr = g.rowPtr();
        this.src = g.src();
        this.dst = g.dst();
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
            int parts = Split.parts(((long) rowPtr[n] + n) * B, threads);
            tasks = Split.tasks(0, n, B, parts, false, v -> rowPtr[v + 1] - rowPtr[v] + 1);
            tasksBatch = B;
        }
        final int[] t = tasks;
        int parts = t.length / 4;
        final boolean vector = simd && Simd.AVAILABLE;
        if (B == 1 && vector) Simd.spmmPrepareGather(this, x);
        Workers.of(parts == 1 ? 1 : threads).run(parts, i -> {
            if (B == 1 && vector) Simd.spmmGather(this, x, y, t[4 * i], t[4 * i + 1]);
            else if (B == 1) rowsScalar(x, y, t[4 * i], t[4 * i + 1]);
            else if (vector && B >= Simd.lanes()) Simd.spmmRows(rowPtr, src, weight, x, y, B, t[4 * i], t[4 * i + 1]);
            else rows(x, y, B, t[4 * i], t[4 * i + 1]);
        });
    }

    /**
     * B = 1: the rows' edges as one flat stream, cut at row starts into four segments walked in
     * lockstep. Each segment keeps a running row sum that restarts where the target changes
     * ({@code (acc & keep) + w·x}: the accumulator's bits masked with all ones or all zeros, so a
     * NaN or infinity of one row never reaches the next, as {@code acc·0} would) and stores it on
     * every edge, so the last store of a row leaves its sum: no loop exit per row to mispredict, and
     * four independent add chains. Each row is still summed edge by edge in CSR order.
     */
    private void rowsScalar(float[] x, float[] y, int r0, int r1) {
        final int[] rp = rowPtr;
        final int[] s = src;
        final int[] d = dst;
        final float[] w = weight;
        for (int v = r0; v < r1; v++) if (rp[v] == rp[v + 1]) y[v] = 0f;
        int e0 = rp[r0];
        int e4 = rp[r1];
        int[] cut = new int[5];
        cut[0] = e0;
        cut[4] = e4;
        for (int c = 1; c < 4; c++) cut[c] = rowStartAtOrAfter(r0, r1, e0 + (int) ((long) (e4 - e0) * c / 4));
        int p0 = cut[0];
        int p1 = cut[1];
        int p2 = cut[2];
        int p3 = cut[3];
        int common = Math.min(Math.min(cut[1] - cut[0], cut[2] - cut[1]), Math.min(cut[3] - cut[2], cut[4] - cut[3]));
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        int v0 = -1;
        int v1 = -1;
        int v2 = -1;
        int v3 = -1;
        for (int i = 0; i < common; i++, p0++, p1++, p2++, p3++) {
            int t0 = d[p0];
            int t1 = d[p1];
            int t2 = d[p2];
            int t3 = d[p3];
            a0 = kept(a0, t0, v0) + w[p0] * x[s[p0]];
            a1 = kept(a1, t1, v1) + w[p1] * x[s[p1]];
            a2 = kept(a2, t2, v2) + w[p2] * x[s[p2]];
            a3 = kept(a3, t3, v3) + w[p3] * x[s[p3]];
            y[t0] = a0;
            y[t1] = a1;
            y[t2] = a2;
            y[t3] = a3;
            v0 = t0;
            v1 = t1;
            v2 = t2;
            v3 = t3;
        }
        finishSegment(x, y, p0, cut[1], a0, v0);
        finishSegment(x, y, p1, cut[2], a1, v1);
        finishSegment(x, y, p2, cut[3], a2, v2);
        finishSegment(x, y, p3, cut[4], a3, v3);
    }

    private void finishSegment(float[] x, float[] y, int p, int end, float acc, int prev) {
        final int[] s = src;
        final int[] d = dst;
        final float[] w = weight;
        for (; p < end; p++) {
            int t = d[p];
            acc = kept(acc, t, prev) + w[p] * x[s[p]];
            y[t] = acc;
            prev = t;
        }
    }

    /** {@code acc} when {@code row == prev}, else {@code +0f} (whatever {@code acc} holds, NaN included), without a branch. */
    static float kept(float acc, int row, int prev) {
        int diff = row ^ prev;
        int keep = ~((diff | -diff) >> 31); // all ones when equal, all zeros otherwise
        return Float.intBitsToFloat(Float.floatToRawIntBits(acc) & keep);
    }

    /** The first edge position at or after {@code e} that starts a row of {@code [r0, r1)} (or the range end). */
    private int rowStartAtOrAfter(int r0, int r1, int e) {
        int lo = r0;
        int hi = r1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rowPtr[mid] < e) lo = mid + 1;
            else hi = mid;
        }
        return rowPtr[lo];
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
