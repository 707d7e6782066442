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
 *     were measured on the 2048-stack sweep), the GEMM at the others. Denser blocks keep the GEMM: the
 *     kernel's dense rows beat it on the 2048 stack at up to 10–20% active, but were slower than the
 *     model said on the sparse Fashion-MNIST model's 512-wide layers (30% weights, 10% active: its epoch
 *     15% and its inference 16% slower than with the GEMM), so AUTO leaves them to SPARSE.</li>
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
