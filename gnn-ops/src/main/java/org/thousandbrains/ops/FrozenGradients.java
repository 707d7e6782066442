package org.thousandbrains.ops;

import org.thousandbrains.graph.topology.Learnable;

/** With frozen gradients skipped, the gradients of an edge's parameters whose learnable bit is off are 0. */
final class FrozenGradients {
    private FrozenGradients() {
    }

    /** Zeroes edge p's gradients in {@code gw}, {@code gd}, {@code gl} (any may be null: not made) whose bit in {@code learn} is off. */
    static void zero(int p, byte[] learn, double[] gw, double[] gd, double[] gl) {
        int bits = learn[p];
        if (gw != null && (bits & Learnable.WEIGHT) == 0) gw[p] = 0;
        if (gd != null && (bits & Learnable.DELAY) == 0) gd[p] = 0;
        if (gl != null && (bits & Learnable.LEAK) == 0) gl[p] = 0;
    }
}
