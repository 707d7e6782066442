package org.thousandbrains.graph.topology;

import java.util.Locale;
import java.util.Objects;

/**
 * A named set of nodes with optional competition. {@code kWinners > 0}: Numenta-style k-WTA on
 * the group's neurons with duty-cycle boosting strength {@code boost}. {@code unitWinners > 0}:
 * the group is made of units and only the top units by mean activity stay active.
 * GraphML: part of the graph key {@code groups}, e.g. {@code h1 k=51 boost=1.5; h2 unitK=4}.
 */
public final class NodeGroup {
    private final String name;
    private int kWinners;
    private double boost = 1.5;
    private int unitWinners;

    public NodeGroup(String name) {
        this.name = Objects.requireNonNull(name);
        if (name.isBlank() || name.contains(";") || name.contains(" ")) {
            throw new IllegalArgumentException("group name must be non-empty without spaces or ';': '" + name + "'");
        }
    }

    public String name() { return name; }
    public int kWinners() { return kWinners; }
    public double boost() { return boost; }
    public int unitWinners() { return unitWinners; }

    public NodeGroup kWinners(int k) { if (k < 0) throw new IllegalArgumentException("k must be >= 0"); this.kWinners = k; return this; }
    public NodeGroup boost(double b) { Params.requireFinite(b, "boost"); this.boost = b; return this; }
    public NodeGroup unitWinners(int k) { if (k < 0) throw new IllegalArgumentException("unit k must be >= 0"); this.unitWinners = k; return this; }

    /** The spec written into the graph key {@code groups}. */
    public String spec() {
        return String.format(Locale.ROOT, "%s k=%d boost=%s unitK=%d", name, kWinners, Double.toString(boost), unitWinners);
    }

    /** Parses one entry of the {@code groups} graph key. */
    public static NodeGroup parse(String spec) {
        String[] parts = spec.trim().split("\\s+");
        NodeGroup g = new NodeGroup(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("group '" + parts[0] + "': expected key=value, got '" + parts[i] + "'");
            switch (kv[0]) {
                case "k": g.kWinners(Integer.parseInt(kv[1])); break;
                case "boost": g.boost(Double.parseDouble(kv[1])); break;
                case "unitK": g.unitWinners(Integer.parseInt(kv[1])); break;
                default: throw new IllegalArgumentException("group '" + parts[0] + "': unknown setting '" + kv[0] + "'");
            }
        }
        return g;
    }
}
