package org.thousandbrains.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.optim.Adam;
import org.thousandbrains.optim.ParamGroup;

/** The temporal operator as a tape op: finite differences through weight, delay, leak, bias and input. */
class OperatorOpTest {
    private static final int T = 5;
    private static final int B = 3;

    /** Two inputs, a tanh/sigmoid 2-cycle with a self-loop, an instant edge, fractional delays, leaks inside (0, 1). */
    private static CompiledGraph graph(boolean freezeSome) {
        Network net = new Network();
        net.settings().delayRange(0, 4);
        Neuron in0 = net.addNode("in0", NodeKind.INPUT);
        Neuron in1 = net.addNode("in1", NodeKind.INPUT);
        Neuron h0 = net.addNode("h0", NodeKind.NEURON, Activation.TANH).bias(0.1);
        Neuron h1 = net.addNode("h1", NodeKind.NEURON, Activation.SIGMOID).bias(-0.2);
        Neuron o0 = net.addNode("o0", NodeKind.OUTPUT);
        Neuron o1 = net.addNode("o1", NodeKind.OUTPUT).bias(0.05);
        net.connect(in0, h0, 0.8, 1.3, 0.2);
        net.connect(in1, h0, -0.6, 0.4, 0.15);
        net.connect(in1, h1, 0.9, 2.6, 0.5);
        net.connect(h0, h1, 1.1, 1.5, 0.05);
        net.connect(h1, h0, -0.7, 1.7, 0.25);
        net.connect(h0, h0, 0.5, 1.2, 0.3);
        net.connect(h0, o0, 1.2, 0.7, 0.1);
        net.connect(h1, o1, -1.3, 1.1, 0.4);
        if (freezeSome) {
            net.connect(h0, o1, 0.4, 2.2, 0.1).learnable(Learnable.WEIGHT);
        } else {
            net.connect(h0, o1, 0.4, 2.2, 0.1);
        }
        return GraphCompiler.compile(net);
    }

    private static INDArray input(long rows, long seed) {
        Random r = new Random(seed);
        double[] v = new double[(int) (rows * B)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return Nd4j.create(v, new long[] {rows, B}, DataType.DOUBLE);
    }

    private static final int[] LABELS = {1, 0, 1};

    @Test
    void constantInputGradientsMatchFiniteDifferences() {
        GraphParameters gp = GraphParameters.of(TemporalOperator.of(graph(false)).precision(Precision.FLOAT64).threads(1));
        INDArray x = input(2, 1);
        GradCheck.parameters(t -> Losses.softmaxCrossEntropy(OperatorOp.constant(t, gp, T, t.constant(x)).transpose(), LABELS),
                1e-6, gp.weight(), gp.delay(), gp.leak(), gp.bias()).assertBelow(1e-6);
        GradCheck.inputs((t, v) -> Losses.softmaxCrossEntropy(OperatorOp.constant(t, gp, T, v[0]).transpose(), LABELS),
                1e-6, x).assertBelow(1e-6);
    }

    @Test
    void perStepInputGradientsMatchFiniteDifferences() {
        GraphParameters gp = GraphParameters.of(TemporalOperator.of(graph(false)).precision(Precision.FLOAT64).threads(1));
        int[] nodes = {0, 1, 3}; // both inputs and h1 (added to its pre-activation)
        INDArray x = input((long) T * nodes.length, 2);
        INDArray target = input(2, 3);
        GradCheck.inputs((t, v) -> Losses.mse(OperatorOp.perStep(t, gp, T, nodes, v[0]).tanh(), target), 1e-6, x)
                .assertBelow(1e-6);
        GradCheck.parameters(t -> Losses.mse(OperatorOp.perStep(t, gp, T, nodes, t.constant(x)), target), 1e-6,
                gp.weight(), gp.delay(), gp.leak(), gp.bias()).assertBelow(1e-6);
    }

    @Test
    void adamStepsRespectFloorsRangesAndFrozenEdges() {
        CompiledGraph g = graph(true);
        GraphParameters gp = GraphParameters.of(TemporalOperator.of(g), "graph.");
        assertEquals(List.of("graph.weight", "graph.delay", "graph.leak", "graph.bias"),
                gp.all().stream().map(Parameter::name).toList());
        int frozen = -1;
        for (int e = 0; e < g.edgeCount(); e++) if (g.learnable()[e] == Learnable.WEIGHT) frozen = e;
        double frozenDelay = g.delay()[frozen];
        double frozenLeak = g.leak()[frozen];
        Adam adam = new Adam(ParamGroup.byTag(gp.all(), 0.5, 0.0));
        assertEquals(List.of("weight", "delay", "leak", "bias"), adam.groups().stream().map(ParamGroup::name).toList());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, B);
        for (int i = 0; i < 5; i++) {
            adam.zeroGrad();
            Tape t = new Tape();
            Var y = OperatorOp.constant(t, gp, T, t.constant(x));
            assertEquals(DataType.FLOAT, y.dataType());
            t.backward(y.sum().scale(-10)); // push hard: leaks and delays run into their bounds
            adam.step();
        }
        double[] d = gp.delay().value().toDoubleVector();
        double[] lam = gp.leak().value().toDoubleVector();
        boolean moved = false;
        for (int e = 0; e < g.edgeCount(); e++) {
            assertTrue(d[e] >= g.delayFloor(e) && d[e] <= g.dMax(), "delay " + e + " = " + d[e]);
            assertTrue(lam[e] >= 0 && lam[e] < 1, "leak " + e + " = " + lam[e]);
            moved |= d[e] != g.delay()[e];
        }
        assertTrue(moved);
        assertEquals(frozenDelay, d[frozen], 0);
        assertEquals(frozenLeak, lam[frozen], 0);
        assertFalse(gp.weight().value().getDouble(frozen) == g.weight()[frozen], "its weight stays learnable");

        gp.writeToOperator();
        assertArrayEquals(d, gp.operator().parameters().delay(), 0);
    }
}
