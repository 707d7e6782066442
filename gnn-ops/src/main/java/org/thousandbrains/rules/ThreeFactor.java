package org.thousandbrains.rules;

import org.thousandbrains.ops.ForwardPass;

/**
 * Reward-modulated three-factor learning, no backpropagation (DESIGN.md "Learning rules"): each edge
 * keeps an eligibility per sample over an episode, {@code E_e ← γ·E_e + s_e(t)·ψ_{v_e}(t)} from
 * {@code E = 0}, with {@code ψ_v(t) = F_v(t)} (fired) or {@code F_v(t) − p_v(t)} for stochastic nodes
 * that fire with probability {@code p} (a softmax policy's chosen action); after the episode
 * {@code Δw_e = η·mean_b (R_b − R̄)·E_e,b} and the baseline follows the rewards,
 * {@code R̄ ← R̄ + α·(mean_b R_b − R̄)}. Used as a rule on a classifier (the bandit task: reward 1 for
 * the right class) or directly with {@link Eligibility} in a control loop (cart-pole).
 */
public final class ThreeFactor implements LearningRule {
    /** Defaults: trace decay γ, learning rate η, baseline rate α. */
    public static final double GAMMA = 1.0;
    public static final double ETA = 0.05;
    public static final double ALPHA = 0.05;

    private final double gamma;
    private final double eta;
    private final double alpha;
    private double baseline;

    /** The rule with trace decay {@code gamma ∈ [0, 1]}, rate {@code eta >= 0} and baseline rate {@code alpha ∈ [0, 1]}. */
    public ThreeFactor(double gamma, double eta, double alpha) {
        if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("three-factor gamma must lie in [0, 1], got " + gamma);
        if (!(eta >= 0) || !Double.isFinite(eta)) throw new IllegalArgumentException("three-factor eta must be finite and >= 0, got " + eta);
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("three-factor alpha must lie in [0, 1], got " + alpha);
        this.gamma = gamma;
        this.eta = eta;
        this.alpha = alpha;
    }

    /** The rule with the defaults. */
    public ThreeFactor() {
        this(GAMMA, ETA, ALPHA);
    }

    public double gamma() { return gamma; }
    public double eta() { return eta; }
    public double alpha() { return alpha; }
    /** The running reward baseline {@code R̄} (0 at the start). */
    public double baseline() { return baseline; }

    /** Sets {@code R̄}, e.g. when resuming. */
    public void baseline(double value) {
        this.baseline = value;
    }

    @Override
    public boolean backpropagates() {
        return false;
    }

    @Override
    public boolean needsTraces() {
        return true;
    }

    /** Fresh eligibilities (all 0) for {@code edges} edges and a batch of {@code batch} episodes. */
    public Eligibility eligibility(int edges, int batch) {
        return new Eligibility(edges, batch, gamma);
    }

    /**
     * Ends an episode: {@code Δw_e = η·mean_b (R_b − R̄)·E_e,b} ({@code [E]}), then moves the baseline
     * towards {@code mean_b R_b}.
     */
    public double[] update(Eligibility el, double[] rewards) {
        int B = el.batch;
        if (rewards.length != B) throw new IllegalArgumentException("rewards has " + rewards.length + " entries, batch is " + B);
        double mean = 0;
        for (double r : rewards) mean += r;
        mean /= B;
        double[] dw = new double[el.edges];
        for (int p = 0; p < el.edges; p++) {
            double acc = 0;
            for (int b = 0; b < B; b++) acc += (rewards[b] - baseline) * el.values[p * B + b];
            dw[p] = eta * acc / B;
        }
        baseline += alpha * (mean - baseline);
        return dw;
    }

    @Override
    public String spec() {
        return "three-factor=" + eta + ",gamma=" + gamma + ",alpha=" + alpha;
    }

    @Override
    public String toString() {
        return spec();
    }

    /** Eligibility traces {@code E} {@code [E][B]} of a batch of episodes. */
    public static final class Eligibility {
        private final int edges;
        private final int batch;
        private final double gamma;
        private final double[] values;

        Eligibility(int edges, int batch, double gamma) {
            this.edges = edges;
            this.batch = batch;
            this.gamma = gamma;
            this.values = new double[edges * batch];
        }

        /** The traces, {@code [E][B]} (index {@code e·B + b}, CSR order); live, not a copy. */
        public double[] values() {
            return values;
        }

        /**
         * Advances over every step of a forward pass: {@code E ← γE + s_e(t)·ψ_{v_e}(t)} for
         * {@code t = 1..T}, with {@code psi[t]} ({@code [N][B]}, {@code t = 1..T}; index 0 unused) — see
         * {@link #firing} for {@code ψ = F}. Needs the pass's traces (record internals).
         */
        public void accumulate(ForwardPass pass, double[][] psi) {
            int B = pass.batch();
            if (B != batch) throw new IllegalArgumentException("pass batch " + B + " != eligibility batch " + batch);
            int[] dst = pass.graph().dst();
            if (dst.length != edges) throw new IllegalArgumentException("pass has " + dst.length + " edges, eligibility " + edges);
            for (int t = 1; t <= pass.steps(); t++) {
                double[] s = pass.trace(t);
                double[] p = psi[t];
                for (int e = 0; e < edges; e++) {
                    int o = e * B;
                    int po = dst[e] * B;
                    for (int b = 0; b < B; b++) values[o + b] = gamma * values[o + b] + s[o + b] * p[po + b];
                }
            }
        }

        /** {@code ψ = F}: the pass's firing masks as {@code psi[t]} ({@code [N][B]}, index 0 unused). */
        public static double[][] firing(ForwardPass pass) {
            double[][] psi = new double[pass.steps() + 1][];
            for (int t = 1; t <= pass.steps(); t++) {
                boolean[] f = pass.firing(t);
                double[] p = new double[f.length];
                for (int i = 0; i < f.length; i++) p[i] = f[i] ? 1 : 0;
                psi[t] = p;
            }
            return psi;
        }
    }
}
