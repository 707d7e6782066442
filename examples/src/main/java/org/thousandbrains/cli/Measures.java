package org.thousandbrains.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Noise;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GroupPlan;
import org.thousandbrains.model.LayeredModel;
import org.thousandbrains.train.Batch;

/**
 * What the commands measure on a trained model: test accuracy, accuracy under pixel noise (the PyTorch
 * peer's {@code add_noise} semantics, seeded), which hidden nodes fire (DESIGN.md: {@code x > θ} or a
 * k-WTA winner) and the process's peak memory.
 */
final class Measures {
    static final double[] NOISE_LEVELS = {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5};
    static final int EVAL_BATCH = 1000;
    /** Offset of the noise seed from the run seed, as the peer's {@code seed + 777}. */
    static final long NOISE_SEED_OFFSET = 777;

    private Measures() {
    }

    /** Fraction of {@code data} classified correctly (evaluation mode). */
    static double accuracy(LayeredModel model, Dataset data) {
        DatasetExamples ex = new DatasetExamples(data);
        long right = 0;
        for (int from = 0; from < data.size(); from += EVAL_BATCH) {
            int[] idx = range(from, Math.min(data.size(), from + EVAL_BATCH));
            Batch b = ex.batch(idx);
            right += Losses.correct(model.forward(Tape.inference(), b.inputs()).value(), b.labels());
        }
        return (double) right / data.size();
    }

    /** Accuracy at each noise level: that fraction of every image's pixels replaced by U[0,1) values. */
    static Map<Double, Double> noise(LayeredModel model, Dataset test, double[] levels, long seed) {
        Map<Double, Double> out = new LinkedHashMap<>();
        for (double level : levels) {
            Dataset d = level == 0 ? test : Noise.corrupt(test, level, seed + NOISE_SEED_OFFSET);
            out.put(level, accuracy(model, d));
        }
        return out;
    }

    /**
     * Firing of the hidden nodes for the first {@code samples} test images: {@code [sample·T + t][node]},
     * hidden groups side by side in evaluation order.
     */
    static boolean[][] firing(LayeredModel model, Dataset data, int samples) {
        int n = Math.min(samples, data.size());
        Batch b = new DatasetExamples(data).batch(range(0, n));
        INDArray[][] states = model.states(b.inputs());
        int width = 0;
        for (GroupPlan g : model.layout().groups()) if (hidden(g)) width += g.size();
        boolean[][] fired = new boolean[n * model.steps()][width];
        int col = 0;
        for (int p = 0; p < model.layout().groups().size(); p++) {
            GroupPlan g = model.layout().group(p);
            if (!hidden(g)) continue;
            boolean kwta = g.kWinners() > 0;
            for (int t = 1; t <= model.steps(); t++) {
                float[] x = states[t][p].dup('c').data().asFloat();
                for (int s = 0; s < n; s++) {
                    for (int j = 0; j < g.size(); j++) {
                        float v = x[s * g.size() + j];
                        fired[s * model.steps() + t - 1][col + j] = v > g.threshold()[j] || (kwta && v != 0);
                    }
                }
            }
            col += g.size();
        }
        return fired;
    }

    /** Mean fraction of hidden nodes firing per sample and step, over the first {@code samples} images. */
    static double activeFraction(LayeredModel model, Dataset data, int samples) {
        long on = 0;
        long all = 0;
        for (int from = 0; from < Math.min(samples, data.size()); from += EVAL_BATCH) {
            int to = Math.min(Math.min(samples, data.size()), from + EVAL_BATCH);
            Dataset part = data.subset(range(from, to), data.name());
            for (boolean[] row : firing(model, part, to - from)) {
                for (boolean f : row) if (f) on++;
                all += row.length;
            }
        }
        return all == 0 ? 0 : (double) on / all;
    }

    static boolean hidden(GroupPlan g) {
        return !g.isInput() && !g.isOutput();
    }

    /** Peak resident set size of this process in MB ({@code VmHWM}), or NaN where unknown. */
    static double peakRssMb() {
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
    static boolean resetPeakRss() {
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
