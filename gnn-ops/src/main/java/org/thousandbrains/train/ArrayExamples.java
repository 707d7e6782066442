package org.thousandbrains.train;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Examples held as the rows of a 2-D array, with labels and/or a target array of matching rows. */
public final class ArrayExamples implements Examples {
    private final INDArray inputs;
    private final INDArray targets;
    private final int[] labels;

    /** {@code inputs [n, features]}; {@code targets [n, k]} or null; {@code labels [n]} or null. */
    public ArrayExamples(INDArray inputs, INDArray targets, int[] labels) {
        if (inputs.rank() != 2) throw new IllegalArgumentException("inputs must be [examples, features], got "
                + Arrays.toString(inputs.shape()));
        long n = inputs.size(0);
        if (targets != null && (targets.rank() != 2 || targets.size(0) != n)) {
            throw new IllegalArgumentException("targets " + Arrays.toString(targets.shape()) + " for " + n + " examples");
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " examples");
        }
        this.inputs = inputs;
        this.targets = targets;
        this.labels = labels;
    }

    public static ArrayExamples classification(INDArray inputs, int[] labels) {
        return new ArrayExamples(inputs, null, labels);
    }

    public static ArrayExamples regression(INDArray inputs, INDArray targets) {
        return new ArrayExamples(inputs, targets, null);
    }

    @Override
    public int size() {
        return (int) inputs.size(0);
    }

    @Override
    public Batch batch(int[] indices) {
        int[] y = null;
        if (labels != null) {
            y = new int[indices.length];
            for (int i = 0; i < indices.length; i++) y[i] = labels[indices[i]];
        }
        return new Batch(inputs.getRows(indices), targets == null ? null : targets.getRows(indices), y, indices.clone());
    }
}
