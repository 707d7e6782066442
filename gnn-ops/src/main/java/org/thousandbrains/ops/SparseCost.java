package org.thousandbrains.ops;

/**
 * When the sparse-sparse kernel ({@code SparseSparse32/64}) is faster than the dense GEMM for one
 * product, from the nonzeros it counted at that step: a cost model in units of one GEMM
 * multiply-add, whose constants were measured on this project's CPU (see {@link #AXPY}).
 *
 * <p>GEMM: {@code nDst·nSrc·B} per product. Sparse-sparse forward: {@link #SCAN}{@code ·nSrc·B}
 * (finding the nonzeros) + {@link #SCAN}{@code ·nDst·B} (adding the sums back) + per nonzero input
 * {@link #AXPY}{@code ·nDst} (dense rows) or {@link #INDEXED}{@code ·fan-out} (index lists);
 * backward the same per product (weight gradient, propagation, delay and leak gradients), over the
 * nonzero {@code ∂L/∂a} of the targets.
 */
final class SparseCost {
    /**
     * Cost of one multiply-add of a dense row (a vectorized {@code acc[d] += x·w[d]} over a block row),
     * of one through the index lists ({@code acc[idx[p]] += x·w[p]}), and of touching one state in a
     * scan or write-back, relative to one GEMM multiply-add (OpenBLAS sgemm, one thread). Measured with
     * {@code bench/sparse_sparse.sh --calibrate} (examples' {@code SparseSweep --calibrate}: a 2048×2048
     * layer, B = 128, float32, one thread, each kernel timed alone and the GEMM at full density; the
     * fitted ratios are printed): see docs/sparse-sparse.md for the figures and the load at the time.
     */
    static final double AXPY = 3.0;
    static final double INDEXED = 12.0;
    static final double SCAN = 4.0;

    private SparseCost() {
    }

    /** Index lists pay over dense rows below this weight density: {@code INDEXED·density < AXPY}. */
    static boolean indexed(double weightDensity) {
        return INDEXED * weightDensity < AXPY;
    }

    /** The sparse-sparse forward of {@code blk} with {@code nonzero} inputs over the batch is cheaper than its GEMM. */
    static boolean forwardPays(long nonzero, DenseLayout.Block blk, int batch, boolean indexed) {
        double perInput = indexed ? INDEXED * blk.edges.length / (double) blk.nSrc : AXPY * blk.nDst;
        double sparse = SCAN * (double) (blk.nSrc + blk.nDst) * batch + nonzero * perInput;
        return sparse < (double) blk.nDst * blk.nSrc * batch;
    }

    /** The same for a backward of {@code products} GEMMs, with {@code nonzero} target gradients over the batch. */
    static boolean backwardPays(long nonzero, DenseLayout.Block blk, int batch, boolean indexed, int products) {
        double perTarget = indexed ? INDEXED * blk.edges.length / (double) blk.nDst : AXPY * blk.nSrc;
        double sparse = SCAN * (double) (blk.nDst + (products - 1) * blk.nSrc) * batch + products * nonzero * perTarget;
        return sparse < (double) products * blk.nDst * blk.nSrc * batch;
    }
}
