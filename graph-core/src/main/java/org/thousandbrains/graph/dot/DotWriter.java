package org.thousandbrains.graph.dot;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * Writes a network as a Graphviz {@code digraph}, left to right: one statement per node (inputs as boxes,
 * outputs as double circles, overseers as diamonds, a node group as its {@code group} attribute) and one
 * {@code a -> b} line per synapse, labelled with its weight and carrying {@code delay} and {@code leak}
 * as attributes. Ids are quoted with {@code "} and {@code \} escaped, so any node id is valid DOT.
 */
public final class DotWriter {
    private DotWriter() {
    }

    /** The network as DOT text. */
    public static String toDot(Network net) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(net, out);
        } catch (IOException e) {
            throw new IllegalStateException("a string writer cannot fail", e);
        }
        return out.toString();
    }

    /** Writes the network as DOT text to {@code w}. */
    public static void write(Network net, Writer w) throws IOException {
        w.write("digraph network {\n  rankdir=LR;\n  node [shape=circle];\n");
        for (Neuron v : net.nodes()) {
            StringBuilder line = new StringBuilder("  ").append(quote(v.id()));
            String shape = shape(v.kind());
            line.append(" [kind=").append(v.kind().name().toLowerCase(Locale.ROOT));
            if (shape != null) line.append(", shape=").append(shape);
            if (v.group() != null) line.append(", group=").append(quote(v.group()));
            w.write(line.append("];\n").toString());
        }
        for (Synapse s : net.synapses()) {
            w.write(String.format(Locale.ROOT, "  %s -> %s [label=\"%.3g\", delay=%s, leak=%s];\n", quote(net.source(s).id()),
                    quote(net.target(s).id()), s.weight(), s.delay(), s.leak()));
        }
        w.write("}\n");
    }

    private static String shape(NodeKind kind) {
        return switch (kind) {
            case INPUT -> "box";
            case OUTPUT -> "doublecircle";
            case OVERSEER -> "diamond";
            default -> null;
        };
    }

    static String quote(String id) {
        return '"' + id.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
