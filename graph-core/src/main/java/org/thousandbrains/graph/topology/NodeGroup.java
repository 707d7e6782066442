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
 * stay active.
 *
 * <p><b>Overseer normalization</b> (DESIGN.md, "Seed mechanisms"): a group is <em>overseen</em> when one
 * node of kind {@link NodeKind#OVERSEER} names it as its {@link Neuron#group()} (the overseer is not a
 * member: the members are the group's other nodes; its own bias and activation are not used, its state is
 * the members' mean). Each step its members' pre-activations are
 * normalised, {@code â = γ (a − μ)/sqrt(σ² + ε) + β} with per-member gain γ and shift β
 * ({@link Neuron#gain()}, {@link Neuron#shift()}), and the group keeps the settings here: the rate
 * {@code rho} of the running averages (ρ, default 0.01), {@code epsilon} (ε, default 1e-5), the running
 * mean μ (start 0) and variance σ² (start 1), and {@code batchStatistics}: false (default, the
 * DESIGN.md rule) normalises with the running μ, σ² also in training; true normalises in training with the
 * current step's batch statistics (BatchNorm style, still treated as constants by the backward pass) and
 * with the running ones in eval.
 *
 * <p>GraphML: one entry of the graph key {@code groups}, e.g.
 * {@code h1 k=51 boost=1.5 period=1000; h2 unitK=4; h3 rho=0.05 mean=0.2 var=1.7 stats=batch}
 * (see docs/graphml-schema.md).
 */
public final class NodeGroup {
    private final String name;
    private int kWinners;
    private double boost = DEFAULT_BOOST;
    private int unitWinners;
    private int period = DEFAULT_PERIOD;
    private double inferenceFactor = 1.0;
    private long observations;
    private double rho = DEFAULT_RHO;
    private double epsilon = DEFAULT_EPSILON;
    private double runningMean;
    private double runningVariance = 1.0;
    private boolean batchStatistics;

    /** Default k-WTA boost strength β (DESIGN.md). */
    public static final double DEFAULT_BOOST = 1.5;
    /** Default duty-cycle period P (DESIGN.md; nupic.torch's {@code duty_cycle_period}). */
    public static final int DEFAULT_PERIOD = 1000;
    /** Default rate ρ of an overseen group's running mean and variance (DESIGN.md). */
    public static final double DEFAULT_RHO = 0.01;
    /** Default ε of the overseer normalization. */
    public static final double DEFAULT_EPSILON = 1e-5;

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
    /** Overseer normalization: rate ρ of the running averages, in (0, 1]. */
    public double rho() { return rho; }
    /** Overseer normalization: ε added to the variance, &gt; 0. */
    public double epsilon() { return epsilon; }
    /** Overseer normalization: running mean μ of the members' pre-activations (starts at 0). */
    public double runningMean() { return runningMean; }
    /** Overseer normalization: running variance σ² (starts at 1). */
    public double runningVariance() { return runningVariance; }
    /** Overseer normalization: true to normalise with the batch statistics in training (BatchNorm style). */
    public boolean batchStatistics() { return batchStatistics; }

    public NodeGroup kWinners(int k) { if (k < 0) throw new IllegalArgumentException("k must be >= 0"); this.kWinners = k; return this; }
    public NodeGroup boost(double b) { Params.requireFinite(b, "boost"); this.boost = b; return this; }
    public NodeGroup unitWinners(int k) { if (k < 0) throw new IllegalArgumentException("unit k must be >= 0"); this.unitWinners = k; return this; }
    public NodeGroup period(int p) { if (p < 1) throw new IllegalArgumentException("group '" + name + "': period must be >= 1, got " + p); this.period = p; return this; }
    public NodeGroup inferenceFactor(double f) {
        if (!(f > 0) || !Double.isFinite(f)) throw new IllegalArgumentException("group '" + name + "': inference factor must be > 0, got " + f);
        this.inferenceFactor = f;
        return this;
    }
    public NodeGroup rho(double r) {
        if (!(r > 0 && r <= 1)) throw new IllegalArgumentException("group '" + name + "': rho must lie in (0, 1], got " + r);
        this.rho = r;
        return this;
    }
    public NodeGroup epsilon(double e) {
        if (!(e > 0) || !Double.isFinite(e)) throw new IllegalArgumentException("group '" + name + "': epsilon must be finite and > 0, got " + e);
        this.epsilon = e;
        return this;
    }
    public NodeGroup runningMean(double m) { Params.requireFinite(m, "running mean of group '" + name + "'"); this.runningMean = m; return this; }
    public NodeGroup runningVariance(double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("group '" + name + "': running variance must be finite and >= 0, got " + v);
        this.runningVariance = v;
        return this;
    }
    public NodeGroup batchStatistics(boolean on) { this.batchStatistics = on; return this; }
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
        if (differs(rho, DEFAULT_RHO)) sb.append(" rho=").append(Double.toString(rho));
        if (differs(epsilon, DEFAULT_EPSILON)) sb.append(" eps=").append(Double.toString(epsilon));
        if (differs(runningMean, 0.0)) sb.append(" mean=").append(Double.toString(runningMean));
        if (differs(runningVariance, 1.0)) sb.append(" var=").append(Double.toString(runningVariance));
        if (batchStatistics) sb.append(" stats=batch");
        return sb.toString();
    }

    /** Bit for bit, so that -0.0 and every value read back exactly. */
    private static boolean differs(double a, double b) {
        return Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(b);
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
                case "rho": g.rho(Double.parseDouble(kv[1])); break;
                case "eps": g.epsilon(Double.parseDouble(kv[1])); break;
                case "mean": g.runningMean(Double.parseDouble(kv[1])); break;
                case "var": g.runningVariance(Double.parseDouble(kv[1])); break;
                case "stats": g.batchStatistics(statistics(parts[0], kv[1])); break;
                default: throw new IllegalArgumentException("group '" + parts[0] + "': unknown setting '" + kv[0]
                        + "' (expected k, boost, period, kInf, seen, unitK, rho, eps, mean, var, stats)");
            }
        }
        return g;
    }

    private static boolean statistics(String group, String value) {
        switch (value) {
            case "batch": return true;
            case "running": return false;
            default: throw new IllegalArgumentException("group '" + group + "': stats must be 'batch' or 'running', got '" + value + "'");
        }
    }
}
