package org.thousandbrains.selfsup;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masks input nodes per sample (DESIGN.md "Masked prediction"): each sample of a batch gets exactly
 * {@code m = round(fraction·n)} masked features out of {@code n} ({@link Math#round}: halves round up),
 * a uniformly random subset drawn by a partial Fisher–Yates shuffle from one {@link SplittableRandom}
 * seeded once, so a run is deterministic given the seed and the batch order. Masked features are set to
 * {@value #MASK_VALUE}. Only input nodes are masked: the classifier holds its input constant over the
 * steps, so masking input timesteps is left to sequence inputs.
 */
public final class InputMask {
    /** The value a masked input takes. */
    public static final float MASK_VALUE = 0f;

    private final double fraction;
    private final SplittableRandom rng;

    private InputMask(double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("mask fraction must lie in [0, 1], got " + fraction);
        this.fraction = fraction;
        this.rng = new SplittableRandom(seed);
    }

    /** Masks {@code round(fraction·n)} input nodes of every sample, draws seeded by {@code seed}. */
    public static InputMask nodes(double fraction, long seed) {
        return new InputMask(fraction, seed);
    }

    public double fraction() { return fraction; }

    /** Masked positions per sample of {@code n} features: {@code round(fraction·n)}. */
    public int count(int n) {
        return (int) Math.round(fraction * n);
    }

    /** A batch with its mask: {@code masked [B, n]} float32, {@code mask[b·n + i]} true where feature i of sample b is masked. */
    public record Drawn(INDArray masked, boolean[] mask, int batch, int features) {
        public boolean masked(int b, int i) { return mask[b * features + i]; }
    }

    /** Draws a fresh mask for every sample of {@code x [B, n]} and returns the masked copy. */
    public Drawn draw(INDArray x) {
        if (x.rank() != 2) throw new IllegalArgumentException("inputs must be [batch, features], got rank " + x.rank());
        int B = (int) x.size(0);
        int n = (int) x.size(1);
        int m = count(n);
        float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        boolean[] mask = new boolean[B * n];
        int[] pool = new int[n];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < n; i++) pool[i] = i;
            for (int k = 0; k < m; k++) {
                int j = k + rng.nextInt(n - k);
                int tmp = pool[k];
                pool[k] = pool[j];
                pool[j] = tmp;
                mask[b * n + pool[k]] = true;
                v[b * n + pool[k]] = MASK_VALUE;
            }
        }
        return new Drawn(Nd4j.create(v, new long[] {B, n}, DataType.FLOAT), mask, B, n);
    }
}
