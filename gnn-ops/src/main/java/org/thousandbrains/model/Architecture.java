package org.thousandbrains.model;

import java.util.Locale;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;

/**
 * The model families of the main job, built as graphs with {@link LayeredNetwork} and PyTorch's
 * {@code nn.Linear} initialisation, trained like any other graph by {@link GraphClassifier}:
 * <ul>
 *   <li>{@link #TEMPORAL} (the default): what makes the framework different — a synapse has a learnable weight,
 *       fractional delay and leak, and the answer forms over time. Hidden layers of thousand-brains units as
 *       {@link #UNITS} (a quarter of the units win per step); every feed-forward edge starts with a delay drawn
 *       uniformly from [1, 2) and leak {@value #TEMPORAL_LEAK}, all three learnable; the input is held for
 *       {@value #TEMPORAL_STEPS} steps while the signal travels layer to layer and the traces fill, and the
 *       logits are the mean of the outputs over the last {@value #TEMPORAL_READOUT} steps;</li>
 *   <li>{@link #DENSE}: fully connected ReLU layers;</li>
 *   <li>{@link #SPARSE}: Numenta style as nupic.torch — each hidden node keeps 30% of its inputs (a fixed
 *       random mask), identity activation followed by k-WTA keeping 10% with duty-cycle boosting 1.5 (so
 *       winners pass their real value); dense output layer. As nupic.torch's {@code SparseWeights} wraps an
 *       {@code nn.Linear} of the full layer, weights and biases are drawn with the full fan-in,
 *       U(±1/√fan_in), not the kept one;</li>
 *   <li>{@link #UNITS}: thousand-brains units — each hidden layer is made of units of {@value #UNIT_SIZE}
 *       ReLU neurons with inner recursion {@value #UNIT_REC}, a quarter of the units active (top mean
 *       activity), and lateral edges with learnable leak (initial {@value #LATERAL_LEAK}) from each unit
 *       to the next; run for two steps so the lateral traces take part.</li>
 * </ul>
 */
public enum Architecture {
    TEMPORAL, DENSE, SPARSE, UNITS;

    /** Fraction of inputs each sparse hidden node keeps. */
    public static final double WEIGHT_DENSITY = 0.3;
    /** Fraction of each sparse hidden layer that wins the k-WTA. */
    public static final double ACTIVE_FRACTION = 0.1;
    /** Neurons per unit of a {@link #UNITS} layer. */
    public static final int UNIT_SIZE = 16;
    /** Inner recursions of a unit. */
    public static final int UNIT_REC = 2;
    /** Initial leak of the lateral edges between units. */
    public static final double LATERAL_LEAK = 0.5;
    /** Steps T of a {@link #TEMPORAL} pass. */
    public static final int TEMPORAL_STEPS = 6;
    /** Readout window K of a {@link #TEMPORAL} pass: the logits are the outputs' mean over the last K steps. */
    public static final int TEMPORAL_READOUT = 2;
    /** Initial leak of every {@link #TEMPORAL} edge. */
    public static final double TEMPORAL_LEAK = 0.2;

    /** Parses {@code temporal|dense|sparse|units}. */
    public static Architecture parse(String s) {
        for (Architecture a : values()) if (a.label().equals(s.trim().toLowerCase(Locale.ROOT))) return a;
        throw new IllegalArgumentException("unknown model '" + s + "' (expected temporal, dense, sparse or units)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The network {@code inputs → hidden... → outputs} of this family, initialised from {@code seed}, with its
     * readout settings: {@link #steps()} steps, the output states at the last step.
     */
    public Network network(int inputs, int[] hidden, int outputs, long seed) {
        if (hidden.length == 0) throw new IllegalArgumentException("at least one hidden layer is needed");
        LayeredNetwork.Builder b = LayeredNetwork.builder().inputs(inputs);
        for (int h : hidden) {
            switch (this) {
                case DENSE:
                    b.dense(h, Activation.RELU);
                    break;
                case SPARSE:
                    b.sparse(h, WEIGHT_DENSITY, Activation.IDENTITY).kWinners(ACTIVE_FRACTION);
                    break;
                default: // UNITS, TEMPORAL
                    if (h % UNIT_SIZE != 0 || h / UNIT_SIZE < 2) {
                        throw new IllegalArgumentException("a units layer needs a multiple of " + UNIT_SIZE + " neurons (at least "
                                + 2 * UNIT_SIZE + "), got " + h);
                    }
                    int count = h / UNIT_SIZE;
                    b.units(count, UNIT_SIZE, Math.max(1, count / 4), UNIT_REC, Activation.RELU);
                    if (this == UNITS) b.lateral(LATERAL_LEAK);
            }
        }
        if (this == TEMPORAL) b.delay(1.0).learnable(Learnable.ALL);
        else b.delay(0.0);
        Network net = b.outputs(outputs).init(Init.TORCH_LINEAR).seed(seed).build();
        if (this == SPARSE) useFullFanIn(net, inputs, hidden);
        if (this == TEMPORAL) spreadDelays(net, seed);
        net.settings().readout(steps(), this == TEMPORAL ? TEMPORAL_READOUT : 1);
        return net;
    }

    /**
     * Gives every feed-forward edge of a {@link #TEMPORAL} network (those with a learnable delay; unit-internal
     * edges ignore delay and leak) a delay drawn from U[1, 2) and leak {@value #TEMPORAL_LEAK}, from a generator of
     * its own so that weights stay those of the same seed's units family: a fractional delay has a gradient on
     * both sides, and the spread lets training move the delays apart.
     */
    private static void spreadDelays(Network net, long seed) {
        RandomGenerator rng = new Well19937c(seed ^ 0x5DEECE66DL);
        for (Synapse s : net.synapses()) {
            if ((s.learnable() & Learnable.DELAY) != 0) s.delay(1.0 + rng.nextDouble()).leak(TEMPORAL_LEAK);
        }
    }

    /**
     * The builder scales a sparse layer's U(±1/√fan_in) by the kept fan-in; multiplying each node's weights
     * and bias by √(kept / full) gives exactly U(±1/√full), nn.Linear's draw before the mask.
     */
    private static void useFullFanIn(Network net, int inputs, int[] hidden) {
        int previous = inputs;
        for (int layer = 0; layer < hidden.length; layer++) {
            String group = "h" + (layer + 1);
            for (Neuron v : net.nodes()) {
                if (!group.equals(v.group())) continue;
                double scale = Math.sqrt((double) net.graph().inDegreeOf(v) / previous);
                for (Synapse s : net.graph().incomingEdgesOf(v)) s.weight(s.weight() * scale);
                v.bias(v.bias() * scale);
            }
            previous = hidden[layer];
        }
    }

    /** Outer steps per forward pass: 1 for dense and sparse, 2 for units (lateral edges have delay 1), {@value #TEMPORAL_STEPS} for temporal. */
    public int steps() {
        return switch (this) {
            case TEMPORAL -> TEMPORAL_STEPS;
            case UNITS -> 2;
            default -> 1;
        };
    }
}
