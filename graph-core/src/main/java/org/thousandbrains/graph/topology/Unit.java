package org.thousandbrains.graph.topology;

import java.util.Objects;

/**
 * A unit (column): a named set of nodes that replaces one neuron. Each outer step its internal
 * edges are applied {@code rec} times (DESIGN.md, "Units"). GraphML: graph key {@code units},
 * e.g. {@code u0 rec=2; u1 rec=2}.
 */
public final class Unit {
    private final String name;
    private int rec = 1;

    public Unit(String name) {
        this.name = Objects.requireNonNull(name);
        if (name.isBlank() || name.contains(";") || name.contains(" ")) {
            throw new IllegalArgumentException("unit name must be non-empty without spaces or ';': '" + name + "'");
        }
    }

    public String name() { return name; }
    public int rec() { return rec; }

    public Unit rec(int r) {
        if (r < 1) throw new IllegalArgumentException("unit '" + name + "': rec must be >= 1, got " + r);
        this.rec = r;
        return this;
    }

    public String spec() {
        return name + " rec=" + rec;
    }

    public static Unit parse(String spec) {
        String[] parts = spec.trim().split("\\s+");
        Unit u = new Unit(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].equals("rec")) {
                u.rec(Integer.parseInt(kv[1]));
            } else {
                throw new IllegalArgumentException("unit '" + parts[0] + "': unknown setting '" + parts[i] + "'");
            }
        }
        return u;
    }
}
