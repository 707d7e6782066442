package org.thousandbrains.data;

import java.util.SplittableRandom;

/**
 * A timing task where only the relative timing of two events decides the class: channel A pulses (value 1) at
 * step {@code t1}, channel B at {@code t2 = t1 + Δ}, every other value is 0; the class is the bin of Δ:
 * {@code Δ = minGap + class·binWidth + j}, {@code j < binWidth}. Δ is drawn uniformly (so the classes are balanced)
 * and {@code t1} uniformly from the steps that keep B inside the sequence, independently of Δ, so A's absolute time
 * carries no information about the class.
 *
 * <p>A sample is a sequence of {@code steps} steps of the 2 channels, stored step-major (value {@code t·2 + c} is
 * channel {@code c} at step {@code t+1}): the layout a graph with 2 input nodes and {@code input_steps = steps}
 * reads. As a {@link Dataset} its "image" is {@code steps × 2}. Deterministic given the seed.
 */
public record PulseTiming(int steps, int classes, int minGap, int binWidth) {
    /** Channels: A and B. */
    public static final int CHANNELS = 2;

    public PulseTiming {
        if (classes < 2) throw new IllegalArgumentException("a timing task needs >= 2 classes, got " + classes);
        if (minGap < 1) throw new IllegalArgumentException("minGap must be >= 1 (A strictly before B), got " + minGap);
        if (binWidth < 1) throw new IllegalArgumentException("binWidth must be >= 1, got " + binWidth);
        int maxGap = minGap + classes * binWidth - 1;
        if (steps <= maxGap) {
            throw new IllegalArgumentException("steps=" + steps + " leave no room for the largest gap Δ=" + maxGap + " (needs steps > Δ)");
        }
    }

    /** The largest gap Δ. */
    public int maxGap() {
        return minGap + classes * binWidth - 1;
    }

    /** The class of gap {@code delta}. */
    public int classOf(int delta) {
        if (delta < minGap || delta > maxGap()) throw new IllegalArgumentException("gap " + delta + " outside [" + minGap + ", " + maxGap() + "]");
        return (delta - minGap) / binWidth;
    }

    /** {@code n} samples drawn from {@code seed}. */
    public Dataset generate(int n, long seed, String name) {
        if (n < 1) throw new IllegalArgumentException("need >= 1 sample, got " + n);
        SplittableRandom rng = new SplittableRandom(seed);
        int dim = steps * CHANNELS;
        float[] x = new float[n * dim];
        int[] y = new int[n];
        int gaps = classes * binWidth;
        for (int i = 0; i < n; i++) {
            int delta = minGap + rng.nextInt(gaps);
            int t1 = rng.nextInt(steps - delta); // 0-based: t1 + delta <= steps - 1
            x[i * dim + t1 * CHANNELS] = 1f;
            x[i * dim + (t1 + delta) * CHANNELS + 1] = 1f;
            y[i] = classOf(delta);
        }
        return new Dataset(name, x, y, classes, steps, CHANNELS);
    }

    /** Train and test sets from one seed (independent draws). */
    public Split split(int train, int test, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Split(generate(train, r.nextLong(), "pulse-timing-train"), generate(test, r.nextLong(), "pulse-timing-test"));
    }
}
