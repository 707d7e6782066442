package org.thousandbrains.graph.graphml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.AttributeColumn;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.SparseNetwork;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/**
 * Turns a completely read document into a {@link Network}: resolves values whose key came
 * later, applies key defaults, checks every edge names a declared node, counts self-loops and
 * parallel edges, then creates nodes, groups, units and synapses (two per undirected edge
 * between distinct nodes, unless every edge is read as directed). Nothing is created before all checks that need the whole document.
 */
final class NetworkAssembler {
    private final String source;
    private final ParsedGraphML doc;
    private final List<AttributeMapping> mappings;
    private final boolean allDirected;
    private final List<String> warnings = new ArrayList<>();

    /** {@code allDirected}: every edge becomes one synapse from source to target, undirected ones too. */
    NetworkAssembler(String source, ParsedGraphML doc, List<AttributeMapping> mappings, boolean allDirected) {
        this.source = source;
        this.doc = doc;
        this.mappings = mappings;
        this.allDirected = allDirected;
    }

    /** The network as objects ({@link Network}: one per node and synapse). */
    ImportResult assemble() {
        GraphValues graph = prepare();
        Network net = new Network();
        settings(net.settings(), graph);
        groupsAndUnits(graph).forEach(x -> {
            if (x instanceof NodeGroup) net.addGroup((NodeGroup) x);
            else net.addUnit((Unit) x);
        });
        build(net, graph);
        return new ImportResult(net, report(net.synapseCount()));
    }

    /** The network as arrays ({@link SparseNetwork}: columns, no object per node or synapse). */
    ImportResult assembleArrays() {
        GraphValues graph = prepare();
        ModelSettings settings = new ModelSettings();
        settings(settings, graph);
        Map<String, NodeGroup> groups = new LinkedHashMap<>();
        Map<String, Unit> units = new LinkedHashMap<>();
        groupsAndUnits(graph).forEach(x -> {
            if (x instanceof NodeGroup) groups.put(((NodeGroup) x).name(), (NodeGroup) x);
            else units.put(((Unit) x).name(), (Unit) x);
        });
        SparseNetwork net = new SparseNetwork(nodeColumns(), edgeColumns(), groups, units, settings, graph.metadata);
        return new ImportResult(net, report(net.edgeCount()));
    }

    private GraphValues prepare() {
        checkMappings();
        resolvePending();
        applyDefaults();
        GraphValues graph = graphValues();
        checkEndpoints();
        return graph;
    }

    private ImportReport report(int synapses) {
        EdgeRecords edges = doc.edges;
        EdgePairCounter pairs = new EdgePairCounter();
        int undirected = 0;
        for (int e = 0; e < edges.size; e++) {
            pairs.add(edges.src[e], edges.dst[e], edges.directed[e]);
            if (!edges.directed[e]) undirected++;
        }
        addWarnings();
        return new ImportReport(doc.nodes.size, edges.size, undirected, pairs.selfLoops(), pairs.parallelEdges(),
                doc.hyperedges, doc.ports, synapses, warnings);
    }

    private void checkMappings() {
        for (AttributeMapping m : mappings) {
            if (doc.keys.keyFor(m.field()) == null) {
                throw new GraphMLException(source, 0, 0, "no " + m.field().domain + " attribute named '" + m.source()
                        + "' for the mapping " + m);
            }
        }
    }

    private void resolvePending() {
        Set<String> undeclared = new LinkedHashSet<>();
        int count = 0;
        for (ParsedGraphML.Datum d : doc.pending) {
            Key k = key(d, undeclared);
            if (!k.declared) count++;
            try {
                doc.apply(k, d.domain(), d.owner(), d.value());
            } catch (IllegalArgumentException e) {
                throw new GraphMLException(source, d.line(), d.column(), e.getMessage());
            }
        }
        for (ParsedGraphML.Datum d : doc.graphData) {
            if (!key(d, undeclared).declared) count++;
        }
        if (count > 0) {
            warnings.add(count + " <data> value(s) use undeclared key(s) " + String.join(", ", undeclared)
                    + ": kept as text attributes");
        }
    }

    private Key key(ParsedGraphML.Datum d, Set<String> undeclared) {
        Key k = doc.keys.lookup(d.domain(), d.keyId());
        if (k == null) {
            undeclared.add(d.keyId());
            k = doc.keys.undeclared(d.domain(), d.keyId());
        } else if (!k.declared) {
            undeclared.add(d.keyId());
        }
        return k;
    }

    private void applyDefaults() {
        for (Key k : doc.keys.withDefaults("node")) {
            for (int v = 0; v < doc.nodes.size; v++) {
                if (!doc.nodes.has(v, k)) applyDefault(k, "node", v);
            }
        }
        for (Key k : doc.keys.withDefaults("edge")) {
            for (int e = 0; e < doc.edges.size; e++) {
                if (!doc.edges.has(e, k)) applyDefault(k, "edge", e);
            }
        }
    }

    private void applyDefault(Key k, String domain, int owner) {
        try {
            doc.apply(k, domain, owner, k.defaultValue);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, k.line, 0, "default of " + e.getMessage());
        }
    }

    /** Graph-level values: model settings and metadata; the first value of a name wins. */
    private static final class GraphValues {
        final Map<Field, ParsedGraphML.Datum> fields = new HashMap<>();
        final Map<String, Attribute> metadata = new LinkedHashMap<>();
        int repeated;
    }

    private GraphValues graphValues() {
        GraphValues g = new GraphValues();
        Set<Key> seen = new HashSet<>();
        for (ParsedGraphML.Datum d : doc.graphData) {
            Key k = doc.keys.lookup(d.domain(), d.keyId());
            seen.add(k);
            addGraphValue(g, k, d);
        }
        for (Key k : doc.keys.withDefaults("graph")) {
            if (!seen.contains(k)) addGraphValue(g, k, new ParsedGraphML.Datum("graph", 0, k.id, k.defaultValue, k.line, 0));
        }
        if (g.repeated > 0) {
            warnings.add(g.repeated + " graph-level value(s) of nested or further <graph> elements repeat a name: first value kept");
        }
        return g;
    }

    private void addGraphValue(GraphValues g, Key k, ParsedGraphML.Datum d) {
        if (k.field != null) {
            if (g.fields.putIfAbsent(k.field, d) != null) g.repeated++;
            return;
        }
        try {
            Values.check(k.valueType, d.value());
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, d.line(), d.column(), "graph: " + k.describe() + ": " + e.getMessage());
        }
        if (g.metadata.putIfAbsent(k.name, new Attribute(k.name, k.type, d.value())) != null) g.repeated++;
    }

    private void checkEndpoints() {
        NodeRecords nodes = doc.nodes;
        EdgeRecords edges = doc.edges;
        for (int e = 0; e < edges.size; e++) {
            int missing = nodes.refNode[edges.src[e]] < 0 ? edges.src[e] : nodes.refNode[edges.dst[e]] < 0 ? edges.dst[e] : -1;
            if (missing >= 0) {
                throw new GraphMLException(source, edges.line[e], 0, doc.describe("edge", e) + ": no node with id '"
                        + nodes.refId[missing] + "' in the file");
            }
        }
    }

    private void build(Network net, GraphValues g) {
        NodeRecords nr = doc.nodes;
        Neuron[] byRef = new Neuron[nr.refCount];
        for (int v = 0; v < nr.size; v++) {
            NodeKind kind = kind(nr, v);
            Neuron n = net.addNode(nr.id[v], kind, activation(nr, v, kind));
            n.bias(nr.bias[v]).threshold(nr.threshold[v]).duty(nr.duty[v]).gain(nr.gain[v]).shift(nr.shift[v]);
            if (nr.group[v] != null) {
                net.groupNamed(nr.group[v]);
                n.group(nr.group[v]);
            }
            if (nr.unit[v] != null) {
                net.unitNamed(nr.unit[v]);
                n.unit(nr.unit[v]);
            }
            Object[] meta = nr.meta[v];
            if (meta != null) {
                for (int i = 0; i < meta.length; i += 2) n.attribute(attribute(meta, i));
            }
        }
        for (int r = 0; r < nr.refCount; r++) byRef[r] = net.node(nr.refId[r]);
        EdgeRecords er = doc.edges;
        for (int e = 0; e < er.size; e++) {
            Neuron u = byRef[er.src[e]];
            Neuron w = byRef[er.dst[e]];
            Attribute[] attrs = attributes(er.meta[e]);
            synapse(net.connect(u, w, weight(er, e), delay(er, e), leak(er, e)), learnable(er, e), er.id[e], attrs);
            if (!er.directed[e] && !allDirected && u != w) {
                synapse(net.connect(w, u, weight(er, e), delay(er, e), leak(er, e)), learnable(er, e), er.id[e], attrs);
            }
        }
        net.metadata().putAll(g.metadata);
    }

    private static NodeKind kind(NodeRecords nr, int v) {
        return nr.kind[v] < 0 ? NodeKind.NEURON : NodeKind.values()[nr.kind[v]];
    }

    /** The declared activation, else the default of the kind (relu for neurons, identity otherwise), as {@link Network#addNode}. */
    private static Activation activation(NodeRecords nr, int v, NodeKind kind) {
        if (nr.activation[v] >= 0) return Activation.values()[nr.activation[v]];
        return kind == NodeKind.NEURON ? Activation.RELU : Activation.IDENTITY;
    }

    private static double weight(EdgeRecords er, int e) {
        return (er.given[e] & Field.WEIGHT.bit) != 0 ? er.weight[e] : Network.DEFAULT_WEIGHT;
    }

    private static double delay(EdgeRecords er, int e) {
        return (er.given[e] & Field.DELAY.bit) != 0 ? er.delay[e] : Network.DEFAULT_DELAY;
    }

    private static double leak(EdgeRecords er, int e) {
        return (er.given[e] & Field.LEAK.bit) != 0 ? er.leak[e] : Network.DEFAULT_LEAK;
    }

    private static int learnable(EdgeRecords er, int e) {
        return (er.given[e] & Field.LEARNABLE.bit) != 0 ? er.learnable[e] : Learnable.ALL;
    }

    private SparseNetwork.Nodes nodeColumns() {
        NodeRecords nr = doc.nodes;
        int n = nr.size;
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        MetaColumns columns = new MetaColumns(n);
        for (int v = 0; v < n; v++) {
            kind[v] = kind(nr, v);
            act[v] = activation(nr, v, kind[v]);
            columns.put(v, nr.meta[v]);
        }
        return new SparseNetwork.Nodes(Arrays.copyOf(nr.id, n), kind, act, Arrays.copyOf(nr.bias, n),
                Arrays.copyOf(nr.threshold, n), Arrays.copyOf(nr.duty, n), Arrays.copyOf(nr.gain, n),
                Arrays.copyOf(nr.shift, n), Arrays.copyOf(nr.group, n), Arrays.copyOf(nr.unit, n), columns.list());
    }

    /** One edge per directed element, two per undirected element between distinct nodes (the second reversed) unless all are read as directed. */
    private SparseNetwork.Edges edgeColumns() {
        NodeRecords nr = doc.nodes;
        EdgeRecords er = doc.edges;
        int count = er.size;
        for (int e = 0; e < er.size; e++) if (!er.directed[e] && !allDirected && er.src[e] != er.dst[e]) count++;
        int[] src = new int[count];
        int[] dst = new int[count];
        double[] w = new double[count];
        double[] d = new double[count];
        double[] lam = new double[count];
        byte[] learn = new byte[count];
        String[] ids = new String[count];
        MetaColumns columns = new MetaColumns(count);
        boolean anyId = false;
        int k = 0;
        for (int e = 0; e < er.size; e++) {
            int u = nr.refNode[er.src[e]];
            int v = nr.refNode[er.dst[e]];
            int copies = !er.directed[e] && !allDirected && u != v ? 2 : 1;
            for (int c = 0; c < copies; c++, k++) {
                src[k] = c == 0 ? u : v;
                dst[k] = c == 0 ? v : u;
                w[k] = weight(er, e);
                d[k] = delay(er, e);
                lam[k] = leak(er, e);
                learn[k] = (byte) learnable(er, e);
                ids[k] = er.id[e];
                anyId |= er.id[e] != null;
                columns.put(k, er.meta[e]);
            }
        }
        return new SparseNetwork.Edges(src, dst, w, d, lam, learn, anyId ? ids : null, columns.list());
    }

    /** The (key, value) pairs of {@link Meta} gathered into one column per key, in order of first appearance. */
    private static final class MetaColumns {
        private final int size;
        private final Map<Key, AttributeColumn> byKey = new LinkedHashMap<>();

        MetaColumns(int size) {
            this.size = size;
        }

        void put(int i, Object[] meta) {
            if (meta == null) return;
            for (int j = 0; j < meta.length; j += 2) {
                Key k = (Key) meta[j];
                byKey.computeIfAbsent(k, x -> new AttributeColumn(x.name, x.type, new String[size])).values()[i] = (String) meta[j + 1];
            }
        }

        List<AttributeColumn> list() {
            return List.copyOf(byKey.values());
        }
    }

    private static void synapse(Synapse s, int learnable, String id, Attribute[] attrs) {
        s.learnable(learnable).id(id);
        if (attrs != null) for (Attribute a : attrs) s.attribute(a);
    }

    private static Attribute[] attributes(Object[] meta) {
        if (meta == null) return null;
        Attribute[] out = new Attribute[meta.length / 2];
        for (int i = 0; i < meta.length; i += 2) out[i / 2] = attribute(meta, i);
        return out;
    }

    private static Attribute attribute(Object[] meta, int i) {
        Key k = (Key) meta[i];
        return new Attribute(k.name, k.type, (String) meta[i + 1]);
    }

    private void settings(ModelSettings settings, GraphValues g) {
        double dMin = settings.dMin();
        double dMax = settings.dMax();
        ParsedGraphML.Datum min = g.fields.get(Field.D_MIN);
        ParsedGraphML.Datum max = g.fields.get(Field.D_MAX);
        if (min != null) dMin = graphNumber(min, "d_min");
        if (max != null) dMax = graphNumber(max, "d_max");
        try {
            settings.delayRange(dMin, dMax);
        } catch (IllegalArgumentException e) {
            ParsedGraphML.Datum at = min != null ? min : max;
            throw new GraphMLException(source, at.line(), at.column(), e.getMessage());
        }
        readout(settings, g);
    }

    /**
     * Graph keys {@code steps} (T) and {@code readout_k} (K): integers, default 1, {@code 1 <= K <= T};
     * {@code input_steps} (L): integer, default 0, {@code 0 <= L <= T}.
     */
    private void readout(ModelSettings settings, GraphValues g) {
        ParsedGraphML.Datum stepsAt = g.fields.get(Field.STEPS);
        ParsedGraphML.Datum windowAt = g.fields.get(Field.READOUT_K);
        int steps = stepsAt == null ? settings.steps() : graphCount(stepsAt, Field.STEPS);
        int window = windowAt == null ? settings.readoutWindow() : graphCount(windowAt, Field.READOUT_K);
        if (window > steps) {
            ParsedGraphML.Datum at = windowAt != null ? windowAt : stepsAt;
            throw new GraphMLException(source, at.line(), at.column(), "graph readout_k: the readout window K=" + window
                    + " exceeds steps T=" + steps + " (needs 1 <= readout_k <= steps)");
        }
        settings.readout(steps, window);
        ParsedGraphML.Datum inputAt = g.fields.get(Field.INPUT_STEPS);
        if (inputAt == null) return;
        long l;
        try {
            l = Values.parseInteger(inputAt.value(), true);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, inputAt.line(), inputAt.column(), "graph input_steps: " + e.getMessage());
        }
        if (l < 0 || l > steps) {
            throw new GraphMLException(source, inputAt.line(), inputAt.column(), "graph input_steps: L=" + Values.describe(inputAt.value())
                    + " must lie in [0, steps T=" + steps + "] (0: input held constant)");
        }
        settings.inputSteps((int) l);
    }

    /** A graph-level integer >= 1 (steps, readout_k). */
    private int graphCount(ParsedGraphML.Datum d, Field f) {
        long v;
        try {
            v = Values.parseInteger(d.value(), true);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, d.line(), d.column(), "graph " + f.attrName + ": " + e.getMessage());
        }
        if (v < 1) {
            throw new GraphMLException(source, d.line(), d.column(), "graph " + f.attrName + " must be >= 1, got " + Values.describe(d.value()));
        }
        return (int) v;
    }

    private double graphNumber(ParsedGraphML.Datum d, String what) {
        try {
            return Values.parseFinite(d.value(), what);
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, d.line(), d.column(), "graph " + what + ": " + e.getMessage());
        }
    }

    /** The declared groups ({@link NodeGroup}) and units ({@link Unit}) of the graph keys, in file order. */
    private List<Object> groupsAndUnits(GraphValues g) {
        List<Object> out = new ArrayList<>();
        ParsedGraphML.Datum groups = g.fields.get(Field.GROUPS);
        ParsedGraphML.Datum units = g.fields.get(Field.UNITS);
        Set<String> names = new HashSet<>();
        try {
            if (groups != null) {
                for (String spec : entries(groups.value())) {
                    NodeGroup x = NodeGroup.parse(spec);
                    out.add(unique(x.name(), "group", names, x));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, groups.line(), groups.column(), "graph groups: " + e.getMessage());
        }
        names.clear();
        try {
            if (units != null) {
                for (String spec : entries(units.value())) {
                    Unit x = Unit.parse(spec);
                    out.add(unique(x.name(), "unit", names, x));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new GraphMLException(source, units.line(), units.column(), "graph units: " + e.getMessage());
        }
        return out;
    }

    private static Object unique(String name, String what, Set<String> names, Object value) {
        if (!names.add(name)) throw new IllegalArgumentException("duplicate " + what + " '" + name + "'");
        return value;
    }

    private static List<String> entries(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(";")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private void addWarnings() {
        if (doc.hyperedges > 0) warnings.add("skipped " + doc.hyperedges + " <hyperedge> element(s): hyperedges are not synapses");
        if (doc.ports > 0) warnings.add("skipped " + doc.ports + " <port> element(s): edges attach to the nodes themselves");
        if (doc.xmlValues > 0) {
            warnings.add("dropped " + doc.xmlValues + " <data> value(s) holding XML markup (keys " + String.join(", ", doc.xmlValueKeys)
                    + "), e.g. yFiles graphics");
        }
        for (String k : doc.keys.nonGraphMLTypes()) warnings.add(k);
        if (doc.strayText > 0) {
            warnings.add("ignored " + doc.strayText + " piece(s) of text outside <data> (first on line " + doc.strayTextLine + ")");
        }
        if (doc.locators > 0) warnings.add("ignored " + doc.locators + " <locator> element(s): linked graphs are not loaded");
        if (doc.unknownElements > 0) warnings.add("ignored " + doc.unknownElements + " unknown GraphML element(s)");
    }
}
