package org.thousandbrains.graph.topology;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jgrapht.Graph;

/**
 * A network topology: neurons as vertices and synapses as edges of a JGraphT directed
 * pseudograph (self-loops and parallel synapses allowed), plus node groups, units and model
 * settings. Node order is insertion order and becomes the dense index at compilation.
 *
 * <pre>{@code
 * Network net = new Network();
 * Neuron in = net.addNode("in", NodeKind.INPUT);
 * Neuron out = net.addNode("out", NodeKind.OUTPUT).activation(Activation.TANH);
 * net.connect(in, out).weight(0.5).delay(2);
 * }</pre>
 */
public final class Network {
    /** Default synapse parameters: weight 1, delay 1, leak 0, all three learnable. */
    public static final double DEFAULT_WEIGHT = 1.0;
    public static final double DEFAULT_DELAY = 1.0;
    public static final double DEFAULT_LEAK = 0.0;

    private final Graph<Neuron, Synapse> graph = new SynapseGraph();
    private final Map<String, Neuron> nodes = new LinkedHashMap<>();
    private final Map<String, NodeGroup> groups = new LinkedHashMap<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Attribute> metadata = new LinkedHashMap<>();
    private final ModelSettings settings = new ModelSettings();

    /** The underlying JGraphT graph, for use with JGraphT algorithms. Mutate through this class. */
    public Graph<Neuron, Synapse> graph() { return graph; }
    public ModelSettings settings() { return settings; }
    /** Graph-level attributes the model does not interpret, kept for export. */
    public Map<String, Attribute> metadata() { return metadata; }

    public int nodeCount() { return nodes.size(); }
    public int synapseCount() { return graph.edgeSet().size(); }

    /** Nodes in insertion order. */
    public Collection<Neuron> nodes() { return Collections.unmodifiableCollection(nodes.values()); }

    /** The node with this id, or null. */
    public Neuron node(String id) { return nodes.get(id); }

    /** Adds a node (activation relu for neurons, identity otherwise); the id must be new. */
    public Neuron addNode(String id, NodeKind kind) {
        Activation act = kind == NodeKind.NEURON ? Activation.RELU : Activation.IDENTITY;
        return addNode(id, kind, act);
    }

    public Neuron addNode(String id, NodeKind kind, Activation activation) {
        if (nodes.containsKey(id)) {
            throw new IllegalArgumentException("duplicate node id '" + id + "'");
        }
        Neuron n = new Neuron(id, kind, activation);
        nodes.put(id, n);
        graph.addVertex(n);
        return n;
    }

    /**
     * Removes the node {@code id} with every synapse into or out of it (e.g. training-only heads before
     * inference); group and unit declarations stay. Throws when no such node exists.
     */
    public void removeNode(String id) {
        Neuron n = nodes.remove(id);
        if (n == null) throw new IllegalArgumentException("no node '" + id + "' to remove");
        graph.removeVertex(n);
    }

    /** Adds a synapse {@code from → to} with the default parameters. */
    public Synapse connect(Neuron from, Neuron to) {
        return connect(from, to, DEFAULT_WEIGHT, DEFAULT_DELAY, DEFAULT_LEAK);
    }

    public Synapse connect(Neuron from, Neuron to, double weight, double delay, double leak) {
        requireMember(from);
        requireMember(to);
        Synapse s = new Synapse(weight, delay, leak, Learnable.ALL);
        graph.addEdge(from, to, s);
        return s;
    }

    /** Adds a synapse between nodes given by id. */
    public Synapse connect(String from, String to) {
        return connect(require(from), require(to));
    }

    public Neuron source(Synapse s) { return graph.getEdgeSource(s); }
    public Neuron target(Synapse s) { return graph.getEdgeTarget(s); }

    public Collection<Synapse> synapses() { return graph.edgeSet(); }

    public NodeGroup addGroup(NodeGroup g) {
        if (groups.putIfAbsent(g.name(), g) != null) throw new IllegalArgumentException("duplicate group '" + g.name() + "'");
        return g;
    }

    public Unit addUnit(Unit u) {
        if (units.putIfAbsent(u.name(), u) != null) throw new IllegalArgumentException("duplicate unit '" + u.name() + "'");
        return u;
    }

    /** The group with this name, creating it with default settings when absent. */
    public NodeGroup groupNamed(String name) {
        return groups.computeIfAbsent(name, NodeGroup::new);
    }

    public Unit unitNamed(String name) {
        return units.computeIfAbsent(name, Unit::new);
    }

    public Map<String, NodeGroup> groups() { return Collections.unmodifiableMap(groups); }
    public Map<String, Unit> units() { return Collections.unmodifiableMap(units); }

    private Neuron require(String id) {
        Neuron n = nodes.get(id);
        if (n == null) throw new IllegalArgumentException("no node with id '" + id + "'");
        return n;
    }

    private void requireMember(Neuron n) {
        Objects.requireNonNull(n, "node");
        if (nodes.get(n.id()) != n) throw new IllegalArgumentException(n + " does not belong to this network");
    }

    /** One line for a notebook cell, e.g. {@code Network[330 nodes (64 input, 10 output), 29,952 synapses, 4 groups, 16 units, T=6]}. */
    @Override
    public String toString() {
        int in = 0;
        int out = 0;
        for (Neuron v : nodes.values()) {
            if (v.kind() == NodeKind.INPUT) in++;
            else if (v.kind() == NodeKind.OUTPUT) out++;
        }
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "Network[%,d nodes (%d input, %d output), %,d synapses",
                nodes.size(), in, out, synapseCount()));
        if (!groups.isEmpty()) sb.append(", ").append(groups.size()).append(" group(s)");
        if (!units.isEmpty()) sb.append(", ").append(units.size()).append(" unit(s)");
        sb.append(", T=").append(settings.steps());
        if (settings.inputSteps() > 0) sb.append(", input sequence of ").append(settings.inputSteps()).append(" steps");
        return sb.append(']').toString();
    }
}
