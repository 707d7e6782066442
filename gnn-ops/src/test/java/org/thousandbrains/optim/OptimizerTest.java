package org.thousandbrains.optim;

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
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.Projection;

/**
 * Updates against hand calculations and against reference values produced by PyTorch 1.13
 * ({@code torch.optim}, float64) for the same start point and gradient sequence.
 */
class OptimizerTest {
    private static final double[] P0 = {0.5, -1.25, 2.0};
    private static final double[][] GRADS = {{0.3, -0.7, 1.1}, {-0.2, 0.4, 0.9}, {0.05, -1.5, 0.25}};

    private static INDArray d(double... v) {
        return Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE);
    }

    /** Runs three steps with the fixed gradients, returning the parameter after each. */
    private static double[][] run(Function<List<ParamGroup>, Optimizer> make, double lr, double wd) {
        Parameter p = new Parameter("p", d(P0));
        Optimizer opt = make.apply(List.of(new ParamGroup("default", List.of(p), lr, wd)));
        double[][] out = new double[GRADS.length][];
        for (int i = 0; i < GRADS.length; i++) {
            opt.zeroGrad();
            p.grad().assign(d(GRADS[i]));
            opt.step();
            out[i] = p.value().toDoubleVector();
        }
        return out;
    }

    private static void assertRows(double[][] expected, double[][] actual) {
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], actual[i], 1e-15, "step " + (i + 1));
    }

    @Test
    void adamFirstTwoStepsByHand() {
        Parameter p = new Parameter("p", d(1.0));
        Adam adam = new Adam(List.of(new ParamGroup("g", List.of(p), 0.1, 0.0)), 0.9, 0.999, 1e-8);
        p.grad().assign(0.5);
        adam.step();
        // m = 0.05, v = 0.00025, m^ = 0.5, sqrt(v^) = 0.5: p = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
        double p1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
        assertEquals(p1, p.value().getDouble(0), 1e-15);
        p.grad().assign(-0.3);
        adam.step();
        // m = 0.9*0.05 - 0.1*0.3 = 0.015; v = 0.999*0.00025 + 0.001*0.09 = 0.00033975
        // p = p1 - 0.1/(1-0.81) * 0.015 / (sqrt(0.00033975)/sqrt(1-0.998001) + 1e-8)
        double p2 = p1 - 0.1 / 0.19 * 0.015 / (Math.sqrt(0.00033975) / Math.sqrt(0.001999) + 1e-8);
        assertEquals(p2, p.value().getDouble(0), 1e-14);
        assertEquals(2, adam.state().params().get("p").step());
    }

    @Test
    void sgdMomentumByHand() {
        Parameter p = new Parameter("p", d(1.0));
        Sgd sgd = new Sgd(List.of(new ParamGroup("g", List.of(p), 0.1, 0.0)), 0.9, 0, false);
        p.grad().assign(0.5);
        sgd.step(); // buf = 0.5
        assertEquals(0.95, p.value().getDouble(0), 1e-15);
        sgd.step(); // buf = 0.9*0.5 + 0.5 = 0.95
        assertEquals(0.95 - 0.095, p.value().getDouble(0), 1e-15);
    }

    @Test
    void matchesPyTorch() {
        assertRows(new double[][] {
            {0.4695, -1.17875, 1.888}, {0.45962745, -1.149564125, 1.7045008},
            {0.445828490295, -0.9872622297874999, 1.51531746928}},
            run(g -> new Sgd(g, 0.9, 0.1, false), 0.1, 0.01));
        assertRows(new double[][] {
            {0.44205, -1.114625, 1.7872}, {0.454505105, -1.1307947125, 1.5220843199999998},
            {0.4377489848005, -0.8232021062962499, 1.3156967277919998}},
            run(g -> new Sgd(g, 0.9, 0, true), 0.1, 0.01));
        assertRows(new double[][] {
            {0.4900000002857143, -1.2400000001212121, 1.9900000000769231},
            {0.4867970848262364, -1.2360078306737778, 1.9800784463888763},
            {0.482798024444416, -1.2289194665072314, 1.9710349295837204}},
            run(g -> new Adam(g, 0.9, 0.999, 1e-8), 0.01, 0.1));
        assertRows(new double[][] {
            {0.4875000333332222, -1.2337500142856939, 1.980000009090901},
            {0.4841900657870188, -1.2260200599385183, 1.96025530730264},
            {0.48016468727339606, -1.2131244224940951, 1.942196699449383}},
            run(g -> new AdamW(g, 0.8, 0.99, 1e-6), 0.01, 0.5));
    }

    /** The float32 path: PyTorch float32 results, to within one float rounding per step. */
    @Test
    void float32MatchesPyTorchFloat32() {
        float[][] adamw = {
            {0.48750004172325134f, -1.2337499856948853f, 1.9800000190734863f},
            {0.48419007658958435f, -1.226020097732544f, 1.9602553844451904f},
            {0.48016467690467834f, -1.2131245136260986f, 1.9421967267990112f}};
        float[][] sgd = {
            {0.4420500099658966f, -1.1146249771118164f, 1.7871999740600586f},
            {0.4545051157474518f, -1.130794644355774f, 1.522084355354309f},
            {0.4377489984035492f, -0.8232020735740662f, 1.3156967163085938f}};
        assertFloatRows(adamw, runFloat(g -> new AdamW(g, 0.8, 0.99, 1e-6), 0.01, 0.5));
        assertFloatRows(sgd, runFloat(g -> new Sgd(g, 0.9, 0, true), 0.1, 0.01));
    }

    private static float[][] runFloat(Function<List<ParamGroup>, Optimizer> make, double lr, double wd) {
        Parameter p = new Parameter("p", Nd4j.create(new float[] {0.5f, -1.25f, 2.0f}, new long[] {1, 3}, DataType.FLOAT));
        Optimizer opt = make.apply(List.of(new ParamGroup("default", List.of(p), lr, wd)));
        float[][] out = new float[GRADS.length][];
        for (int i = 0; i < GRADS.length; i++) {
            opt.zeroGrad();
            p.grad().assign(d(GRADS[i]).castTo(DataType.FLOAT));
            opt.step();
            out[i] = p.value().toFloatVector();
        }
        return out;
    }

    private static void assertFloatRows(float[][] expected, float[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                assertEquals(expected[i][k], actual[i][k], 2 * Math.ulp(expected[i][k]), "step " + (i + 1) + " element " + k);
            }
        }
    }

    @Test
    void clippingMatchesPyTorch() {
        Parameter a = new Parameter("a", d(0, 0));
        Parameter b = new Parameter("b", d(0, 0));
        a.grad().assign(d(3, 4));
        b.grad().assign(d(12, 0));
        assertEquals(13.0, GradClip.byGlobalNorm(List.of(a, b), 6.5), 0);
        assertArrayEquals(new double[] {1.4999998846153937, 1.9999998461538582}, a.grad().toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {5.999999538461575, 0.0}, b.grad().toDoubleVector(), 1e-15);
        GradClip.byValue(List.of(a, b), 1.75);
        assertArrayEquals(new double[] {1.4999998846153937, 1.75}, a.grad().toDoubleVector(), 0);
        assertArrayEquals(new double[] {1.75, 0.0}, b.grad().toDoubleVector(), 0);
    }

    @Test
    void groupsHaveTheirOwnLearningRatesAndProjectionsRunAfterTheStep() {
        Parameter w = new Parameter("w", d(1.0));
        Parameter delay = new Parameter("delay", d(1.2, 3.0), "delay").projection(Projection.atLeast(d(1.0, 1.0)));
        Parameter frozen = new Parameter("frozen", d(5.0)).learnable(false);
        List<ParamGroup> groups = ParamGroup.byTag(List.of(w, delay, frozen), 0.01, 0.0);
        assertEquals(List.of("default", "delay"), groups.stream().map(ParamGroup::name).toList());
        Sgd sgd = new Sgd(groups, 0, 0, false);
        sgd.group("delay").lr(1.0); // 100x
        w.grad().assign(1.0);
        delay.grad().assign(d(0.5, 0.5));
        frozen.grad().assign(1.0);
        sgd.step();
        assertEquals(0.99, w.value().getDouble(0), 1e-15);
        assertArrayEquals(new double[] {1.0, 2.5}, delay.value().toDoubleVector(), 1e-15); // 0.7 clamped to its floor 1
        assertEquals(5.0, frozen.value().getDouble(0), 0);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> sgd.group("leak"));
        assertTrue(ex.getMessage().contains("[default, delay]"), ex.getMessage());
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        Parameter p = new Parameter("p", d(P0));
        Adam a = new Adam(List.of(new ParamGroup("default", List.of(p), 0.01, 0.1)));
        p.grad().assign(d(GRADS[0]));
        a.step();
        OptimizerState snap = a.state();
        INDArray afterOne = p.value().dup();
        p.grad().assign(d(GRADS[1]));
        a.step();
        double[] straight = p.value().toDoubleVector();

        Parameter q = new Parameter("p", afterOne);
        Adam b = new Adam(List.of(new ParamGroup("default", List.of(q), 0.5, 0.0)));
        b.loadState(snap);
        assertEquals(0.01, b.group("default").lr(), 0);
        q.grad().assign(d(GRADS[1]));
        b.step();
        assertArrayEquals(straight, q.value().toDoubleVector(), 0);

        Sgd other = new Sgd(List.of(new ParamGroup("default", List.of(q), 0.1, 0)), 0.9, 0, false);
        assertThrows(IllegalArgumentException.class, () -> other.loadState(snap));
        Adam otherBetas = new Adam(List.of(new ParamGroup("default", List.of(q), 0.1, 0)), 0.5, 0.999, 1e-8);
        assertThrows(IllegalArgumentException.class, () -> otherBetas.loadState(snap));
    }
}
