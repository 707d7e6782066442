package org.thousandbrains.ops;

import org.thousandbrains.graph.topology.Activation;

/** Activation ordinals as byte constants, so kernels can switch on a byte array. */
final class Act {
    static final byte IDENTITY = 0;
    static final byte RELU = 1;
    static final byte TANH = 2;
    static final byte SIGMOID = 3;

    static {
        if (Activation.IDENTITY.ordinal() != IDENTITY || Activation.RELU.ordinal() != RELU
                || Activation.TANH.ordinal() != TANH || Activation.SIGMOID.ordinal() != SIGMOID
                || Activation.values().length != 4) {
            throw new ExceptionInInitializerError("Activation enum changed: update org.thousandbrains.ops.Act and the kernels");
        }
    }

    private Act() {
    }

    /** {@code φ(a)} for one value (the block stages; the row kernels have vectorised loops). */
    static double apply(byte act, double a) {
        switch (act) {
            case RELU: return Math.max(a, 0.0);
            case TANH: return StrictMath.tanh(a);
            case SIGMOID: return 1.0 / (1.0 + StrictMath.exp(-a));
            default: return a;
        }
    }

    /** {@code φ'} expressed through the output {@code x = φ(a)} (relu: 1 where x &gt; 0). */
    static double slope(byte act, double x) {
        switch (act) {
            case RELU: return x > 0.0 ? 1.0 : 0.0;
            case TANH: return 1.0 - x * x;
            case SIGMOID: return x * (1.0 - x);
            default: return 1.0;
        }
    }
}
