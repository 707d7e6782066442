package org.thousandbrains.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** Accuracy at each noise level (fraction of pixels replaced by uniform noise drawn from {@code noiseSeed}). */
public record NoiseCurve(double[] levels, double[] accuracies, long noiseSeed) {
    public NoiseCurve {
        if (levels.length != accuracies.length) {
            throw new IllegalArgumentException(levels.length + " noise levels but " + accuracies.length + " accuracies");
        }
    }

    /** The accuracy at {@code level}; throws when the curve has no such level. */
    public double at(double level) {
        for (int i = 0; i < levels.length; i++) if (levels[i] == level) return accuracies[i];
        throw new IllegalArgumentException("no noise level " + level + " in " + java.util.Arrays.toString(levels));
    }

    /** Level → accuracy, in level order. */
    public Map<Double, Double> asMap() {
        Map<Double, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < levels.length; i++) m.put(levels[i], accuracies[i]);
        return m;
    }

    /** The rows {@code {"level": l, "accuracy": a}} of a results file. */
    public List<Object> toJson() {
        return IntStream.range(0, levels.length).<Object>mapToObj(i -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("level", levels[i]);
            row.put("accuracy", accuracies[i]);
            return row;
        }).toList();
    }

    /** A two-column table {@code noise  accuracy}, one line per level. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("noise  accuracy\n");
        for (int i = 0; i < levels.length; i++) sb.append(String.format(Locale.ROOT, "%5.2f  %.4f%n", levels[i], accuracies[i]));
        return sb.toString();
    }
}
