package org.thousandbrains.graph.build;

import java.util.List;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;
import org.thousandbrains.graph.validate.Validator;

/**
 * A fluent builder for small hand-made networks, one node or edge per line:
 *
 * <pre>{@code
 * Network net = NetworkBuilder.create()
 *     .delayRange(0, 8)
 *     .declare(new NodeGroup("g").kWinners(1))   // before a node names the group
 *     .node("a").input()
 *     .node("b").activation(Activation.TANH).bias(0.1).group("g")
 *     .node("c").output()
 *     .edge("a", "b").weight(0.5).delay(2).leak(0.3)
 *     .edge("b", "b").weight(-0.2)
 *     .edge("b", "c").delay(0)
 *     .node("o").overseer("g")               // overseer normalization of group g
 *     .edge("o", "c").weight(0.1)            // delay 1 (an overseer's out-edges need >= 1)
 *     .build();
 * }</pre>
 *
 * Nodes start as relu neurons; edges start with {@link Network}'s defaults (weight 1, delay 1,
 * leak 0, all learnable). {@link #build()} runs the {@link Validator}, so a broken graph fails here,
 * with a message naming the node, edge or cycle.
 */
public final class NetworkBuilder {
    private final Network net = new Network();
    private List<String> warnings = List.of();

    private NetworkBuilder() {
    }

    public static NetworkBuilder create() {
        return new NetworkBuilder();
    }

    /** Adds a relu neuron; the following calls set its properties. */
    public NodeStep node(String id) {
        return new NodeStep(net.addNode(id, NodeKind.NEURON));
    }

    /** Adds an edge between existing nodes; the following calls set its parameters. */
    public EdgeStep edge(String from, String to) {
        return new EdgeStep(net.connect(from, to));
    }

    /** Declares a node group with its competition settings (groups named only by nodes get defaults). */
    public NetworkBuilder declare(NodeGroup group) {
        net.addGroup(group);
        return this;
    }

    /** Declares a unit with its {@code rec} (units named only by nodes get rec 1). */
    public NetworkBuilder declare(Unit unit) {
        net.addUnit(unit);
        return this;
    }

    /** The admissible delay range {@code [dMin, dMax]} (default [1, 8]; dMin below 1 allows instant edges). */
    public NetworkBuilder delayRange(double dMin, double dMax) {
        net.settings().delayRange(dMin, dMax);
        return this;
    }

    /** Validates and returns the network; throws {@link org.thousandbrains.graph.compile.TopologyException} if invalid. */
    public Network build() {
        warnings = Validator.validate(net);
        return net;
    }

    /** Non-fatal findings of the last {@link #build()} (e.g. an output node without in-edges). */
    public List<String> warnings() {
        return warnings;
    }

    /** Continues the sentence from a node or edge line. */
    public abstract class Step {
        public NodeStep node(String id) { return NetworkBuilder.this.node(id); }
        public EdgeStep edge(String from, String to) { return NetworkBuilder.this.edge(from, to); }
        public NetworkBuilder declare(NodeGroup group) { return NetworkBuilder.this.declare(group); }
        public NetworkBuilder declare(Unit unit) { return NetworkBuilder.this.declare(unit); }
        public NetworkBuilder delayRange(double dMin, double dMax) { return NetworkBuilder.this.delayRange(dMin, dMax); }
        public Network build() { return NetworkBuilder.this.build(); }
    }

    /** Properties of the node just added. */
    public final class NodeStep extends Step {
        private final Neuron node;

        private NodeStep(Neuron node) {
            this.node = node;
        }

        /** A clamped input (identity). */
        public NodeStep input() { node.kind(NodeKind.INPUT).activation(Activation.IDENTITY); return this; }
        /** A readout output (identity unless {@link #activation} follows). */
        public NodeStep output() { node.kind(NodeKind.OUTPUT).activation(Activation.IDENTITY); return this; }
        /** A group's overseer node (identity); {@link #group} then names the group it oversees. */
        public NodeStep overseer() { node.kind(NodeKind.OVERSEER).activation(Activation.IDENTITY); return this; }
        /**
         * The overseer of group {@code name} (DESIGN.md, overseer normalization): the group's other nodes are
         * normalised every step and this node's state is their mean, readable through edges of delay &gt;= 1.
         */
        public NodeStep overseer(String name) { return overseer().group(name); }
        /** Gain γ of this node as a member of an overseen group (default 1). */
        public NodeStep gain(double g) { node.gain(g); return this; }
        /** Shift β of this node as a member of an overseen group (default 0). */
        public NodeStep shift(double b) { node.shift(b); return this; }
        public NodeStep activation(Activation a) { node.activation(a); return this; }
        public NodeStep bias(double b) { node.bias(b); return this; }
        public NodeStep threshold(double t) { node.threshold(t); return this; }
        /** Puts the node into a group, creating the group with default settings if undeclared. */
        public NodeStep group(String name) { net.groupNamed(name); node.group(name); return this; }
        /** Puts the node into a unit, creating the unit (rec 1) if undeclared. */
        public NodeStep unit(String name) { net.unitNamed(name); node.unit(name); return this; }
    }

    /** Parameters of the edge just added. */
    public final class EdgeStep extends Step {
        private final Synapse synapse;

        private EdgeStep(Synapse synapse) {
            this.synapse = synapse;
        }

        public EdgeStep weight(double w) { synapse.weight(w); return this; }
        public EdgeStep delay(double d) { synapse.delay(d); return this; }
        public EdgeStep leak(double l) { synapse.leak(l); return this; }
        /** Which parameters train, e.g. {@code "weight,leak"} or {@code "none"} (see {@link Learnable#parse}). */
        public EdgeStep learnable(String spec) { synapse.learnable(Learnable.parse(spec)); return this; }
        public EdgeStep id(String edgeId) { synapse.id(edgeId); return this; }
    }
}
