package org.thousandbrains.model;

/**
 * The nonzero (or selected) entries of each row of a {@code [rows, cols]} matrix, row by row:
 * row {@code r} holds {@code idx[ptr[r] .. ptr[r+1])} with values {@code val[...]} — a k-WTA layer's
 * winners, or the nonzero gradient entries behind them. Capacity for the dense worst case.
 */
final class RowList {
    final int rows;
    final int cols;
    final int[] ptr;
    final int[] idx;
    final float[] val;

    RowList(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.ptr = new int[rows + 1];
        this.idx = new int[rows * cols];
        this.val = new float[rows * cols];
    }

    /** The entries where {@code mask} is 1, with their values in {@code x}. */
    void fromMask(double[] x, float[] mask) {
        int q = 0;
        for (int r = 0; r < rows; r++) {
            ptr[r] = q;
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                if (mask[base + j] != 0) {
                    idx[q] = j;
                    val[q++] = (float) x[base + j];
                }
            }
        }
        ptr[rows] = q;
    }

    /** The nonzero entries of {@code x}. */
    void fromNonzero(double[] x) {
        int q = 0;
        for (int r = 0; r < rows; r++) {
            ptr[r] = q;
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                double v = x[base + j];
                if (v != 0) {
                    idx[q] = j;
                    val[q++] = (float) v;
                }
            }
        }
        ptr[rows] = q;
    }

    /** Stored entries over all cells. */
    double density() {
        return (double) ptr[rows] / ((double) rows * cols);
    }
}
