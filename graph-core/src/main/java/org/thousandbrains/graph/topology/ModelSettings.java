package org.thousandbrains.graph.topology;

/**
 * Model-wide settings stored as GraphML graph keys: the admissible delay range
 * {@code [dMin, dMax]} (default {@code [1, 8]}; delays below 1 make "instant" edges and need
 * {@code dMin < 1}), and the readout: {@code steps} T per forward pass (default 1) and the
 * readout window K (default 1: the output states at T; K &gt; 1: their mean over the last K steps), and
 * the input steps L (default 0: a sample's features are held constant at the input nodes over all T
 * steps; L &gt; 0: a sample is a sequence of L steps, see {@link #inputSteps()}).
 */
public final class ModelSettings {
    public static final double DEFAULT_D_MIN = 1.0;
    public static final double DEFAULT_D_MAX = 8.0;

    private double dMin = DEFAULT_D_MIN;
    private double dMax = DEFAULT_D_MAX;
    private int steps = 1;
    private int readoutWindow = 1;
    private int inputSteps = 0;

    public double dMin() { return dMin; }
    public double dMax() { return dMax; }

    /** Sets the delay range; requires {@code 0 <= dMin <= dMax}, both finite. */
    public ModelSettings delayRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min < 0 || max < min) {
            throw new IllegalArgumentException("delay range must satisfy 0 <= d_min <= d_max, got [" + min + ", " + max + "]");
        }
        this.dMin = min;
        this.dMax = max;
        return this;
    }

    /** Timesteps T per forward pass. */
    public int steps() { return steps; }
    /** Readout = mean of the output states over the last K steps. */
    public int readoutWindow() { return readoutWindow; }

    /** Sets T and K; requires {@code 1 <= K <= T}. */
    public ModelSettings readout(int steps, int window) {
        if (steps < 1 || window < 1 || window > steps) {
            throw new IllegalArgumentException("readout needs 1 <= K <= T, got T=" + steps + ", K=" + window);
        }
        this.steps = steps;
        this.readoutWindow = window;
        return this;
    }

    /**
     * Input steps L: 0 (default) holds a sample's {@code nIn} features constant at the input nodes over all
     * steps; with L &gt; 0 a sample is {@code L·nIn} values in step-major order (value {@code t·nIn + i} goes
     * to input node {@code i} at step {@code t+1}, for {@code t < L}) and the steps after L get input 0.
     * Compiling checks {@code L <= T}.
     */
    public int inputSteps() { return inputSteps; }

    /** Sets the input steps L; requires {@code L >= 0} (0: features held constant over the steps). */
    public ModelSettings inputSteps(int steps) {
        if (steps < 0) throw new IllegalArgumentException("input_steps must be >= 0 (0: input held constant), got " + steps);
        this.inputSteps = steps;
        return this;
    }

    /** Ring-buffer depth ⌈d_max⌉ + 1 needed to read any admissible delay. */
    public int historyDepth() {
        return (int) Math.ceil(dMax) + 1;
    }
}
