package org.thousandbrains.experiments;

import java.util.SplittableRandom;

import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;

/**
 * The graphs of the timing experiments, all read by sequence inputs ({@code input_steps}): leaks 0 and frozen
 * unless said otherwise; weights uniform in {@code ±gain/√fan-in} (as torch's linear layers with gain 1), biases 0.
 */
final class TimingNetworks {
    private TimingNetworks() {
    }

    /**
     * Feedforward coincidence graph for {@link org.thousandbrains.data.PulseTiming}: 2 inputs (A, B) → {@code hidden}
     * ReLU neurons, each reading both inputs through an edge whose delay {@code mode} sets → {@code classes} identity
     * outputs (delay 1, weight learnable). No recurrent edge and no leak, so the delays are the only memory. The readout
     * is the mean of the outputs over all {@code T = L + ⌈d_max⌉ + 1} steps: every arrival of a pulse falls inside it,
     * whatever the delays.
     */
    static Network pulseTiming(DelayMode mode, int steps, int hidden, int classes, double dMax, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = new Network();
        int T = steps + (int) Math.ceil(dMax) + 1;
        net.settings().delayRange(1, dMax).readout(T, T).inputSteps(steps);
        Neuron[] in = inputs(net, 2);
        Neuron[] h = neurons(net, "h", hidden, Activation.RELU);
        Neuron[] out = outputs(net, classes);
        for (Neuron v : h) for (Neuron x : in) edge(net, rng, x, v, 2, mode.delay(rng, dMax), mode.learnable(), 1.0);
        for (Neuron o : out) for (Neuron v : h) edge(net, rng, v, o, hidden, 1.0, Learnable.WEIGHT, 1.0);
        return net;
    }

    /**
     * Recurrent graph for row-sequential images (one row of {@code inputs} pixels per step, {@code rows} steps):
     * inputs → {@code hidden} ReLU neurons, each also reading {@code recurrent} other hidden neurons drawn at random
     * (delay ≥ 1) → {@code classes} identity outputs, read at {@code T = rows + ⌈d_max⌉ + 1}. Every edge's delay is
     * set by {@code mode}.
     */
    static Network rowRecurrent(DelayMode mode, int inputs, int rows, int hidden, int recurrent, int classes, double dMax,
                                long seed) {
        if (recurrent >= hidden) throw new IllegalArgumentException("recurrent fan-in " + recurrent + " needs more than " + hidden + " hidden neurons");
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = new Network();
        int T = rows + (int) Math.ceil(dMax) + 1;
        net.settings().delayRange(1, dMax).readout(T, 1).inputSteps(rows);
        Neuron[] in = inputs(net, inputs);
        Neuron[] h = neurons(net, "h", hidden, Activation.RELU);
        Neuron[] out = outputs(net, classes);
        int fanIn = inputs + recurrent;
        for (int j = 0; j < hidden; j++) {
            for (Neuron x : in) edge(net, rng, x, h[j], fanIn, mode.delay(rng, dMax), mode.learnable(), 1.0);
            for (int k : distinct(rng, hidden, recurrent, j)) {
                edge(net, rng, h[k], h[j], fanIn, mode.delay(rng, dMax), mode.learnable(), 1.0);
            }
        }
        for (Neuron o : out) for (Neuron v : h) edge(net, rng, v, o, hidden, mode.delay(rng, dMax), mode.learnable(), 1.0);
        return net;
    }

    static Neuron[] inputs(Network net, int n) {
        Neuron[] in = new Neuron[n];
        for (int i = 0; i < n; i++) in[i] = net.addNode("in" + i, NodeKind.INPUT, Activation.IDENTITY);
        return in;
    }

    static Neuron[] neurons(Network net, String prefix, int n, Activation act) {
        Neuron[] h = new Neuron[n];
        for (int i = 0; i < n; i++) h[i] = net.addNode(prefix + i, NodeKind.NEURON, act);
        return h;
    }

    static Neuron[] outputs(Network net, int n) {
        Neuron[] out = new Neuron[n];
        for (int c = 0; c < n; c++) out[c] = net.addNode("out" + c, NodeKind.OUTPUT, Activation.IDENTITY);
        return out;
    }

    /** An edge with leak 0 and weight uniform in {@code ±gain/√fanIn}. */
    static void edge(Network net, SplittableRandom rng, Neuron from, Neuron to, int fanIn, double delay, int learnable, double gain) {
        double bound = gain / Math.sqrt(fanIn);
        net.connect(from, to, bound * (2 * rng.nextDouble() - 1), delay, 0.0).learnable(learnable);
    }

    /** {@code k} distinct indices in {@code [0, n)} other than {@code self}, by partial Fisher–Yates. */
    static int[] distinct(SplittableRandom rng, int n, int k, int self) {
        int[] pool = new int[n - 1];
        for (int i = 0, p = 0; i < n; i++) if (i != self) pool[p++] = i;
        for (int i = 0; i < k; i++) {
            int r = i + rng.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[r];
            pool[r] = t;
        }
        return java.util.Arrays.copyOf(pool, k);
    }
}
