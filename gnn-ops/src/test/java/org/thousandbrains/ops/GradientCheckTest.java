package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;

/**
 * Central finite differences (float64, h = 1e-6) against the BPTT gradients for every differentiable
 * quantity — w, d, λ, b, I (three input layouts) and x0 — on random graphs with instant edges,
 * leaks (some 0), self-loops, clamped inputs and all activations. The loss mixes the readout and
 * states at chosen steps. Preconditions (asserted): delays and ReLU pre-activations away from kinks.
 */
class GradientCheckTest {
    private static final double H = 1e-6;
    private static final int T = 7;
    private static final int B = 2;

    @Test
    void denseInputsInitialStateAndStateLoss() {
        CompiledGraph g = BlockGraphs.random(11, 3, 5, 45, 3, 2, 0.35, Activation.values());
        Random rng = new Random(5);
        double[] data = gaussian(rng, T * g.nodeCount() * B);
        double[] x0 = gaussian(rng, g.nodeCount() * B);
        check(g, 1, data, x0, d -> Inputs.dense(T, g.nodeCount(), B, d), new int[] {2, 5, T}, rng);
    }

    @Test
    void constantInputsOnInputNodesWithReadoutMean() {
        CompiledGraph g = BlockGraphs.random(23, 4, 4, 50, 4, 3, 0.4, Activation.TANH, Activation.SIGMOID, Activation.RELU);
        Random rng = new Random(6);
        TemporalOperator probe = TemporalOperator.of(g);
        int[] nodes = probe.inputNodes();
        double[] data = gaussian(rng, nodes.length * B);
        check(g, 3, data, null, d -> Inputs.constant(nodes, B, d), new int[0], rng);
    }

    @Test
    void perStepInputsOnInputAndHiddenNodes() {
        CompiledGraph g = BlockGraphs.random(37, 3, 6, 60, 2, 2, 0.3, Activation.IDENTITY, Activation.TANH, Activation.RELU);
        Random rng = new Random(7);
        int[] nodes = {0, 1, 7, 12};
        double[] data = gaussian(rng, T * nodes.length * B);
        double[] x0 = gaussian(rng, g.nodeCount() * B);
        check(g, 2, data, x0, d -> Inputs.perStep(nodes, T, B, d), new int[] {4}, rng);
    }

    interface Layout {
        Inputs of(double[] data);
    }

    private static void check(CompiledGraph g, int meanOfLast, double[] data, double[] x0, Layout layout,
                              int[] lossSteps, Random rng) {
        int n = g.nodeCount();
        TemporalOperator op = TemporalOperator.of(g).precision(Precision.FLOAT64).threads(1)
                .readoutMeanOfLast(meanOfLast).recordInternals(true);
        double[] r = gaussian(rng, op.outputs().length * B);
        double[][] c = new double[T + 1][];
        for (int t : lossSteps) c[t] = gaussian(rng, n * B);
        Parameters p = op.parameters();
        for (double d : p.delay()) {
            double frac = d - Math.floor(d);
            assertTrue(frac > 0.05 && frac < 0.95, "precondition: delay " + d + " away from integers");
        }
        double[] x0Arg = x0;
        DoubleSupplier loss = () -> {
            try (ForwardPass f = op.forward(layout.of(data), T, B, x0Arg)) {
                return loss(f, r, c);
            }
        };
        Gradients gr;
        try (ForwardPass f = op.forward(layout.of(data), T, B, x0)) {
            assertReluAwayFromKinks(g, f);
            gr = op.backward(f, r, c);
        }
        compare("w", gr.weight(), p.weight(), loss);
        compare("d", gr.delay(), p.delay(), loss);
        compare("lam", gr.leak(), p.leak(), loss);
        compare("b", gr.bias(), p.bias(), loss);
        compare("I", gr.inputs(), data, loss);
        if (x0 != null) compare("x0", gr.initialState(), x0, loss);
        else assertEquals(n * B, gr.initialState().length);
    }

    private static double loss(ForwardPass f, double[] r, double[][] c) {
        double l = dot(f.readout(), r);
        for (int t = 0; t < c.length; t++) if (c[t] != null) l += dot(f.state(t), c[t]);
        return l;
    }

    /**
     * Perturbs {@code values[i]} in place and compares a second-order finite difference with
     * {@code grad[i]}: central, or one-sided {@code (−3L(v) + 4L(v+h) − L(v+2h)) / 2h} at a leak of 0,
     * where the domain ends.
     */
    private static void compare(String what, double[] grad, double[] values, DoubleSupplier loss) {
        assertEquals(values.length, grad.length, what + " gradient length");
        double nonzero = 0;
        boolean oneSided = what.equals("lam");
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            double fd;
            if (oneSided && v == 0.0) {
                double l0 = loss.getAsDouble();
                values[i] = H;
                double l1 = loss.getAsDouble();
                values[i] = 2 * H;
                double l2 = loss.getAsDouble();
                fd = (-3 * l0 + 4 * l1 - l2) / (2 * H);
            } else {
                values[i] = v + H;
                double up = loss.getAsDouble();
                values[i] = v - H;
                double down = loss.getAsDouble();
                fd = (up - down) / (2 * H);
            }
            values[i] = v;
            double err = Math.abs(fd - grad[i]) / Math.max(1, Math.abs(fd));
            nonzero = Math.max(nonzero, Math.abs(fd));
            assertTrue(err < 1e-6, what + "[" + i + "]: backward " + grad[i] + " vs finite difference " + fd);
        }
        assertTrue(nonzero > 1e-3, what + ": all finite differences vanish, the check would be empty");
    }

    private static void assertReluAwayFromKinks(CompiledGraph g, ForwardPass f) {
        for (int t = 1; t <= f.steps(); t++) {
            double[] a = f.preActivation(t);
            for (int v = 0; v < g.nodeCount(); v++) {
                if (g.activations()[v] != Activation.RELU || g.isInput(v)) continue;
                for (int b = 0; b < B; b++) {
                    assertTrue(Math.abs(a[v * B + b]) > 1e-4, "precondition: relu node " + v + " at its kink at t=" + t);
                }
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] gaussian(Random rng, int n) {
        return gaussian(rng, n, 1);
    }

    /** {@code n} draws of {@code scale}·N(0,1). */
    static double[] gaussian(Random rng, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = scale * rng.nextGaussian();
        return a;
    }
}
