package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * A chain followed by hand: input node 0 → node 1 (identity, bias 0) with w = 2, d = 1.25
 * (k = 1, f = 0.25), λ = 0.5, input I(t) = t, T = 4, loss L = x1(4). So
 * r(t) = 0.75·x0(t−1) + 0.25·x0(t−2), s(t) = 0.5·s(t−1) + r(t), x1 = 2·s:
 * r = 0, 0.75, 1.75, 2.75; s = 0, 0.75, 2.125, 3.8125; x1 = 0, 1.5, 4.25, 7.625.
 * Gradients of L = 2·s(4) = 2·Σ 0.5^(4−τ)·r(τ):
 * ∂L/∂w = s(4) = 3.8125; ∂L/∂λ = 2·Σ (4−τ)·0.5^(3−τ)·r(τ) = 2·(1·0.75 + 1·1.75) = 5;
 * ∂L/∂d = 2·Σ 0.5^(4−τ)·(x0(τ−2) − x0(τ−1)) = 2·(−0.25 − 0.5 − 1) = −3.5;
 * ∂L/∂I(j) = 2·(0.75·0.5^(3−j) + 0.25·0.5^(2−j)) = 0.625, 1.25, 1.5, 0 for j = 1..4;
 * ∂L/∂x0_0(0) = 2·(0.75·0.125 + 0.25·0.25) = 0.3125; ∂L/∂b1 = 1, ∂L/∂b0 = 0 (clamped).
 * With x0_0(0) = 1 instead: r = 0.75, 1, 1.75, 2.75, s = 0.75, 1.375, 2.4375, 3.96875.
 */
class HandChainTest {
    private static CompiledGraph chain() {
        Network net = new Network();
        Neuron in = net.addNode("in", NodeKind.INPUT);
        Neuron out = net.addNode("out", NodeKind.OUTPUT, Activation.IDENTITY);
        net.connect(in, out, 2.0, 1.25, 0.5);
        return GraphCompiler.compile(net);
    }

    private static final double[] INPUT = {1, 2, 3, 4};

    @ParameterizedTest
    @EnumSource(Precision.class)
    void statesAndGradientsMatchTheHandDerivation(Precision precision) {
        TemporalOperator op = TemporalOperator.of(chain()).precision(precision).threads(1);
        double tol = precision == Precision.FLOAT64 ? 1e-15 : 1e-6;
        try (ForwardPass f = op.forward(Inputs.perStep(new int[] {0}, 4, 1, INPUT), 4, 1, null)) {
            double[] expected = {0, 1.5, 4.25, 7.625};
            for (int t = 1; t <= 4; t++) {
                assertEquals(expected[t - 1], f.state(t)[1], tol, "x1(" + t + ")");
                assertEquals(INPUT[t - 1], f.state(t)[0], tol, "clamped x0(" + t + ")");
            }
            assertArrayEquals(new double[] {7.625}, f.readout(), tol);
            Gradients g = op.backward(f, new double[] {1.0});
            assertEquals(3.8125, g.weight()[0], tol, "dL/dw");
            assertEquals(5.0, g.leak()[0], tol, "dL/dlambda");
            assertEquals(-3.5, g.delay()[0], tol, "dL/dd");
            assertArrayEquals(new double[] {0, 1}, g.bias(), tol, "dL/db");
            assertArrayEquals(new double[] {0.625, 1.25, 1.5, 0}, g.inputs(), tol, "dL/dI");
            assertArrayEquals(new double[] {0.3125, 0}, g.initialState(), tol, "dL/dx(0)");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void initialStateIsReadAtStepZero(Precision precision) {
        TemporalOperator op = TemporalOperator.of(chain()).precision(precision).threads(1);
        double tol = precision == Precision.FLOAT64 ? 1e-15 : 1e-6;
        try (ForwardPass f = op.forward(Inputs.perStep(new int[] {0}, 4, 1, INPUT), 4, 1, new double[] {1, 0})) {
            double[] s = {0.75, 1.375, 2.4375, 3.96875};
            for (int t = 1; t <= 4; t++) assertEquals(2 * s[t - 1], f.state(t)[1], tol, "x1(" + t + ")");
            assertArrayEquals(new double[] {1, 0}, f.state(0), 0.0);
        }
    }
    /**
     * Whole delay 2, leak 0 (the batch-1 whole-step path): x1(t) = 2·x0(t − 2), with x0(t) = I(t), x0(−1) = 0 and
     * x0(0) the initial state: 0, 2·x0(0), 2, 4 for I = 1, 2, 3, 4; a second edge with a fractional delay into
     * another node keeps the general path there: x2(t) = 0.75·x0(t − 1) + 0.25·x0(t − 2).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void wholeDelayEdgesReadOneStateAtBatchOne(Precision precision) {
        Network net = new Network();
        Neuron in = net.addNode("in", NodeKind.INPUT);
        Neuron out = net.addNode("out", NodeKind.OUTPUT, Activation.IDENTITY);
        Neuron frac = net.addNode("frac", NodeKind.OUTPUT, Activation.IDENTITY);
        net.connect(in, out, 2.0, 2.0, 0.0);
        net.connect(in, frac, 1.0, 1.25, 0.0);
        TemporalOperator op = TemporalOperator.of(GraphCompiler.compile(net)).precision(precision).threads(1);
        double tol = precision == Precision.FLOAT64 ? 1e-15 : 1e-6;
        for (double x00 : new double[] {0, 1}) {
            double[] x0 = {x00, 0, 0};
            double[] prev = {0, x00, 1, 2, 3};   // x0(t - 1) for t = 0..4, x0(-1) = 0
            try (ForwardPass f = op.infer(Inputs.perStep(new int[] {0}, 4, 1, INPUT), 4, 1, x0)) {
                double[] expected = {0, 2 * x00, 2, 4};
                assertEquals(expected[3], f.state(4)[1], tol, "x1(4), x0(0) = " + x00);
                assertEquals(0.75 * prev[4] + 0.25 * prev[3], f.state(4)[2], tol, "x2(4)");
            }
            try (ForwardPass f = op.forward(Inputs.perStep(new int[] {0}, 4, 1, INPUT), 4, 1, x0)) {
                double[] expected = {0, 2 * x00, 2, 4};
                for (int t = 1; t <= 4; t++) {
                    assertEquals(expected[t - 1], f.state(t)[1], tol, "x1(" + t + "), x0(0) = " + x00);
                    assertEquals(0.75 * prev[t] + 0.25 * prev[t - 1], f.state(t)[2], tol, "x2(" + t + ")");
                }
            }
        }
    }
}
