package org.thousandbrains.graph.build;

import java.util.Arrays;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.NodeKind;

/**
 * Large seeded random graphs built straight into an {@link EdgeTable} (no per-edge objects),
 * for benchmarks and property tests: uniform random sources and targets (self-loops and
 * parallel edges allowed, as in biology), weights N(0, 1/fan-in), delays uniform in
 * {@code [delayMin, delayMax)}, leaks uniform in {@code [0, leakMax]}.
 */
public final class RandomGraphs {
    private RandomGraphs() {
    }

    /** Settings of {@link #uniform}; defaults match {@code tb bench propagate}: delays in [1, 8), leaks in [0, 0.9], relu. */
    public static final class Spec {
        int nodes = 1000;
        long edges = 10_000;
        long seed = 42;
        double delayMin = 1.0;
        double delayMax = 8.0;
        double leakMax = 0.9;
        Activation activation = Activation.RELU;
        int inputs = 0;

        public Spec nodes(int n) { this.nodes = n; return this; }
        public Spec edges(long e) { this.edges = e; return this; }
        public Spec seed(long s) { this.seed = s; return this; }
        public Spec delays(double min, double max) { this.delayMin = min; this.delayMax = max; return this; }
        public Spec leakMax(double l) { this.leakMax = l; return this; }
        public Spec activation(Activation a) { this.activation = a; return this; }
        /** The first {@code k} nodes become clamped inputs. */
        public Spec inputs(int k) { this.inputs = k; return this; }
    }

    public static Spec spec() {
        return new Spec();
    }

    /** Builds the graph described by {@code s}; delays all ≥ 1 so every graph compiles. */
    public static EdgeTable uniform(Spec s) {
        if (s.edges > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("at most 2^31 edges");
        if (s.delayMin < 1.0) throw new IllegalArgumentException("random graphs have cycles: delays must be >= 1");
        int n = s.nodes;
        int e = (int) s.edges;
        RandomGenerator rng = new Well19937c(s.seed);
        String[] ids = new String[n];
        NodeKind[] kind = new NodeKind[n];
        Activation[] act = new Activation[n];
        for (int v = 0; v < n; v++) {
            ids[v] = Integer.toString(v);
            kind[v] = v < s.inputs ? NodeKind.INPUT : NodeKind.NEURON;
            act[v] = v < s.inputs ? Activation.IDENTITY : s.activation;
        }
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] w = new double[e];
        double[] d = new double[e];
        double[] lam = new double[e];
        byte[] learn = new byte[e];
        Arrays.fill(learn, (byte) Learnable.ALL);
        double fanIn = Math.max(1.0, (double) e / n);
        double std = Math.sqrt(1.0 / fanIn);
        for (int k = 0; k < e; k++) {
            src[k] = rng.nextInt(n);
            dst[k] = rng.nextInt(n);
            w[k] = rng.nextGaussian() * std;
            d[k] = s.delayMin + rng.nextDouble() * (s.delayMax - s.delayMin);
            lam[k] = rng.nextDouble() * s.leakMax;
        }
        double dMax = Math.max(8.0, Math.ceil(s.delayMax));
        return new EdgeTable(ids, kind, act, new double[n], new double[n], filled(n, -1), new String[0],
                filled(n, -1), new String[0], src, dst, w, d, lam, learn, Math.min(1.0, s.delayMin), dMax);
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
