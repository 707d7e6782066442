package org.thousandbrains.ops;

/**
 * How the operator runs the compiled graph; every strategy computes the same states and gradients
 * (DESIGN.md, "Execution strategies"), only the speed differs.
 * <ul>
 * <li>{@link #CSR}: every edge through the CSR gather kernels (the reference path).</li>
 * <li>{@link #BLOCKS}: every group-to-group edge set that can be one matrix (contiguous node
 *     groups, one whole delay, leak 0 in this pass) as a BLAS GEMM, complete or masked, whatever
 *     its size; the rest through CSR.</li>
 * <li>{@link #SPARSE}: like BLOCKS, and every block runs sparse-sparse at every step: per sample
 *     only the nonzero inputs (a k-WTA group's winners) are read and multiplied by the weights they
 *     feed, backward only the nonzero gradients of the targets (for tests and benchmarks: AUTO picks
 *     it where it pays).</li>
 * <li>{@link #AUTO} (default): like BLOCKS, but only for blocks dense and big enough to gain
 *     ({@link #AUTO_MIN_DENSITY}, {@link #AUTO_MIN_WORK}), or sparser blocks (down to 2%) fed by a
 *     k-WTA group of density at most {@link #AUTO_SPARSE_INPUT} or by input nodes (whose density shows
 *     only in the data: sparse inputs run sparse-sparse, dense ones the GEMM, about as fast as CSR
 *     there on the 2048 stack at 2–5% weights); each product of these blocks that the
 *     sparse-sparse kernel would run through index lists (weights below ≈ 17%) runs sparse-sparse at the
 *     steps where the nonzeros counted then make it faster than the GEMM (a cost model whose constants
 *     were measured on the 2048-stack sweep), the GEMM at the others. Denser blocks up to
 *     {@link #AUTO_ROWS_MAX_DENSITY}, at batches from {@link #AUTO_ROWS_MIN_BATCH}, whose pass needs no
 *     delay or leak gradient (a trainer's
 *     {@code skipFrozenGradients}) run through their sparse weight rows: only the edges, over the whole
 *     batch, and weight gradients only where a target's gradient is nonzero (a k-WTA layer's winners),
 *     with no zero-padded matrix to fill. Denser blocks fed by a k-WTA group of density at most
 *     {@link #AUTO_SPARSE_INPUT} may run through the sparse-sparse kernel's dense rows, again where the cost model
 *     says so per product and step (on the 512- to 2048-wide stacks they beat the GEMM at up to 10% active, and the
 *     sparse Fashion-MNIST model's hidden 512 × 512 layer runs there); denser blocks fed otherwise keep the GEMM
 *     (with input-fed blocks too, the model's pixel-fed first layer lost 13% at batch 1000). Such a GEMM block
 *     into a k-WTA group of density at most {@link #AUTO_SPARSE_INPUT}, at batches from
 *     {@link #AUTO_ROWS_MIN_BATCH} and with no delay or leak gradient, keeps the GEMM for its forward and its
 *     propagation but forms its weight gradient through its sparse rows from the winners' nonzero gradients,
 *     at the steps where the cost model says that is cheaper (the Fashion-MNIST model's first layer).</li>
 * </ul>
 */
public enum Strategy {
    CSR, BLOCKS, SPARSE, AUTO;

    /**
     * AUTO uses a block when at least this fraction of its matrix is edges ... In the 2048-stack sweep on a
     * quiet machine (B = 128, 1 thread) the GEMM beat CSR from 10% weights on (a training step 124 vs 207 ms)
     * and about tied at 5%; a random 10% block holds slightly under 10% (it was left to CSR at 0.1).
     */
    public static final double AUTO_MIN_DENSITY = 0.075;
    /** ... and the matrix has at least this many entries. */
    public static final long AUTO_MIN_WORK = 1024;
    /**
     * AUTO runs a block that the sparse-sparse index lists do not take (weights above ≈ 17%) through its
     * sparse rows ({@code SparseRows32/64}: its edges only, over the whole batch) up to this weight density,
     * at batches of at least {@link #AUTO_ROWS_MIN_BATCH}, and as a GEMM otherwise. Measured with the
     * examples' SparseSweep (float32, B = 128, one thread, 10% active, CPU ms per training step and per
     * inference pass): on the 1024 stack the rows beat the GEMM at 20% weights (training 9.9 vs 12.5,
     * inference 4.3 vs 5.3) and 25% (9.3 vs 11.4), tied at 30% (12.4 vs 12.0) and lost from 35% on (15.0 vs
     * 12.6, inference 7.3 vs 5.6); on the 512 stack they tied at 25% (3.94 vs 3.98) and lost 5–16% at 30–40%.
     */
    public static final double AUTO_ROWS_MAX_DENSITY = 0.25;
    /**
     * ... and the batch is at least this big: the rows' per-pass costs (their weights gathered, the states
     * transposed) are paid back only over a wide batch. On the 1024 stack at 20% weights and 10% active the
     * GEMM won at B = 1, 8, 16, 32 and 64 (training 7.7 vs 9.4 ms at 64, inference 3.0 vs 4.8) and lost at 128.
     */
    public static final int AUTO_ROWS_MIN_BATCH = 128;
    /** AUTO also runs a sparser block when its input is a k-WTA group of at most this density. */
    public static final double AUTO_SPARSE_INPUT = 0.25;

    /**
     * The strategy new operators start with: {@link #AUTO}, or the one the system property
     * {@code tb.strategy} names (e.g. {@code -Dtb.strategy=blocks} to time a command without
     * sparse-sparse); like {@code tb.simd}, a switch for benchmarks, results do not depend on it.
     */
    public static Strategy byDefault() {
        String s = System.getProperty("tb.strategy");
        return s == null ? AUTO : parse(s);
    }

    /** Parses {@code csr|blocks|sparse|auto}. */
    public static Strategy parse(String s) {
        for (Strategy x : values()) if (x.name().equalsIgnoreCase(s.trim())) return x;
        throw new IllegalArgumentException("unknown strategy '" + s + "' (expected csr, blocks, sparse or auto)");
    }
}
