package org.thousandbrains.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The check itself: analytic and finite-difference sides see the same (training-mode) function from
 * the same state, the state is left as found, unpassed mutable state and all-zero gradients fail.
 *
 * <p>The stateful function: {@code f(W) = Σ_j c_j · kWTA(x·W)_j} with x = [1, 0.5], W = [[0.8, 0.6],
 * [0.4, 0.3]], so {@code a = x·W = [1, 0.75]}, c = [2, −3], k = 1 of 2, boost β = 5, duty-cycle period
 * 1. From duty cycles 0 the boost factors are equal and node 0 wins: {@code f = 2}, {@code ∂f/∂W =
 * [[2, 0], [1, 0]]} (c_0·x in column 0). One training pass sets the duty cycles to [1, 0]; then the
 * boosted scores are 1·e^{−2.5} = 0.08 and 0.75·e^{2.5} = 9.1, node 1 wins and {@code f = −2.25}: a
 * check that took finite differences after the analytic pass moved the state would see the other
 * winner's gradient.
 */
class GradCheckTest {
    /**
     * A two-node k-WTA with boosting as a test double (k = 1, β = 5, duty-cycle period 1): scores
     * {@code a_j·exp(β(1/2 − δ_j))}, the winner passes, the loser outputs 0; on a recording tape the
     * duty cycles become the winner indicator after the forward (period 1). Its state is a
     * non-learnable parameter, as model state is.
     */
    private static final class KWinners {
        final Parameter duty = new Parameter("h.duty_cycle", Nd4j.zeros(DataType.DOUBLE, 1, 2), "state").learnable(false);

        Var apply(Var a) {
            Tape tape = a.tape();
            boolean training = tape.isRecording();
            return tape.apply(new CustomOp() {
                private double[] mask;

                @Override
                public INDArray forward(INDArray[] in) {
                    double[] x = in[0].dup('c').data().asDouble();
                    double[] d = duty.value().dup('c').data().asDouble();
                    int win = x[0] * Math.exp(5 * (0.5 - d[0])) >= x[1] * Math.exp(5 * (0.5 - d[1])) ? 0 : 1;
                    mask = new double[] {win == 0 ? 1 : 0, win == 1 ? 1 : 0};
                    if (training) duty.value().assign(Nd4j.create(mask, new long[] {1, 2}, DataType.DOUBLE));
                    return in[0].mul(Nd4j.create(mask, new long[] {1, 2}, DataType.DOUBLE));
                }

                @Override
                public INDArray[] backward(INDArray g) {
                    return new INDArray[] {g.mul(Nd4j.create(mask, new long[] {1, 2}, DataType.DOUBLE))};
                }
            }, a);
        }

        float[] dutyCycle() {
            double[] d = duty.value().dup('c').data().asDouble();
            return new float[] {(float) d[0], (float) d[1]};
        }

        List<Parameter> state() {
            return List.of(duty);
        }
    }

    private static final INDArray X = Nd4j.create(new double[] {1, 0.5}, new long[] {1, 2}, DataType.DOUBLE);
    private static final INDArray C = Nd4j.create(new double[] {2, -3}, new long[] {1, 2}, DataType.DOUBLE);

    private static Parameter weight() {
        return new Parameter("W", Nd4j.create(new double[] {0.8, 0.6, 0.4, 0.3}, new long[] {2, 2}, DataType.DOUBLE));
    }

    private static Function<Tape, Var> objective(KWinners kw, Parameter w) {
        return t -> kw.apply(t.constant(X).matmul(t.param(w))).mul(t.constant(C)).sum();
    }

    @Test
    void theStatefulFunctionBehavesAsWorkedOut() {
        KWinners kw = new KWinners();
        Parameter w = weight();
        assertEquals(2.0, objective(kw, w).apply(new Tape()).value().getDouble(0), 1e-12);
        assertArrayEquals(new float[] {1, 0}, kw.dutyCycle());
        assertEquals(-2.25, objective(kw, w).apply(Tape.inference()).value().getDouble(0), 1e-12);
    }

    @Test
    void analyticAndFiniteDifferencesUseTheSameModeAndState() {
        KWinners kw = new KWinners();
        Parameter w = weight();
        INDArray w0 = w.value().dup();
        ParameterSet all = new ParameterSet(List.of(w)).addAll(kw.state());
        GradCheck.Result r = GradCheck.parameters(objective(kw, w), 1e-6, all).assertBelow(1e-8);
        assertEquals(4, r.checked(), "the duty cycles are state, not checked");
        assertArrayEquals(new double[] {2, 0, 1, 0}, w.grad().dup('c').data().asDouble(), 0.0);
        assertArrayEquals(new float[] {0, 0}, kw.dutyCycle(), "state as found");
        assertArrayEquals(w0.data().asDouble(), w.value().data().asDouble(), 0.0, "weights restored exactly");
    }

    @Test
    void mutableStateThatIsNotPassedIsReported() {
        KWinners kw = new KWinners();
        Parameter w = weight();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradCheck.parameters(objective(kw, w), 1e-6, w));
        assertTrue(e.getMessage().contains("f gave 2.0, then -2.25"), e.getMessage());
        assertTrue(e.getMessage().contains("mutable state"), e.getMessage());
    }

    @Test
    void allZeroGradientsCheckNothingAndFail() {
        Parameter w = weight();
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.parameters(t -> t.param(w).mul(t.constant(zero)).sum(), 1e-6, w));
        assertTrue(e.getMessage().contains("checks nothing") && e.getMessage().contains("[W]"), e.getMessage());
        AssertionError in = assertThrows(AssertionError.class,
                () -> GradCheck.inputs((t, v) -> v[0].mul(t.constant(zero)).sum(), 1e-6, zero.dup()));
        assertTrue(in.getMessage().contains("checks nothing"), in.getMessage());
        // a gradient that is zero in some elements only is a real check
        GradCheck.Result r = GradCheck.parameters(t -> t.param(w).mul(t.constant(
                Nd4j.create(new double[] {0, 0, 0, 1.5}, new long[] {2, 2}, DataType.DOUBLE))).sum(), 1e-6, w);
        assertEquals(4, r.checked());
        assertArrayEquals(new double[] {0, 0, 0, 1.5}, w.grad().dup('c').data().asDouble(), 0.0);
    }

    @Test
    void inputGradientsOfTheStatefulFunctionFromTheSameState() {
        KWinners kw = new KWinners();
        Parameter w = weight();
        // ∂f/∂x_i = Σ_j c_j·mask_j·W[i][j] = c_0·W[i][0] = [1.6, 0.8]
        GradCheck.Result r = GradCheck.inputs((t, v) -> kw.apply(v[0].matmul(t.param(w))).mul(t.constant(C)).sum(),
                1e-6, kw.state(), X.dup()).assertBelow(1e-8);
        assertEquals(2, r.checked());
        assertArrayEquals(new float[] {0, 0}, kw.dutyCycle(), "state as found");
    }
}
