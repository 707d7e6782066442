package org.thousandbrains.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;

/** Behaviour of the public API around the kernels: passes, layouts, parameters, errors. */
class TemporalOperatorTest {
    private static final int T = 9;
    private static final int B = 3;

    private final CompiledGraph graph = BlockGraphs.random(17, 3, 8, 120, 4, 3, 0.3, Activation.values());

    @Test
    void inferenceRingGivesTheSameReadoutAndLastStatesAsTheFullHistory() {
        for (Precision p : Precision.values()) {
            TemporalOperator op = TemporalOperator.of(graph).precision(p).readoutMeanOfLast(3);
            Inputs in = Inputs.dense(T, graph.nodeCount(), B, GradientCheckTest.gaussian(new Random(1), T * graph.nodeCount() * B));
            try (ForwardPass full = op.forward(in, T, B, null); ForwardPass ring = op.infer(in, T, B, null)) {
                assertFalse(ring.keepsHistory());
                assertArrayEquals(full.readout(), ring.readout());
                assertArrayEquals(full.state(T), ring.state(T));
                assertArrayEquals(full.state(T - 1), ring.state(T - 1));
                assertThrows(IllegalStateException.class, () -> ring.state(0));
                assertThrows(IllegalStateException.class, () -> op.backward(ring, new double[op.outputs().length * B]));
            }
        }
    }

    @Test
    void recycledBuffersCarryNothingIntoTheNextPass() {
        Random rng = new Random(8);
        int n = graph.nodeCount();
        Inputs first = Inputs.dense(T, n, B, GradientCheckTest.gaussian(rng, T * n * B));
        Inputs second = Inputs.dense(T, n, B, GradientCheckTest.gaussian(rng, T * n * B));
        double[] x0 = GradientCheckTest.gaussian(rng, n * B);
        for (Precision p : Precision.values()) {
            TemporalOperator used = TemporalOperator.of(graph).precision(p);
            TemporalOperator fresh = TemporalOperator.of(graph).precision(p);
            used.forward(first, T, B, x0).close();
            used.infer(first, T, B, x0).close();
            try (ForwardPass a = used.forward(second, T, B, null); ForwardPass b = fresh.forward(second, T, B, null);
                 ForwardPass c = used.infer(second, T, B, null)) {
                for (int t = 0; t <= T; t++) assertArrayEquals(b.state(t), a.state(t), p + " x(" + t + ")");
                assertArrayEquals(b.readout(), c.readout(), p + " inference readout");
            }
        }
    }

    @Test
    void readoutIsTheMeanOfTheLastKOutputStates() {
        TemporalOperator op = TemporalOperator.of(graph).precision(Precision.FLOAT64).readoutMeanOfLast(4);
        Inputs in = Inputs.dense(T, graph.nodeCount(), B, GradientCheckTest.gaussian(new Random(2), T * graph.nodeCount() * B));
        try (ForwardPass f = op.forward(in, T, B, null)) {
            int[] out = op.outputs();
            double[] r = f.readout();
            for (int o = 0; o < out.length; o++) {
                for (int b = 0; b < B; b++) {
                    double sum = 0;
                    for (int t = T - 3; t <= T; t++) sum += f.state(t)[out[o] * B + b];
                    assertEquals(sum / 4, r[o * B + b], 1e-15);
                }
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Random rng = new Random(3);
        double[] in = GradientCheckTest.gaussian(rng, T * graph.nodeCount() * B);
        double[] dr = GradientCheckTest.gaussian(rng, graph.outputs().length * B);
        Gradients[] g = new Gradients[2];
        double[][] readout = new double[2][];
        for (Precision p : Precision.values()) {
            TemporalOperator op = TemporalOperator.of(graph).precision(p);
            try (ForwardPass f = op.forward(Inputs.dense(T, graph.nodeCount(), B, in), T, B, null)) {
                readout[p.ordinal()] = f.readout();
                g[p.ordinal()] = op.backward(f, dr);
            }
        }
        assertClose(readout[1], readout[0], 1e-5);
        assertClose(g[1].weight(), g[0].weight(), 1e-4);
        assertClose(g[1].delay(), g[0].delay(), 1e-4);
        assertClose(g[1].leak(), g[0].leak(), 1e-4);
        assertClose(g[1].bias(), g[0].bias(), 1e-4);
        assertClose(g[1].inputs(), g[0].inputs(), 1e-4);
    }

    @Test
    void optimizerUpdatesToTheLiveParametersReachTheNextPass() {
        TemporalOperator op = TemporalOperator.of(graph).precision(Precision.FLOAT64);
        Parameters p = op.parameters();
        Arrays.fill(p.weight(), 0.0);
        try (ForwardPass f = op.forward(null, 2, 1, null)) {
            double[] x = f.state(2);
            for (int v = 0; v < graph.nodeCount(); v++) {
                double expected = graph.isInput(v) ? 0.0 : graph.activations()[v].apply(p.bias()[v]);
                assertEquals(expected, x[v], 1e-15, "node " + v + " sees only its bias");
            }
        }
    }

    @Test
    void edgesWithoutLeakNeedNoTraceStorage() {
        Parameters p = TemporalOperator.of(graph).parameters();
        int leaky = 0;
        for (double l : p.leak()) if (l != 0) leaky++;
        assertTrue(leaky > 0 && leaky < graph.edgeCount(), "graph mixes leaky and plain edges");
        TemporalOperator op = TemporalOperator.of(graph);
        Plan plan = new Plan(graph, p, op.groupState(), Precision.FLOAT32, T, B, 1, false, false);
        assertEquals(leaky, plan.traced);
        for (int e = 0; e < graph.edgeCount(); e++) assertEquals(p.leak()[e] == 0, plan.traceOffset[e] < 0);
    }

    @Test
    void aDelayPushedIntoAnInstantCycleIsNamedAndClampRepairsIt() {
        Network net = new Network();
        Neuron a = net.addNode("a", NodeKind.NEURON);
        Neuron b = net.addNode("b", NodeKind.OUTPUT);
        net.connect(a, b, 0.5, 1.5, 0.0);
        net.connect(b, a, 0.5, 1.5, 0.0);
        TemporalOperator op = TemporalOperator.of(GraphCompiler.compile(net));
        op.parameters().delay()[0] = 0.5;
        op.parameters().delay()[1] = 0.5;
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> op.forward(null, 3, 1, null));
        assertTrue(ex.getMessage().contains("cycle") && ex.getMessage().contains("'a'"), ex.getMessage());
        op.parameters().clamp();
        assertEquals(1.0, op.parameters().delay()[0]);
        op.forward(null, 3, 1, null).close();
    }

    @Test
    void firingMasksCompareStatesWithThresholds() {
        TemporalOperator op = TemporalOperator.of(graph);
        Inputs in = Inputs.dense(T, graph.nodeCount(), B, GradientCheckTest.gaussian(new Random(4), T * graph.nodeCount() * B));
        try (ForwardPass f = op.forward(in, T, B, null)) {
            boolean[] any = f.firedAtAnyStep();
            boolean[] expectedAny = new boolean[any.length];
            for (int t = 1; t <= T; t++) {
                double[] x = f.state(t);
                boolean[] fired = f.firing(t);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i] > 0, fired[i]);
                    expectedAny[i] |= fired[i];
                }
            }
            assertArrayEquals(expectedAny, any);
        }
    }

    @Test
    void mistakesAreReportedWithSizes() {
        TemporalOperator op = TemporalOperator.of(graph);
        int n = graph.nodeCount();
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> Inputs.dense(T, n, B, new float[5]));
        assertTrue(e1.getMessage().contains("needs"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> op.forward(Inputs.dense(T, n, B, new float[T * n * B]), T + 1, B, null));
        assertTrue(e2.getMessage().contains("steps"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> op.forward(null, T, B, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> op.forward(Inputs.perStep(new int[] {n}, 1, 1, new float[1]), 1, 1, null));
        ForwardPass f = op.forward(null, T, B, null);
        assertThrows(IllegalArgumentException.class, () -> op.backward(f, new double[1]));
        f.close();
        assertThrows(IllegalStateException.class, () -> op.backward(f, null));
        assertThrows(IllegalArgumentException.class, () -> TemporalOperator.of(graph).backward(f, null));
    }

    private static void assertClose(double[] expected, double[] actual, double tol) {
        double scale = 1;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * scale, "element " + i);
        }
    }
}
