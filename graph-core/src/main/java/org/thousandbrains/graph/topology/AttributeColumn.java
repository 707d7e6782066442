package org.thousandbrains.graph.topology;

import java.util.Objects;

/**
 * One uninterpreted attribute of a {@link SparseNetwork} as a column: its name, its declared GraphML type and
 * one value per node or edge ({@code null} where the element has none). A column replaces the per-element
 * metadata maps of {@link Neuron#metadata()} and {@link Synapse#metadata()} for large graphs.
 */
public record AttributeColumn(String name, String type, String[] values) {
    public AttributeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
    }

    /** The value of element {@code i} as an attribute, or null when it has none. */
    public Attribute attribute(int i) {
        String v = values[i];
        return v == null ? null : new Attribute(name, type, v);
    }
}
