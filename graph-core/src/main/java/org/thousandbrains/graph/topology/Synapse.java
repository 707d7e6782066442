package org.thousandbrains.graph.topology;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An edge of the network: a synapse with weight w, delay d (timesteps, fractional allowed)
 * and leak λ ∈ [0, 1) of its trace. Parallel synapses and self-loops are kept; identity is
 * the object, so two synapses between the same pair are two edges.
 */
public final class Synapse {
    private double weight;
    private double delay;
    private double leak;
    private int learnable;
    private String id;
    private final Map<String, Attribute> metadata = new LinkedHashMap<>();

    Synapse(double weight, double delay, double leak, int learnable) {
        weight(weight);
        delay(delay);
        leak(leak);
        this.learnable = learnable;
    }

    public double weight() { return weight; }
    public double delay() { return delay; }
    public double leak() { return leak; }
    /** Bit set of {@link Learnable} flags. */
    public int learnable() { return learnable; }
    /** Edge id from the source file, or null; not necessarily unique (NetworkX repeats them). */
    public String id() { return id; }
    public Map<String, Attribute> metadata() { return metadata; }

    public Synapse weight(double w) { Params.requireFinite(w, "weight"); this.weight = w; return this; }
    public Synapse delay(double d) { Params.requireFinite(d, "delay"); this.delay = d; return this; }
    public Synapse leak(double l) { Params.requireFinite(l, "leak"); this.leak = l; return this; }
    public Synapse learnable(int mask) { this.learnable = mask; return this; }
    public Synapse id(String edgeId) { this.id = edgeId; return this; }
    public Synapse attribute(Attribute a) { metadata.put(a.name(), a); return this; }
}
