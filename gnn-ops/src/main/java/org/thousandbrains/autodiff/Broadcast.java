package org.thousandbrains.autodiff;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape rules of 2-D broadcasting (size-1 dimensions stretch) and the matching gradient reductions. */
final class Broadcast {
    private Broadcast() {
    }

    /** The broadcast shape of two shapes, or an error naming both. */
    static long[] shape(long[] a, long[] b) {
        if (Arrays.equals(a, b)) return a;
        if (a.length != 2 || b.length != 2) {
            throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + " differ; broadcasting needs 2-D values");
        }
        long[] out = new long[2];
        for (int d = 0; d < 2; d++) {
            if (a[d] == b[d] || b[d] == 1) out[d] = a[d];
            else if (a[d] == 1) out[d] = b[d];
            else throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
        }
        return out;
    }

    /** x stretched to {@code shape} (x itself when the shape already matches). */
    static INDArray expand(INDArray x, long[] shape) {
        return Arrays.equals(x.shape(), shape) ? x : x.broadcast(shape);
    }

    /** Sums a gradient over the dimensions along which a value of {@code shape} was broadcast. */
    static INDArray reduceTo(INDArray g, long[] shape) {
        if (Arrays.equals(g.shape(), shape)) return g;
        INDArray r = g;
        if (shape[0] == 1 && r.size(0) != 1) r = r.sum(true, 0);
        if (shape[1] == 1 && r.size(1) != 1) r = r.sum(true, 1);
        return r;
    }
}
