package org.thousandbrains.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;

/**
 * Each rule on a graph followed by hand: input → h (relu) → out (identity), instant edges, w = 2 and 1,
 * T = 2, B = 2, inputs I = (1, −1) in sample 0 and (0.5, 2) in sample 1. Then the traces are
 * {@code s_in→h = I}, {@code s_h→out = x_h}, and {@code x_h = x_out = (2, 0)} and {@code (1, 4)};
 * h fires at steps (1), (1, 2), out likewise.
 * <ul>
 *   <li>Hebbian, η = 0.1, sample 0 correct: {@code Δw_in→h = 0.1/2·(1·2 − 1·0) = 0.1},
 *       {@code Δw_h→out = 0.1/2·(2·2 + 0·0) = 0.2}.</li>
 *   <li>L1, α = 0.3, hidden = {h}: penalty {@code 0.15·(2 + 0 + 1 + 4) = 1.05}; {@code ∂/∂w_in→h =
 *       0.15·(1 + 0.5 + 2) = 0.525} (x = 0 contributes 0), {@code ∂/∂b_h = 0.15·3 = 0.45},
 *       {@code ∂/∂w_h→out = 0}.</li>
 *   <li>Three-factor, γ = 0.5, η = 0.2, α = 0.5, ψ = F, R = (1, 0), R̄ = 0.25: E_in→h = (1·1·0.5 + 0,
 *       0.5·0.5 + 2) = (0.5, 2.25), E_h→out = (0.5·2 + 0, 0.5·1 + 4) = (1, 4.5);
 *       {@code Δw = 0.2·(0.75·E_0 − 0.25·E_1)/2} = −0.01875 and −0.0375; R̄ → 0.375.</li>
 * </ul>
 */
class RulesTest {
    private static final double[] INPUT = {1, 0.5, -1, 2}; // [t][node][b]

    private static CompiledGraph chain() {
        Network net = new Network();
        Neuron in = net.addNode("in", NodeKind.INPUT);
        Neuron h = net.addNode("h", NodeKind.NEURON, Activation.RELU);
        Neuron out = net.addNode("out", NodeKind.OUTPUT, Activation.IDENTITY);
        net.connect(in, h, 2.0, 0.0, 0.0);
        net.connect(h, out, 1.0, 0.0, 0.0);
        net.settings().delayRange(0, 4).readout(2, 1);
        return GraphCompiler.compile(net);
    }

    private static ForwardPass run(TemporalOperator op) {
        return op.recordInternals(true).forward(Inputs.perStep(new int[] {0}, 2, 2, INPUT), 2, 2, null);
    }

    /** CSR position of the edge into node {@code target}. */
    private static int edgeInto(CompiledGraph g, int target) {
        for (int p = 0; p < g.edgeCount(); p++) if (g.dst()[p] == target) return p;
        throw new AssertionError("no edge into " + target);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void hebbianStrengtheningMatchesTheHandCase(Precision precision) {
        CompiledGraph g = chain();
        double tol = precision == Precision.FLOAT64 ? 1e-15 : 1e-6;
        try (ForwardPass f = run(TemporalOperator.of(g).precision(precision))) {
            double[] dw = new HebbianStrengthening(0.1).weightChangeAfterStep(f, new boolean[] {true, false});
            assertEquals(0.1, dw[edgeInto(g, 1)], tol);
            assertEquals(0.2, dw[edgeInto(g, 2)], tol);
            double[] none = new HebbianStrengthening(0.1).weightChangeAfterStep(f, new boolean[] {false, false});
            assertEquals(0.0, none[0], 0.0, "no correct sample, no change");
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void l1PenaltyAndItsGradientMatchTheHandCase(Precision precision) {
        CompiledGraph g = chain();
        TemporalOperator op = TemporalOperator.of(g).precision(precision);
        double tol = precision == Precision.FLOAT64 ? 1e-15 : 1e-6;
        try (ForwardPass f = run(op)) {
            double[][] ds = new double[3][];
            double penalty = new L1Activity(0.3).addStateLoss(f, new boolean[] {false, true, false}, ds);
            assertEquals(1.05, penalty, tol);
            Gradients gr = op.backward(f, null, ds);
            assertEquals(0.525, gr.weight()[edgeInto(g, 1)], tol);
            assertEquals(0.0, gr.weight()[edgeInto(g, 2)], tol);
            assertEquals(0.45, gr.bias()[1], tol);
            assertEquals(0.0, gr.bias()[2], tol);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void threeFactorMatchesTheHandCase(Precision precision) {
        CompiledGraph g = chain();
        double tol = precision == Precision.FLOAT64 ? 1e-15 : 1e-6;
        try (ForwardPass f = run(TemporalOperator.of(g).precision(precision))) {
            ThreeFactor rule = new ThreeFactor(0.5, 0.2, 0.5);
            rule.baseline(0.25);
            ThreeFactor.Eligibility el = rule.eligibility(g.edgeCount(), 2);
            el.accumulate(f, ThreeFactor.Eligibility.firing(f));
            int a = edgeInto(g, 1);
            int b = edgeInto(g, 2);
            assertEquals(0.5, el.values()[a * 2], tol);
            assertEquals(2.25, el.values()[a * 2 + 1], tol);
            assertEquals(1.0, el.values()[b * 2], tol);
            assertEquals(4.5, el.values()[b * 2 + 1], tol);
            double[] dw = rule.update(el, new double[] {1, 0});
            assertEquals(-0.01875, dw[a], tol);
            assertEquals(-0.0375, dw[b], tol);
            assertEquals(0.375, rule.baseline(), 1e-15);
        }
    }

    @Test
    void specsParseCombineAndRoundTrip() {
        assertSame(Bptt.RULE, Rules.parse(null));
        assertSame(Bptt.RULE, Rules.parse("bptt"));
        assertSame(FiredOnly.RULE, Rules.parse("fired-only"));
        assertEquals(1e-4, ((L1Activity) Rules.parse("l1=1e-4")).alpha());
        ThreeFactor tf = (ThreeFactor) Rules.parse("three-factor=0.01,gamma=0.9,alpha=0.2");
        assertEquals(0.01, tf.eta());
        assertEquals(0.9, tf.gamma());
        assertEquals(0.2, tf.alpha());
        assertFalse(tf.backpropagates());
        LearningRule both = Rules.parse("fired-only+hebbian=0.001");
        assertTrue(both.needsTraces());
        assertEquals(both.spec(), Rules.parse(both.spec()).spec());
        assertEquals(tf.spec(), Rules.parse(tf.spec()).spec());
        assertSame(FiredOnly.RULE, Rules.parse("bptt+fired-only"));
        assertNull(Bptt.RULE.weightChangeAfterStep(null, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rules.parse("hebian=1")).getMessage().contains("hebian"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rules.parse("l1")).getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rules.parse("l1=x")).getMessage().contains("not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Rules.parse("three-factor+l1=1"))
                .getMessage().contains("cannot be combined"));
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("l1=-1"));
        assertThrows(IllegalArgumentException.class, () -> Rules.parse("three-factor=0.1,gamma=2"));
    }

    @Test
    void combinedMaskKeepsOnlyWhatEveryRuleKeeps() {
        CompiledGraph g = chain();
        try (ForwardPass f = run(TemporalOperator.of(g))) {
            byte[] m = Rules.parse("fired-only+l1=0.1").parameterMask(f);
            byte[] fired = FiredOnly.fired(f);
            assertEquals(fired.length, m.length);
            for (int i = 0; i < m.length; i++) assertEquals(fired[i], m[i]);
        }
    }
}
