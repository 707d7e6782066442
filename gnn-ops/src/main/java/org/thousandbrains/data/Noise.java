package org.thousandbrains.data;

import java.util.SplittableRandom;

/**
 * Pixel-replacement noise for robustness curves, with the semantics of {@code add_noise} in the
 * PyTorch peer: in every image exactly {@code round(fraction · dim)} pixels (round half to even,
 * as Python's {@code round}), chosen uniformly without replacement, are replaced by values drawn
 * uniformly from [0, 1). Deterministic given the seed; the random stream differs from PyTorch's.
 */
public final class Noise {
    private Noise() {
    }

    /** Pixels replaced per image of {@code dim} pixels. */
    public static int pixelsReplaced(double fraction, int dim) {
        checkFraction(fraction);
        return (int) Math.rint(fraction * dim);
    }

    /** A corrupted copy of {@code data}; {@code fraction} 0 returns an identical copy. */
    public static Dataset corrupt(Dataset data, double fraction, long seed) {
        int d = data.dim();
        int m = pixelsReplaced(fraction, d);
        float[] out = data.features().clone();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = new int[d];
        for (int j = 0; j < d; j++) {
            perm[j] = j;
        }
        for (int i = 0; i < data.size(); i++) {
            int base = i * d;
            // partial Fisher–Yates: perm[0..m) becomes a uniform m-subset whatever perm held before
            for (int k = 0; k < m; k++) {
                int r = k + rng.nextInt(d - k);
                int t = perm[k];
                perm[k] = perm[r];
                perm[r] = t;
                out[base + perm[k]] = (float) rng.nextDouble();
            }
        }
        return data.withFeatures(out, data.name() + " noise=" + fraction);
    }

    private static void checkFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("noise fraction " + fraction + " must be in [0, 1]");
        }
    }
}
