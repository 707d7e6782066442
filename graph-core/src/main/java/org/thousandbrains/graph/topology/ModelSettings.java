package org.thousandbrains.graph.topology;

/**
 * Model-wide settings stored as GraphML graph keys: the admissible delay range
 * {@code [dMin, dMax]} (default {@code [1, 8]}; delays below 1 make "instant" edges and need
 * {@code dMin < 1}), and the readout: {@code steps} T per forward pass (default 1) and the
 * readout window K (default 1: the output states at T; K &gt; 1: their mean over the last K steps).
 */
public final class ModelSettings {
    public static final double DEFAULT_D_MIN = 1.0;
    public static final double DEFAULT_D_MAX = 8.0;

    private double dMin = DEFAULT_D_MIN;
    private double dMax = DEFAULT_D_MAX;
    private int steps = 1;
    private int readoutWindow = 1;

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

    /** Ring-buffer depth ⌈d_max⌉ + 1 needed to read any admissible delay. */
    public int historyDepth() {
        return (int) Math.ceil(dMax) + 1;
    }
}
