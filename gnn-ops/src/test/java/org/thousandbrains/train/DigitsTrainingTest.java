package org.thousandbrains.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.autodiff.Var;
import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.optim.Adam;

/** End to end on the embedded 8x8 digits: softmax regression through {@link Examples#of} reaches a sane accuracy. */
class DigitsTrainingTest {
    @Test
    void softmaxRegressionLearnsDigits() throws IOException {
        Split split = Datasets.load("digits", 0);
        Examples train = Examples.of(split.train());
        Examples test = Examples.of(split.test());
        int dim = split.train().dim();
        ParameterSet ps = new ParameterSet();
        Parameter w = ps.add(new Parameter("w", Nd4j.zeros(DataType.FLOAT, dim, 10)));
        Parameter b = ps.add(new Parameter("b", Nd4j.zeros(DataType.FLOAT, 1, 10)));
        Objective obj = (tape, batch) -> {
            Var logits = tape.constant(batch.inputs()).matmul(tape.param(w)).addBias(tape.param(b));
            return new Forward(Losses.softmaxCrossEntropy(logits, batch.labels()), logits.value());
        };
        History h = Trainer.builder(ps, new Adam(ps, 0.02), obj).epochs(3).batchSize(64).seed(1)
                .evaluator(Evaluator.of("test", test, obj, 512)).build().fit(train);
        assertEquals(3, h.size());
        // chance is 0.10; a linear model reaches about 0.95 on this split
        assertTrue(h.last().metric("test_accuracy") > 0.85, "test accuracy " + h.last().metric("test_accuracy"));
    }
}
