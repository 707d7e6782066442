package org.thousandbrains.graph.graphml;

/** The GraphML attributes the model interprets (the schema of DESIGN.md), per domain. */
enum Field {
    KIND("node", "kind", false, 0),
    BIAS("node", "bias", true, 1),
    ACTIVATION("node", "activation", false, 2),
    GROUP("node", "group", false, 3),
    UNIT("node", "unit", false, 4),
    THRESHOLD("node", "threshold", true, 5),
    WEIGHT("edge", "weight", true, 0),
    DELAY("edge", "delay", true, 1),
    LEAK("edge", "leak", true, 2),
    LEARNABLE("edge", "learnable", false, 3),
    D_MIN("graph", "d_min", true, 0),
    D_MAX("graph", "d_max", true, 1),
    GROUPS("graph", "groups", false, 2),
    UNITS("graph", "units", false, 3);

    final String domain;
    final String attrName;
    final boolean numeric;
    /** Bit of this field in the per-element "value given" flags of its domain. */
    final int bit;

    Field(String domain, String attrName, boolean numeric, int bitIndex) {
        this.domain = domain;
        this.attrName = attrName;
        this.numeric = numeric;
        this.bit = 1 << bitIndex;
    }

    /** The GraphML attr.type written for this field. */
    String graphmlType() {
        return numeric ? "double" : "string";
    }

    /** The schema field called {@code name} in {@code domain}, or null. */
    static Field named(String domain, String name) {
        for (Field f : values()) {
            if (f.domain.equals(domain) && f.attrName.equals(name)) return f;
        }
        return null;
    }
}
