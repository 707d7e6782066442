package org.thousandbrains.api;

import org.thousandbrains.model.GraphClassifier;

/** A copy of a model's weights, delays, leaks (per edge, CSR order) and biases (per node), e.g. before training. */
public record ParameterValues(double[] weight, double[] delay, double[] leak, double[] bias) {
    /** The model's current values. */
    public static ParameterValues of(GraphClassifier model) {
        return new ParameterValues(model.weights(), model.delays(), model.leaks(), model.biases());
    }

    @Override
    public String toString() {
        return "ParameterValues[" + weight.length + " edges, " + bias.length + " nodes]";
    }
}
