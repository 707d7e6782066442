package org.thousandbrains.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.optim.Optimizer;
import org.thousandbrains.optim.ParamGroup;

/** {@link GraphClassifier#optimizer(double, double, double)}: delays and leaks train at their own rates. */
class TimingLearningRateTest {
    @Test
    void eachTagGetsItsStatedRate() {
        GraphClassifier c = GraphClassifier.of(GraphClassifierTest.tiny(2)).threads(1);
        Optimizer opt = c.optimizer(1e-3, 0.3, 0.02);
        assertEquals(List.of("weight", "delay", "leak", "bias"), opt.groups().stream().map(ParamGroup::name).toList());
        assertEquals(1e-3, opt.group("weight").lr());
        assertEquals(0.3, opt.group("delay").lr());
        assertEquals(0.02, opt.group("leak").lr());
        assertEquals(1e-3, opt.group("bias").lr());
        assertEquals(List.of(c.graphParameters().delay()), opt.group("delay").parameters());
        Optimizer same = c.optimizer(1e-3);
        for (ParamGroup g : same.groups()) assertEquals(1e-3, g.lr(), g.name());
    }

    /** Adam's first step moves every entry with a non-zero gradient by its rate (|m̂/√v̂| = 1), against the gradient's sign. */
    @Test
    void theFirstAdamStepMovesDelaysByTheDelayRate() {
        GraphClassifier c = GraphClassifier.of(GraphClassifierTest.tiny(2)).threads(1);
        double delayLr = 0.05;
        double leakLr = 0.01;
        Optimizer opt = c.optimizer(1e-3, delayLr, leakLr);
        double[] d0 = c.delays();
        double[] l0 = c.leaks();
        double[] w0 = c.weights();
        opt.zeroGrad();
        Tape tape = new Tape();
        tape.backward(c.classify(tape, GraphClassifierTest.features(6, 3, 4), new int[] {0, 1, 2, 0, 1, 2}).loss());
        double[] gd = grad(c.graphParameters().delay().grad());
        double[] gl = grad(c.graphParameters().leak().grad());
        double[] gw = grad(c.graphParameters().weight().grad());
        opt.step();
        int checked = checkStep(d0, c.delays(), gd, delayLr, 1.0, 8.0)
                + checkStep(l0, c.leaks(), gl, leakLr, 0.0, 1.0)
                + checkStep(w0, c.weights(), gw, 1e-3, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertTrue(checked > 50, checked + " entries checked");
    }

    private static double[] grad(INDArray g) {
        return g.dup('c').data().asDouble();
    }

    /** Entries with a clear gradient whose step stays inside [lo, hi]: moved by lr against the gradient. */
    private static int checkStep(double[] before, double[] after, double[] g, double lr, double lo, double hi) {
        int n = 0;
        for (int e = 0; e < before.length; e++) {
            if (Math.abs(g[e]) < 1e-4) continue;
            double want = before[e] - lr * Math.signum(g[e]);
            if (want <= lo || want >= hi) continue;
            assertEquals(want, after[e], lr * 1e-2 + 1e-6, "entry " + e);
            n++;
        }
        return n;
    }
}
