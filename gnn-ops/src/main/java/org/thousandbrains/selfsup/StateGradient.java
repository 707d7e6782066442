package org.thousandbrains.selfsup;

import org.thousandbrains.ops.ForwardPass;

/**
 * The derivative of a loss w.r.t. one pass's readout ({@code [nOut][B]}) and states ({@code x(t)},
 * {@code [N][B]}, {@code t = 0..T}), node-major like the pass; arrays are allocated on first use, so
 * a loss that never touches a step costs nothing there. Losses add into these arrays.
 */
public final class StateGradient {
    private final int nodes;
    private final int batch;
    private final int outputs;
    private final double[][] states;
    private double[] readout;

    StateGradient(ForwardPass pass, int outputs) {
        this.nodes = pass.nodeCount();
        this.batch = pass.batch();
        this.outputs = outputs;
        this.states = new double[pass.steps() + 1][];
    }

    /** {@code ∂L/∂readout}, {@code [nOut][B]}. */
    public double[] readout() {
        if (readout == null) readout = new double[outputs * batch];
        return readout;
    }

    /** {@code ∂L/∂x(t)}, {@code [N][B]}, {@code t = 0..T}. */
    public double[] state(int t) {
        if (t < 0 || t >= states.length) throw new IndexOutOfBoundsException("step " + t + " outside 0.." + (states.length - 1));
        if (states[t] == null) states[t] = new double[nodes * batch];
        return states[t];
    }

    /** The readout seed scaled by {@code s}, or null when no loss touched it. */
    double[] readoutTimes(double s) {
        return readout == null ? null : times(readout, s);
    }

    /** The state seeds scaled by {@code s}, or null when no loss touched any. */
    double[][] statesTimes(double s) {
        double[][] r = null;
        for (int t = 0; t < states.length; t++) {
            if (states[t] == null) continue;
            if (r == null) r = new double[states.length][];
            r[t] = times(states[t], s);
        }
        return r;
    }

    private static double[] times(double[] a, double s) {
        if (s == 1.0) return a;
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] * s;
        return r;
    }
}
