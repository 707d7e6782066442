package org.thousandbrains.graph.topology;

import java.util.Locale;

/** A node's activation function φ; {@code relu'(0) = 0} by convention. */
public enum Activation {
    IDENTITY, RELU, TANH, SIGMOID;

    /** Parses a name such as {@code relu}, {@code tanh}, {@code sigmoid}, {@code identity} (also {@code linear}). */
    public static Activation parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("linear") || t.equals("none")) return IDENTITY;
        for (Activation a : values()) {
            if (a.graphmlName().equals(t)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + s + "' (expected identity, relu, tanh or sigmoid)");
    }

    public String graphmlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** φ(a). */
    public double apply(double a) {
        switch (this) {
            case RELU: return a > 0 ? a : 0;
            case TANH: return Math.tanh(a);
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-a));
            default: return a;
        }
    }

    /** φ'(a) expressed through the output y = φ(a) where possible. */
    public double derivative(double a, double y) {
        switch (this) {
            case RELU: return a > 0 ? 1 : 0;
            case TANH: return 1 - y * y;
            case SIGMOID: return y * (1 - y);
            default: return 1;
        }
    }
}
