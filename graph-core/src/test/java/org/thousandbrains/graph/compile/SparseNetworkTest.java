package org.thousandbrains.graph.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;
import org.junit.jupiter.api.Test;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.build.RandomNetworks;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/** The array-backed topology: compiles as the object one does, and JGraphT's algorithms run on its view. */
class SparseNetworkTest {

    /** in → a (k-WTA group "kw", k = 1), b (unit "u", rec 2); a ↔ b (a fractional delay); a self-loop on a; two parallel b → out. */
    private static Network objects() {
        Network net = new Network();
        net.settings().delayRange(0, 4).readout(3, 2);
        net.addGroup(new NodeGroup("kw").kWinners(1).boost(0.5).observations(7));
        net.addUnit(new Unit("u").rec(2));
        Neuron in = net.addNode("in", NodeKind.INPUT);
        Neuron a = net.addNode("a", NodeKind.NEURON).bias(0.25).threshold(0.5).group("kw").duty(0.125);
        Neuron b = net.addNode("b", NodeKind.NEURON, Activation.TANH).unit("u");
        Neuron out = net.addNode("out", NodeKind.OUTPUT);
        net.connect(in, a, 0.5, 1, 0.25);
        net.connect(in, b, -1.5, 2.5, 0);
        net.connect(a, b, 0.75, 1.5, 0);
        net.connect(b, a, 0.125, 1, 0).learnable(Learnable.WEIGHT);
        net.connect(a, a, 0.375, 1, 0.5);
        net.connect(b, out, 2, 3, 0.75);
        net.connect(b, out, -2, 1, 0);
        return net;
    }

    /** The same graph written column by column. */
    private static SparseNetwork columns() {
        String[] ids = {"in", "a", "b", "out"};
        SparseNetwork.Nodes nodes = new SparseNetwork.Nodes(ids,
                new NodeKind[] {NodeKind.INPUT, NodeKind.NEURON, NodeKind.NEURON, NodeKind.OUTPUT},
                new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.TANH, Activation.IDENTITY},
                new double[] {0, 0.25, 0, 0}, new double[] {0, 0.5, 0, 0}, new double[] {0, 0.125, 0, 0},
                new double[] {1, 1, 1, 1}, new double[4], new String[] {null, "kw", null, null},
                new String[] {null, null, "u", null}, List.of());
        byte all = (byte) Learnable.ALL;
        SparseNetwork.Edges edges = new SparseNetwork.Edges(new int[] {0, 0, 1, 2, 1, 2, 2}, new int[] {1, 2, 2, 1, 1, 3, 3},
                new double[] {0.5, -1.5, 0.75, 0.125, 0.375, 2, -2}, new double[] {1, 2.5, 1.5, 1, 1, 3, 1},
                new double[] {0.25, 0, 0, 0, 0.5, 0.75, 0}, new byte[] {all, all, all, (byte) Learnable.WEIGHT, all, all, all},
                null, List.of());
        return new SparseNetwork(nodes, edges, Map.of("kw", new NodeGroup("kw").kWinners(1).boost(0.5).observations(7)),
                Map.of("u", new Unit("u").rec(2)), new ModelSettings().delayRange(0, 4).readout(3, 2), Map.of());
    }

    @Test
    void theSameGraphBuiltBothWaysCompilesToTheSameArrays() {
        CompiledGraph fromObjects = GraphCompiler.compile(objects());
        NetworkViewTest.assertSameGraph(fromObjects, GraphCompiler.compile(columns()));
        NetworkViewTest.assertSameGraph(fromObjects, GraphCompiler.compile(columns().toNetwork()));
        NetworkViewTest.assertSameGraph(fromObjects, GraphCompiler.compile(SparseNetwork.of(objects())));
        assertEquals(1, fromObjects.groupStructure().kwtaCount(), "the fixture has a k-WTA group");
        assertEquals(1, fromObjects.groupStructure().unitCount(), "and a unit");
    }

    @Test
    void networksWithCompetitionConvertBothWaysExactly() {
        for (Network net : List.of(NetworkViewTest.layered(), NetworkViewTest.randomWithCompetition(5))) {
            CompiledGraph g = GraphCompiler.compile(net);
            SparseNetwork s = SparseNetwork.of(net);
            NetworkViewTest.assertSameGraph(g, GraphCompiler.compile(s));
            NetworkViewTest.assertSameGraph(g, GraphCompiler.compile(s.toNetwork()));
            NetworkViewTest.assertSameTable(EdgeTable.of(net), EdgeTable.of(s));
        }
    }

    @Test
    void refusesDuplicateIdsAndEndpointsOutOfRange() {
        SparseNetwork.Nodes nodes = SparseNetwork.Nodes.neurons(new String[] {"x", "y"});
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> new SparseNetwork(
                SparseNetwork.Nodes.neurons(new String[] {"x", "x"}), edges(new int[0], new int[0]), Map.of(), Map.of(), new ModelSettings(), Map.of()));
        assertEquals("duplicate node id 'x' (nodes 0 and 1)", dup.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> new SparseNetwork(
                nodes, edges(new int[] {0}, new int[] {2}), Map.of(), Map.of(), new ModelSettings(), Map.of()));
        assertEquals("edge #0: endpoint 2 outside [0, 2)", range.getMessage());
    }

    private static SparseNetwork.Edges edges(int[] src, int[] dst) {
        int e = src.length;
        return SparseNetwork.Edges.of(src, dst, new double[e], new double[e], new double[e]);
    }

    /** Node index per object node of a network (insertion order). */
    private static Map<Neuron, Integer> indices(Network net) {
        Map<Neuron, Integer> index = new IdentityHashMap<>();
        for (Neuron v : net.nodes()) index.put(v, index.size());
        return index;
    }

    @Test
    void jgraphtComponentsOnTheViewMatchTheObjectGraph() {
        Network net = RandomNetworks.fixedFanIn(300, 2).delays(1, 3).seed(7).selfLoops(true).build();
        SparseNetwork s = SparseNetwork.of(net);
        Map<Neuron, Integer> index = indices(net);
        Set<Set<Integer>> want = new HashSet<>();
        for (Set<Neuron> c : new KosarajuStrongConnectivityInspector<>(net.graph()).stronglyConnectedSets()) {
            Set<Integer> ids = new HashSet<>();
            for (Neuron v : c) ids.add(index.get(v));
            want.add(ids);
        }
        Set<Set<Integer>> got = new HashSet<>(new KosarajuStrongConnectivityInspector<>(s.graph()).stronglyConnectedSets());
        assertEquals(want, got);
        assertTrue(want.size() > 1 && want.size() < 300, "the fixture has non-trivial components: " + want.size());
        int[] compiled = GraphCompiler.compile(s).scc();
        for (Set<Integer> c : got) for (int v : c) assertEquals(compiled[c.iterator().next()], compiled[v], "compiler's Tarjan agrees");
    }

    @Test
    void topologicalOrderOnTheViewRespectsEveryEdge() {
        SparseNetwork s = SparseNetwork.of(LayeredNetwork.builder().inputs(6).dense(5, Activation.RELU).dense(4, Activation.RELU).outputs(3).seed(1).build());
        int[] position = new int[s.nodeCount()];
        int i = 0;
        for (TopologicalOrderIterator<Integer, Integer> it = new TopologicalOrderIterator<>(s.graph()); it.hasNext(); ) position[it.next()] = i++;
        assertEquals(s.nodeCount(), i, "every node ordered");
        assertEquals(6 * 5 + 5 * 4 + 4 * 3, s.edgeCount());
        for (int e = 0; e < s.edgeCount(); e++) assertTrue(position[s.edges().src()[e]] < position[s.edges().dst()[e]], "edge #" + e);
    }

    @Test
    void shortestPathsOnTheViewAreEarliestArrivalsByDelay() {
        // analytic: a -> b (delay 1) -> c (delay 2) beats a -> c (delay 4)
        SparseNetwork small = new SparseNetwork(SparseNetwork.Nodes.neurons(new String[] {"a", "b", "c"}),
                SparseNetwork.Edges.of(new int[] {0, 1, 0}, new int[] {1, 2, 2}, new double[] {1, 1, 1}, new double[] {1, 2, 4}, new double[3]),
                Map.of(), Map.of(), new ModelSettings(), Map.of());
        var path = new DijkstraShortestPath<>(small.graph()).getPath(0, 2);
        assertEquals(3.0, path.getWeight());
        assertEquals(List.of(0, 1), path.getEdgeList());

        // a random graph: the same distances as JGraphT's own weighted graph built from the objects
        Network net = RandomNetworks.erdosRenyi(200, 0.02).delays(1, 4).seed(3).build();
        Map<Neuron, Integer> index = indices(net);
        Graph<Integer, DefaultWeightedEdge> ref = new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
        for (int v = 0; v < net.nodeCount(); v++) ref.addVertex(v);
        for (Synapse x : net.synapses()) {
            DefaultWeightedEdge e = ref.addEdge(index.get(net.source(x)), index.get(net.target(x)));
            ref.setEdgeWeight(e, x.delay());
        }
        var want = new DijkstraShortestPath<>(ref).getPaths(0);
        var got = new DijkstraShortestPath<>(SparseNetwork.of(net).graph()).getPaths(0);
        int reached = 0;
        for (int v = 0; v < net.nodeCount(); v++) {
            assertEquals(want.getWeight(v), got.getWeight(v), 1e-12, "distance to " + v);
            if (Double.isFinite(want.getWeight(v))) reached++;
        }
        assertTrue(reached > 100, "most nodes reachable: " + reached);
    }

    @Test
    void viewIncidenceCountsSelfLoopsAndParallelEdges() {
        Graph<Integer, Integer> g = columns().graph();
        assertEquals(4, g.vertexSet().size());
        assertEquals(7, g.edgeSet().size());
        assertEquals(List.of(2, 4), new ArrayList<>(g.outgoingEdgesOf(1)));
        assertEquals(List.of(0, 3, 4), new ArrayList<>(g.incomingEdgesOf(1)));
        assertEquals(5, g.degreeOf(1), "the self-loop counts twice in the degree");
        assertEquals(Set.of(0, 2, 3, 4), g.edgesOf(1), "and once among the edges");
        assertEquals(Set.of(5, 6), g.getAllEdges(2, 3));
        assertEquals(2.5, g.getEdgeWeight(1), "edge weight is the delay");
        assertThrows(UnsupportedOperationException.class, () -> g.addVertex(9));
        assertThrows(IllegalArgumentException.class, () -> g.outgoingEdgesOf(4));
    }
}
