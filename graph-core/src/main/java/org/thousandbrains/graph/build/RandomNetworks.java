package org.thousandbrains.graph.build;

import java.util.Objects;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;

/**
 * Seeded random topologies as {@link Network}s (nodes {@code "0".."n-1"}), for experiments and
 * property tests; {@link RandomGraphs} builds much larger graphs without objects.
 *
 * <pre>{@code
 * Network er = RandomNetworks.erdosRenyi(200, 0.05).inputs(10).outputs(5).seed(7).build();
 * Network ff = RandomNetworks.fixedFanIn(1000, 20).delays(1, 4).leaks(0.5).build();
 * }</pre>
 *
 * Erdős–Rényi: every ordered pair (u, v) is an edge with probability p, independently. Fixed fan-in:
 * every node receives exactly k edges from distinct random sources. The first {@code inputs} nodes are
 * clamped inputs and receive no edges; the last {@code outputs} nodes are identity outputs. Edges are
 * inserted target-major (sources ascending), weights drawn by {@link Init} with fan-in = fan-out = the
 * expected in-degree, delays uniform in {@code [dLo, dHi]} (default 1: every graph is valid despite its
 * cycles), leaks uniform in {@code [0, leakMax]} (default 0). The delay range of the model becomes
 * {@code [min(1, dLo), max(8, ⌈dHi⌉)]}.
 */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /** G(n, p) on ordered pairs. */
    public static Builder erdosRenyi(int n, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("edge probability must lie in [0, 1], got " + p);
        return new Builder(n, p, -1);
    }

    /** Every node gets exactly {@code k} in-edges from distinct random sources. */
    public static Builder fixedFanIn(int n, int k) {
        if (k < 0) throw new IllegalArgumentException("fan-in must be >= 0, got " + k);
        return new Builder(n, Double.NaN, k);
    }

    /** Settings of one random network; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private final int n;
        private final double p;
        private final int fanIn;
        private long seed = 42;
        private int inputs;
        private int outputs;
        private boolean selfLoops;
        private double dLo = 1.0;
        private double dHi = 1.0;
        private double leakMax;
        private Init init = Init.KAIMING_NORMAL;
        private Activation activation = Activation.RELU;

        private Builder(int n, double p, int fanIn) {
            if (n < 0) throw new IllegalArgumentException("node count must be >= 0, got " + n);
            this.n = n;
            this.p = p;
            this.fanIn = fanIn;
        }

        public Builder seed(long s) { this.seed = s; return this; }
        public Builder inputs(int k) { this.inputs = k; return this; }
        public Builder outputs(int k) { this.outputs = k; return this; }
        /** Whether a node may receive an edge from itself (default no). */
        public Builder selfLoops(boolean allowed) { this.selfLoops = allowed; return this; }
        public Builder init(Init scheme) { this.init = Objects.requireNonNull(scheme); return this; }
        /** Activation of the neurons (inputs and outputs stay identity). */
        public Builder activation(Activation a) { this.activation = Objects.requireNonNull(a); return this; }

        /** Delays uniform in {@code [lo, hi]}; below 1 they make instant edges, which cycles forbid. */
        public Builder delays(double lo, double hi) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo < 0 || hi < lo) {
                throw new IllegalArgumentException("delays need 0 <= lo <= hi, got [" + lo + ", " + hi + "]");
            }
            this.dLo = lo;
            this.dHi = hi;
            return this;
        }

        /** Leaks uniform in {@code [0, max]}, {@code max < 1}. */
        public Builder leaks(double max) {
            if (!(max >= 0 && max < 1)) throw new IllegalArgumentException("leak maximum must lie in [0, 1), got " + max);
            this.leakMax = max;
            return this;
        }

        public Network build() {
            if (inputs < 0 || outputs < 0 || inputs + outputs > n) {
                throw new IllegalArgumentException(inputs + " inputs and " + outputs + " outputs do not fit " + n + " nodes");
            }
            int candidates = selfLoops ? n : n - 1;
            if (fanIn > candidates) {
                throw new IllegalArgumentException("fan-in " + fanIn + " exceeds the " + candidates + " possible sources");
            }
            Network net = new Network();
            net.settings().delayRange(Math.min(ModelSettings.DEFAULT_D_MIN, dLo), Math.max(ModelSettings.DEFAULT_D_MAX, Math.ceil(dHi)));
            Neuron[] nodes = new Neuron[n];
            for (int v = 0; v < n; v++) {
                NodeKind kind = v < inputs ? NodeKind.INPUT : v >= n - outputs ? NodeKind.OUTPUT : NodeKind.NEURON;
                nodes[v] = net.addNode(Integer.toString(v), kind, kind == NodeKind.NEURON ? activation : Activation.IDENTITY);
            }
            RandomGenerator rng = new Well19937c(seed);
            double expectedFanIn = Math.max(1.0, fanIn >= 0 ? fanIn : p * candidates);
            int[] pool = new int[Math.max(candidates, 0)];
            for (int i = 0; i < pool.length; i++) pool[i] = i;
            int[] chosen = new int[Math.max(fanIn, 0)];
            for (int v = inputs; v < n; v++) {
                if (fanIn >= 0) {
                    Sampling.subset(pool, fanIn, rng, chosen);
                    for (int c : chosen) connect(net, nodes, c, v, rng, expectedFanIn);
                } else {
                    connectBernoulli(net, nodes, v, candidates, rng, expectedFanIn);
                }
            }
            return net;
        }

        /** Sources of v with probability p each, by geometric skips over the candidate list (O(in-degree)). */
        private void connectBernoulli(Network net, Neuron[] nodes, int v, int candidates, RandomGenerator rng, double fan) {
            if (p == 0) return;
            double logQ = Math.log1p(-p);
            long c = -1;
            while (true) {
                c += p == 1 ? 1 : 1 + (long) Math.floor(Math.log(1.0 - rng.nextDouble()) / logQ);
                if (c >= candidates) return;
                connect(net, nodes, (int) c, v, rng, fan);
            }
        }

        /** Adds the edge from candidate {@code c} (candidates skip v itself unless self-loops are allowed). */
        private void connect(Network net, Neuron[] nodes, int c, int v, RandomGenerator rng, double fan) {
            int u = !selfLoops && c >= v ? c + 1 : c;
            double w = init.weight(rng, fan, fan);
            double d = dLo + rng.nextDouble() * (dHi - dLo);
            double leak = rng.nextDouble() * leakMax;
            net.connect(nodes[u], nodes[v], w, d, leak);
        }
    }
}
