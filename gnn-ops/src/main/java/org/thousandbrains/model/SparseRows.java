package org.thousandbrains.model;

/**
 * Float32 products of a weight matrix {@code W [inner, cols]} (row-major) with the row lists of a k-WTA
 * layer's output — the block's source keeps about 10% of its nodes per sample, so only the winners'
 * rows of {@code W} take part ({@code winners × cols} work per sample instead of {@code inner × cols}),
 * and in the backward pass only winners × nonzero-gradient pairs. Same results as the dense GEMM up
 * to summation order.
 */
final class SparseRows {
    private SparseRows() {
    }

    /** {@code out[r, :] += Σ_{i ∈ x(r)} x[r, i] · W[i, :]}. */
    static void multiply(RowList x, float[] w, int cols, float[] out) {
        for (int r = 0; r < x.rows; r++) {
            int oo = r * cols;
            for (int q = x.ptr[r]; q < x.ptr[r + 1]; q++) {
                float v = x.val[q];
                if (v == 0) continue;
                int wo = x.idx[q] * cols;
                for (int j = 0; j < cols; j++) out[oo + j] += v * w[wo + j];
            }
        }
    }

    /** {@code dw[i, j] += x[r, i] · g[r, j]} over the entries of both row lists. */
    static void accumulateOuter(RowList x, RowList g, int cols, float[] dw) {
        for (int r = 0; r < x.rows; r++) {
            int g0 = g.ptr[r];
            int g1 = g.ptr[r + 1];
            if (g0 == g1) continue;
            for (int q = x.ptr[r]; q < x.ptr[r + 1]; q++) {
                float v = x.val[q];
                if (v == 0) continue;
                int wo = x.idx[q] * cols;
                for (int b = g0; b < g1; b++) dw[wo + g.idx[b]] += v * g.val[b];
            }
        }
    }

    /** {@code out[r, i] = Σ_j g[r, j] · W[i, j]} at the entries of {@code x} (the winners), 0 elsewhere. */
    static void multiplyTransposed(RowList g, RowList x, float[] w, int cols, double[] out) {
        java.util.Arrays.fill(out, 0);
        int inner = x.cols;
        for (int r = 0; r < x.rows; r++) {
            int g0 = g.ptr[r];
            int g1 = g.ptr[r + 1];
            if (g0 == g1) continue;
            for (int q = x.ptr[r]; q < x.ptr[r + 1]; q++) {
                int i = x.idx[q];
                int wo = i * cols;
                float s = 0;
                for (int b = g0; b < g1; b++) s += g.val[b] * w[wo + g.idx[b]];
                out[r * inner + i] = s;
            }
        }
    }
}
