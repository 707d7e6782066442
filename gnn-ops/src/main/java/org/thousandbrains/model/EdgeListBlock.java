package org.thousandbrains.model;

/**
 * Edges from one group to another that keep a per-edge trace (a leak, or a learnable leak) and share
 * one delay {@code d = k + f}: message {@code Σ_e w_e s_e} with {@code s_e(t) = λ_e s_e(t-1) + r_e(t)},
 * {@code r_e(t) = (1-f) x_u(t-k) + f x_u(t-k-1)} (DESIGN.md, steps 1-3). Used for lateral edges
 * between units.
 *
 * @param edges     compiled (CSR) index of each edge
 * @param sourceCol column of each edge's source in the source group
 * @param targetCol column of each edge's target in the target group
 */
public record EdgeListBlock(int source, int target, double delay, int[] edges, int[] sourceCol, int[] targetCol,
                            boolean weightLearnable, boolean leakLearnable) {
    public int size() { return edges.length; }
    /** Whole steps of the delay. */
    public int wholeSteps() { return (int) Math.floor(delay); }
    /** Fractional part of the delay. */
    public double fraction() { return delay - Math.floor(delay); }
}
