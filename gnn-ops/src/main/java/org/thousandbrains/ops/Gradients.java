package org.thousandbrains.ops;

/**
 * Exact gradients of a scalar loss from {@link TemporalOperator#backward}: per edge (CSR order)
 * {@link #weight()}, {@link #delay()} (right derivative at integer delays), {@link #leak()}; per node
 * {@link #bias()}; {@link #inputs()} in the layout of the {@link Inputs} given to the forward pass
 * (null without inputs); {@link #initialState()} {@code [N][B]} (both null when the operator was told not
 * to form them, {@link TemporalOperator#inputGradients}); {@link #gain()} and {@link #shift()} per
 * overseen-group member position (empty without overseers). Every gradient is computed,
 * learnable masks are the optimizer's business.
 */
public final class Gradients {
    private double[] weight;
    private double[] delay;
    private double[] leak;
    private final int edges;
    private final double[] bias;
    private final float[] inputsF;
    private final double[] inputsD;
    private final double[] initialState;
    private double[] gain = new double[0];
    private double[] shift = new double[0];

    Gradients(double[] weight, double[] delay, double[] leak, double[] bias, float[] inputsF, double[] inputsD,
              double[] initialState) {
        this(weight.length, weight, delay, leak, bias, inputsF, inputsD, initialState);
    }

    private Gradients(int edges, double[] weight, double[] delay, double[] leak, double[] bias, float[] inputsF,
                      double[] inputsD, double[] initialState) {
        this.weight = weight;
        this.edges = edges;
        this.delay = delay;
        this.leak = leak;
        this.bias = bias;
        this.inputsF = inputsF;
        this.inputsD = inputsD;
        this.initialState = initialState;
    }

    static Gradients of(int edges, double[] weight, double[] delay, double[] leak, double[] bias, float[] inputs, double[] x0) {
        return new Gradients(edges, weight, delay, leak, bias, inputs, null, x0);
    }

    static Gradients of(int edges, double[] weight, double[] delay, double[] leak, double[] bias, double[] inputs, double[] x0) {
        return new Gradients(edges, weight, delay, leak, bias, null, inputs, x0);
    }

    /** ∂L/∂w per edge; all zero (made on first call) when the weights are bound and their gradients went to the bound buffer. */
    public double[] weight() {
        if (weight == null) weight = new double[edges];
        return weight;
    }

    /** False when {@link #weight()} is known to be all zero without looking (bound weights). */
    public boolean hasWeight() { return weight != null; }
    /** ∂L/∂d per edge; all zero (made on first call) when every delay is frozen and frozen gradients are skipped. */
    public double[] delay() {
        if (delay == null) delay = new double[edges];
        return delay;
    }

    /** ∂L/∂λ per edge; all zero (made on first call) when every leak is frozen and frozen gradients are skipped. */
    public double[] leak() {
        if (leak == null) leak = new double[edges];
        return leak;
    }

    /** False when {@link #delay()} is known to be all zero without looking (nothing to add). */
    public boolean hasDelay() { return delay != null; }

    /** False when {@link #leak()} is known to be all zero without looking. */
    public boolean hasLeak() { return leak != null; }
    public double[] bias() { return bias; }
    /** ∂L/∂γ per overseen-group member position ({@code GroupStructure.normMembers()}). */
    public double[] gain() { return gain; }
    /** ∂L/∂β per overseen-group member position. */
    public double[] shift() { return shift; }

    Gradients withNormalization(double[] gGain, double[] gShift) {
        this.gain = gGain;
        this.shift = gShift;
        return this;
    }
    public double[] initialState() { return initialState; }

    /** ∂L/∂I in the layout of the forward pass's inputs (a copy in double for FLOAT32 passes), or null. */
    public double[] inputs() {
        if (inputsD != null) return inputsD;
        if (inputsF == null) return null;
        double[] r = new double[inputsF.length];
        for (int i = 0; i < r.length; i++) r[i] = inputsF[i];
        return r;
    }

    /** ∂L/∂I as computed by a FLOAT32 pass, without conversion (null for FLOAT64 or without inputs). */
    public float[] inputsFloat() {
        return inputsF;
    }
}
