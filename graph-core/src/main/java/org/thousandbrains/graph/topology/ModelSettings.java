package org.thousandbrains.graph.topology;

/**
 * Model-wide settings stored as GraphML graph keys: the admissible delay range
 * {@code [dMin, dMax]} (default {@code [1, 8]}). Delays below 1 make "instant" edges and need
 * {@code dMin < 1}.
 */
public final class ModelSettings {
    public static final double DEFAULT_D_MIN = 1.0;
    public static final double DEFAULT_D_MAX = 8.0;

    private double dMin = DEFAULT_D_MIN;
    private double dMax = DEFAULT_D_MAX;

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

    /** Ring-buffer depth ⌈d_max⌉ + 1 needed to read any admissible delay. */
    public int historyDepth() {
        return (int) Math.ceil(dMax) + 1;
    }
}
