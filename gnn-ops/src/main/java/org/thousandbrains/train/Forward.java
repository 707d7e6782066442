package org.thousandbrains.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Var;

/** What an {@link Objective} returns: the scalar loss on the tape and, for classifiers, the logits {@code [B, C]} (or null). */
public record Forward(Var loss, INDArray logits) {
    public static Forward of(Var loss) {
        return new Forward(loss, null);
    }
}
