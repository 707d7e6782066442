package org.thousandbrains.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Noise;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.train.Batch;

/**
 * What the commands measure on a trained model, all in eval mode: test accuracy, accuracy under pixel
 * noise (the PyTorch peer's {@code add_noise} semantics, seeded), which hidden nodes fire (the operator's
 * firing masks, DESIGN.md: {@code x > θ} or a k-WTA winner) and the process's peak memory.
 */
public final class Measures {
    static final double[] NOISE_LEVELS = {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5};
    static final int EVAL_BATCH = 1000;
    /** Offset of the noise seed from the run seed, as the peer's {@code seed + 777}. */
    public static final long NOISE_SEED_OFFSET = 777;

    private Measures() {
    }

    /** Fraction of {@code data} classified correctly (eval mode, batches of {@value #EVAL_BATCH} as the trainer's evaluation). */
    public static double accuracy(GraphClassifier model, Dataset data) {
        DatasetExamples ex = new DatasetExamples(data);
        long right = 0;
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int[] idx = range(from, Math.min(data.size(), from + EVAL_BATCH));
            Batch b = ex.batch(idx);
            right += Losses.correct(model.logits(b.inputs()), b.labels());
        }
        return (double) right / data.size();
    }

    /** Accuracy at each noise level: that fraction of every image's pixels replaced by U[0,1) values. */
    public static Map<Double, Double> noise(GraphClassifier model, Dataset test, double[] levels, long seed) {
        Map<Double, Double> out = new LinkedHashMap<>();
        for (double level : levels) {
            Dataset d = level == 0 ? test : Noise.corrupt(test, level, seed + NOISE_SEED_OFFSET);
            out.put(level, accuracy(model, d));
        }
        return out;
    }

    /** The hidden nodes (neither input nor output) of the model's graph, in node order. */
    static int[] hiddenNodes(GraphClassifier model) {
        CompiledGraph g = model.graph();
        return java.util.stream.IntStream.range(0, g.nodeCount())
                .filter(v -> g.kind(v) != NodeKind.INPUT && g.kind(v) != NodeKind.OUTPUT).toArray();
    }

    /**
     * Firing of the hidden nodes for the first {@code samples} images of {@code data}, from the operator's
     * firing masks: {@code [sample·T + t - 1][hidden node]}, hidden nodes in node order.
     */
    static boolean[][] firing(GraphClassifier model, Dataset data, int samples) {
        int n = Math.min(samples, data.size());
        int[] hidden = hiddenNodes(model);
        int T = model.steps();
        int N = model.graph().nodeCount();
        boolean[][] fired = new boolean[n * T][hidden.length];
        DatasetExamples ex = new DatasetExamples(data);
        for (int from = 0; from < n; from += EVAL_BATCH) {
            int to = Math.min(n, from + EVAL_BATCH);
            int B = to - from;
            byte[] masks = model.firing(ex.batch(range(from, to)).inputs());
            for (int t = 1; t <= T; t++) {
                for (int j = 0; j < hidden.length; j++) {
                    int o = ((t - 1) * N + hidden[j]) * B;
                    for (int b = 0; b < B; b++) fired[(from + b) * T + t - 1][j] = masks[o + b] != 0;
                }
            }
        }
        return fired;
    }

    /** Mean fraction of hidden nodes firing per sample and step, over the first {@code samples} images. */
    public static double activeFraction(GraphClassifier model, Dataset data, int samples) {
        long on = 0;
        long all = 0;
        for (boolean[] row : firing(model, data, samples)) {
            for (boolean f : row) if (f) on++;
            all += row.length;
        }
        return all == 0 ? 0 : (double) on / all;
    }

    /** Peak resident set size of this process in MB ({@code VmHWM}), or NaN where unknown. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Resets the peak RSS to the current RSS (Linux {@code clear_refs} 5), so the next peak is one run's; false where refused. */
    public static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    static int[] range(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return idx;
    }
}
