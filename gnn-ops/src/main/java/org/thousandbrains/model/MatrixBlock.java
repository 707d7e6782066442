package org.thousandbrains.model;

/**
 * The edges from one group to another (same delay, no leak) as a dense weight matrix
 * {@code W[rows = source columns, cols = target columns]}, so that the block's message is the GEMM
 * {@code x_src · W}. {@code edgeAt[i * cols + j]} is the compiled (CSR) index of the edge from source
 * column {@code i} to target column {@code j}, or -1 where there is none: an incomplete block carries a
 * fixed 0/1 mask (Numenta's sparse weights). A {@link Role#UNIT_INTERNAL} block holds the edges inside
 * the units of one group (applied {@code rec} times, delay and leak ignored, DESIGN.md "Units").
 */
public record MatrixBlock(Role role, int source, int target, int delay, int rows, int cols, int[] edgeAt,
                          int edgeCount, boolean learnable) {
    /** What the block's edges are in the model. */
    public enum Role { FEED_FORWARD, UNIT_INTERNAL }

    /** True when every source column reaches every target column. */
    public boolean complete() { return edgeCount == rows * cols; }
}
