package org.thousandbrains.graph.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.validate.Validator;

class RandomNetworksTest {

    @Test
    void erdosRenyiEdgeCountIsBinomial() {
        int n = 400;
        double p = 0.02;
        Network net = RandomNetworks.erdosRenyi(n, p).seed(3).build();
        double mean = p * n * (n - 1);
        double sd = Math.sqrt(mean * (1 - p));
        assertEquals(mean, net.synapseCount(), 4 * sd);
        Set<String> pairs = new HashSet<>();
        for (Synapse s : net.synapses()) {
            assertTrue(net.source(s) != net.target(s), "no self-loops by default");
            assertTrue(pairs.add(net.source(s).id() + ">" + net.target(s).id()), "each ordered pair at most once");
        }
    }

    @Test
    void erdosRenyiExtremes() {
        assertEquals(0, RandomNetworks.erdosRenyi(20, 0).build().synapseCount());
        assertEquals(20 * 19, RandomNetworks.erdosRenyi(20, 1).build().synapseCount());
        assertEquals(20 * 20, RandomNetworks.erdosRenyi(20, 1).selfLoops(true).build().synapseCount());
    }

    @Test
    void fixedFanInGivesExactDistinctSourcesInOrder() {
        Network net = RandomNetworks.fixedFanIn(50, 7).inputs(5).outputs(3).seed(9).build();
        for (Neuron v : net.nodes()) {
            int expected = v.kind() == NodeKind.INPUT ? 0 : 7;
            assertEquals(expected, net.graph().inDegreeOf(v), v.toString());
            int previous = -1;
            for (Synapse s : net.graph().incomingEdgesOf(v)) {
                int u = Integer.parseInt(net.source(s).id());
                assertTrue(u > previous, "sources ascend and are distinct");
                assertTrue(u != Integer.parseInt(v.id()));
                previous = u;
            }
        }
        assertEquals(NodeKind.INPUT, net.node("4").kind());
        assertEquals(NodeKind.NEURON, net.node("46").kind());
        assertEquals(NodeKind.OUTPUT, net.node("47").kind());
        assertEquals(Activation.IDENTITY, net.node("49").activation());
        assertEquals(Activation.RELU, net.node("5").activation());
    }

    @Test
    void parametersStayInTheirRangesAndGraphsValidate() {
        Network net = RandomNetworks.fixedFanIn(200, 10).delays(1, 4).leaks(0.5).init(Init.KAIMING_UNIFORM).build();
        double bound = Math.sqrt(6.0 / 10);
        double maxDelay = 0;
        for (Synapse s : net.synapses()) {
            assertTrue(s.delay() >= 1 && s.delay() <= 4);
            assertTrue(s.leak() >= 0 && s.leak() <= 0.5);
            assertTrue(Math.abs(s.weight()) <= bound);
            maxDelay = Math.max(maxDelay, s.delay());
        }
        assertTrue(maxDelay > 3.9);
        Validator.validate(net);
        assertEquals(2000, GraphCompiler.compile(net).edgeCount());
    }

    @Test
    void seededAndReproducible() {
        double[] a = RandomNetworks.erdosRenyi(100, 0.05).seed(5).build().synapses().stream().mapToDouble(Synapse::weight).toArray();
        double[] b = RandomNetworks.erdosRenyi(100, 0.05).seed(5).build().synapses().stream().mapToDouble(Synapse::weight).toArray();
        double[] c = RandomNetworks.erdosRenyi(100, 0.05).seed(6).build().synapses().stream().mapToDouble(Synapse::weight).toArray();
        assertArrayEquals(a, b);
        assertTrue(a.length != c.length || !java.util.Arrays.equals(a, c));
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.erdosRenyi(10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.fixedFanIn(10, 10).build());
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.fixedFanIn(10, 2).inputs(6).outputs(5).build());
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.fixedFanIn(10, 2).leaks(1));
        assertThrows(IllegalArgumentException.class, () -> RandomNetworks.fixedFanIn(10, 2).delays(2, 1));
    }
}
