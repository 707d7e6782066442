package org.thousandbrains.graph.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.RandomNetworks;
import org.thousandbrains.graph.graphml.GraphMLReader;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/** {@link EdgeTable#of(CompiledGraph)} and {@link NetworkView}: the way back from a compiled graph, exact. */
class NetworkViewTest {

    /** Every field of two objects of one class equal: arrays element by element (doubles bit for bit), nested structures recursively. */
    static void assertSameFields(Object a, Object b, String path) {
        assertEquals(a.getClass(), b.getClass(), path);
        for (Class<?> c = a.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                Object x;
                Object y;
                try {
                    x = f.get(a);
                    y = f.get(b);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                String where = path + "." + f.getName();
                if (x == null || y == null) {
                    assertEquals(x, y, where);
                } else if (x.getClass().isArray()) {
                    if (!Arrays.deepEquals(new Object[] {x}, new Object[] {y})) {
                        fail(where + " differs: " + Arrays.deepToString(new Object[] {x}) + " vs "
                                + Arrays.deepToString(new Object[] {y}));
                    }
                } else if (x.getClass().getName().startsWith("org.thousandbrains.graph.compile.")) {
                    assertSameFields(x, y, where);
                } else {
                    assertTrue(Objects.equals(x, y), where + " differs: " + x + " vs " + y);
                }
            }
        }
    }

    static void assertSameTable(EdgeTable a, EdgeTable b) {
        assertSameFields(a, b, "table");
    }

    static void assertSameGraph(CompiledGraph a, CompiledGraph b) {
        assertSameFields(a, b, "graph");
    }

    /** Network → table → compile → view → table → compile: tables and compiled graphs identical. */
    private static void assertRoundTrip(Network net) {
        EdgeTable t = EdgeTable.of(net);
        CompiledGraph g = GraphCompiler.compile(t);
        EdgeTable back = EdgeTable.of(g);
        assertSameTable(t, back);
        assertSameGraph(g, GraphCompiler.compile(back));

        Network view = NetworkView.of(g);
        assertEquals(net.nodeCount(), view.nodeCount());
        assertEquals(net.synapseCount(), view.synapseCount());
        EdgeTable again = EdgeTable.of(view);
        assertSameTable(t, again);
        assertSameGraph(g, GraphCompiler.compile(again));
        assertSameTable(t, EdgeTable.of(NetworkView.of(t)));
    }

    static Network layered() {
        Network net = LayeredNetwork.builder().inputs(8).sparse(6, 0.5, Activation.RELU).kWinners(0.5)
                .units(3, 2, 2, 2, Activation.RELU).lateral(0.5).outputs(2).build();
        net.settings().readout(4, 2);
        net.groups().get("h1").observations(1234).period(50).boost(0.75);
        int i = 0;
        for (Neuron v : net.nodes()) {
            if ("h1".equals(v.group())) v.duty(0.125 * (++i)).threshold(0.1 * i);
        }
        return net;
    }

    @Test
    void layeredNetworkWithKWinnersUnitsAndLateralEdgesRoundTrips() {
        Network net = layered();
        CompiledGraph g = GraphCompiler.compile(net);
        GroupStructure s = g.groupStructure();
        assertEquals(1, s.kwtaCount());
        assertEquals(3, s.unitCount());
        assertEquals(1, s.unitGroupCount());
        assertTrue(s.hasInternalEdges());
        assertEquals(4, g.steps());
        assertEquals(2, g.readoutWindow());
        assertRoundTrip(net);
    }

    /** A random network with a k-WTA group (eval factor 1.5, exact since k = 4), units of rec 3 in a unit group, thresholds and a readout window. */
    static Network randomWithCompetition(long seed) {
        Network net = RandomNetworks.erdosRenyi(60, 0.08).inputs(5).outputs(3).delays(1, 4).leaks(0.9).seed(seed)
                .selfLoops(true).build();
        net.settings().readout(5, 3);
        net.addGroup(new NodeGroup("label"));
        net.addGroup(new NodeGroup("kw").kWinners(4).boost(2.5).period(17).inferenceFactor(1.5).observations(99));
        net.addGroup(new NodeGroup("cols").unitWinners(1));
        net.addUnit(new Unit("c0").rec(3));
        net.addUnit(new Unit("c1").rec(3));
        int v = 0;
        for (Neuron x : net.nodes()) {
            if (v >= 5 && v < 10) x.group("label");
            if (v >= 10 && v < 20) x.group("kw").duty(v / 40.0);
            if (v >= 20 && v < 26) x.group("cols").unit(v < 23 ? "c0" : "c1");
            x.threshold(v % 3 == 0 ? 0.5 : 0);
            if (x.kind() != org.thousandbrains.graph.topology.NodeKind.INPUT) x.bias(0.01 * v);
            v++;
        }
        int k = 0;
        for (Synapse s : net.synapses()) {
            if (k++ % 5 == 0) s.learnable(Learnable.WEIGHT | Learnable.LEAK);
        }
        return net;
    }

    @Test
    void randomNetworksRoundTrip() {
        for (long seed = 1; seed <= 4; seed++) {
            Network net = randomWithCompetition(seed);
            CompiledGraph g = GraphCompiler.compile(net);
            assertEquals(6, g.groupStructure().kwtaInferenceK()[0]);
            assertRoundTrip(net);
            // and a plain random network without groups
            assertRoundTrip(RandomNetworks.fixedFanIn(40, 5).inputs(4).outputs(2).delays(1, 3).leaks(0.5).seed(seed).build());
        }
    }

    /** The table with its edges in a random order (same nodes, groups and competition). */
    private static EdgeTable shuffled(EdgeTable t, long seed) {
        int e = t.edgeCount;
        int[] perm = new int[e];
        for (int k = 0; k < e; k++) perm[k] = k;
        java.util.Random rng = new java.util.Random(seed);
        for (int k = e - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int x = perm[k];
            perm[k] = perm[j];
            perm[j] = x;
        }
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        byte[] learn = new byte[e];
        for (int k = 0; k < e; k++) {
            int q = perm[k];
            src[k] = t.src[q];
            dst[k] = t.dst[q];
            w[k] = t.weight[q];
            d[k] = t.delay[q];
            lam[k] = t.leak[q];
            learn[k] = t.learnable[q];
        }
        return new EdgeTable(t.nodeIds, t.kind, t.activation, t.bias, t.threshold, t.group, t.groupNames, t.unit,
                t.unitNames, src, dst, w, d, lam, learn, t.dMin, t.dMax,
                new EdgeTable.Competition(t.groupK, t.groupBoost, t.groupPeriod, t.groupInferenceFactor,
                        t.groupObservations, t.groupUnitK, t.unitRec, t.duty, t.steps, t.readoutWindow));
    }

    @Test
    void edgesComeBackInInputOrderNotCsrOrder() {
        EdgeTable ordered = EdgeTable.of(randomWithCompetition(3));
        EdgeTable t = shuffled(ordered, 11);
        CompiledGraph g = GraphCompiler.compile(t);
        assertTrue(!Arrays.equals(t.dst, g.dst()), "the fixture must reorder edges");
        EdgeTable back = EdgeTable.of(g);
        assertSameTable(t, back);
        assertSameGraph(g, GraphCompiler.compile(back));
        assertSameTable(t, EdgeTable.of(NetworkView.of(g)));
        assertThrows(AssertionError.class, () -> assertSameTable(ordered, t), "the comparison sees edge order");
        assertThrows(AssertionError.class, () -> assertSameGraph(g, GraphCompiler.compile(ordered)), "and the CSR permutation");
        assertNotSame(g.bias(), back.bias);
        assertNotSame(g.nodeIds(), back.nodeIds);
    }

    @Test
    void currentParametersAreExported() {
        Network net = layered();
        CompiledGraph g = GraphCompiler.compile(net);
        int e = g.edgeCount();
        GroupStructure s = g.groupStructure();
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        for (int p = 0; p < e; p++) {
            w[p] = 0.001 * p - 0.3;
            d[p] = Math.max(g.delayFloor(p), Math.min(g.dMax(), g.delay()[p] + 0.5));
            lam[p] = (p % 7) / 10.0;
        }
        double[] bias = new double[g.nodeCount()];
        for (int v = 0; v < bias.length; v++) bias[v] = -0.01 * v;
        double[] duty = new double[s.kwtaMembers().length];
        for (int i = 0; i < duty.length; i++) duty[i] = 1.0 / (i + 2);
        long[] observations = {777_000_000_000L};

        EdgeTable t = EdgeTable.of(g, w, d, lam, bias, duty, observations);
        CompiledGraph h = GraphCompiler.compile(t);
        assertArrayEquals(w, h.weight(), 0);
        assertArrayEquals(d, h.delay(), 0);
        assertArrayEquals(lam, h.leak(), 0);
        assertArrayEquals(bias, h.bias(), 0);
        assertArrayEquals(duty, h.groupStructure().kwtaDuty(), 0);
        assertArrayEquals(observations, h.groupStructure().kwtaObservations());
        assertArrayEquals(g.inputOrder(), h.inputOrder());
        // the same as withParameters for the edge parameters and biases
        EdgeTable viaCopy = EdgeTable.of(g.withParameters(w, d, lam, bias));
        assertArrayEquals(t.weight, viaCopy.weight, 0);
        assertArrayEquals(t.delay, viaCopy.delay, 0);
        assertArrayEquals(t.bias, viaCopy.bias, 0);
        // and through the view
        assertSameTable(t, EdgeTable.of(NetworkView.of(t)));

        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> EdgeTable.of(g, new double[e - 1], null, null, null, null, null));
        assertTrue(ex.getMessage().contains("weight"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> EdgeTable.of(g, null, null, null, null, null, new long[2]));
        assertTrue(ex.getMessage().contains("observations"), ex.getMessage());
    }

    @Test
    void theInferenceFactorComesBackExactly() {
        Network net = randomWithCompetition(2);
        net.groups().get("kw").kWinners(3).inferenceFactor(1.5); // eval k = round(4.5) = 5
        CompiledGraph g = GraphCompiler.compile(net);
        assertEquals(5, g.groupStructure().kwtaInferenceK()[0]);
        EdgeTable back = EdgeTable.of(g);
        int kw = Arrays.asList(back.groupNames).indexOf("kw");
        assertEquals(1.5, back.groupInferenceFactor[kw], 0);
        assertSameGraph(g, GraphCompiler.compile(back));
        assertSameGraph(g, GraphCompiler.compile(NetworkView.of(g)));
    }

    @Test
    void theViewWritesGraphMLThatReadsBackToTheSameGraph() throws IOException {
        for (Network net : new Network[] {layered(), randomWithCompetition(5)}) {
            CompiledGraph g = GraphCompiler.compile(net);
            StringWriter w = new StringWriter();
            GraphMLWriter.write(NetworkView.of(g), w);
            Network read = new GraphMLReader()
                    .read(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)), "view.graphml").network();
            assertSameGraph(g, GraphCompiler.compile(read));
        }
    }

    @Test
    void theViewIsAJGraphTGraph() {
        CompiledGraph g = GraphCompiler.compile(layered());
        Network view = NetworkView.of(g);
        int[] inDegree = new int[g.nodeCount()];
        for (int v = 0; v < g.nodeCount(); v++) inDegree[v] = g.rowPtr()[v + 1] - g.rowPtr()[v];
        int v = 0;
        for (Neuron x : view.nodes()) {
            assertEquals(g.nodeId(v), x.id());
            assertEquals(inDegree[v], view.graph().inDegreeOf(x), x.toString());
            v++;
        }
        assertEquals(g.dMin(), view.settings().dMin(), 0);
        assertEquals(4, view.settings().steps());
        assertEquals(2, view.settings().readoutWindow());
        assertEquals(2, view.units().get(view.nodes().stream().filter(x -> x.unit() != null).findFirst().get().unit()).rec());
    }
}
