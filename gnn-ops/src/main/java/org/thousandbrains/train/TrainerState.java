package org.thousandbrains.train;

import java.util.List;

/**
 * Everything a {@link Trainer} needs to continue a run exactly where it was: completed epochs, the next
 * batch of the current epoch, the global step, the RNG state before the current epoch's shuffle (to
 * redraw the same permutation) and now, the current epoch's running sums, early-stopping progress and
 * the finished epochs' history.
 */
public record TrainerState(int epoch, int batch, long step, long epochRngState, long rngState,
                           double lossSum, long seen, long correct, long labelled, double seconds,
                           double best, int bestEpoch, int epochsWithoutImprovement, boolean stopped, List<EpochResult> history) {
    public TrainerState {
        history = List.copyOf(history);
    }
}
