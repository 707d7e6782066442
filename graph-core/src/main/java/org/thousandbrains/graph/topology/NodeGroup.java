package org.thousandbrains.graph.topology;

import java.util.Objects;

/**
 * A named set of nodes with optional competition (DESIGN.md, "Groups, units, firing").
 * {@code kWinners > 0}: Numenta-style k-WTA on the group's nodes with duty-cycle boosting strength
 * {@code boost} (β, default 1.5 as DESIGN.md fixes it; β = 0 turns boosting off), duty-cycle
 * period {@code period} (default 1000) and {@code observations} seen so far (the duty cycles
 * themselves are per node, {@link Neuron#duty()}). {@code inferenceFactor} scales k in eval mode
 * (default 1: the same k; nupic.torch's {@code k_inference_factor} is 1.5).
 * {@code unitWinners > 0}: the group is made of units and only the top units by mean activity
 * stay active. GraphML: one entry of the graph key {@code groups}, e.g.
 * {@code h1 k=51 boost=1.5 period=1000; h2 unitK=4} (see docs/graphml-schema.md).
 */
public final class NodeGroup {
    private final String name;
    private int kWinners;
    private double boost = DEFAULT_BOOST;
    private int unitWinners;
    private int period = DEFAULT_PERIOD;
    private double inferenceFactor = 1.0;
    private long observations;

    /** Default k-WTA boost strength β (DESIGN.md). */
    public static final double DEFAULT_BOOST = 1.5;
    /** Default duty-cycle period P (DESIGN.md; nupic.torch's {@code duty_cycle_period}). */
    public static final int DEFAULT_PERIOD = 1000;

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
    public int period() { return period; }
    public double inferenceFactor() { return inferenceFactor; }
    /** Observations (sample × step) the duty cycles have seen, {@code L} of DESIGN.md. */
    public long observations() { return observations; }

    public NodeGroup kWinners(int k) { if (k < 0) throw new IllegalArgumentException("k must be >= 0"); this.kWinners = k; return this; }
    public NodeGroup boost(double b) { Params.requireFinite(b, "boost"); this.boost = b; return this; }
    public NodeGroup unitWinners(int k) { if (k < 0) throw new IllegalArgumentException("unit k must be >= 0"); this.unitWinners = k; return this; }
    public NodeGroup period(int p) { if (p < 1) throw new IllegalArgumentException("group '" + name + "': period must be >= 1, got " + p); this.period = p; return this; }
    public NodeGroup inferenceFactor(double f) {
        if (!(f > 0) || !Double.isFinite(f)) throw new IllegalArgumentException("group '" + name + "': inference factor must be > 0, got " + f);
        this.inferenceFactor = f;
        return this;
    }
    public NodeGroup observations(long l) { if (l < 0) throw new IllegalArgumentException("group '" + name + "': observations must be >= 0, got " + l); this.observations = l; return this; }

    /** The spec written into the graph key {@code groups}. */
    public String spec() {
        StringBuilder sb = new StringBuilder(name);
        if (kWinners > 0) sb.append(" k=").append(kWinners);
        if (kWinners > 0 || Double.doubleToRawLongBits(boost) != Double.doubleToRawLongBits(DEFAULT_BOOST)) {
            sb.append(" boost=").append(Double.toString(boost));
        }
        if (period != DEFAULT_PERIOD) sb.append(" period=").append(period);
        if (Double.doubleToRawLongBits(inferenceFactor) != Double.doubleToRawLongBits(1.0)) {
            sb.append(" kInf=").append(Double.toString(inferenceFactor));
        }
        if (observations != 0) sb.append(" seen=").append(observations);
        if (unitWinners > 0) sb.append(" unitK=").append(unitWinners);
        return sb.toString();
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
                case "period": g.period(Integer.parseInt(kv[1])); break;
                case "kInf": g.inferenceFactor(Double.parseDouble(kv[1])); break;
                case "seen": g.observations(Long.parseLong(kv[1])); break;
                default: throw new IllegalArgumentException("group '" + parts[0] + "': unknown setting '" + kv[0]
                        + "' (expected k, boost, period, kInf, seen, unitK)");
            }
        }
        return g;
    }
}
