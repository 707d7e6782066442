package org.thousandbrains.sim;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * How a {@link Simulation} scales the weights before it runs. An edge counts with its effective
 * gain {@code |w_e|/(1 − λ_e)} (a leaky trace sums a constant input to {@code 1/(1 − λ)} times it).
 *
 * <ul>
 * <li>{@link #inStrength(double) inStrength(g)} (the default, g = 0.9): every node's in-edges are
 *     scaled by one factor per node so that its in-strength {@code Σ_{e→v} |w_e|/(1 − λ_e)} is
 *     {@code g < 1} (nodes without in-edges are left alone). Each node then sees a weighted mean of
 *     its inputs, in proportion to their synapse counts, times g (GCN's and GraphSAGE's mean
 *     aggregation, {@code D⁻¹A}, with a gain). For activations with {@code |φ(a)| ≤ |a|} (relu, tanh,
 *     identity) and zero biases every state stays within {@code A/(1 − g)} for a drive of amplitude A,
 *     at every step, whatever the delays (by induction over t: {@code |x_v(t)| ≤ g·max|x| + A}). A
 *     guaranteed bound is what a raw connectome lacks: synapse counts as weights make every node
 *     amplify its inputs (the C. elegans graph's states reach 9e14 after 16 steps).</li>
 * <li>{@link #spectralRadius(double) spectralRadius(g)}: one factor for all edges, so that the spectral
 *     radius of the matrix of effective gains is g (power iteration); relative strengths across nodes
 *     stay as in the file, and for non-negative weights with any delays the linear dynamics decay
 *     (asymptotically stable, as an echo-state reservoir), but there is no bound at every step.</li>
 * <li>{@link #none()}: the weights as given.</li>
 * </ul>
 */
public final class Normalization {
    private enum Kind { NONE, IN_STRENGTH, SPECTRAL_RADIUS }

    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-10;

    private final Kind kind;
    private final double gain;

    private Normalization(Kind kind, double gain) {
        if (kind != Kind.NONE && !(gain > 0 && Double.isFinite(gain))) {
            throw new IllegalArgumentException("normalization target must be positive and finite, got " + gain);
        }
        this.kind = kind;
        this.gain = gain;
    }

    public static Normalization none() {
        return new Normalization(Kind.NONE, 1);
    }

    /** One factor per node so that each node's in-strength is {@code g}. */
    public static Normalization inStrength(double g) {
        return new Normalization(Kind.IN_STRENGTH, g);
    }

    /** One factor so that the spectral radius of the effective gains is {@code g}. */
    public static Normalization spectralRadius(double g) {
        return new Normalization(Kind.SPECTRAL_RADIUS, g);
    }

    /** Parses {@code none}, {@code in-strength[=G]} or {@code spectral[=G]} (G default 0.9). */
    public static Normalization parse(String spec) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        String name = eq < 0 ? s : s.substring(0, eq).trim();
        double g = 0.9;
        if (eq >= 0) {
            try {
                g = Double.parseDouble(s.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("normalization '" + spec + "': '" + s.substring(eq + 1).trim() + "' is not a number");
            }
        }
        switch (name) {
            case "none": if (eq < 0) return none(); break;
            case "in-strength": return inStrength(g);
            case "spectral": return spectralRadius(g);
            default: break;
        }
        throw new IllegalArgumentException("normalization '" + spec + "': expected none, in-strength[=G] or spectral[=G]");
    }

    /** The target g (1 for none). */
    public double target() { return gain; }

    /**
     * Scales {@code weight} (CSR order of {@code graph}, edges grouped by target) in place, with leaks
     * {@code leak}, and returns the factor each node's in-edges got ({@code [N]}; 1 where nothing changed).
     */
    public double[] apply(CompiledGraph graph, double[] weight, double[] leak) {
        int n = graph.nodeCount();
        int[] row = graph.rowPtr();
        double[] factor = new double[n];
        java.util.Arrays.fill(factor, 1);
        if (kind == Kind.IN_STRENGTH) {
            for (int v = 0; v < n; v++) {
                double sum = 0;
                for (int e = row[v]; e < row[v + 1]; e++) sum += gainOf(weight[e], leak[e]);
                if (sum > 0) factor[v] = gain / sum;
            }
        } else if (kind == Kind.SPECTRAL_RADIUS) {
            double rho = spectralRadius(graph, weight, leak);
            if (rho > 0) java.util.Arrays.fill(factor, gain / rho);
        }
        for (int v = 0; v < n; v++) {
            for (int e = row[v]; e < row[v + 1]; e++) weight[e] *= factor[v];
        }
        return factor;
    }

    /**
     * Perron root of the non-negative matrix {@code M[v][u] = Σ |w_e|/(1 − λ_e)} by power iteration on
     * {@code M + I} (same eigenvector, root + 1; the shift keeps a periodic graph from oscillating).
     */
    static double spectralRadius(CompiledGraph graph, double[] weight, double[] leak) {
        int n = graph.nodeCount();
        int[] row = graph.rowPtr();
        int[] src = graph.src();
        double[] x = new double[n];
        double[] y = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        double lambda = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double norm = 0;
            for (int v = 0; v < n; v++) {
                double s = x[v];
                for (int e = row[v]; e < row[v + 1]; e++) s += gainOf(weight[e], leak[e]) * x[src[e]];
                y[v] = s;
                norm += s;
            }
            for (int v = 0; v < n; v++) x[v] = y[v] / norm;
            boolean converged = Math.abs(norm - lambda) <= TOLERANCE * norm;
            lambda = norm;
            if (converged) break;
        }
        return lambda - 1;
    }

    private static double gainOf(double w, double leak) {
        return Math.abs(w) / (1 - leak);
    }

    /** E.g. {@code in-strength=0.9}, the spec {@link #parse} reads back. */
    @Override
    public String toString() {
        switch (kind) {
            case IN_STRENGTH: return "in-strength=" + gain;
            case SPECTRAL_RADIUS: return "spectral=" + gain;
            default: return "none";
        }
    }
}
