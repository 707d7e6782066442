package org.thousandbrains.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.CustomOp;
import org.thousandbrains.autodiff.Losses;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.autodiff.Var;
import org.thousandbrains.optim.Adam;

/**
 * NaN and infinity stop training before they reach the parameters: 48 examples in batches of 16 are
 * 3 batches per epoch, so the 5th forward pass is epoch 2, batch 2. The parameters after the exception
 * are bit for bit those the faulty pass saw (the values after step 4), and no fifth step was counted.
 */
class NonFiniteTrainingTest {
    private static final int FAULTY_CALL = 5;

    /** Adds 0 to the loss with a gradient of {@code bad} in every element of its input (w1 here). */
    private static final class Poison implements CustomOp {
        private final double bad;
        private INDArray shape;

        Poison(double bad) {
            this.bad = bad;
        }

        @Override
        public INDArray forward(INDArray[] in) {
            shape = in[0];
            return Nd4j.zeros(in[0].dataType(), 1, 1);
        }

        @Override
        public INDArray[] backward(INDArray g) {
            return new INDArray[] {Nd4j.valueArrayOf(shape.shape(), bad, shape.dataType())};
        }
    }

    /** Fixtures' MLP objective; on the faulty call its loss or the gradient of w1 is poisoned. */
    private static final class Faulty implements Objective {
        final ParameterSet ps;
        final double badGradient;
        final double badLoss;
        int calls;
        int[] seen;
        double loss;

        Faulty(ParameterSet ps, double badGradient, double badLoss) {
            this.ps = ps;
            this.badGradient = badGradient;
            this.badLoss = badLoss;
        }

        @Override
        public Forward forward(org.thousandbrains.autodiff.Tape tape, Batch b) {
            Forward f = Fixtures.objective(ps).forward(tape, b);
            if (!tape.isRecording() || ++calls != FAULTY_CALL) return f;
            seen = Fixtures.bits(ps);
            Var l = f.loss();
            if (badLoss == 0) {
                l = l.add(tape.apply(new Poison(badGradient), tape.param(ps.get("w1")))); // finite loss, gradient of w1 poisoned
            } else {
                l = l.add(tape.constant(Nd4j.valueArrayOf(new long[] {1, 1}, badLoss, l.value().dataType())));
            }
            loss = l.value().getDouble(0);
            return new Forward(l, f.logits());
        }
    }

    private static Trainer.Builder trainer(ParameterSet ps, Objective o) {
        return Trainer.builder(ps, new Adam(ps, 0.05), o).batchSize(16).epochs(3).seed(7);
    }

    @ParameterizedTest(name = "gradient {0}, clip value {1}, clip norm {2}")
    @CsvSource({"NaN, 0, 0", "Infinity, 0, 0", "-Infinity, 0, 0", "Infinity, 0.5, 0", "Infinity, 0, 1", "NaN, 0.5, 1"})
    void aNonFiniteGradientStopsTrainingAndLeavesTheParameters(double bad, double clipValue, double clipNorm) {
        ParameterSet ps = Fixtures.mlp(3);
        Faulty o = new Faulty(ps, bad, 0);
        Trainer t = trainer(ps, o).clipValue(clipValue).clipGlobalNorm(clipNorm).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Fixtures.blobs(48, 1)));
        assertEquals("epoch 2, batch 2: gradient of 'w1' has NaN/Inf (loss " + o.loss + "); parameters left unchanged",
                e.getMessage());
        assertEquals(FAULTY_CALL, o.calls);
        assertArrayEquals(o.seen, Fixtures.bits(ps), "parameters exactly as before the step");
        assertEquals(FAULTY_CALL - 1, t.step());
        assertEquals(FAULTY_CALL - 1, t.optimizer().state().params().get("w1").step(), "no optimizer state moved");
        assertEquals(1, t.history().size());
    }

    @ParameterizedTest
    @CsvSource({"NaN", "Infinity"})
    void aNonFiniteLossStopsTrainingAndLeavesTheParameters(double badLoss) {
        ParameterSet ps = Fixtures.mlp(3);
        Faulty o = new Faulty(ps, 0, badLoss);
        Trainer t = trainer(ps, o).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Fixtures.blobs(48, 1)));
        assertEquals("epoch 2, batch 2: loss is " + badLoss + "; parameters left unchanged", e.getMessage());
        assertArrayEquals(o.seen, Fixtures.bits(ps));
        assertEquals(FAULTY_CALL - 1, t.step());
    }

    @Test
    void aNonFiniteEvaluationMetricIsReportedWithItsEpoch() {
        ParameterSet ps = Fixtures.mlp(3);
        int[][] atEvaluation = new int[1][];
        Evaluator ev = epoch -> {
            atEvaluation[0] = Fixtures.bits(ps);
            return Map.of("val_accuracy", 0.5, "val_loss", epoch == 2 ? Double.NaN : 1.0);
        };
        Trainer t = trainer(ps, Fixtures.objective(ps)).evaluator(ev).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Fixtures.blobs(48, 1)));
        assertEquals("epoch 2: evaluation metric 'val_loss' is NaN; training stopped", e.getMessage());
        assertArrayEquals(atEvaluation[0], Fixtures.bits(ps), "evaluation changed no parameter");
        assertEquals(1, t.history().size(), "the NaN epoch is not recorded");
        assertEquals(6, t.step());
    }

    @Test
    void aNaNInTheEvaluationLossOfTrainerEvaluateIsReported() {
        ParameterSet ps = Fixtures.mlp(3);
        Objective nanOnEval = (tape, b) -> {
            Forward f = Fixtures.objective(ps).forward(tape, b);
            if (tape.isRecording()) return f;
            return new Forward(Losses.mse(f.loss(), tape.constant(Nd4j.valueArrayOf(new long[] {1, 1}, Double.NaN,
                    f.loss().value().dataType()))), f.logits());
        };
        Trainer t = trainer(ps, Fixtures.objective(ps)).evaluator(Evaluator.of("val", Fixtures.blobs(30, 2), nanOnEval, 30))
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Fixtures.blobs(48, 1)));
        assertEquals("epoch 1: evaluation metric 'val_loss' is NaN; training stopped", e.getMessage());
    }
}
