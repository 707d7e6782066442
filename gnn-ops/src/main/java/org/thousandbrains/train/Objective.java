package org.thousandbrains.train;

import org.thousandbrains.autodiff.Tape;

/**
 * The model plus loss: builds the forward pass of one batch on the given tape. The same objective runs
 * on recording tapes (training) and inference tapes (evaluation).
 */
@FunctionalInterface
public interface Objective {
    Forward forward(Tape tape, Batch batch);

    /**
     * Called by the trainer right after each optimizer step: for updates a learning rule makes on top
     * of the optimizer's (Hebbian strengthening). Nothing by default.
     */
    default void afterStep() {
    }
}
