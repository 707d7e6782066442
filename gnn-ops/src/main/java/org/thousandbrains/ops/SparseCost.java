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
     * multiply-add (OpenBLAS sgemm, one thread, B = 128), from the 2048-stack sweep of 2026-12-03
     * ({@code SparseSweep --weights 0.05,0.2,1 --activations 0.02,0.05,0.1,0.2,0.5}, float32, one thread,
     * the thread's CPU time, min of 3; the GEMM ≈ 0.023 ns a multiply-add there, two 2048² products in the
     * 30 ms inference of the dense strategy, ≈ 25 ms of it). Index lists: the sparse strategy's slope
     * between 10% and 50% active at 5% weights, 0.82 ns a term in inference and 0.74 in training: 35.
     * Dense rows: the slopes (0.096 ns at 20% weights, 0.058 at 100%, i.e. 4.1 and 2.5) put the crossover
     * with the GEMM at 24–40% active where the sweep measured 15–20% (20% weights) and ≈ 12% (100%), the
     * fixed costs of a pass not being in a slope; 6 matches the measured crossovers. See docs/sparse-sparse.md.
     */
    static final double AXPY = 6;
    static final double INDEXED = 35;
    /**
     * Dense rows forward after the weights changed (an optimizer step): the transpose of the weights, per
     * matrix entry, in GEMM multiply-adds. Made in 16 × 16 tiles, it took 1.6% of a Fashion-MNIST training step
     * (perf, B = 128) for the hidden layer's 512 × 512 entries: 0.27 ns, ≈ 12 multiply-adds of 0.023 ns (180
     * until the transpose was tiled, when it went entry by entry through an index of the pattern). Timed alone, the
     * same transpose takes 0.19–0.20 ms, 0.75 ns an entry (≈ 33); charged 33, the training step got no faster, so
     * 12 stays (docs/sparse-sparse.md, nineteenth session).
     */
    static final double TRANSPOSE = 12;
    /**
     * Finding the nonzeros and adding the sums back, per state touched: 40, so that at no activity a 2048²
     * product costs ≈ 4% of its GEMM (the sweep's sparse inference at 5% weights levels off at 12 ms, of
     * which the k-WTA stages and the pass's checks are most); it keeps small blocks (a 512→10 readout) on the
     * GEMM, where the kernel's per-state work outweighs the few multiply-adds it saves.
     */
    static final double SCAN = 40;

    private SparseCost() {
    }

    /** Index lists pay over dense rows below this weight density: {@code INDEXED·density < AXPY}. */
    static boolean indexed(double weightDensity) {
        return INDEXED * weightDensity < AXPY;
    }

    /**
     * The sparse-sparse forward of {@code blk} with {@code nonzero} inputs over the batch is cheaper than its GEMM;
     * {@code transpose}: the dense rows' transpose has to be made first (the weights changed since it was made).
     */
    static boolean forwardPays(long nonzero, DenseLayout.Block blk, int batch, boolean indexed, boolean transpose) {
        double perInput = indexed ? INDEXED * blk.edges.length / (double) blk.nSrc : AXPY * blk.nDst;
        double sparse = SCAN * (double) (blk.nSrc + blk.nDst) * batch + nonzero * perInput
                + (transpose ? TRANSPOSE * blk.nSrc * (double) blk.nDst : 0);
        return sparse < (double) blk.nDst * blk.nSrc * batch;
    }

    /** The same for a backward of {@code products} GEMMs, with {@code nonzero} target gradients over the batch. */
    static boolean backwardPays(long nonzero, DenseLayout.Block blk, int batch, boolean indexed, int products) {
        double perTarget = indexed ? INDEXED * blk.edges.length / (double) blk.nDst : AXPY * blk.nSrc;
        double sparse = SCAN * (double) (blk.nDst + (products - 1) * blk.nSrc) * batch + products * nonzero * perTarget;
        return sparse < (double) products * blk.nDst * blk.nSrc * batch;
    }

    /**
     * The weight gradient of {@code blk} through its sparse rows from {@code nonzero} target gradients over the batch
     * ({@code SparseRows32/64}: the states transposed, {@link #SCAN} per state, then per nonzero a row of
     * {@link #AXPY}{@code ·nSrc}) is cheaper than its GEMM {@code ∂W += G·xᵀ}.
     */
    static boolean rowGradientsPay(long nonzero, DenseLayout.Block blk, int batch) {
        double sparse = SCAN * (double) blk.nSrc * batch + AXPY * (double) nonzero * blk.nSrc;
        return sparse < (double) blk.nDst * blk.nSrc * batch;
    }
}
