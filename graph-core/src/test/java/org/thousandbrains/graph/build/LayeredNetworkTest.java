package org.thousandbrains.graph.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

class LayeredNetworkTest {

    /** 6 inputs → dense 5 → sparse 4 (keep 2 of 5) → 3 units × 2 neurons with lateral → 2 outputs. */
    private static Network small(long seed) {
        return LayeredNetwork.builder()
                .inputs(6)
                .dense(5, Activation.TANH)
                .sparse(4, 0.4, Activation.RELU)
                .kWinners(0.5)
                .units(3, 2, 1, 2, Activation.RELU)
                .lateral(0.25)
                .outputs(2)
                .init(Init.TORCH_LINEAR).seed(seed)
                .build();
    }

    private static List<String> sourcesOf(CompiledGraph g, String id) {
        int v = List.of(g.nodeIds()).indexOf(id);
        List<String> out = new ArrayList<>();
        for (int p = g.rowPtr()[v]; p < g.rowPtr()[v + 1]; p++) out.add(g.nodeId(g.src()[p]));
        return out;
    }

    @Test
    void nodesGroupsAndKinds() {
        Network net = small(1);
        assertEquals(6 + 5 + 4 + 6 + 2, net.nodeCount());
        assertEquals(List.of("input", "h1", "h2", "h3", "output"), new ArrayList<>(net.groups().keySet()));
        Neuron in0 = net.node("input:0");
        assertEquals(NodeKind.INPUT, in0.kind());
        assertEquals(Activation.IDENTITY, in0.activation());
        assertEquals(0.0, in0.bias());
        assertEquals(Activation.TANH, net.node("h1:4").activation());
        assertEquals("h2", net.node("h2:3").group());
        assertEquals(NodeKind.OUTPUT, net.node("output:1").kind());
        assertEquals(Activation.IDENTITY, net.node("output:1").activation());
        assertNull(net.node("output:2"));
        assertEquals(2, net.groups().get("h2").kWinners());
        assertEquals(1.5, net.groups().get("h2").boost());
        assertEquals(0, net.groups().get("h1").kWinners());
        NodeGroup h3 = net.groups().get("h3");
        assertEquals(1, h3.unitWinners());
        assertEquals(List.of("h3.u0", "h3.u1", "h3.u2"), new ArrayList<>(net.units().keySet()));
        assertEquals(2, net.units().get("h3.u1").rec());
        assertEquals("h3.u0", net.node("h3:1").unit());
        assertEquals("h3.u1", net.node("h3:2").unit());
        assertNull(net.node("h2:0").unit());
    }

    @Test
    void edgeCountsPerLayer() {
        Network net = small(1);
        // h1 dense 6×5, h2 keeps round(0.4·5)=2 per node, h3: 4 in + 2 internal + 1 lateral per node, output 6×2.
        int expected = 30 + 4 * 2 + 6 * (4 + 2 + 1) + 12;
        assertEquals(expected, net.synapseCount());
        for (Neuron v : net.nodes()) {
            int in = net.graph().inDegreeOf(v);
            switch (v.group()) {
                case "input": assertEquals(0, in); break;
                case "h1": assertEquals(6, in); break;
                case "h2": assertEquals(2, in); break;
                case "h3": assertEquals(7, in); break;
                default: assertEquals(6, in);
            }
        }
    }

    @Test
    void csrRowsListSourcesInLayerOrder() {
        Network net = small(3);
        CompiledGraph g = GraphCompiler.compile(net);
        assertEquals(List.of("input:0", "input:1", "input:2", "input:3", "input:4", "input:5"), sourcesOf(g, "h1:2"));
        List<String> h2 = sourcesOf(g, "h2:1");
        assertEquals(2, h2.size());
        assertTrue(Integer.parseInt(h2.get(0).substring(3)) < Integer.parseInt(h2.get(1).substring(3)), h2.toString());
        // h3:3 is neuron 1 of unit 1: feed-forward sources, then unit 1's members, then neuron 1 of unit 0.
        assertEquals(List.of("h2:0", "h2:1", "h2:2", "h2:3", "h3:2", "h3:3", "h3:1"), sourcesOf(g, "h3:3"));
        // unit 0 receives its lateral input from the last unit (wrap-around).
        assertEquals("h3:4", sourcesOf(g, "h3:0").get(6));
        assertEquals(List.of("h3:0", "h3:1", "h3:2", "h3:3", "h3:4", "h3:5"), sourcesOf(g, "output:0"));
    }

    @Test
    void edgeKindsHaveTheirDelaysLeaksAndLearnableMasks() {
        Network net = small(5);
        assertEquals(0.0, net.settings().dMin());
        assertEquals(8.0, net.settings().dMax());
        int ff = 0;
        int internal = 0;
        int lateral = 0;
        for (Synapse s : net.synapses()) {
            Neuron a = net.source(s);
            Neuron b = net.target(s);
            if (!a.group().equals(b.group())) {
                ff++;
                assertEquals(0.0, s.delay());
                assertEquals(0.0, s.leak());
                assertEquals(Learnable.WEIGHT, s.learnable());
            } else if (a.unit().equals(b.unit())) {
                internal++;
                assertEquals(1.0, s.delay());
                assertEquals(0.0, s.leak());
                assertEquals(Learnable.WEIGHT, s.learnable());
            } else {
                lateral++;
                assertEquals(1.0, s.delay());
                assertEquals(0.25, s.leak());
                assertEquals(Learnable.WEIGHT | Learnable.LEAK, s.learnable());
                int ua = Integer.parseInt(a.unit().substring(4));
                int ub = Integer.parseInt(b.unit().substring(4));
                assertEquals((ua + 1) % 3, ub);
                assertEquals(Integer.parseInt(a.id().substring(3)) % 2, Integer.parseInt(b.id().substring(3)) % 2);
            }
        }
        assertEquals(30 + 8 + 24 + 12, ff);
        assertEquals(12, internal);
        assertEquals(6, lateral);
    }

    @Test
    void torchLinearBoundsFollowFanIn() {
        Network net = small(7);
        double ffBound = 1 / Math.sqrt(6);
        for (Synapse s : net.graph().incomingEdgesOf(net.node("h1:0"))) assertTrue(Math.abs(s.weight()) <= ffBound);
        for (Synapse s : net.graph().incomingEdgesOf(net.node("h2:0"))) assertTrue(Math.abs(s.weight()) <= 1 / Math.sqrt(2));
        assertTrue(Math.abs(net.node("h2:0").bias()) <= 1 / Math.sqrt(2));
        assertTrue(Math.abs(net.node("h1:0").bias()) <= ffBound);
        assertNotEquals(0.0, net.node("h1:0").bias());
        Network kaiming = LayeredNetwork.builder().inputs(3).dense(4, Activation.RELU).outputs(1)
                .init(Init.KAIMING_UNIFORM).build();
        assertEquals(0.0, kaiming.node("h1:0").bias());
    }

    @Test
    void sameSeedSameNetworkOtherSeedOtherWeights() {
        double[] a = weights(small(11));
        assertArrayEquals(a, weights(small(11)));
        double[] b = weights(small(12));
        assertEquals(a.length, b.length);
        assertTrue(!java.util.Arrays.equals(a, b));
    }

    private static double[] weights(Network net) {
        return net.synapses().stream().mapToDouble(Synapse::weight).toArray();
    }

    @Test
    void sparseMasksDifferBetweenNodesAndKeepAtLeastOne() {
        Network net = LayeredNetwork.builder().inputs(100).sparse(50, 0.1, Activation.RELU)
                .sparse(3, 0.001, Activation.RELU).outputs(1).seed(4).build();
        java.util.Set<List<String>> masks = new java.util.HashSet<>();
        for (int v = 0; v < 50; v++) {
            List<String> src = new ArrayList<>();
            for (Synapse s : net.graph().incomingEdgesOf(net.node("h1:" + v))) src.add(net.source(s).id());
            assertEquals(10, src.size());
            assertEquals(10, new java.util.HashSet<>(src).size(), "sources must be distinct");
            masks.add(src);
        }
        assertTrue(masks.size() > 45, "masks should be drawn per node, got " + masks.size() + " distinct");
        assertEquals(1, net.graph().inDegreeOf(net.node("h2:0")));
    }

    @Test
    void positiveDelayKeepsDefaultRangeAndLongDelayWidensIt() {
        Network net = LayeredNetwork.builder().inputs(2).dense(2, Activation.RELU).outputs(1).delay(2).build();
        assertEquals(1.0, net.settings().dMin());
        assertEquals(2.0, net.synapses().iterator().next().delay());
        Network slow = LayeredNetwork.builder().inputs(2).outputs(1).delay(10.5).build();
        assertEquals(11.0, slow.settings().dMax());
        assertEquals(0.5, LayeredNetwork.builder().inputs(2).outputs(1).delay(0.5).build().settings().dMin());
    }

    @Test
    void theDocumentedExampleHasTheDocumentedShape() {
        Network net = LayeredNetwork.builder()
                .inputs(784).dense(512, Activation.RELU).sparse(512, 0.3, Activation.RELU).kWinners(0.1)
                .units(16, 32, 4, 2, Activation.RELU).lateral(0.5).outputs(10)
                .delay(0.0).init(Init.TORCH_LINEAR).seed(42).build();
        assertEquals(784 + 512 + 512 + 512 + 10, net.nodeCount());
        long expected = 784L * 512 + 512L * 154 + 512L * 512 + 512L * 32 + 512 + 512L * 10;
        assertEquals(expected, net.synapseCount());
        assertEquals(51, net.groups().get("h2").kWinners());
        assertEquals(4, net.groups().get("h3").unitWinners());
        assertEquals("h3.u15", net.node("h3:511").unit());
        CompiledGraph g = GraphCompiler.compile(net);
        assertEquals(5, g.waveCount(), "instant feed-forward edges: one wave per layer");
    }

    @Test
    void misuseIsReportedClearly() {
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().dense(3, Activation.RELU));
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(3).build());
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(3).outputs(1).dense(2, Activation.RELU));
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(3).kWinners(0.5));
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(3).dense(2, Activation.RELU).lateral(0.5));
        assertThrows(IllegalStateException.class, () -> LayeredNetwork.builder().inputs(3).units(1, 4, 1, 1, Activation.RELU).lateral(0.5));
        assertThrows(IllegalArgumentException.class, () -> LayeredNetwork.builder().inputs(3).sparse(2, 0, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> LayeredNetwork.builder().inputs(3).dense(4, Activation.RELU).kWinners(0.01));
        assertThrows(IllegalArgumentException.class, () -> LayeredNetwork.builder().inputs(3).units(2, 2, 3, 1, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> LayeredNetwork.builder().inputs(3).units(2, 2, 1, 2, Activation.RELU).lateral(1.0));
        assertThrows(IllegalArgumentException.class, () -> LayeredNetwork.builder().delay(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayeredNetwork.builder().inputs(3).dense(4, Activation.RELU).kWinners(2.0));
        assertTrue(e.getMessage().contains("'h1'"), e.getMessage());
    }
}
