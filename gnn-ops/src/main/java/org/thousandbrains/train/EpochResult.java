package org.thousandbrains.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of training: its number (from 1), mean training loss over examples, training accuracy (NaN
 * without labels or logits), wall seconds of the training part, optimizer steps so far and the
 * evaluator's metrics.
 */
public record EpochResult(int epoch, double loss, double accuracy, double seconds, long steps, Map<String, Double> metrics) {
    public EpochResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** {@code loss}, {@code accuracy}, {@code seconds} or an evaluator metric; NaN when absent. */
    public double metric(String name) {
        switch (name) {
            case "loss": return loss;
            case "accuracy": return accuracy;
            case "seconds": return seconds;
            default: return metrics.getOrDefault(name, Double.NaN);
        }
    }
}
