package org.thousandbrains.ops;

/**
 * When the sparse-sparse kernel ({@code SparseSparse32/64}) is faster than the dense GEMM for one
 * product, from the nonzeros it counted at that step: a cost model in units of one GEMM
 * multiply-add, whose constants were measured on this project's CPU (see {@link #AXPY}).
 *
 * <p>GEMM: {@code nDst·nSrc·B} per product. Sparse-sparse forward: {@link #SCAN}{@code ·nSrc·B}
 * (finding the nonzeros) + {@link #SCAN}{@code ·nDst·B} (adding the sums back) + per nonzero input
 * {@link #AXPY}{@code ·nDst} (dense rows, plus {@link #TRANSPOSE} per matrix entry) or
 * {@link #INDEXED}{@code ·fan-out} (index lists);
 * backward the same per product (weight gradient, propagation, delay and leak gradients), over the
 * nonzero {@code ∂L/∂a} of the targets.
 */
final class SparseCost {
    /**
     * Cost of one multiply-add of a dense row (a vectorized {@code acc[d] += x·w[d]} over a block row)
     * and of one through the index lists ({@code acc[idx[p]] += x·w[p]}), relative to one GEMM
     * multiply-add (OpenBLAS sgemm, one thread, B = 128): slopes of time against nonzeros measured by
     * {@code bench/sparse_sparse.sh --calibrate} (examples' {@code SparseSweep --calibrate}, a 1024→1024
     * layer, float32, the thread's CPU time, min of 7–9 runs) on 2026-12-02 on this project's shared
     * 2-core VM under load 15–28 (other jobs): dense rows 1.2; index lists 22 and 45 in two runs (22 is
     * taken, from the run at the lower load). See docs/sparse-sparse.md.
     */
    static final double AXPY = 1.2;
    static final double INDEXED = 22;
    /**
     * Dense rows forward: the per-pass transpose of the weights, per matrix entry, in GEMM multiply-adds
     * (the calibration's intercepts for dense rows, 172 and 200 per entry; 180 taken). It makes the
     * dense-rows forward pay only at batches well above 180 or for very sparse inputs.
     */
    static final double TRANSPOSE = 180;
    /**
     * Finding the nonzeros and adding the sums back, per state touched. The calibration's intercepts
     * with index lists (−10 and −286) did not separate it from the noise; 1 (one GEMM multiply-add per
     * state) is assumed, a floor.
     */
    static final double SCAN = 1;

    private SparseCost() {
    }

    /** Index lists pay over dense rows below this weight density: {@code INDEXED·density < AXPY}. */
    static boolean indexed(double weightDensity) {
        return INDEXED * weightDensity < AXPY;
    }

    /** The sparse-sparse forward of {@code blk} with {@code nonzero} inputs over the batch is cheaper than its GEMM. */
    static boolean forwardPays(long nonzero, DenseLayout.Block blk, int batch, boolean indexed) {
        double perInput = indexed ? INDEXED * blk.edges.length / (double) blk.nSrc : AXPY * blk.nDst;
        double sparse = SCAN * (double) (blk.nSrc + blk.nDst) * batch + nonzero * perInput
                + (indexed ? 0 : TRANSPOSE * blk.nSrc * (double) blk.nDst);
        return sparse < (double) blk.nDst * blk.nSrc * batch;
    }

    /** The same for a backward of {@code products} GEMMs, with {@code nonzero} target gradients over the batch. */
    static boolean backwardPays(long nonzero, DenseLayout.Block blk, int batch, boolean indexed, int products) {
        double perTarget = indexed ? INDEXED * blk.edges.length / (double) blk.nDst : AXPY * blk.nSrc;
        double sparse = SCAN * (double) (blk.nDst + (products - 1) * blk.nSrc) * batch + products * nonzero * perTarget;
        return sparse < (double) products * blk.nDst * blk.nSrc * batch;
    }
}
