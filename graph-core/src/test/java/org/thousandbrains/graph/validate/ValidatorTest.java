package org.thousandbrains.graph.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.RandomNetworks;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.TopologyException;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Unit;

class ValidatorTest {

    private static Network chain(String... ids) {
        Network net = new Network();
        net.settings().delayRange(0, 8);
        for (String id : ids) net.addNode(id, NodeKind.NEURON);
        return net;
    }

    private static String error(Network net) {
        return assertThrows(TopologyException.class, () -> Validator.validate(net)).getMessage();
    }

    @Test
    void instantCycleIsNamedInOrder() {
        Network net = chain("a", "b", "c");
        net.connect("a", "b").delay(0);
        net.connect("b", "c").delay(0.5);
        net.connect("c", "a").delay(0);
        String m = error(net);
        assertTrue(m.startsWith("edge 'c' -> 'a' has delay 0.0 < 1"), m);
        assertTrue(m.contains("cycle: c -> a -> b -> c"), m);
    }

    @Test
    void instantSelfLoopIsACycle() {
        Network net = chain("a");
        net.connect("a", "a").delay(0.9);
        assertTrue(error(net).contains("cycle: a -> a"));
    }

    @Test
    void instantEdgeInsideAComponentNamesEdgeAndCycle() {
        Network net = chain("a", "b", "c");
        net.connect("a", "b").delay(0);
        net.connect("b", "c").delay(3);
        net.connect("c", "a").delay(1);
        net.connect("a", "c").delay(0); // instant edges alone are acyclic
        String m = error(net);
        assertTrue(m.startsWith("edge 'a' -> 'b' has delay 0.0 < 1"), m);
        assertTrue(m.contains("cycle: a -> b -> c -> a"), m);
    }

    @Test
    void instantEdgesBetweenComponentsAreFine() {
        Network net = chain("a", "b", "c");
        net.connect("a", "b").delay(0);
        net.connect("b", "b").delay(1);
        net.connect("b", "c").delay(0.3);
        assertDoesNotThrow(() -> Validator.validate(net));
    }

    @Test
    void delayAndLeakRangesNameTheEdge() {
        Network net = new Network();
        net.addNode("x", NodeKind.INPUT);
        net.addNode("y", NodeKind.OUTPUT);
        net.connect("x", "y").delay(0.5).id("e7");
        String m = error(net);
        assertEquals("edge #0 'x' -> 'y': delay 0.5 outside [d_min, d_max] = [1.0, 8.0]", m);
        net.synapses().iterator().next().delay(8).leak(-0.1);
        assertTrue(error(net).contains("leak -0.1 outside [0, 1)"));
        net.synapses().iterator().next().leak(0.99);
        assertEquals(List.of(), Validator.validate(net));
    }

    @Test
    void nonFiniteParametersAreRefusedWhenSet() {
        Network net = chain("a");
        assertThrows(IllegalArgumentException.class, () -> net.node("a").bias(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> net.connect("a", "a").weight(Double.POSITIVE_INFINITY));
    }

    @Test
    void undeclaredGroupsAndUnitsAreCreatedWithAWarning() {
        Network net = chain("a", "b");
        net.node("a").group("g").unit("u");
        net.connect("a", "b");
        List<String> w = Validator.validate(net);
        assertTrue(net.groups().containsKey("g") && net.units().containsKey("u"));
        assertTrue(w.contains("group 'g' (named by node 'a') was not declared; created with default settings"), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.startsWith("unit 'u'")), w.toString());
        net.node("b").group("bad name");
        assertTrue(error(net).startsWith("node 'b': group name"));
    }

    @Test
    void competitionSettingsMustFitTheGroup() {
        Network net = chain("a", "b", "c");
        for (String id : List.of("a", "b", "c")) net.node(id).group("g");
        NodeGroup g = net.addGroup(new NodeGroup("g").kWinners(4));
        assertEquals("group 'g': k-WTA k=4 exceeds its 3 nodes", error(net));
        g.kWinners(3).unitWinners(1);
        assertEquals("group 'g' has both k=3 and unitK=1: a group is a k-WTA group of nodes or a unit group, not both", error(net));
        g.kWinners(0);
        net.addUnit(new Unit("u0"));
        net.addUnit(new Unit("u1"));
        net.node("a").unit("u0");
        net.node("b").unit("u1");
        g.unitWinners(3);
        assertEquals("group 'g': unit winners 3 exceeds its 2 units", error(net));
        g.unitWinners(2);
        assertEquals("node 'c' is in unit group 'g' but in no unit: every node of a unit group belongs to one of its units", error(net));
        net.node("c").unit("u1");
        assertDoesNotThrow(() -> Validator.validate(net));
        net.connect("a", "b").delay(0.5);
        assertTrue(error(net).startsWith("edge 'a' -> 'b' has delay 0.5 < 1 between units 'u0' and 'u1' of unit group 'g'"), error(net));
    }

    @Test
    void warningsForOddButLegalGraphs() {
        Network net = new Network();
        net.addNode("i", NodeKind.INPUT);
        net.addNode("h", NodeKind.NEURON).unit("u");
        net.addNode("h2", NodeKind.NEURON).unit("u");
        net.addNode("o", NodeKind.OUTPUT);
        net.addUnit(new Unit("u"));
        net.addUnit(new Unit("spare"));
        net.addGroup(new NodeGroup("empty"));
        net.connect("h", "i");
        net.connect("h", "h2").leak(0.5);
        List<String> w = Validator.validate(net);
        assertTrue(w.contains("output node 'o' has no in-edges: it only reads its bias"), w.toString());
        assertTrue(w.contains("input node 'i' has 1 in-edges, ignored because inputs are clamped"), w.toString());
        assertTrue(w.contains("group 'empty' has no nodes"), w.toString());
        assertTrue(w.contains("unit 'spare' has no nodes"), w.toString());
        assertTrue(w.stream().anyMatch(s -> s.startsWith("edge 'h' -> 'h2' lies inside unit 'u'")), w.toString());
        assertEquals(5, w.size(), w.toString());
        assertTrue(Validator.validate(chain("x")).contains("the network has no output nodes: nothing is read out"));
    }

    @Test
    void layeredNetworkIsValidWithoutWarnings() {
        Network net = LayeredNetwork.builder().inputs(8).dense(6, Activation.RELU).kWinners(0.5)
                .units(3, 2, 2, 2, Activation.RELU).lateral(0.5).outputs(2).build();
        assertEquals(List.of(), Validator.validate(net));
    }

    @Test
    void agreesWithCompilerOnRandomNetworks() {
        int rejected = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Network net = RandomNetworks.erdosRenyi(30, 0.05).delays(0.5, 3).selfLoops(seed % 2 == 0).seed(seed).build();
            boolean compilerRejects;
            try {
                GraphCompiler.compile(net);
                compilerRejects = false;
            } catch (TopologyException e) {
                compilerRejects = true;
            }
            boolean validatorRejects;
            try {
                Validator.validate(net);
                validatorRejects = false;
            } catch (TopologyException e) {
                validatorRejects = true;
                assertTrue(e.getMessage().contains("cycle"), e.getMessage());
            }
            assertEquals(compilerRejects, validatorRejects, "seed " + seed);
            if (validatorRejects) rejected++;
        }
        assertTrue(rejected >= 5 && rejected <= 35, "want a mix of valid and invalid graphs, rejected " + rejected);
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        int n = 30_000;
        Network net = new Network();
        net.settings().delayRange(0, 8);
        for (int i = 0; i < n; i++) net.addNode("n" + i, NodeKind.NEURON);
        for (int i = 0; i + 1 < n; i++) net.connect(net.node("n" + i), net.node("n" + (i + 1)), 1, 0, 0);
        net.connect(net.node("n" + (n - 1)), net.node("n0"), 1, 1, 0);
        String m = error(net);
        assertTrue(m.startsWith("edge 'n0' -> 'n1' has delay 0.0"), m.substring(0, 80));
        assertTrue(m.contains("cycle: n0 -> n1 -> n2 -> ") && m.contains("n29999 -> n0"), m.substring(0, 80));
    }
}
