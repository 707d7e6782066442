package org.thousandbrains.graph.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A node of the network: a neuron, a clamped input, a readout output or an overseer.
 * Identity is the object itself (two neurons with equal fields are still two nodes);
 * the string {@link #id()} is unique within one {@link Network}.
 */
public final class Neuron {
    private final String id;
    private NodeKind kind;
    private double bias;
    private Activation activation;
    private String group;
    private String unit;
    private double threshold;
    private double duty;
    private double gain = 1.0;
    private double shift;
    private final Map<String, Attribute> metadata = new LinkedHashMap<>();

    Neuron(String id, NodeKind kind, Activation activation) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    public String id() { return id; }
    public NodeKind kind() { return kind; }
    public double bias() { return bias; }
    public Activation activation() { return activation; }
    /** Name of the node group this node belongs to, or null. */
    public String group() { return group; }
    /** Name of the unit (column) this node belongs to, or null. */
    public String unit() { return unit; }
    /** Firing threshold θ: the node fires at t when x(t) &gt; θ. Default 0. */
    public double threshold() { return threshold; }
    /** k-WTA duty cycle δ of this node (meaningful in a k-WTA group; starts at 0, learnt in training mode). */
    public double duty() { return duty; }
    /** Overseer normalization: learnable gain γ of this member of an overseen group (default 1). */
    public double gain() { return gain; }
    /** Overseer normalization: learnable shift β of this member of an overseen group (default 0). */
    public double shift() { return shift; }
    /** Attributes the model does not interpret, in file order. */
    public Map<String, Attribute> metadata() { return metadata; }

    public Neuron kind(NodeKind k) { this.kind = Objects.requireNonNull(k); return this; }
    public Neuron bias(double b) { Params.requireFinite(b, "bias of node '" + id + "'"); this.bias = b; return this; }
    public Neuron activation(Activation a) { this.activation = Objects.requireNonNull(a); return this; }
    public Neuron group(String g) { this.group = g; return this; }
    public Neuron unit(String u) { this.unit = u; return this; }
    public Neuron threshold(double t) { Params.requireFinite(t, "threshold of node '" + id + "'"); this.threshold = t; return this; }
    public Neuron duty(double d) {
        if (!(d >= 0 && d <= 1)) throw new IllegalArgumentException("duty cycle of node '" + id + "' must lie in [0, 1], got " + d);
        this.duty = d;
        return this;
    }
    public Neuron gain(double g) { Params.requireFinite(g, "gain of node '" + id + "'"); this.gain = g; return this; }
    public Neuron shift(double s) { Params.requireFinite(s, "shift of node '" + id + "'"); this.shift = s; return this; }
    public Neuron attribute(Attribute a) { metadata.put(a.name(), a); return this; }

    @Override
    public String toString() {
        return "node '" + id + "'";
    }
}
