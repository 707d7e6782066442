package org.thousandbrains.data;

import java.util.SplittableRandom;

/**
 * A memory task: one of {@code channels} input channels pulses (value 1) at a step drawn uniformly from the first
 * {@code cueSteps} steps of a sequence of {@code steps}; the class is the channel. Every value also carries Gaussian
 * noise of standard deviation {@code noise} (the pulse too), so a memory that integrates the whole sequence gathers
 * noise as well. Read out at the last step, the cue lies {@code steps − cueSteps} to {@code steps − 1} steps back.
 *
 * <p>Samples are step-major ({@code t·channels + c} is channel {@code c} at step {@code t+1}), the layout a graph with
 * {@code channels} input nodes and {@code input_steps = steps} reads; as a {@link Dataset} the "image" is
 * {@code steps × channels}. Deterministic given the seed.
 */
public record ChannelRecall(int channels, int steps, int cueSteps, double noise) {
    public ChannelRecall {
        if (channels < 2) throw new IllegalArgumentException("recall needs >= 2 channels, got " + channels);
        if (cueSteps < 1 || cueSteps > steps) {
            throw new IllegalArgumentException("cueSteps must lie in [1, steps=" + steps + "], got " + cueSteps);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
    }

    /** {@code n} samples drawn from {@code seed}. */
    public Dataset generate(int n, long seed, String name) {
        if (n < 1) throw new IllegalArgumentException("need >= 1 sample, got " + n);
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.Random gauss = new java.util.Random(rng.nextLong());
        int dim = steps * channels;
        float[] x = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(channels);
            int t = rng.nextInt(cueSteps);
            for (int j = 0; j < dim; j++) x[i * dim + j] = (float) (noise * gauss.nextGaussian());
            x[i * dim + t * channels + c] += 1f;
            y[i] = c;
        }
        return new Dataset(name, x, y, channels, steps, channels);
    }

    /** Train and test sets from one seed (independent draws). */
    public Split split(int train, int test, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Split(generate(train, r.nextLong(), "channel-recall-train"), generate(test, r.nextLong(), "channel-recall-test"));
    }
}
