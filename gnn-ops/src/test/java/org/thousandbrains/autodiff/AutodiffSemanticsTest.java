package org.thousandbrains.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-derived values and the tape's bookkeeping rules. */
class AutodiffSemanticsTest {
    private static INDArray d(double[] v, long... shape) {
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }

    @Test
    void softmaxCrossEntropyMatchesHandValuesAndStaysFiniteForHugeLogits() {
        Tape t = new Tape();
        Var z = t.variable(d(new double[] {1, 2, 3, 1000, 0, -1000}, 2, 3));
        Var loss = Losses.softmaxCrossEntropy(z, new int[] {0, 1});
        // row 0: log(e^1+e^2+e^3) - 1; row 1: 1000 - 0 (the other terms vanish)
        double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 1;
        assertEquals((row0 + 1000) / 2, loss.value().getDouble(0), 1e-12);
        t.backward(loss);
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {(Math.exp(1) / s - 1) / 2, Math.exp(2) / s / 2, Math.exp(3) / s / 2, 0.5, -0.5, 0},
                z.grad().dup('c').data().asDouble(), 1e-12);
    }

    @Test
    void mseAndReluAtZero() {
        Tape t = new Tape();
        Var p = t.variable(d(new double[] {0, 2, -1, 3}, 2, 2));
        Var loss = Losses.mse(p.relu(), d(new double[] {1, 1, 1, 1}, 2, 2));
        // relu(p) = [0,2,0,3]; diff = [-1,1,-1,2]; mean of squares = 7/4
        assertEquals(7.0 / 4, loss.value().getDouble(0), 1e-15);
        t.backward(loss);
        // d/dp = 2*diff/4 * relu'(p), relu'(0) = 0 and relu'(-1) = 0
        assertArrayEquals(new double[] {0, 0.5, 0, 1.0}, p.grad().data().asDouble(), 1e-15);
    }

    @Test
    void parameterGradientsAccumulateAcrossTapesUntilZeroed() {
        Parameter w = new Parameter("w", d(new double[] {1, 2}, 1, 2));
        for (int i = 0; i < 2; i++) {
            Tape t = new Tape();
            t.backward(t.param(w).mul(t.param(w)).sum());
        }
        assertArrayEquals(new double[] {4, 8}, w.grad().data().asDouble(), 0);
        w.zeroGrad();
        assertArrayEquals(new double[] {0, 0}, w.grad().data().asDouble(), 0);
    }

    @Test
    void frozenParametersAndInferenceTapesRecordNothing() {
        Parameter w = new Parameter("w", d(new double[] {1, 2}, 1, 2)).learnable(false);
        Tape t = new Tape();
        Var y = t.param(w).scale(3).sum();
        assertFalse(y.requiresGrad());
        t.backward(y);
        assertArrayEquals(new double[] {0, 0}, w.grad().data().asDouble(), 0);

        Tape inf = Tape.inference();
        Var x = inf.variable(d(new double[] {1}, 1, 1));
        assertFalse(x.tanh().requiresGrad());
        assertThrows(IllegalStateException.class, () -> inf.backward(x));
    }

    @Test
    void customOpGradientsFlowAndBadShapesAreNamed() {
        // y = x^3 elementwise, dy/dx = 3x^2
        class Cube implements CustomOp {
            INDArray x;
            public INDArray forward(INDArray[] in) { x = in[0]; return x.mul(x).muli(x); }
            public INDArray[] backward(INDArray g) { return new INDArray[] {x.mul(x).muli(3).muli(g)}; }
        }
        GradCheck.inputs((t, v) -> t.apply(new Cube(), v[0].tanh()).sum(), 1e-6,
                d(new double[] {0.3, -1.2, 0.7}, 1, 3)).assertBelow(1e-7);

        CustomOp wrong = new CustomOp() {
            public INDArray forward(INDArray[] in) { return in[0].dup(); }
            public INDArray[] backward(INDArray g) { return new INDArray[] {Nd4j.ones(DataType.DOUBLE, 2, 2)}; }
            public String name() { return "WrongShape"; }
        };
        Tape t = new Tape();
        Var loss = t.apply(wrong, t.variable(d(new double[] {1, 2, 3}, 1, 3))).sum();
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> t.backward(loss));
        assertTrue(ex.getMessage().contains("WrongShape input 0"), ex.getMessage());
    }

    @Test
    void gradCheckDetectsAWrongBackward() {
        CustomOp lying = new CustomOp() {
            INDArray x;
            public INDArray forward(INDArray[] in) { x = in[0]; return x.mul(x); }
            public INDArray[] backward(INDArray g) { return new INDArray[] {x.mul(g)}; } // should be 2x
        };
        GradCheck.Result r = GradCheck.inputs((t, v) -> t.apply(lying, v[0]).sum(), 1e-6, d(new double[] {1.5}, 1, 1));
        assertThrows(AssertionError.class, () -> r.assertBelow(1e-6));
        assertEquals(0.5, r.maxError(), 1e-6); // analytic 1.5, numeric 3: |1.5-3|/3
    }

    @Test
    void floatDefaultsStayFloatAndUnusedInputsGetNoGradient() {
        Tape t = new Tape();
        Var a = t.variable(Nd4j.rand(DataType.FLOAT, 2, 3));
        Var unused = t.variable(Nd4j.rand(DataType.FLOAT, 2, 3));
        Var loss = a.sigmoid().mean();
        assertEquals(DataType.FLOAT, loss.dataType());
        t.backward(loss);
        assertEquals(DataType.FLOAT, a.grad().dataType());
        assertNull(unused.grad());
    }

    @Test
    void projectionsClampInPlace() {
        INDArray v = d(new double[] {-0.5, 0.3, 1.7}, 1, 3);
        Parameter leak = new Parameter("leak", v).projection(Projection.clamp(0, 0.99));
        leak.project();
        assertArrayEquals(new double[] {0, 0.3, 0.99}, leak.value().data().asDouble(), 0);
        assertTrue(leak.value() == v);
        Parameter delay = new Parameter("delay", d(new double[] {0.2, 3, 0.9}, 1, 3))
                .projection(Projection.atLeast(d(new double[] {1, 1, 0.5}, 1, 3)));
        delay.project();
        assertArrayEquals(new double[] {1, 3, 0.9}, delay.value().data().asDouble(), 0);
    }
}
