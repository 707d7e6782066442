package org.thousandbrains.rules;

import org.thousandbrains.ops.ForwardPass;

/**
 * Strengthening on correct predictions: after the optimizer step,
 * {@code Δw_e = η_h·(1/B)·Σ_{b correct} Σ_t s_e,b(t)·x_{v_e},b(t)} with the traces and states of the
 * batch's forward. Loss-driven learning barely moves when the answer is already right; this
 * strengthens the edges that carried the right answer. Combined with BPTT ({@code "bptt+hebbian=η"})
 * or fired-only.
 */
public final class HebbianStrengthening implements LearningRule {
    private final double eta;

    /** Strengthening with rate {@code eta >= 0}. */
    public HebbianStrengthening(double eta) {
        if (!(eta >= 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("Hebbian rate must be finite and >= 0, got " + eta);
        this.eta = eta;
    }

    public double eta() {
        return eta;
    }

    @Override
    public boolean needsTraces() {
        return true;
    }

    /** {@code Δw} {@code [E]} (CSR order) of a forward pass whose correctly predicted samples are {@code correct}. */
    public static double[] change(ForwardPass pass, int[] dst, boolean[] correct, double eta) {
        int B = pass.batch();
        if (correct.length != B) throw new IllegalArgumentException("correct has " + correct.length + " entries, batch is " + B);
        int e = dst.length;
        double[] dw = new double[e];
        for (int t = 1; t <= pass.steps(); t++) {
            double[] s = pass.trace(t);
            double[] x = pass.state(t);
            for (int p = 0; p < e; p++) {
                int so = p * B;
                int xo = dst[p] * B;
                double acc = 0;
                for (int b = 0; b < B; b++) if (correct[b]) acc += s[so + b] * x[xo + b];
                dw[p] += acc;
            }
        }
        double c = eta / B;
        for (int p = 0; p < e; p++) dw[p] *= c;
        return dw;
    }

    @Override
    public double[] weightChangeAfterStep(ForwardPass pass, boolean[] correct) {
        return change(pass, pass.graph().dst(), correct, eta);
    }

    @Override
    public String spec() {
        return "hebbian=" + eta;
    }

    @Override
    public String toString() {
        return spec();
    }
}
