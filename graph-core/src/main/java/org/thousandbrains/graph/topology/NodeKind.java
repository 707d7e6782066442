package org.thousandbrains.graph.topology;

import java.util.Locale;

/** The role of a node: clamped input, ordinary neuron, readout output, or a group's overseer. */
public enum NodeKind {
    INPUT, NEURON, OUTPUT, OVERSEER;

    /** Parses the GraphML spelling ({@code input|neuron|output|overseer}, any case, trimmed). */
    public static NodeKind parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (NodeKind k : values()) {
            if (k.graphmlName().equals(t)) return k;
        }
        throw new IllegalArgumentException("unknown node kind '" + s + "' (expected input, neuron, output or overseer)");
    }

    /** The lower-case name written to GraphML. */
    public String graphmlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
