package org.thousandbrains.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Minibatches of a {@link Dataset} in a seeded random order: {@link #epoch} visits every sample
 * once, in consecutive batches of {@code batchSize} (the last may be smaller). The order is a
 * Fisher–Yates permutation drawn from {@link SplittableRandom}{@code (seed)}; pass a different seed
 * per epoch (e.g. derived from the run seed and the epoch number) for a fresh order.
 */
public final class Batches {
    /** One minibatch: row-major features {@code [size][dim]} (a copy) and their labels. */
    public record Batch(float[] features, int[] labels, int dim) {
        public int size() {
            return labels.length;
        }
    }

    private Batches() {
    }

    /** A uniformly random permutation of {@code 0..n-1}, determined by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The samples {@code order[from..to)} gathered into one batch. */
    public static Batch gather(Dataset data, int[] order, int from, int to) {
        int d = data.dim();
        float[] src = data.features();
        int[] labels = data.labels();
        float[] x = new float[(to - from) * d];
        int[] y = new int[to - from];
        for (int k = from; k < to; k++) {
            int i = order[k];
            System.arraycopy(src, i * d, x, (k - from) * d, d);
            y[k - from] = labels[i];
        }
        return new Batch(x, y, d);
    }

    /** One pass over {@code data} in the order of {@link #permutation}{@code (size, seed)}. */
    public static Iterable<Batch> epoch(Dataset data, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be positive");
        }
        int[] order = permutation(data.size(), seed);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(next + batchSize, order.length);
                Batch b = gather(data, order, next, to);
                next = to;
                return b;
            }
        };
    }
}
