package org.thousandbrains.train;

/**
 * Callbacks of a {@link Trainer}, all no-ops by default: progress display, logging, checkpointing,
 * gradient surgery before the step (fired-only learning), post-step updates (EMA teacher).
 */
public interface TrainListener {
    /** Before the first batch of {@code epoch} (from 1) of {@code batches}. */
    default void onEpochStart(Trainer trainer, int epoch, int batches) {
    }

    /** Gradients are in the parameters (after clipping); the optimizer has not stepped yet. */
    default void beforeStep(Trainer trainer, Batch batch) {
    }

    /** Right after the optimizer step. */
    default void afterStep(Trainer trainer, Batch batch) {
    }

    /** After batch {@code batch} (from 0) of {@code batches} with its mean loss. */
    default void onBatchEnd(Trainer trainer, int epoch, int batch, int batches, double loss) {
    }

    /** After the epoch's evaluation; {@code trainer.state()} is already positioned at the next epoch. */
    default void onEpochEnd(Trainer trainer, EpochResult result) {
    }

    /** When {@link Trainer#fit} returns. */
    default void onTrainEnd(Trainer trainer, History history) {
    }
}
