package org.thousandbrains.ops;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * The trainable values of one {@link TemporalOperator}, as live arrays that an optimizer updates in
 * place: weight, delay and leak per edge (CSR order of the compiled graph), bias per node, and the
 * overseer normalization's gain γ and shift β per member of an overseen group
 * ({@link org.thousandbrains.graph.compile.GroupStructure#normMembers()} positions). The
 * operator reads them at the start of every forward pass. {@link #learnable()} tells the optimizer
 * which edge values it may change (the operator itself computes every gradient).
 */
public final class Parameters {
    /** Largest leak {@link #clamp()} leaves: the trace recursion needs {@code λ < 1}. */
    public static final double MAX_LEAK = 1.0 - 1e-6;

    private final CompiledGraph graph;
    private final double[] weight;
    private final double[] delay;
    private final double[] leak;
    private final double[] bias;
    private final double[] gain;
    private final double[] shift;

    Parameters(CompiledGraph graph) {
        this.graph = graph;
        this.weight = graph.weight().clone();
        this.delay = graph.delay().clone();
        this.leak = graph.leak().clone();
        this.bias = graph.bias().clone();
        this.gain = graph.groupStructure().normGain().clone();
        this.shift = graph.groupStructure().normShift().clone();
    }

    /** Edge weights {@code [E]}, CSR order. */
    public double[] weight() { return weight; }
    /** Edge delays {@code [E]}, CSR order. */
    public double[] delay() { return delay; }
    /** Edge leaks {@code [E]}, CSR order. */
    public double[] leak() { return leak; }
    /** Node biases {@code [N]}. */
    public double[] bias() { return bias; }
    /** Gains γ per overseen-group member position ({@code normMembers()}); empty without overseers. */
    public double[] gain() { return gain; }
    /** Shifts β per overseen-group member position; empty without overseers. */
    public double[] shift() { return shift; }
    /** {@link org.thousandbrains.graph.topology.Learnable} bits per edge (CSR order); read only. */
    public byte[] learnable() { return graph.learnable(); }

    /**
     * Puts every delay back into {@code [delayFloor(e), d_max]} (so training never creates an instant
     * cycle) and every leak into {@code [0, MAX_LEAK]}; call after each optimizer step.
     */
    public void clamp() {
        clampDelays();
        for (int e = 0; e < leak.length; e++) {
            leak[e] = Math.min(MAX_LEAK, Math.max(0.0, leak[e]));
        }
    }

    /** Puts every delay back into {@code [delayFloor(e), d_max]}. */
    public void clampDelays() {
        double dMax = graph.dMax();
        for (int e = 0; e < delay.length; e++) {
            delay[e] = Math.min(dMax, Math.max(graph.delayFloor(e), delay[e]));
        }
    }

    /** Copies all values from {@code other} (same graph shape), e.g. for an EMA teacher or a checkpoint restore. */
    public void copyFrom(Parameters other) {
        if (other.weight.length != weight.length || other.bias.length != bias.length) {
            throw new IllegalArgumentException("parameters of a different graph: E=" + other.weight.length
                    + ", N=" + other.bias.length + " vs E=" + weight.length + ", N=" + bias.length);
        }
        System.arraycopy(other.weight, 0, weight, 0, weight.length);
        System.arraycopy(other.delay, 0, delay, 0, delay.length);
        System.arraycopy(other.leak, 0, leak, 0, leak.length);
        System.arraycopy(other.bias, 0, bias, 0, bias.length);
        System.arraycopy(other.gain, 0, gain, 0, gain.length);
        System.arraycopy(other.shift, 0, shift, 0, shift.length);
    }

    /**
     * The compiled graph with the current edge values and biases (copies), e.g. to export a trained network;
     * gains and shifts are not part of it ({@code EdgeTable.of(graph, ..., gain, shift, mean, variance)} carries them).
     */
    public CompiledGraph toCompiledGraph() {
        return graph.withParameters(weight.clone(), delay.clone(), leak.clone(), bias.clone());
    }
}
