package org.thousandbrains.experiments;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.train.History;
import org.thousandbrains.train.Objective;
import org.thousandbrains.train.TrainListener;
import org.thousandbrains.train.Trainer;

/**
 * Training a {@link GraphClassifier} under any objective (auxiliary heads, masked pretraining, a probe) with
 * Adam, for the self-supervision experiments: one trainer set-up, the test accuracy of the classifier's main
 * readout recorded after every epoch as {@code test_accuracy} when a test set is given.
 */
final class SupervisedRuns {
    private SupervisedRuns() {
    }

    /** Trains {@code model} on {@code train} with {@code objective}; {@code test} (or null) measured per epoch. */
    static History fit(GraphClassifier model, Objective objective, Dataset train, Dataset test, int epochs, int batch,
                       double lr, long seed, TrainListener... listeners) {
        Trainer.Builder b = Trainer.builder(model.parameters(), new Adam(model.parameters().learnable(), lr), objective)
                .epochs(epochs).batchSize(batch).seed(seed);
        if (test != null) b.evaluator(epoch -> Map.of("test_accuracy", accuracy(model, test)));
        for (TrainListener l : listeners) b.listener(l);
        return b.build().fit(new DatasetExamples(train));
    }

    /** Eval-mode accuracy of the classifier's readout on {@code data}. */
    static double accuracy(GraphClassifier model, Dataset data) {
        return (double) Losses.correct(model.logits(features(data)), data.labels()) / data.size();
    }

    /** The samples of {@code data} as a {@code [n, dim]} float32 matrix. */
    static INDArray features(Dataset data) {
        return Nd4j.create(data.features(), new long[] {data.size(), data.dim()}, DataType.FLOAT);
    }
}
