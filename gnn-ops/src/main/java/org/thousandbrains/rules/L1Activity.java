package org.thousandbrains.rules;

import org.thousandbrains.ops.ForwardPass;

/**
 * The L1 activity penalty {@code α·(1/B)·Σ_{v,t,b} |x_v,b(t)|} over hidden nodes (neither input nor
 * output), added to the loss; its gradient {@code α/B·sign(x)} ({@code 0} at {@code x = 0}) enters the
 * backward pass as a state gradient. The baseline that fired-only is compared to.
 */
public final class L1Activity implements LearningRule {
    private final double alpha;

    /** A penalty of strength {@code alpha >= 0}. */
    public L1Activity(double alpha) {
        if (!(alpha >= 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException("L1 strength must be finite and >= 0, got " + alpha);
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    @Override
    public double addStateLoss(ForwardPass pass, boolean[] hidden, double[][] dStates) {
        int n = pass.nodeCount();
        int B = pass.batch();
        double c = alpha / B;
        double sum = 0;
        for (int t = 1; t <= pass.steps(); t++) {
            double[] x = pass.state(t);
            if (dStates[t] == null) dStates[t] = new double[n * B];
            double[] d = dStates[t];
            for (int v = 0; v < n; v++) {
                if (!hidden[v]) continue;
                for (int b = 0; b < B; b++) {
                    double xv = x[v * B + b];
                    sum += Math.abs(xv);
                    d[v * B + b] += c * Math.signum(xv);
                }
            }
        }
        return c * sum;
    }

    @Override
    public String spec() {
        return "l1=" + alpha;
    }

    @Override
    public String toString() {
        return spec();
    }
}
