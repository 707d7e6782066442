package org.thousandbrains.model;

import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Forward;
import org.thousandbrains.train.Objective;

/** Classification with a {@link LayeredModel}: softmax cross-entropy of its logits against the batch labels. */
public final class ModelObjective implements Objective {
    private final LayeredModel model;

    public ModelObjective(LayeredModel model) {
        this.model = model;
    }

    @Override
    public Forward forward(Tape tape, Batch batch) {
        if (batch.labels() == null) throw new IllegalArgumentException("classification needs labelled batches");
        LayeredModel.Classified c = model.classify(tape, batch.inputs(), batch.labels());
        return new Forward(c.loss(), c.logits());
    }
}
