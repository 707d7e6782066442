package org.thousandbrains.api;

import java.util.Locale;

/**
 * Which hidden nodes fired: {@code fired[sample·steps + t - 1][j]} for hidden node {@code hidden[j]} (node
 * index in the compiled graph) at step {@code t} of a sample.
 */
public record Firing(boolean[][] fired, int steps, int[] hidden) {
    /** Samples covered. */
    public int samples() {
        return steps == 0 ? 0 : fired.length / steps;
    }

    /** Mean fraction of hidden nodes firing per sample and step. */
    public double activeFraction() {
        long on = 0;
        long all = 0;
        for (boolean[] row : fired) {
            for (boolean f : row) if (f) on++;
            all += row.length;
        }
        return all == 0 ? 0 : (double) on / all;
    }

    /** Per hidden node, the fraction of (sample, step) pairs in which it fired. */
    public double[] rates() {
        double[] r = new double[hidden.length];
        for (boolean[] row : fired) for (int j = 0; j < row.length; j++) if (row[j]) r[j]++;
        for (int j = 0; j < r.length; j++) r[j] = fired.length == 0 ? 0 : r[j] / fired.length;
        return r;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Firing[%d hidden nodes, %d samples × %d steps, active fraction %.3f]", hidden.length,
                samples(), steps, activeFraction());
    }
}
