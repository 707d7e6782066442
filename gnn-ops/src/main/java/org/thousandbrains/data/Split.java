package org.thousandbrains.data;

import java.util.Objects;

/** A train/test pair of the same task (same feature dimension and classes). */
public record Split(Dataset train, Dataset test) {
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.dim() != test.dim() || train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("train " + train + " and test " + test
                    + " differ in feature dimension or class count");
        }
    }
}
