package org.thousandbrains.graph.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.jgrapht.Graph;
import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;

class GraphCompilerTest {

    private static void assertCsrCsc(EdgeTable t, CompiledGraph g) {
        int n = t.nodeCount;
        int e = t.edgeCount;
        assertEquals(n, g.nodeCount());
        assertEquals(e, g.edgeCount());
        assertEquals(0, g.rowPtr()[0]);
        assertEquals(e, g.rowPtr()[n]);
        boolean[] seen = new boolean[e];
        for (int v = 0; v < n; v++) {
            assertTrue(g.rowPtr()[v] <= g.rowPtr()[v + 1]);
            int previous = -1;
            for (int p = g.rowPtr()[v]; p < g.rowPtr()[v + 1]; p++) {
                int k = g.inputOrder()[p];
                assertTrue(k > previous, "rows keep input order (stable sort)");
                previous = k;
                assertTrue(!seen[k], "inputOrder is a permutation");
                seen[k] = true;
                assertEquals(v, g.dst()[p]);
                assertEquals(t.dst[k], g.dst()[p]);
                assertEquals(t.src[k], g.src()[p]);
                assertEquals(t.weight[k], g.weight()[p]);
                assertEquals(t.delay[k], g.delay()[p]);
                assertEquals(t.leak[k], g.leak()[p]);
                assertEquals(t.learnable[k], g.learnable()[p]);
            }
        }
        boolean[] inCsc = new boolean[e];
        assertEquals(0, g.colPtr()[0]);
        assertEquals(e, g.colPtr()[n]);
        for (int u = 0; u < n; u++) {
            int previous = -1;
            for (int j = g.colPtr()[u]; j < g.colPtr()[u + 1]; j++) {
                int p = g.cscEdge()[j];
                assertTrue(p > previous, "a column lists CSR positions ascending");
                previous = p;
                assertTrue(!inCsc[p], "cscEdge is a permutation");
                inCsc[p] = true;
                assertEquals(u, g.src()[p]);
            }
        }
    }

    /** Longest path depth over instant edges by plain relaxation (n rounds), independent of Kahn's algorithm. */
    private static int[] referenceDepth(EdgeTable t) {
        int[] depth = new int[t.nodeCount];
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int k = 0; k < t.edgeCount; k++) {
                if (t.delay[k] < 1.0 && depth[t.src[k]] + 1 > depth[t.dst[k]]) {
                    depth[t.dst[k]] = depth[t.src[k]] + 1;
                    changed = true;
                }
            }
        }
        return depth;
    }

    @Test
    void csrAndCscArePermutationsOfTheInputOnRandomGraphs() {
        for (long seed = 1; seed <= 5; seed++) {
            EdgeTable t = Graphs.random(300, 2000 + 300 * (int) seed, seed);
            assertCsrCsc(t, GraphCompiler.compile(t));
        }
    }

    @Test
    void componentsAgreeWithJGraphT() {
        for (long seed = 1; seed <= 20; seed++) {
            int n = 50 + 10 * (int) seed;
            EdgeTable t = Graphs.random(n, n + (int) (seed * 7), seed); // sparse: many small and one large SCC
            CompiledGraph g = GraphCompiler.compile(t);
            int[] ref = Graphs.components(t);
            int refCount = Arrays.stream(ref).max().orElse(-1) + 1;
            assertEquals(refCount, g.sccCount(), "seed " + seed);
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    assertEquals(ref[u] == ref[v], g.scc()[u] == g.scc()[v], "seed " + seed + " nodes " + u + ", " + v);
                }
            }
            for (int p = 0; p < t.edgeCount; p++) {
                assertEquals(ref[g.src()[p]] == ref[g.dst()[p]], g.isRecurrent(p));
            }
            // No instant edges: one wave holding every node in order.
            assertArrayEquals(new int[] {0, n}, g.wavePtr());
            for (int v = 0; v < n; v++) assertEquals(v, g.waveNodes()[v]);
        }
    }

    @Test
    void delayFloorIsDMinOutsideComponentsAndOneInside() {
        EdgeTable t = Graphs.instantAcrossComponents(Graphs.random(80, 120, 3));
        CompiledGraph g = GraphCompiler.compile(t);
        int[] ref = Graphs.components(t);
        int recurrent = 0;
        for (int p = 0; p < g.edgeCount(); p++) {
            boolean inside = ref[g.src()[p]] == ref[g.dst()[p]];
            assertEquals(inside ? 1.0 : 0.0, g.delayFloor(p));
            assertEquals(!inside, g.isInstant(p));
            if (inside) recurrent++;
        }
        assertTrue(recurrent > 0 && recurrent < g.edgeCount(), "the sample must have both kinds of edges");
    }

    @Test
    void wavesMatchReferenceTopologicalDepth() {
        for (long seed = 1; seed <= 10; seed++) {
            EdgeTable t = Graphs.instantAcrossComponents(Graphs.random(100, 130, seed));
            CompiledGraph g = GraphCompiler.compile(t);
            int[] depth = referenceDepth(t);
            int maxDepth = Arrays.stream(depth).max().orElse(0);
            assertTrue(maxDepth >= 2, "seed " + seed + ": want a non-trivial schedule");
            assertEquals(maxDepth + 1, g.waveCount());
            boolean[] placed = new boolean[t.nodeCount];
            for (int w = 0; w < g.waveCount(); w++) {
                int previous = -1;
                for (int i = g.wavePtr()[w]; i < g.wavePtr()[w + 1]; i++) {
                    int v = g.waveNodes()[i];
                    assertEquals(depth[v], w, "seed " + seed + " node " + v);
                    assertTrue(v > previous, "nodes of a wave ascend");
                    previous = v;
                    placed[v] = true;
                }
            }
            for (boolean b : placed) assertTrue(b);
        }
    }

    @Test
    void rejectsExactlyTheGraphsWithAnInstantEdgeInsideAComponent() {
        int rejected = 0;
        for (long seed = 1; seed <= 40; seed++) {
            EdgeTable base = Graphs.random(40, 48, seed);
            double[] d = base.delay.clone();
            java.util.Random r = new java.util.Random(seed);
            for (int k = 0; k < d.length; k++) if (r.nextInt(8) == 0) d[k] = 0.5;
            EdgeTable t = Graphs.withDelays(base, d);
            int[] comp = Graphs.components(t);
            boolean bad = false;
            for (int k = 0; k < t.edgeCount; k++) bad |= d[k] < 1 && comp[t.src[k]] == comp[t.dst[k]];
            if (!bad) {
                GraphCompiler.compile(t);
                continue;
            }
            rejected++;
            TopologyException ex = assertThrows(TopologyException.class, () -> GraphCompiler.compile(t), "seed " + seed);
            assertNamedCycleExists(t, ex.getMessage());
        }
        assertTrue(rejected >= 5 && rejected <= 35, "sample should mix valid and invalid graphs, rejected " + rejected);
    }

    /** The message's "cycle: a -> b -> ... -> a" must be a closed walk of edges of t containing an instant edge. */
    private static void assertNamedCycleExists(EdgeTable t, String message) {
        int start = message.indexOf("cycle: ");
        int end = message.indexOf(" (", start);
        assertTrue(start >= 0 && end > start, message);
        List<String> ids = List.of(message.substring(start + 7, end).split(" -> "));
        assertTrue(ids.size() >= 2 && ids.get(0).equals(ids.get(ids.size() - 1)), message);
        Graph<Integer, Integer> g = Graphs.jgrapht(t);
        boolean instant = false;
        for (int i = 0; i + 1 < ids.size(); i++) {
            int a = Integer.parseInt(ids.get(i));
            int b = Integer.parseInt(ids.get(i + 1));
            assertTrue(g.containsEdge(a, b), "no edge " + a + " -> " + b + " in: " + message);
            for (Integer k : g.getAllEdges(a, b)) instant |= t.delay[k] < 1;
        }
        assertTrue(instant, "the named cycle carries an instant edge: " + message);
    }

    @Test
    void emptyGraphCompiles() {
        CompiledGraph g = GraphCompiler.compile(new Network());
        assertEquals(0, g.nodeCount());
        assertEquals(0, g.edgeCount());
        assertArrayEquals(new int[] {0}, g.rowPtr());
        assertArrayEquals(new int[] {0}, g.colPtr());
        assertEquals(0, g.sccCount());
        assertEquals(0, g.waveCount());
        assertEquals(0, g.outputs().length);
    }

    @Test
    void instantSelfLoopIsRejectedNamingIt() {
        Network net = new Network();
        net.settings().delayRange(0, 8);
        net.addNode("a", NodeKind.NEURON);
        net.connect("a", "a").delay(0.5);
        TopologyException e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(net));
        assertTrue(e.getMessage().contains("cycle: a -> a"), e.getMessage());
        net.synapses().iterator().next().delay(1.0);
        assertTrue(GraphCompiler.compile(net).isRecurrent(0));
    }

    @Test
    void namesTheCycleOfAnInstantEdge() {
        Network net = new Network();
        net.settings().delayRange(0, 8);
        for (String id : List.of("a", "b", "c", "d")) net.addNode(id, NodeKind.NEURON);
        net.connect("a", "b").delay(0);
        net.connect("b", "c").delay(2);
        net.connect("c", "a").delay(1);
        net.connect("c", "d").delay(0);
        TopologyException e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(net));
        assertTrue(e.getMessage().contains("'a' -> 'b'"), e.getMessage());
        assertTrue(e.getMessage().contains("cycle: a -> b -> c -> a"), e.getMessage());
    }

    @Test
    void parameterErrorsNameTheEdge() {
        Network net = new Network();
        net.addNode("x", NodeKind.INPUT);
        net.addNode("y", NodeKind.OUTPUT);
        net.connect("x", "y").delay(9);
        TopologyException e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(net));
        assertTrue(e.getMessage().contains("'x' -> 'y'") && e.getMessage().contains("delay 9.0"), e.getMessage());
        net.synapses().iterator().next().delay(0.5);
        e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(net));
        assertTrue(e.getMessage().contains("outside [d_min, d_max] = [1.0, 8.0]"), e.getMessage());
        net.synapses().iterator().next().delay(1).leak(1.0);
        e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(net));
        assertTrue(e.getMessage().contains("leak 1.0 outside [0, 1)"), e.getMessage());
    }

    @Test
    void edgeTableRejectsEndpointsOutOfRange() {
        EdgeTable t = Graphs.random(5, 3, 1);
        int[] dst = t.dst.clone();
        dst[2] = 5;
        EdgeTable bad = new EdgeTable(t.nodeIds, t.kind, t.activation, t.bias, t.threshold, t.group, t.groupNames,
                t.unit, t.unitNames, t.src, dst, t.weight, t.delay, t.leak, t.learnable, t.dMin, t.dMax);
        TopologyException e = assertThrows(TopologyException.class, () -> GraphCompiler.compile(bad));
        assertTrue(e.getMessage().startsWith("edge #2"), e.getMessage());
    }

    @Test
    void outputsAndParametersFollowNodeOrder() {
        Network net = new Network();
        net.addNode("o1", NodeKind.OUTPUT);
        net.addNode("i", NodeKind.INPUT);
        net.addNode("h", NodeKind.NEURON).bias(0.25);
        net.addNode("o2", NodeKind.OUTPUT);
        net.connect("i", "h").weight(2);
        net.connect("h", "o1").weight(3);
        net.connect("h", "o2").weight(4);
        CompiledGraph g = GraphCompiler.compile(net);
        assertArrayEquals(new int[] {0, 3}, g.outputs());
        assertEquals(0.25, g.bias()[2]);
        assertArrayEquals(new double[] {3, 2, 4}, g.weight());
        assertArrayEquals(new int[] {1, 0, 2}, g.inputOrder());
        assertTrue(g.isInput(1));
    }

    @Test
    void withParametersSharesStructure() {
        EdgeTable t = Graphs.random(10, 30, 2);
        CompiledGraph g = GraphCompiler.compile(t);
        double[] w = new double[30];
        CompiledGraph h = g.withParameters(w, g.delay(), g.leak(), new double[10]);
        assertTrue(h.rowPtr() == g.rowPtr() && h.weight() == w);
        assertThrows(IllegalArgumentException.class, () -> g.withParameters(new double[29], g.delay(), g.leak(), new double[10]));
    }
}
