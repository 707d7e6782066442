package org.thousandbrains.selfsup;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Masks input nodes or input timesteps per sample (DESIGN.md "Masked prediction"). {@link #nodes} masks
 * features: each sample of a batch gets exactly {@code m = round(fraction·n)} masked features out of
 * {@code n}. {@link #steps} masks whole steps of a sequence input ({@code input_steps} L, a sample being
 * L·w step-major features): each sample gets exactly {@code round(fraction·L)} masked steps, all w
 * features of each. ({@link Math#round}: halves round up.) The masked units are a uniformly random subset
 * drawn by a partial Fisher–Yates shuffle from one {@link SplittableRandom} seeded once, so a run is
 * deterministic given the seed and the batch order. Masked features are set to {@value #MASK_VALUE}.
 */
public final class InputMask {
    /** The value a masked input takes. */
    public static final float MASK_VALUE = 0f;

    private final double fraction;
    private final int stepWidth;
    private final SplittableRandom rng;

    private InputMask(double fraction, int stepWidth, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("mask fraction must lie in [0, 1], got " + fraction);
        this.fraction = fraction;
        this.stepWidth = stepWidth;
        this.rng = new SplittableRandom(seed);
    }

    /** Masks {@code round(fraction·n)} input nodes of every sample, draws seeded by {@code seed}. */
    public static InputMask nodes(double fraction, long seed) {
        return new InputMask(fraction, 0, seed);
    }

    /**
     * Masks {@code round(fraction·L)} whole input steps of every sample of a sequence input whose steps are
     * {@code width} features wide (the graph's input nodes), draws seeded by {@code seed}.
     */
    public static InputMask steps(double fraction, int width, long seed) {
        if (width < 1) throw new IllegalArgumentException("a step is at least one feature wide, got " + width);
        return new InputMask(fraction, width, seed);
    }

    public double fraction() { return fraction; }

    /** Whether whole input steps are masked ({@link #steps}) rather than input nodes. */
    public boolean masksSteps() { return stepWidth > 0; }

    /** Masked units per sample out of {@code n} (features for {@link #nodes}, steps for {@link #steps}): {@code round(fraction·n)}. */
    public int count(int n) {
        return (int) Math.round(fraction * n);
    }

    /**
     * A batch with its mask: {@code masked [B, n]} float32, {@code mask[b·n + i]} true where feature i of
     * sample b is masked; {@code stepWidth} features per input step (1 for a node mask).
     */
    public record Drawn(INDArray masked, boolean[] mask, int batch, int features, int stepWidth) {
        public boolean masked(int b, int i) { return mask[b * features + i]; }

        /** Whether input step {@code s} (0-based; presented at step s + 1) of sample b is masked (its first feature is). */
        public boolean maskedStep(int b, int s) { return mask[b * features + s * stepWidth]; }

        /** Input steps per sample. */
        public int steps() { return features / stepWidth; }
    }

    /** Draws a fresh mask for every sample of {@code x [B, n]} and returns the masked copy. */
    public Drawn draw(INDArray x) {
        if (x.rank() != 2) throw new IllegalArgumentException("inputs must be [batch, features], got rank " + x.rank());
        int B = (int) x.size(0);
        int n = (int) x.size(1);
        int w = masksSteps() ? stepWidth : 1;
        if (n % w != 0) throw new IllegalArgumentException(n + " features are not whole steps of " + w + " (a step mask needs L·width features)");
        int units = n / w;
        int m = count(units);
        float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        boolean[] mask = new boolean[B * n];
        int[] pool = new int[units];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < units; i++) pool[i] = i;
            for (int k = 0; k < m; k++) {
                int j = k + rng.nextInt(units - k);
                int tmp = pool[k];
                pool[k] = pool[j];
                pool[j] = tmp;
                for (int f = pool[k] * w; f < (pool[k] + 1) * w; f++) {
                    mask[b * n + f] = true;
                    v[b * n + f] = MASK_VALUE;
                }
            }
        }
        return new Drawn(Nd4j.create(v, new long[] {B, n}, DataType.FLOAT), mask, B, n, w);
    }
}
