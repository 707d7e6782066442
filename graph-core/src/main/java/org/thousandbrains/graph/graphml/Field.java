package org.thousandbrains.graph.graphml;

import java.util.Locale;

/** The GraphML attributes the model interprets (the schema of DESIGN.md), per domain. */
enum Field {
    KIND("node", "kind", ValueType.STRING, 0),
    BIAS("node", "bias", ValueType.DOUBLE, 1),
    ACTIVATION("node", "activation", ValueType.STRING, 2),
    GROUP("node", "group", ValueType.STRING, 3),
    UNIT("node", "unit", ValueType.STRING, 4),
    THRESHOLD("node", "threshold", ValueType.DOUBLE, 5),
    /** k-WTA duty cycle δ of the node, in [0, 1]. */
    DUTY("node", "duty", ValueType.DOUBLE, 6),
    /** Overseer normalization: gain γ of a member of an overseen group (default 1). */
    GAIN("node", "gain", ValueType.DOUBLE, 7),
    /** Overseer normalization: shift β of a member of an overseen group (default 0). */
    SHIFT("node", "shift", ValueType.DOUBLE, 8),
    WEIGHT("edge", "weight", ValueType.DOUBLE, 0),
    DELAY("edge", "delay", ValueType.DOUBLE, 1),
    LEAK("edge", "leak", ValueType.DOUBLE, 2),
    LEARNABLE("edge", "learnable", ValueType.STRING, 3),
    D_MIN("graph", "d_min", ValueType.DOUBLE, 0),
    D_MAX("graph", "d_max", ValueType.DOUBLE, 1),
    GROUPS("graph", "groups", ValueType.STRING, 2),
    UNITS("graph", "units", ValueType.STRING, 3),
    /** Timesteps T per forward pass. */
    STEPS("graph", "steps", ValueType.INT, 4),
    /** Readout window K: the readout is the mean of the output states over the last K steps. */
    READOUT_K("graph", "readout_k", ValueType.INT, 5),
    /** Input steps L: 0 holds the features constant; L &gt; 0 makes a sample a sequence of L steps. */
    INPUT_STEPS("graph", "input_steps", ValueType.INT, 6);

    final String domain;
    final String attrName;
    /** The attr.type written for this field. */
    final ValueType type;
    /** Numeric fields need a numeric attr.type when one is declared. */
    final boolean numeric;
    /** Bit of this field in the per-element "value given" flags of its domain (indices 0..7 for edges, a byte; 0..15 for nodes, a short). */
    final int bit;

    Field(String domain, String attrName, ValueType type, int bitIndex) {
        this.domain = domain;
        this.attrName = attrName;
        this.type = type;
        this.numeric = type.isNumeric();
        this.bit = 1 << bitIndex;
    }

    /** The GraphML attr.type written for this field. */
    String graphmlType() {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** The schema field called {@code name} in {@code domain}, or null. */
    static Field named(String domain, String name) {
        for (Field f : values()) {
            if (f.domain.equals(domain) && f.attrName.equals(name)) return f;
        }
        return null;
    }
}
