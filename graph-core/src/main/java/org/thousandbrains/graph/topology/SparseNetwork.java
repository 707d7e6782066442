package org.thousandbrains.graph.topology;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jgrapht.Graph;

/**
 * A network held in primitive arrays, for graphs too large for one object per synapse (a whole-brain
 * connectome): node and edge parameters as columns indexed by node and edge number, uninterpreted
 * attributes as {@link AttributeColumn}s, and a JGraphT {@link Graph} view over the same arrays
 * ({@link #graph()}) so JGraphT's algorithms still run. Immutable after construction (the arrays are taken
 * over, not copied: do not change them afterwards). {@link Network} stays the convenient object API for
 * graphs built in code; {@link #of(Network)} and {@link #toNetwork()} convert, and both compile to the same
 * CSR arrays ({@code GraphCompiler.compile}).
 *
 * <pre>{@code
 * SparseNetwork net = new SparseNetwork(SparseNetwork.Nodes.neurons(ids), SparseNetwork.Edges.of(src, dst, w, d, lam),
 *         Map.of(), Map.of(), new ModelSettings(), Map.of());
 * new KosarajuStrongConnectivityInspector<>(net.graph()).stronglyConnectedSets();
 * }</pre>
 */
public final class SparseNetwork {
    /**
     * Node columns (length N each): id, kind, activation, bias, threshold θ, duty cycle, overseer gain γ and
     * shift β, group and unit name ({@code null}: none) and attribute columns.
     */
    public record Nodes(String[] id, NodeKind[] kind, Activation[] activation, double[] bias, double[] threshold,
                        double[] duty, double[] gain, double[] shift, String[] group, String[] unit,
                        List<AttributeColumn> attributes) {
        public Nodes {
            attributes = List.copyOf(attributes);
            int n = id.length;
            requireLength(kind.length, n, "node kind");
            requireLength(activation.length, n, "node activation");
            requireLength(bias.length, n, "node bias");
            requireLength(threshold.length, n, "node threshold");
            requireLength(duty.length, n, "node duty");
            requireLength(gain.length, n, "node gain");
            requireLength(shift.length, n, "node shift");
            requireLength(group.length, n, "node group");
            requireLength(unit.length, n, "node unit");
            for (AttributeColumn c : attributes) requireLength(c.values().length, n, "node attribute '" + c.name() + "'");
        }

        /** Nodes of kind neuron (relu, bias 0, threshold 0, gain 1) with these ids, no groups, units or attributes. */
        public static Nodes neurons(String[] ids) {
            int n = ids.length;
            NodeKind[] kind = new NodeKind[n];
            Activation[] act = new Activation[n];
            Arrays.fill(kind, NodeKind.NEURON);
            Arrays.fill(act, Activation.RELU);
            double[] gain = new double[n];
            Arrays.fill(gain, 1.0);
            return new Nodes(ids, kind, act, new double[n], new double[n], new double[n], gain, new double[n],
                    new String[n], new String[n], List.of());
        }

        public int count() {
            return id.length;
        }
    }

    /**
     * Edge columns (length E each): source and target node index, weight, delay, leak, {@link Learnable} bits,
     * id from the source file ({@code null} for the whole column or an element: none) and attribute columns.
     */
    public record Edges(int[] src, int[] dst, double[] weight, double[] delay, double[] leak, byte[] learnable,
                        String[] id, List<AttributeColumn> attributes) {
        public Edges {
            attributes = List.copyOf(attributes);
            int e = src.length;
            requireLength(dst.length, e, "edge dst");
            requireLength(weight.length, e, "edge weight");
            requireLength(delay.length, e, "edge delay");
            requireLength(leak.length, e, "edge leak");
            requireLength(learnable.length, e, "edge learnable");
            if (id != null) requireLength(id.length, e, "edge id");
            for (AttributeColumn c : attributes) requireLength(c.values().length, e, "edge attribute '" + c.name() + "'");
        }

        /** Edges with every parameter learnable, no ids and no attributes. */
        public static Edges of(int[] src, int[] dst, double[] weight, double[] delay, double[] leak) {
            byte[] learn = new byte[src.length];
            Arrays.fill(learn, (byte) Learnable.ALL);
            return new Edges(src, dst, weight, delay, leak, learn, null, List.of());
        }

        public int count() {
            return src.length;
        }
    }

    private final Nodes nodes;
    private final Edges edges;
    private final Map<String, NodeGroup> groups;
    private final Map<String, Unit> units;
    private final ModelSettings settings;
    private final Map<String, Attribute> metadata;
    private SparseGraph graph;

    /**
     * A network of these columns. Groups and units named by nodes but absent from the maps are added with
     * default settings (in order of first mention), as {@link Network#groupNamed} does. Throws
     * {@link IllegalArgumentException} naming the node or edge for a duplicate node id, an endpoint out of
     * range or a non-finite parameter.
     */
    public SparseNetwork(Nodes nodes, Edges edges, Map<String, NodeGroup> groups, Map<String, Unit> units,
                         ModelSettings settings, Map<String, Attribute> metadata) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.edges = Objects.requireNonNull(edges, "edges");
        this.settings = copy(Objects.requireNonNull(settings, "settings"));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Map<String, NodeGroup> g = new LinkedHashMap<>(groups);
        Map<String, Unit> u = new LinkedHashMap<>(units);
        for (int v = 0; v < nodes.count(); v++) {
            if (nodes.group[v] != null) g.computeIfAbsent(nodes.group[v], NodeGroup::new);
            if (nodes.unit[v] != null) u.computeIfAbsent(nodes.unit[v], Unit::new);
        }
        this.groups = Collections.unmodifiableMap(g);
        this.units = Collections.unmodifiableMap(u);
        check();
    }

    private void check() {
        int n = nodes.count();
        Map<String, Integer> seen = new HashMap<>(Math.max(16, n * 2));
        for (int v = 0; v < n; v++) {
            String id = Objects.requireNonNull(nodes.id[v], "node id");
            Integer before = seen.put(id, v);
            if (before != null) throw new IllegalArgumentException("duplicate node id '" + id + "' (nodes " + before + " and " + v + ")");
            Params.requireFinite(nodes.bias[v], "bias of node '" + id + "'");
            Params.requireFinite(nodes.threshold[v], "threshold of node '" + id + "'");
        }
        for (int e = 0; e < edges.count(); e++) {
            int a = edges.src[e];
            int b = edges.dst[e];
            if (a < 0 || a >= n || b < 0 || b >= n) {
                throw new IllegalArgumentException("edge #" + e + ": endpoint " + (a < 0 || a >= n ? a : b) + " outside [0, " + n + ")");
            }
            if (!Double.isFinite(edges.weight[e]) || !Double.isFinite(edges.delay[e]) || !Double.isFinite(edges.leak[e])) {
                throw new IllegalArgumentException("edge #" + e + " '" + nodes.id[a] + "' -> '" + nodes.id[b] + "': weight, delay and leak must be finite");
            }
        }
    }

    /** The arrays of a network built in code: nodes in insertion order, edges in its synapse order. */
    public static SparseNetwork of(Network net) {
        int n = net.nodeCount();
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        double[] bias = new double[n];
        double[] thr = new double[n];
        double[] duty = new double[n];
        double[] gain = new double[n];
        double[] shift = new double[n];
        String[] group = new String[n];
        String[] unit = new String[n];
        Map<Neuron, Integer> index = new java.util.IdentityHashMap<>(n * 2);
        Columns nodeColumns = new Columns(n);
        int i = 0;
        for (Neuron v : net.nodes()) {
            ids[i] = v.id();
            kind[i] = v.kind();
            act[i] = v.activation();
            bias[i] = v.bias();
            thr[i] = v.threshold();
            duty[i] = v.duty();
            gain[i] = v.gain();
            shift[i] = v.shift();
            group[i] = v.group();
            unit[i] = v.unit();
            nodeColumns.put(i, v.metadata());
            index.put(v, i++);
        }
        int e = net.synapseCount();
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        byte[] learn = new byte[e];
        String[] edgeIds = new String[e];
        Columns edgeColumns = new Columns(e);
        int k = 0;
        for (Synapse s : net.synapses()) {
            src[k] = index.get(net.source(s));
            dst[k] = index.get(net.target(s));
            w[k] = s.weight();
            d[k] = s.delay();
            lam[k] = s.leak();
            learn[k] = (byte) s.learnable();
            edgeIds[k] = s.id();
            edgeColumns.put(k, s.metadata());
            k++;
        }
        Map<String, NodeGroup> groups = new LinkedHashMap<>();
        net.groups().forEach((name, g) -> groups.put(name, NodeGroup.parse(g.spec())));
        Map<String, Unit> units = new LinkedHashMap<>();
        net.units().forEach((name, u) -> units.put(name, Unit.parse(u.spec())));
        return new SparseNetwork(new Nodes(ids, kind, act, bias, thr, duty, gain, shift, group, unit, nodeColumns.list()),
                new Edges(src, dst, w, d, lam, learn, edgeIds, edgeColumns.list()), groups, units, net.settings(), net.metadata());
    }

    /** Attribute maps of elements gathered into columns, in order of first appearance of each name. */
    private static final class Columns {
        private final int size;
        private final Map<String, AttributeColumn> byName = new LinkedHashMap<>();

        Columns(int size) {
            this.size = size;
        }

        void put(int i, Map<String, Attribute> attrs) {
            for (Attribute a : attrs.values()) {
                AttributeColumn c = byName.computeIfAbsent(a.name(), nm -> new AttributeColumn(nm, a.type(), new String[size]));
                c.values()[i] = a.value();
            }
        }

        List<AttributeColumn> list() {
            return List.copyOf(byName.values());
        }
    }

    /**
     * This network as objects (one {@link Neuron} per node, one {@link Synapse} per edge): for editing and for
     * the object API. Attributes of each element come in column order.
     */
    public Network toNetwork() {
        Network net = new Network();
        net.settings().delayRange(settings.dMin(), settings.dMax()).readout(settings.steps(), settings.readoutWindow())
                .inputSteps(settings.inputSteps());
        groups.values().forEach(g -> net.addGroup(NodeGroup.parse(g.spec())));
        units.values().forEach(u -> net.addUnit(Unit.parse(u.spec())));
        int n = nodes.count();
        Neuron[] byIndex = new Neuron[n];
        for (int v = 0; v < n; v++) {
            Neuron x = net.addNode(nodes.id[v], nodes.kind[v], nodes.activation[v]).bias(nodes.bias[v])
                    .threshold(nodes.threshold[v]).duty(nodes.duty[v]).gain(nodes.gain[v]).shift(nodes.shift[v])
                    .group(nodes.group[v]).unit(nodes.unit[v]);
            for (AttributeColumn c : nodes.attributes) {
                Attribute a = c.attribute(v);
                if (a != null) x.attribute(a);
            }
            byIndex[v] = x;
        }
        for (int e = 0; e < edges.count(); e++) {
            Synapse s = net.connect(byIndex[edges.src[e]], byIndex[edges.dst[e]], edges.weight[e], edges.delay[e], edges.leak[e])
                    .learnable(edges.learnable[e] & 0xff);
            if (edges.id != null) s.id(edges.id[e]);
            for (AttributeColumn c : edges.attributes) {
                Attribute a = c.attribute(e);
                if (a != null) s.attribute(a);
            }
        }
        net.metadata().putAll(metadata);
        return net;
    }

    /** The JGraphT view (vertices = node indices, edges = edge indices, edge weight = delay), built on first use. */
    public synchronized Graph<Integer, Integer> graph() {
        if (graph == null) graph = new SparseGraph(nodes.count(), edges.src, edges.dst, edges.delay);
        return graph;
    }

    public Nodes nodes() { return nodes; }
    public Edges edges() { return edges; }
    public int nodeCount() { return nodes.count(); }
    public int edgeCount() { return edges.count(); }
    /** Groups by name, in declaration order (shared objects: do not change them). */
    public Map<String, NodeGroup> groups() { return groups; }
    public Map<String, Unit> units() { return units; }
    /** A copy of the model settings. */
    public ModelSettings settings() { return copy(settings); }
    public Map<String, Attribute> metadata() { return metadata; }

    private static ModelSettings copy(ModelSettings s) {
        return new ModelSettings().delayRange(s.dMin(), s.dMax()).readout(s.steps(), s.readoutWindow()).inputSteps(s.inputSteps());
    }

    private static void requireLength(int actual, int expected, String what) {
        if (actual != expected) throw new IllegalArgumentException(what + " has length " + actual + ", expected " + expected);
    }

    /** One line for a notebook cell, e.g. {@code SparseNetwork[139,255 nodes, 15,000,000 edges, T=1]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "SparseNetwork[%,d nodes, %,d edges", nodeCount(), edgeCount()));
        if (!groups.isEmpty()) sb.append(", ").append(groups.size()).append(" group(s)");
        if (!units.isEmpty()) sb.append(", ").append(units.size()).append(" unit(s)");
        return sb.append(", T=").append(settings.steps()).append(']').toString();
    }
}
