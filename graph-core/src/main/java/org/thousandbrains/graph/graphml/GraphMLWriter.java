package org.thousandbrains.graph.graphml;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.graph.topology.Attribute;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.graph.topology.Unit;

/**
 * Writes a network as GraphML in the schema of DESIGN.md (docs/graphml-schema.md), such that
 * {@link GraphMLReader} reads back an equal network: node and edge ids, parallel synapses and
 * self-loops as separate directed edges, every parameter as {@link Double#toString} (bit-exact,
 * {@code -0.0} and subnormals included), groups (k, boost, period, kInf, seen, unitK, rho, eps, mean, var, stats), units,
 * per-node duty cycles (written where not 0, their start value), gains and shifts (where not 1, 0), model settings (d_min, d_max,
 * steps, readout_k), and every metadata attribute under a key declared with its original
 * attr.type. {@code learnable} is written only where it is not {@code all}, its default.
 */
public final class GraphMLWriter {
    private static final String INDENT = "  ";

    private GraphMLWriter() {
    }

    /** Writes to a file atomically: a failed write leaves no partial file behind. */
    public static void write(Network net, Path file) throws IOException {
        AtomicFile.writeText(file, w -> write(net, w));
    }

    public static void write(Network net, Writer w) throws IOException {
        Map<Signature, String> graphKeys = new LinkedHashMap<>();
        collectKeys(graphKeys, net.metadata().values(), "graph", "g");
        Map<Signature, String> nodeKeys = new LinkedHashMap<>();
        for (Neuron n : net.nodes()) collectKeys(nodeKeys, n.metadata().values(), "node", "n");
        Map<Signature, String> edgeKeys = new LinkedHashMap<>();
        for (Synapse s : net.synapses()) collectKeys(edgeKeys, s.metadata().values(), "edge", "e");

        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<graphml xmlns=\"" + SecureXml.GRAPHML_NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xsi:schemaLocation=\"" + SecureXml.GRAPHML_NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
        for (Field f : Field.values()) {
            w.write(INDENT + "<key id=\"" + f.attrName + "\" for=\"" + f.domain + "\" attr.name=\"" + f.attrName
                    + "\" attr.type=\"" + f.graphmlType() + "\"/>\n");
        }
        declare(w, graphKeys, "graph");
        declare(w, nodeKeys, "node");
        declare(w, edgeKeys, "edge");
        w.write(INDENT + "<graph id=\"G\" edgedefault=\"directed\">\n");
        String in = INDENT + INDENT;
        data(w, in, Field.D_MIN.attrName, Double.toString(net.settings().dMin()));
        data(w, in, Field.D_MAX.attrName, Double.toString(net.settings().dMax()));
        data(w, in, Field.STEPS.attrName, Integer.toString(net.settings().steps()));
        data(w, in, Field.READOUT_K.attrName, Integer.toString(net.settings().readoutWindow()));
        if (net.settings().inputSteps() > 0) data(w, in, Field.INPUT_STEPS.attrName, Integer.toString(net.settings().inputSteps()));
        if (!net.groups().isEmpty()) {
            data(w, in, Field.GROUPS.attrName, net.groups().values().stream().map(NodeGroup::spec).collect(Collectors.joining("; ")));
        }
        if (!net.units().isEmpty()) {
            data(w, in, Field.UNITS.attrName, net.units().values().stream().map(Unit::spec).collect(Collectors.joining("; ")));
        }
        metadata(w, in, net.metadata().values(), graphKeys, "graph");
        for (Neuron n : net.nodes()) node(w, n, nodeKeys);
        for (Synapse s : net.synapses()) edge(w, net, s, edgeKeys);
        w.write(INDENT + "</graph>\n</graphml>\n");
    }

    private static void node(Writer w, Neuron n, Map<Signature, String> keys) throws IOException {
        String in = INDENT + INDENT + INDENT;
        w.write(INDENT + INDENT + "<node id=\"");
        XmlText.attribute(w, n.id(), "node id");
        w.write("\">\n");
        data(w, in, Field.KIND.attrName, n.kind().graphmlName());
        data(w, in, Field.BIAS.attrName, Double.toString(n.bias()));
        data(w, in, Field.ACTIVATION.attrName, n.activation().graphmlName());
        if (n.group() != null) data(w, in, Field.GROUP.attrName, n.group());
        if (n.unit() != null) data(w, in, Field.UNIT.attrName, n.unit());
        data(w, in, Field.THRESHOLD.attrName, Double.toString(n.threshold()));
        // duty cycles start at 0: written when not +0.0 (so -0.0 reads back bit for bit too)
        if (Double.doubleToRawLongBits(n.duty()) != 0L) data(w, in, Field.DUTY.attrName, Double.toString(n.duty()));
        // overseer normalization: gain 1 and shift +0.0 are the defaults, written only when different
        if (Double.doubleToRawLongBits(n.gain()) != Double.doubleToRawLongBits(1.0)) data(w, in, Field.GAIN.attrName, Double.toString(n.gain()));
        if (Double.doubleToRawLongBits(n.shift()) != 0L) data(w, in, Field.SHIFT.attrName, Double.toString(n.shift()));
        metadata(w, in, n.metadata().values(), keys, "node '" + n.id() + "'");
        w.write(INDENT + INDENT + "</node>\n");
    }

    private static void edge(Writer w, Network net, Synapse s, Map<Signature, String> keys) throws IOException {
        String in = INDENT + INDENT + INDENT;
        w.write(INDENT + INDENT + "<edge");
        if (s.id() != null) {
            w.write(" id=\"");
            XmlText.attribute(w, s.id(), "edge id");
            w.write('"');
        }
        w.write(" source=\"");
        XmlText.attribute(w, net.source(s).id(), "node id");
        w.write("\" target=\"");
        XmlText.attribute(w, net.target(s).id(), "node id");
        w.write("\">\n");
        data(w, in, Field.WEIGHT.attrName, Double.toString(s.weight()));
        data(w, in, Field.DELAY.attrName, Double.toString(s.delay()));
        data(w, in, Field.LEAK.attrName, Double.toString(s.leak()));
        if (s.learnable() != Learnable.ALL) data(w, in, Field.LEARNABLE.attrName, Learnable.format(s.learnable()));
        metadata(w, in, s.metadata().values(), keys, "edge");
        w.write(INDENT + INDENT + "</edge>\n");
    }

    private static void metadata(Writer w, String in, Collection<Attribute> attrs, Map<Signature, String> keys, String owner)
            throws IOException {
        for (Attribute a : attrs) {
            w.write(in + "<data key=\"" + keys.get(new Signature(a.name(), a.type())) + "\">");
            XmlText.text(w, a.value(), owner + " attribute '" + a.name() + "'");
            w.write("</data>\n");
        }
    }

    private static void data(Writer w, String in, String key, String value) throws IOException {
        w.write(in + "<data key=\"" + key + "\">");
        XmlText.text(w, value, key);
        w.write("</data>\n");
    }

    private static void declare(Writer w, Map<Signature, String> keys, String domain) throws IOException {
        for (Map.Entry<Signature, String> e : keys.entrySet()) {
            w.write(INDENT + "<key id=\"" + e.getValue() + "\" for=\"" + domain + "\" attr.name=\"");
            XmlText.attribute(w, e.getKey().name(), "attribute name");
            w.write("\" attr.type=\"");
            XmlText.attribute(w, e.getKey().type(), "attribute type");
            w.write("\"/>\n");
        }
    }

    /** A metadata key: attributes of one name may carry different types on different elements. */
    private record Signature(String name, String type) {
    }

    /** Declares a key id for each new (name, type) pair; refuses what would not read back the same. */
    private static void collectKeys(Map<Signature, String> keys, Collection<Attribute> attrs, String domain, String prefix) {
        for (Attribute a : attrs) {
            if (Field.named(domain, a.name()) != null) {
                throw new IllegalArgumentException(domain + " attribute '" + a.name()
                        + "' has the name of a model parameter and would be read back as one; rename it");
            }
            if (a.type().isBlank()) throw new IllegalArgumentException(domain + " attribute '" + a.name() + "' has an empty type");
            try {
                Values.check(ValueType.of(a.type()), a.value());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(domain + " attribute '" + a.name() + "' of type " + a.type() + ": " + e.getMessage());
            }
            keys.computeIfAbsent(new Signature(a.name(), a.type()), sig -> prefix + "m" + keys.size());
        }
    }
}
