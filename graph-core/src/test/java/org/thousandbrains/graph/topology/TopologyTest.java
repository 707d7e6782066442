package org.thousandbrains.graph.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.EdgeTable;

class TopologyTest {

    @Test
    void nodesKeepInsertionOrderAndEdgesTooIncludingParallelAndSelfLoops() {
        Network net = new Network();
        Neuron b = net.addNode("b", NodeKind.NEURON);
        Neuron a = net.addNode("a", NodeKind.INPUT);
        net.connect(a, b).weight(1);
        net.connect(b, b).weight(2);
        net.connect(a, b).weight(3);
        List<String> ids = new ArrayList<>();
        net.nodes().forEach(v -> ids.add(v.id()));
        assertEquals(List.of("b", "a"), ids);
        assertEquals(3, net.synapseCount());
        EdgeTable t = EdgeTable.of(net);
        assertEquals(List.of(1.0, 2.0, 3.0), List.of(t.weight[0], t.weight[1], t.weight[2]));
        assertEquals(1, t.src[0]);
        assertEquals(0, t.dst[0]);
        assertEquals(Activation.RELU, b.activation());
        assertEquals(Activation.IDENTITY, a.activation());
        assertNull(net.node("c"));
    }

    @Test
    void removingANodeRemovesItsSynapsesOnly() {
        Network net = new Network();
        Neuron a = net.addNode("a", NodeKind.INPUT);
        Neuron b = net.addNode("b", NodeKind.NEURON);
        Neuron c = net.addNode("c", NodeKind.NEURON);
        net.connect(a, b);
        net.connect(b, c);
        net.connect(a, c);
        net.connect(c, c);
        net.removeNode("c");
        assertEquals(List.of("a", "b"), net.nodes().stream().map(Neuron::id).toList());
        assertEquals(1, net.synapseCount());
        assertNull(net.node("c"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.removeNode("c")).getMessage().contains("'c'"));
    }

    @Test
    void membershipAndNamesAreChecked() {
        Network net = new Network();
        net.addNode("a", NodeKind.NEURON);
        assertThrows(IllegalArgumentException.class, () -> net.addNode("a", NodeKind.OUTPUT));
        Neuron foreign = new Network().addNode("a", NodeKind.NEURON);
        assertThrows(IllegalArgumentException.class, () -> net.connect(foreign, net.node("a")));
        assertThrows(IllegalArgumentException.class, () -> new NodeGroup("h 1"));
        assertThrows(IllegalArgumentException.class, () -> new Unit("u;1"));
        net.addGroup(new NodeGroup("g"));
        assertThrows(IllegalArgumentException.class, () -> net.addGroup(new NodeGroup("g")));
    }

    @Test
    void parametersMustBeFinite() {
        Network net = new Network();
        Neuron v = net.addNode("v", NodeKind.NEURON);
        Synapse s = net.connect(v, v);
        assertThrows(IllegalArgumentException.class, () -> s.weight(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.delay(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> s.leak(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> v.threshold(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new NodeGroup("g").boost(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> net.settings().delayRange(2, 1));
        assertThrows(IllegalArgumentException.class, () -> net.settings().delayRange(-1, 1));
    }

    @Test
    void groupAndUnitSpecsRoundTrip() {
        NodeGroup g = NodeGroup.parse(new NodeGroup("h1").kWinners(51).boost(2.5).unitWinners(4).spec());
        assertEquals("h1", g.name());
        assertEquals(51, g.kWinners());
        assertEquals(2.5, g.boost());
        assertEquals(4, g.unitWinners());
        assertEquals(3, Unit.parse("u0 rec=3").rec());
        assertThrows(IllegalArgumentException.class, () -> NodeGroup.parse("h1 k"));
        assertThrows(IllegalArgumentException.class, () -> NodeGroup.parse("h1 speed=3"));
        assertThrows(IllegalArgumentException.class, () -> Unit.parse("u0 rec=0"));
    }

    @Test
    void spellingsParse() {
        assertEquals(NodeKind.OVERSEER, NodeKind.parse(" Overseer "));
        assertThrows(IllegalArgumentException.class, () -> NodeKind.parse("hidden"));
        assertEquals(Activation.IDENTITY, Activation.parse("linear"));
        assertEquals(Learnable.WEIGHT | Learnable.DELAY, Learnable.parse("weight, delay"));
        assertEquals(Learnable.ALL, Learnable.parse("true"));
        assertEquals(Learnable.NONE, Learnable.parse("none"));
        assertEquals("delay,leak", Learnable.format(Learnable.DELAY | Learnable.LEAK));
        assertEquals(9, new ModelSettings().historyDepth());
    }

    @Test
    void activationDerivativesMatchFiniteDifferences() {
        double h = 1e-6;
        for (Activation f : Activation.values()) {
            for (double a : new double[] {-1.3, -0.2, 0.4, 2.1}) {
                double numeric = (f.apply(a + h) - f.apply(a - h)) / (2 * h);
                assertEquals(numeric, f.derivative(a, f.apply(a)), 1e-7, f + " at " + a);
            }
        }
        assertEquals(0.0, Activation.RELU.derivative(0, 0));
        assertTrue(Activation.SIGMOID.apply(-800) >= 0);
    }
}
