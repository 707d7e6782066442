package org.thousandbrains.sim;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Turns a node selector into node indices of a compiled graph: comma-separated tokens, each a node
 * id, a group name, {@code ATTR=VALUE} (a node attribute of the network, e.g. {@code role=S}),
 * {@code kind:KIND} ({@code input|neuron|output|overseer}) or {@code all}; the union in node order.
 * A token that selects nothing is an error naming it.
 */
final class NodeSelection {
    private final CompiledGraph graph;
    private final Network network;
    private Map<String, Integer> byId;

    NodeSelection(CompiledGraph graph, Network network) {
        this.graph = graph;
        this.network = network;
    }

    int[] select(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty node selection");
        Set<Integer> chosen = new LinkedHashSet<>();
        for (String raw : spec.split(",")) {
            String token = raw.trim();
            if (token.isEmpty()) throw new IllegalArgumentException("node selection '" + spec + "' has an empty entry");
            if (!add(token, chosen)) {
                throw new IllegalArgumentException(token.indexOf('=') > 0 || token.startsWith("kind:")
                        ? "'" + token + "' selects no node of this graph"
                        : "'" + token + "' is no node id or group of this graph (" + graph.nodeCount() + " nodes, e.g. '"
                        + graph.nodeId(0) + "'; or ATTR=VALUE, kind:KIND, all)");
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Adds what {@code token} selects; false when it selects nothing. */
    private boolean add(String token, Set<Integer> chosen) {
        int n = graph.nodeCount();
        if (token.equals("all")) {
            for (int v = 0; v < n; v++) chosen.add(v);
            return n > 0;
        }
        if (token.startsWith("kind:")) {
            NodeKind kind = NodeKind.parse(token.substring(5));
            return addWhere(chosen, v -> graph.kind(v) == kind);
        }
        int eq = token.indexOf('=');
        if (eq > 0) {
            if (network == null) {
                throw new IllegalArgumentException("'" + token + "' selects by node attribute: simulate the Network, not its compiled graph");
            }
            String attr = token.substring(0, eq).trim();
            String value = token.substring(eq + 1).trim();
            Neuron[] nodes = network.nodes().toArray(new Neuron[0]);
            return addWhere(chosen, v -> {
                Attribute a = nodes[v].metadata().get(attr);
                return a != null && value.equals(a.value());
            });
        }
        Integer v = ids().get(token);
        if (v != null) {
            chosen.add(v);
            return true;
        }
        String[] groups = graph.groupNames();
        for (int g = 0; g < groups.length; g++) {
            if (groups[g].equals(token)) {
                final int group = g;
                return addWhere(chosen, u -> graph.groups()[u] == group);
            }
        }
        return false;
    }

    private boolean addWhere(Set<Integer> chosen, java.util.function.IntPredicate p) {
        boolean any = false;
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (p.test(v)) {
                chosen.add(v);
                any = true;
            }
        }
        return any;
    }

    int[] indices(int[] nodes) {
        if (nodes.length == 0) throw new IllegalArgumentException("no nodes to drive");
        for (int v : nodes) {
            if (v < 0 || v >= graph.nodeCount()) throw new IllegalArgumentException("node index " + v + " outside [0, " + graph.nodeCount() + ")");
        }
        return java.util.Arrays.stream(nodes).distinct().sorted().toArray();
    }

    private Map<String, Integer> ids() {
        if (byId == null) {
            byId = new HashMap<>();
            for (int v = 0; v < graph.nodeCount(); v++) byId.put(graph.nodeId(v), v);
        }
        return byId;
    }

    /** {@code min(n, limit)} node indices spread evenly over {@code 0..n-1} (all of them when n ≤ limit). */
    static int[] evenlySpaced(int n, int limit) {
        int m = Math.min(n, limit);
        int[] r = new int[m];
        for (int i = 0; i < m; i++) r[i] = (int) ((long) i * n / m);
        return r;
    }
}
