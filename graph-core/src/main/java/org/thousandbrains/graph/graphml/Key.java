package org.thousandbrains.graph.graphml;

import java.util.Objects;

/**
 * One {@code <key>} declaration as seen from one domain (a key {@code for="all"} becomes one Key
 * per domain). {@link #field} is the model parameter it gives, or null for metadata.
 */
final class Key {
    final String id;
    final String domain;
    /** attr.name, or the id when the key has none (yFiles graphics keys). */
    final String name;
    /** attr.type as written ("string" when absent). */
    final String type;
    final boolean typeDeclared;
    final ValueType valueType;
    /** Text of {@code <default>}, or null. */
    final String defaultValue;
    final int line;
    /** False for a key invented for {@code <data>} that refers to an undeclared key id. */
    final boolean declared;
    final Field field;
    /** Factor applied to numeric field values (from an {@link AttributeMapping}); 1 otherwise. */
    final double scale;
    final boolean scaled;

    Key(String id, String domain, String name, String type, boolean typeDeclared, String defaultValue, int line,
        boolean declared, Field field, double scale, boolean scaled) {
        this.id = id;
        this.domain = domain;
        this.name = name;
        this.type = type;
        this.typeDeclared = typeDeclared;
        this.valueType = ValueType.of(type);
        this.defaultValue = defaultValue;
        this.line = line;
        this.declared = declared;
        this.field = field;
        this.scale = scale;
        this.scaled = scaled;
    }

    boolean sameDeclaration(Key o) {
        return name.equals(o.name) && type.equals(o.type) && Objects.equals(defaultValue, o.defaultValue);
    }

    /** {@code v} times the key's scale (as {@link #number} applies it). */
    double scaled(double v) {
        return scaled ? v * scale : v;
    }

    /** Reads a numeric field value, scaled; must be finite. */
    double number(String raw) {
        double v = scaled(Values.parseFinite(raw, field.attrName));
        if (!Double.isFinite(v)) throw new IllegalArgumentException(field.attrName + " " + raw.trim() + " * " + scale + " is not finite");
        return v;
    }

    String describe() {
        return "key '" + id + "'" + (name.equals(id) ? "" : " ('" + name + "')");
    }
}
