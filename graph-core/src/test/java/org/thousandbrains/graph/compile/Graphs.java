package org.thousandbrains.graph.compile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DirectedPseudograph;
import org.thousandbrains.graph.build.RandomGraphs;

/** Test helpers: an {@link EdgeTable} as a JGraphT graph, JGraphT components, tables with chosen delays. */
final class Graphs {
    private Graphs() {
    }

    /** Vertices 0..n-1, edge k = the table's edge k. */
    static Graph<Integer, Integer> jgrapht(EdgeTable t) {
        Graph<Integer, Integer> g = new DirectedPseudograph<>(null, null, false);
        for (int v = 0; v < t.nodeCount; v++) g.addVertex(v);
        for (int k = 0; k < t.edgeCount; k++) g.addEdge(t.src[k], t.dst[k], k);
        return g;
    }

    /** JGraphT's (Kosaraju) component index per node. */
    static int[] components(EdgeTable t) {
        List<Set<Integer>> sets = new KosarajuStrongConnectivityInspector<>(jgrapht(t)).stronglyConnectedSets();
        int[] comp = new int[t.nodeCount];
        for (int c = 0; c < sets.size(); c++) for (int v : sets.get(c)) comp[v] = c;
        return comp;
    }

    /** A random table (delays in [1, 3)) with its delays then replaced by {@code delays}, and d_min 0. */
    static EdgeTable withDelays(EdgeTable t, double[] delays) {
        return new EdgeTable(t.nodeIds, t.kind, t.activation, t.bias, t.threshold, t.group, t.groupNames, t.unit,
                t.unitNames, t.src, t.dst, t.weight, delays, t.leak, t.learnable, 0.0, t.dMax);
    }

    static EdgeTable random(int n, int e, long seed) {
        return RandomGraphs.uniform(RandomGraphs.spec().nodes(n).edges(e).seed(seed).delays(1, 3));
    }

    /** The table with every edge between two different JGraphT components made instant (delay 0.25). */
    static EdgeTable instantAcrossComponents(EdgeTable t) {
        int[] comp = components(t);
        double[] d = Arrays.copyOf(t.delay, t.edgeCount);
        for (int k = 0; k < t.edgeCount; k++) if (comp[t.src[k]] != comp[t.dst[k]]) d[k] = 0.25;
        return withDelays(t, d);
    }
}
