package org.thousandbrains.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch: the model inputs (layout decided by the {@link Examples} that made it), optional
 * targets (regression) and labels (classification), and the indices of its examples.
 */
public record Batch(INDArray inputs, INDArray targets, int[] labels, int[] indices) {
    public int size() {
        return indices.length;
    }
}
