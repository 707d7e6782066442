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
}
