package org.thousandbrains.selfsup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.model.SoftmaxCrossEntropy;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.train.Batch;

/**
 * Auxiliary readout branches (DESIGN.md "Auxiliary branches", YOLOv9's programmable gradient information):
 * each head is a set of new graph nodes, one per class, fed by every node of a chosen group through
 * learnable edges, read at a chosen step; training minimises
 * {@code CE(main readout) + Σ_i weight_i·CE(head_i)}. Heads are graph nodes (not a readout outside the
 * graph) so that they train through the same operator, optimizer and checkpoints as the rest; they have
 * no out-edges, so the main output never depends on them, and {@link #strip} removes them for inference.
 *
 * <p>Wiring. Head {@code h} adds nodes {@code aux.h:0 .. aux.h:C-1} ({@code C} = the network's output
 * nodes, kind neuron, identity activation, bias 0) after every existing node, so the main graph keeps its
 * node and edge order; each receives an edge from every member of the group, delay {@code d_min} of the
 * network (which must be an integer), learnable weight, initialised like {@link Init#TORCH_LINEAR} from
 * {@link Builder#seed}. A head attached at step {@code t} reads the group's state at {@code t}: its own
 * state is read at {@code t + d_min}, which must lie in {@code 1..T}.
 */
public final class AuxiliaryHeads {
    /** One head: its node ids in class order, the group step it reads, the step its state is read at, its loss weight. */
    public record Head(String name, List<String> nodes, int step, int readStep, double weight) {
    }

    private final List<Head> heads;

    private AuxiliaryHeads(List<Head> heads) {
        this.heads = List.copyOf(heads);
    }

    /** Starts attaching heads to {@code net} (which {@link Builder#build} changes in place). */
    public static Builder on(Network net) {
        return new Builder(net);
    }

    public List<Head> heads() { return heads; }

    /** Removes every head node (and its edges) from {@code trained} in place and returns it: the inference network. */
    public Network strip(Network trained) {
        for (Head h : heads) for (String id : h.nodes()) trained.removeNode(id);
        return trained;
    }

    /** The training objective of {@code model} (built from the network with heads): main CE plus the weighted head CEs. */
    public PassObjective objective(GraphClassifier model) {
        return PassObjective.classifying(model, loss(model.graph()));
    }

    /** The combined loss over a pass of {@code g} (the compiled network with heads). */
    public PassObjective.Loss loss(CompiledGraph g) {
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < g.nodeCount(); v++) index.put(g.nodeId(v), v);
        int[][] nodes = new int[heads.size()][];
        for (int i = 0; i < nodes.length; i++) {
            Head h = heads.get(i);
            if (h.readStep() > g.steps()) {
                throw new IllegalArgumentException("head '" + h.name() + "' is read at step " + h.readStep() + " > T=" + g.steps());
            }
            nodes[i] = h.nodes().stream().mapToInt(id -> {
                Integer v = index.get(id);
                if (v == null) throw new IllegalArgumentException("head node '" + id + "' is not in the graph: build the model from the network with heads");
                return v;
            }).toArray();
        }
        return (pass, batch, grad) -> {
            int B = pass.batch();
            int[] labels = labelsOf(batch);
            double total = SoftmaxCrossEntropy.mean(pass.readout(), B, labels, 1.0, grad.readout());
            for (int i = 0; i < nodes.length; i++) {
                Head h = heads.get(i);
                double[] x = pass.state(h.readStep());
                double[] y = rows(x, nodes[i], B);
                double[] dy = new double[y.length];
                total += h.weight() * SoftmaxCrossEntropy.mean(y, B, labels, h.weight(), dy);
                double[] ds = grad.state(h.readStep());
                for (int j = 0; j < nodes[i].length; j++) {
                    int o = nodes[i][j] * B;
                    for (int b = 0; b < B; b++) ds[o + b] += dy[j * B + b];
                }
            }
            return total;
        };
    }

    private static int[] labelsOf(Batch batch) {
        if (batch.labels() == null) throw new IllegalArgumentException("auxiliary heads train on labelled batches");
        return batch.labels();
    }

    /** The rows of {@code nodes} of a node-major state {@code [N][B]}, as {@code [nodes.length][B]}. */
    static double[] rows(double[] x, int[] nodes, int B) {
        double[] y = new double[nodes.length * B];
        for (int j = 0; j < nodes.length; j++) System.arraycopy(x, nodes[j] * B, y, j * B, B);
        return y;
    }

    /** Declares heads, then {@link #build} adds their nodes and edges to the network. */
    public static final class Builder {
        private final Network net;
        private final List<String[]> sources = new ArrayList<>();
        private final List<Head> pending = new ArrayList<>();
        private long seed;
        private boolean built;

        private Builder(Network net) {
            this.net = Objects.requireNonNull(net, "network");
        }

        /** A head on every node of the group {@code group}, reading it at {@code step}, with loss weight {@code weight}. */
        public Builder head(String name, String group, int step, double weight) {
            String[] ids = net.nodes().stream().filter(n -> group.equals(n.group())).map(Neuron::id).toArray(String[]::new);
            if (ids.length == 0) throw new IllegalArgumentException("head '" + name + "': no node in group '" + group + "'");
            return head(name, List.of(ids), step, weight);
        }

        /** A head on the listed nodes, reading them at {@code step}, with loss weight {@code weight}. */
        public Builder head(String name, List<String> nodes, int step, double weight) {
            if (built) throw new IllegalStateException("heads already built");
            if (nodes.isEmpty()) throw new IllegalArgumentException("head '" + name + "' needs at least one source node");
            for (String id : nodes) if (net.node(id) == null) throw new IllegalArgumentException("head '" + name + "': no node '" + id + "'");
            if (!(weight >= 0) || !Double.isFinite(weight)) throw new IllegalArgumentException("head '" + name + "': loss weight must be finite and >= 0, got " + weight);
            if (step < 1) throw new IllegalArgumentException("head '" + name + "': step must be >= 1, got " + step);
            for (Head h : pending) if (h.name().equals(name)) throw new IllegalArgumentException("duplicate head name '" + name + "'");
            double dMin = net.settings().dMin();
            if (dMin != Math.rint(dMin)) throw new IllegalArgumentException("heads need an integer d_min, the network has " + dMin);
            int classes = (int) net.nodes().stream().filter(n -> n.kind() == NodeKind.OUTPUT).count();
            if (classes == 0) throw new IllegalArgumentException("the network has no output nodes: heads have as many nodes as it has");
            List<String> ids = new ArrayList<>();
            for (int j = 0; j < classes; j++) ids.add("aux." + name + ":" + j);
            pending.add(new Head(name, ids, step, step + (int) dMin, weight));
            sources.add(nodes.toArray(String[]::new));
            return this;
        }

        /** Seed of the head weights (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Adds the heads' nodes and edges to the network. */
        public AuxiliaryHeads build() {
            if (built) throw new IllegalStateException("heads already built");
            built = true;
            RandomGenerator rng = new Well19937c(seed);
            double dMin = net.settings().dMin();
            for (int i = 0; i < pending.size(); i++) {
                String[] from = sources.get(i);
                List<String> ids = pending.get(i).nodes();
                for (String id : ids) {
                    Neuron head = net.addNode(id, NodeKind.NEURON, Activation.IDENTITY).bias(0.0);
                    for (String u : from) {
                        net.connect(net.node(u), head, Init.TORCH_LINEAR.weight(rng, from.length, ids.size()), dMin, 0.0)
                                .learnable(Learnable.WEIGHT);
                    }
                }
            }
            return new AuxiliaryHeads(pending);
        }
    }
}
