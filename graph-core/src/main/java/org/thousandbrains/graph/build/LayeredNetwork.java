package org.thousandbrains.graph.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.ModelSettings;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeGroup;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Unit;

/**
 * Layer-by-layer construction of a {@link Network}, reading like a model definition in a notebook:
 *
 * <pre>{@code
 * Network net = LayeredNetwork.builder()
 *     .inputs(784)                           // group "input": "input:0".."input:783", INPUT, identity
 *     .dense(512, Activation.RELU)           // group "h1", fully connected from the previous layer
 *     .sparse(512, 0.3, Activation.RELU)     // group "h2", each node keeps round(0.3·fanIn) random inputs
 *     .kWinners(0.1)                         // k-WTA on the last layer: k = round(0.1·size), boost 1.5
 *     .overseer().overseerFeedsNext()        // overseer normalization of h2; node "h2:overseer" feeds h3 (delay 1)
 *     .units(16, 32, 4, 2, Activation.RELU)  // group "h3": 16 units "h3.u0".. of 32 neurons, rec 2, top 4 units win
 *     .lateral(0.5)                          // unit i → unit i+1 (mod n), neuron j → neuron j, leak 0.5, delay 1
 *     .outputs(10)                           // group "output": OUTPUT, identity
 *     .delay(0.0)                            // feed-forward delay; 0 = one step is one MLP forward
 *     .init(Init.TORCH_LINEAR).seed(42)
 *     .build();
 * }</pre>
 *
 * <p>Wiring. Hidden groups are named {@code h1, h2, ...} in order; node ids are {@code group:index}.
 * Each non-input layer receives feed-forward edges from the previous layer (delay {@link Builder#delay},
 * leak 0, learnable weight only unless {@link Builder#learnable} says otherwise); a sparse layer's
 * absent edges are its fixed mask. A unit layer's neurons also receive dense edges from every member of
 * their own unit, self included (delay 1, leak 0, learnable weight): DESIGN.md applies such unit-internal
 * edges {@code rec} times per step and ignores their delay and leak. Lateral edges (delay 1, learnable
 * weight and leak) are ordinary edges between neighbouring units.
 *
 * <p>Edge order. Edges into a layer are inserted target-major: for each target node in order, its
 * feed-forward sources in layer order, then its unit's members in order, then its lateral source. The
 * compiled CSR row of a node therefore lists its sources in that order.
 *
 * <p>Initialisation. One {@link Well19937c} seeded with {@link Builder#seed} draws, target by target,
 * each weight and then the bias, with {@link Init} scaled per block: feed-forward fan-in = number of kept
 * sources, fan-out = average out-degree of a source into the layer; unit-internal and lateral blocks use
 * the unit size for both (as {@code nn.RNN} scales its hidden-to-hidden weights by the hidden size).
 * Biases follow the feed-forward fan-in.
 *
 * <p>Overseer. {@link Builder#overseer()} adds node {@code <group>:overseer} (kind OVERSEER) after the
 * layer's nodes: the layer's pre-activations are normalised every step (DESIGN.md, "Seed mechanisms") and
 * the overseer's state is the layer's mean activity. With {@link Builder#overseerFeedsNext()} it sends an
 * edge to every node of the next layer (delay 1, weight 0 so the start equals the plain network, learnable
 * weight), inserted after that node's other in-edges.
 *
 * <p>Delays. The model's delay range becomes {@code [min(1, delay), max(8, ⌈delay⌉)]}, so the default
 * delay 0 sets {@code d_min = 0}.
 */
public final class LayeredNetwork {
    private LayeredNetwork() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records layers and settings; {@link #build()} creates the network. */
    public static final class Builder {
        private final List<LayerSpec> layers = new ArrayList<>();
        private int hidden;
        private boolean closed;
        private double delay = 0.0;
        private Init init = Init.TORCH_LINEAR;
        private long seed = 42;
        private int feedForwardLearnable = Learnable.WEIGHT;

        private Builder() {
        }

        /** The input layer, group {@code input}: {@code n} clamped identity nodes. Must come first. */
        public Builder inputs(int n) {
            if (!layers.isEmpty()) throw new IllegalStateException("inputs(n) must be the first layer");
            requirePositive(n, "input count");
            layers.add(LayerSpec.plain("input", NodeKind.INPUT, n, Activation.IDENTITY, 1.0));
            return this;
        }

        /** A hidden layer fully connected from the previous layer. */
        public Builder dense(int n, Activation activation) {
            return sparse(n, 1.0, activation);
        }

        /** A hidden layer whose nodes each keep max(1, round(density·fanIn)) distinct random inputs. */
        public Builder sparse(int n, double density, Activation activation) {
            requireOpen("a hidden layer");
            requirePositive(n, "layer size");
            if (!(density > 0 && density <= 1)) throw new IllegalArgumentException("density must lie in (0, 1], got " + density);
            layers.add(LayerSpec.plain("h" + (++hidden), NodeKind.NEURON, n, Objects.requireNonNull(activation), density));
            return this;
        }

        /** k-WTA on the last added layer with k = round(fraction·size) and boost 1.5. */
        public Builder kWinners(double fraction) {
            return kWinners(fraction, 1.5);
        }

        /** k-WTA on the last added layer with k = round(fraction·size) and the given duty-cycle boost. */
        public Builder kWinners(double fraction, double boost) {
            LayerSpec last = last("kWinners");
            if (last.kind == NodeKind.INPUT) throw new IllegalStateException("kWinners applies to a hidden or output layer, not the inputs");
            long k = Math.round(fraction * last.size);
            if (!(fraction > 0) || k < 1 || k > last.size) {
                throw new IllegalArgumentException("kWinners(" + fraction + ") on layer '" + last.name + "' of size "
                        + last.size + " gives k=" + k + "; need 1 <= k <= size");
            }
            if (!Double.isFinite(boost) || boost < 0) throw new IllegalArgumentException("boost must be finite and >= 0, got " + boost);
            last.kWinners = (int) k;
            last.boost = boost;
            return this;
        }

        /**
         * Overseer normalization on the last added hidden layer (not on units): per step its members use
         * {@code γ (a − μ)/sqrt(σ² + ε) + β} with running μ, σ² (ρ = 0.01), and node {@code <layer>:overseer}
         * holds the layer's mean state. On a k-WTA layer the normalised values compete.
         */
        public Builder overseer() {
            LayerSpec last = last("overseer");
            if (last.kind == NodeKind.INPUT) throw new IllegalStateException("overseer() applies to a hidden or output layer, not the inputs");
            if (last.hasUnits()) {
                throw new IllegalStateException("overseer() applies to node layers; '" + last.name + "' is a unit layer");
            }
            last.overseen = true;
            return this;
        }

        /** After {@link #overseer()}: the overseer node feeds every node of the next layer (delay 1, weight 0, learnable). */
        public Builder overseerFeedsNext() {
            LayerSpec last = overseen("overseerFeedsNext");
            if (last.kind == NodeKind.OUTPUT) throw new IllegalStateException("overseerFeedsNext() needs a layer after '" + last.name + "'");
            last.overseerFeedsNext = true;
            return this;
        }

        /** After {@link #overseer()}: normalise with each step's batch statistics in training (BatchNorm style), running ones in eval. */
        public Builder batchStatistics() {
            overseen("batchStatistics").batchStatistics = true;
            return this;
        }

        private LayerSpec overseen(String what) {
            LayerSpec last = last(what);
            if (!last.overseen) throw new IllegalStateException(what + "() needs overseer() on layer '" + last.name + "' first");
            return last;
        }

        /**
         * A layer of {@code count} units of {@code size} neurons each, dense input from the previous layer,
         * dense internal edges applied {@code rec} times per step, and the top {@code winners} units active.
         */
        public Builder units(int count, int size, int winners, int rec, Activation activation) {
            requireOpen("a unit layer");
            requirePositive(count, "unit count");
            requirePositive(size, "unit size");
            if (winners < 1 || winners > count) throw new IllegalArgumentException("unit winners must lie in [1, " + count + "], got " + winners);
            requirePositive(rec, "rec");
            layers.add(LayerSpec.units("h" + (++hidden), count, size, winners, rec, Objects.requireNonNull(activation)));
            return this;
        }

        /** Lateral edges between neighbouring units of the last (unit) layer, learnable leak starting at {@code leak}. */
        public Builder lateral(double leak) {
            LayerSpec last = last("lateral");
            if (!last.hasUnits()) throw new IllegalStateException("lateral(...) needs a unit layer just before it; '" + last.name + "' has no units");
            if (last.units < 2) throw new IllegalStateException("lateral(...) needs at least 2 units in '" + last.name + "'");
            if (!(leak >= 0 && leak < 1)) throw new IllegalArgumentException("lateral leak must lie in [0, 1), got " + leak);
            last.lateralLeak = leak;
            return this;
        }

        /** The output layer, group {@code output}: {@code n} identity readout nodes, densely connected. Must come last. */
        public Builder outputs(int n) {
            requireOpen("outputs");
            requirePositive(n, "output count");
            layers.add(LayerSpec.plain("output", NodeKind.OUTPUT, n, Activation.IDENTITY, 1.0));
            closed = true;
            return this;
        }

        /** Delay of every feed-forward edge (default 0: instant, one step is one forward pass). */
        public Builder delay(double d) {
            if (!Double.isFinite(d) || d < 0) throw new IllegalArgumentException("delay must be finite and >= 0, got " + d);
            this.delay = d;
            return this;
        }

        /** Weight initialisation scheme (default {@link Init#TORCH_LINEAR}). */
        public Builder init(Init scheme) {
            this.init = Objects.requireNonNull(scheme);
            return this;
        }

        /** Seed of the generator behind initial weights and sparse masks (default 42). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Which parameters of feed-forward edges train, as a {@link Learnable} mask (default weight only). */
        public Builder learnable(int mask) {
            if ((mask & ~Learnable.ALL) != 0) throw new IllegalArgumentException("unknown learnable bits in mask " + mask);
            this.feedForwardLearnable = mask;
            return this;
        }

        /** Creates the network; the builder can be reused and yields the same network for the same seed. */
        public Network build() {
            if (layers.isEmpty()) throw new IllegalStateException("no layers: start with inputs(n)");
            if (!closed) throw new IllegalStateException("finish with outputs(n) before build()");
            Network net = new Network();
            net.settings().delayRange(Math.min(delay, ModelSettings.DEFAULT_D_MIN),
                    Math.max(ModelSettings.DEFAULT_D_MAX, Math.ceil(delay)));
            RandomGenerator rng = new Well19937c(seed);
            Neuron[] previous = null;
            Neuron feeding = null;
            for (LayerSpec layer : layers) {
                Neuron[] nodes = addNodes(net, layer);
                if (previous != null) wire(net, layer, previous, nodes, rng, feeding);
                feeding = null;
                if (layer.overseen) {
                    Neuron o = net.addNode(layer.overseerId(), NodeKind.OVERSEER, Activation.IDENTITY).group(layer.name);
                    if (layer.overseerFeedsNext) feeding = o;
                }
                previous = nodes;
            }
            return net;
        }

        private static Neuron[] addNodes(Network net, LayerSpec layer) {
            NodeGroup group = net.addGroup(new NodeGroup(layer.name));
            if (layer.kWinners > 0) group.kWinners(layer.kWinners).boost(layer.boost);
            group.batchStatistics(layer.batchStatistics);
            if (layer.hasUnits()) {
                group.unitWinners(layer.unitWinners);
                for (int u = 0; u < layer.units; u++) net.addUnit(new Unit(layer.unitName(u)).rec(layer.rec));
            }
            Neuron[] nodes = new Neuron[layer.size];
            for (int i = 0; i < layer.size; i++) {
                nodes[i] = net.addNode(layer.nodeId(i), layer.kind, layer.activation).group(layer.name);
                if (layer.hasUnits()) nodes[i].unit(layer.unitName(i / layer.unitSize));
            }
            return nodes;
        }

        private void wire(Network net, LayerSpec layer, Neuron[] previous, Neuron[] nodes, RandomGenerator rng, Neuron overseer) {
            int fanIn = layer.keep(previous.length);
            double fanOut = (double) fanIn * nodes.length / previous.length;
            int[] pool = new int[previous.length];
            for (int i = 0; i < pool.length; i++) pool[i] = i;
            int[] sources = Arrays.copyOf(pool, fanIn);
            for (int v = 0; v < nodes.length; v++) {
                Neuron target = nodes[v];
                if (fanIn < previous.length) Sampling.subset(pool, fanIn, rng, sources);
                for (int u : sources) {
                    net.connect(previous[u], target, init.weight(rng, fanIn, fanOut), delay, 0.0)
                            .learnable(feedForwardLearnable);
                }
                if (layer.hasUnits()) wireUnitInputs(net, layer, nodes, v, rng);
                if (overseer != null) net.connect(overseer, target, 0.0, 1.0, 0.0).learnable(Learnable.WEIGHT);
                target.bias(init.bias(rng, fanIn));
            }
        }

        private void wireUnitInputs(Network net, LayerSpec layer, Neuron[] nodes, int v, RandomGenerator rng) {
            int size = layer.unitSize;
            int unit = v / size;
            for (int j = 0; j < size; j++) {
                net.connect(nodes[unit * size + j], nodes[v], init.weight(rng, size, size), 1.0, 0.0)
                        .learnable(Learnable.WEIGHT);
            }
            if (layer.hasLateral()) {
                int from = (unit + layer.units - 1) % layer.units;
                net.connect(nodes[from * size + v % size], nodes[v], init.weight(rng, size, size), 1.0, layer.lateralLeak)
                        .learnable(Learnable.WEIGHT | Learnable.LEAK);
            }
        }

        private LayerSpec last(String what) {
            if (layers.isEmpty()) throw new IllegalStateException(what + "(...) needs a layer before it");
            return layers.get(layers.size() - 1);
        }

        private void requireOpen(String what) {
            if (layers.isEmpty()) throw new IllegalStateException("call inputs(n) before " + what);
            if (closed) throw new IllegalStateException("outputs(n) must be the last layer; cannot add " + what + " after it");
        }

        private static void requirePositive(int n, String what) {
            if (n < 1) throw new IllegalArgumentException(what + " must be >= 1, got " + n);
        }
    }
}
