package org.thousandbrains.examples;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.thousandbrains.graph.build.RandomNetworks;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * Writes {@code examples/data/recurrent_digits.graphml}, the recurrent example topology for
 * {@code tb train --topology}: a graph nobody could write as layers.
 *
 * <ul>
 *   <li>64 input nodes {@code in0..in63} (one per pixel of the 8×8 digits, node order = feature order);</li>
 *   <li>200 ReLU neurons {@code h0..h199} wired as a sparse random recurrent graph
 *       ({@link RandomNetworks#fixedFanIn}: 10 in-edges from distinct other neurons each, cycles
 *       everywhere), delays uniform in [1, 4] (fractional), Kaiming-normal weights scaled by
 *       {@value #RECURRENT_SCALE};</li>
 *   <li>one k-WTA group {@code h} over the 200 neurons: k = 40 (20%), boost 1.5, duty-cycle period
 *       {@value #PERIOD} observations — 1000 samples at T = 8, as every (sample, step) is one observation;
 *       the period must exceed the B·T observations of one batch, or the duty-cycle update
 *       {@code δ·(P − n)} turns negative;</li>
 *   <li>each neuron reads 16 random pixels (delay 1, weights U(±1/√16));</li>
 *   <li>10 output nodes {@code out0..out9} (node order = class order), each reading every neuron (delay 1,
 *       weights U(±1/√200));</li>
 *   <li>every edge: weight, delay and leak learnable, leak starting at {@value #LEAK}; delays in [1, 8];</li>
 *   <li>graph keys {@code steps = 8}, {@code readout_k = 2}: the readout is the mean of the outputs over
 *       steps 7 and 8.</li>
 * </ul>
 *
 * <pre>java -cp "examples/target/examples-0.1.0-SNAPSHOT.jar:examples/target/lib/*" \
 *     org.thousandbrains.examples.RecurrentTopology [OUT.graphml] [--seed N]</pre>
 */
public final class RecurrentTopology {
    static final int INPUTS = 64;
    static final int HIDDEN = 200;
    static final int OUTPUTS = 10;
    static final int RECURRENT_FAN_IN = 10;
    static final int INPUT_FAN_IN = 16;
    static final int K = 40;
    static final double LEAK = 0.3;
    static final double RECURRENT_SCALE = 0.5;
    static final int STEPS = 8;
    static final int READOUT_K = 2;
    static final int PERIOD = 1000 * STEPS;

    private RecurrentTopology() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("examples/data/recurrent_digits.graphml");
        long seed = 7;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seed")) seed = Long.parseLong(args[++i]);
            else out = Path.of(args[i]);
        }
        Network net = build(seed);
        GraphMLWriter.write(net, out);
        System.out.println("wrote " + out + ": " + net.nodeCount() + " nodes, " + net.synapseCount() + " synapses");
    }

    /** The topology for a seed (the file in examples/data uses seed 7). */
    public static Network build(long seed) {
        Network core = RandomNetworks.fixedFanIn(HIDDEN, RECURRENT_FAN_IN).delays(1, 4).seed(seed).build();
        Network net = new Network();
        net.settings().delayRange(1, 8).readout(STEPS, READOUT_K);
        net.addGroup(new NodeGroup("h").kWinners(K).boost(NodeGroup.DEFAULT_BOOST).period(PERIOD));
        Neuron[] in = new Neuron[INPUTS];
        for (int i = 0; i < INPUTS; i++) in[i] = net.addNode("in" + i, NodeKind.INPUT, Activation.IDENTITY);
        Neuron[] h = new Neuron[HIDDEN];
        for (int v = 0; v < HIDDEN; v++) h[v] = net.addNode("h" + v, NodeKind.NEURON, Activation.RELU).group("h");
        Neuron[] outs = new Neuron[OUTPUTS];
        for (int c = 0; c < OUTPUTS; c++) outs[c] = net.addNode("out" + c, NodeKind.OUTPUT, Activation.IDENTITY);

        for (Synapse s : core.synapses()) {
            int u = Integer.parseInt(core.source(s).id());
            int v = Integer.parseInt(core.target(s).id());
            net.connect(h[u], h[v], RECURRENT_SCALE * s.weight(), s.delay(), LEAK).learnable(Learnable.ALL);
        }
        RandomGenerator rng = new Well19937c(seed + 1);
        int[] pixels = new int[INPUTS];
        for (int i = 0; i < INPUTS; i++) pixels[i] = i;
        double a = 1 / Math.sqrt(INPUT_FAN_IN);
        for (Neuron v : h) {
            for (int j = 0; j < INPUT_FAN_IN; j++) { // partial Fisher–Yates: 16 distinct pixels
                int r = j + rng.nextInt(INPUTS - j);
                int t = pixels[j];
                pixels[j] = pixels[r];
                pixels[r] = t;
                net.connect(in[pixels[j]], v, a * (2 * rng.nextDouble() - 1), 1.0, LEAK).learnable(Learnable.ALL);
            }
            v.bias(0.0);
        }
        double b = 1 / Math.sqrt(HIDDEN);
        for (Neuron o : outs) {
            for (Neuron v : h) net.connect(v, o, b * (2 * rng.nextDouble() - 1), 1.0, LEAK).learnable(Learnable.ALL);
        }
        return net;
    }
}
