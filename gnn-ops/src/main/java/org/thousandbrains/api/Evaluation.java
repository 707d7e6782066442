package org.thousandbrains.api;

import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Noise;
import org.thousandbrains.data.Split;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.train.Batch;

/**
 * What a trained model is measured by, all in eval mode (duty cycles frozen, inference k): accuracy,
 * accuracy under pixel noise (the PyTorch peer's {@code add_noise}, seeded) and which hidden nodes fire
 * (the operator's firing masks: {@code x > θ} or a k-WTA winner, DESIGN.md).
 *
 * <pre>{@code
 * Evaluation.accuracy(model, data)                 // 0.9611
 * Evaluation.noise(model, data.test(), 0)          // the curve over 0, 0.05, ..., 0.5
 * Evaluation.firing(model, data.test(), 100).activeFraction()
 * }</pre>
 */
public final class Evaluation {
    /** Noise levels of a robustness curve when none are given. */
    private static final double[] NOISE_LEVELS = {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5};
    /** Samples per forward pass of an evaluation, as the trainer's test evaluation. */
    public static final int EVAL_BATCH = 1000;
    /** Offset of the noise seed from the run seed, as the peer's {@code seed + 777}. */
    public static final long NOISE_SEED_OFFSET = 777;

    private Evaluation() {
    }

    /** The default noise levels 0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5. */
    public static double[] noiseLevels() {
        return NOISE_LEVELS.clone();
    }

    /** Test accuracy: the fraction of {@code data.test()} classified correctly. */
    public static double accuracy(GraphClassifier model, Split data) {
        return accuracy(model, data.test());
    }

    /** Fraction of {@code data} classified correctly (batches of {@value #EVAL_BATCH}). */
    public static double accuracy(GraphClassifier model, Dataset data) {
        DatasetExamples ex = new DatasetExamples(data);
        long right = 0;
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            Batch b = ex.batch(range(from, Math.min(data.size(), from + EVAL_BATCH)));
            right += Losses.correct(model.logits(b.inputs()), b.labels());
        }
        return (double) right / data.size();
    }

    /**
     * Accuracy at each noise level (none given: {@link #noiseLevels()}): that fraction of every image's pixels
     * replaced by U[0,1) values drawn from {@code seed + }{@value #NOISE_SEED_OFFSET}.
     */
    public static NoiseCurve noise(GraphClassifier model, Dataset test, long seed, double... levels) {
        double[] l = levels.length == 0 ? noiseLevels() : levels.clone();
        double[] acc = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            acc[i] = accuracy(model, l[i] == 0 ? test : Noise.corrupt(test, l[i], seed + NOISE_SEED_OFFSET));
        }
        return new NoiseCurve(l, acc, seed + NOISE_SEED_OFFSET);
    }

    /** Firing of the hidden nodes for the first {@code samples} samples of {@code data}, at every step. */
    public static Firing firing(GraphClassifier model, Dataset data, int samples) {
        int n = Math.min(samples, data.size());
        int[] hidden = Models.hiddenNodes(model);
        int steps = model.steps();
        int nodes = model.graph().nodeCount();
        boolean[][] fired = new boolean[n * steps][hidden.length];
        DatasetExamples ex = new DatasetExamples(data);
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            int b = to - from;
            byte[] masks = model.firing(ex.batch(range(from, to)).inputs());
            for (int t = 1; t <= steps; t++) {
                for (int j = 0; j < hidden.length; j++) {
                    int o = ((t - 1) * nodes + hidden[j]) * b;
                    for (int s = 0; s < b; s++) fired[(from + s) * steps + t - 1][j] = masks[o + s] != 0;
                }
            }
        }
        return new Firing(fired, steps, hidden);
    }

    private static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return idx;
    }
}
