package org.thousandbrains.graph.topology;

import java.util.Objects;

/**
 * An attribute the model does not interpret (for example a connectome's {@code cell_class}),
 * kept verbatim with its declared GraphML type so that export writes it back unchanged.
 */
public record Attribute(String name, String type, String value) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
