package org.thousandbrains.train;

import java.util.Map;

/** Metrics computed after each epoch (validation loss, accuracy, robustness...), keyed by name. */
@FunctionalInterface
public interface Evaluator {
    Map<String, Double> evaluate(int epoch);

    /** {@code <prefix>_loss} and (with labels and logits) {@code <prefix>_accuracy} over {@code data}. */
    static Evaluator of(String prefix, Examples data, Objective objective, int batchSize) {
        return epoch -> Trainer.evaluate(data, objective, batchSize, prefix);
    }
}
