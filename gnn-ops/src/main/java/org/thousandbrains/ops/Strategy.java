package org.thousandbrains.ops;

/**
 * How the operator runs the compiled graph; every strategy computes the same states and gradients
 * (DESIGN.md, "Execution strategies"), only the speed differs.
 * <ul>
 * <li>{@link #CSR}: every edge through the CSR gather kernels (the reference path).</li>
 * <li>{@link #BLOCKS}: every group-to-group edge set that can be one matrix (contiguous node
 *     groups, one whole delay, leak 0 in this pass) as a BLAS GEMM, complete or masked, whatever
 *     its size; the rest through CSR.</li>
 * <li>{@link #AUTO} (default): like BLOCKS, but only for blocks dense and big enough to gain
 *     ({@link #AUTO_MIN_DENSITY}, {@link #AUTO_MIN_WORK}).</li>
 * </ul>
 */
public enum Strategy {
    CSR, BLOCKS, AUTO;

    /** AUTO uses a block when at least this fraction of its matrix is edges ... */
    public static final double AUTO_MIN_DENSITY = 0.1;
    /** ... and the matrix has at least this many entries. */
    public static final long AUTO_MIN_WORK = 1024;

    /** Parses {@code csr|blocks|auto}. */
    public static Strategy parse(String s) {
        for (Strategy x : values()) if (x.name().equalsIgnoreCase(s.trim())) return x;
        throw new IllegalArgumentException("unknown strategy '" + s + "' (expected csr, blocks or auto)");
    }
}
