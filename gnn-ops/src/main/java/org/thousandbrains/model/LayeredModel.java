package org.thousandbrains.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.autodiff.Projection;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.Compiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.nn.KWinners;
import org.thousandbrains.nn.SparseWeights;
import org.thousandbrains.nn.UnitWinners;

/**
 * A {@link Network} of node groups run as dense linear algebra (the "dense-block fast path"): the graph
 * is compiled, cut into group→group blocks ({@link BlockLayout}), and each block becomes a trainable
 * {@link Parameter} — a weight matrix (masked when incomplete, Numenta's sparse weights) for GEMM, or
 * per-edge weight and leak rows for edges with a trace. {@link #writeBack()} puts trained values back
 * into the network's synapses and neurons, so plots, checkpoints and GraphML export show them.
 *
 * <p>Per outer step {@code t = 1..T}, groups in evaluation order: the input group is clamped to the
 * batch; any other group gets {@code e(t) = b + Σ x_src(t - d) · W + Σ_lists w·s(t)}; unit groups apply
 * their internal block {@code rec} times, {@code z⁰ = x(t-1)}, {@code zʲ⁺¹ = φ(e + zʲ · W_int)}, others
 * take {@code z = φ(e)}; then unit competition (top units by mean activity) and neuron k-WTA with
 * duty-cycle boosting, when the group asks for them. The logits are the output group's state at
 * {@code t = T}. With instant feed-forward edges {@code T = 1} is one MLP forward pass; delayed edges
 * (lateral edges between units) need {@code T > 1} to matter, and the default {@code T} is 1 plus the
 * largest delay. Delays are fixed on this path; k-WTA duty cycles learn at every step of a training pass.
 */
public final class LayeredModel {
    private final Network net;
    private final CompiledGraph graph;
    private final BlockLayout layout;
    private final DataType type;
    private final int steps;
    private final Synapse[] synapseAt;
    private final Neuron[] nodeAt;
    private final ParameterSet parameters = new ParameterSet();
    private final Parameter[] matrixWeight;
    private final Parameter[] listWeight;
    private final Parameter[] listLeak;
    private final Parameter[] bias;
    private final KWinners[] kWinners;
    private final UnitWinners[] unitWinners;
    private final BlockProgram program;

    /** Float32 model with the default number of steps. */
    public LayeredModel(Network net) {
        this(net, DataType.FLOAT, 0);
    }

    /**
     * @param type  data type of parameters and activations (FLOAT for training, DOUBLE for gradient checks)
     * @param steps outer steps per forward pass, or 0 for the default {@code 1 + max delay}
     */
    public LayeredModel(Network net, DataType type, int steps) {
        this.net = net;
        this.graph = Compiler.compile(net);
        this.layout = BlockLayout.of(net, graph);
        this.type = type;
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0 (0 = default), got " + steps);
        this.steps = steps == 0 ? 1 + layout.maxDelay() : steps;
        List<Synapse> edges = new ArrayList<>(net.synapses());
        this.synapseAt = new Synapse[graph.edgeCount()];
        int[] order = graph.inputOrder();
        for (int e = 0; e < synapseAt.length; e++) synapseAt[e] = edges.get(order[e]);
        this.nodeAt = net.nodes().toArray(new Neuron[0]);

        List<GroupPlan> groups = layout.groups();
        bias = new Parameter[groups.size()];
        kWinners = new KWinners[groups.size()];
        unitWinners = new UnitWinners[groups.size()];
        matrixWeight = new Parameter[layout.matrices().size()];
        for (int i = 0; i < matrixWeight.length; i++) {
            MatrixBlock b = layout.matrices().get(i);
            Parameter p = new Parameter(matrixName(b), BlockLayout.matrix(b, graph.weight(), type), "weight").learnable(b.learnable());
            if (!b.complete()) new SparseWeights(BlockLayout.mask(b, type)).attach(p);
            matrixWeight[i] = parameters.add(p);
        }
        int lists = layout.edgeLists().size();
        listWeight = new Parameter[lists];
        listLeak = new Parameter[lists];
        for (int i = 0; i < lists; i++) {
            EdgeListBlock b = layout.edgeLists().get(i);
            String name = groups.get(b.source()).name() + "->" + groups.get(b.target()).name() + "@" + b.delay();
            listWeight[i] = parameters.add(new Parameter(name + ".weight", BlockLayout.row(b, graph.weight(), type), "weight")
                    .learnable(b.weightLearnable()));
            listLeak[i] = parameters.add(new Parameter(name + ".leak", BlockLayout.row(b, graph.leak(), type), "leak")
                    .learnable(b.leakLearnable()).projection(Projection.clamp(0, type == DataType.FLOAT ? Math.nextDown(1f) : Math.nextDown(1.0))));
        }
        for (int p = 0; p < groups.size(); p++) {
            GroupPlan g = groups.get(p);
            if (g.isInput()) continue;
            bias[p] = parameters.add(new Parameter(g.name() + ".bias", BlockLayout.row(g, graph.bias(), type), "bias"));
            if (g.unitWinners() > 0) unitWinners[p] = new UnitWinners(g.unitOf(), g.unitWinners());
            if (g.kWinners() > 0) {
                kWinners[p] = new KWinners(g.name(), g.size(), g.kWinners(), g.boost(), KWinners.DEFAULT_DUTY_CYCLE_PERIOD);
                for (Parameter s : kWinners[p].state()) parameters.add(s);
            }
        }
        program = new BlockProgram(layout, type, this.steps, matrixWeight, listWeight, listLeak, bias, kWinners, unitWinners);
    }

    private String matrixName(MatrixBlock b) {
        String src = layout.group(b.source()).name();
        String dst = layout.group(b.target()).name();
        if (b.role() == MatrixBlock.Role.UNIT_INTERNAL) return dst + ".internal.weight";
        return src + "->" + dst + (b.delay() == 0 ? "" : "@" + b.delay()) + ".weight";
    }

    public Network network() { return net; }
    public CompiledGraph compiled() { return graph; }
    public BlockLayout layout() { return layout; }
    public DataType dataType() { return type; }
    /** Outer steps per forward pass. */
    public int steps() { return steps; }
    /** Learnable parameters and non-learnable state (k-WTA duty cycles), by unique name. */
    public ParameterSet parameters() { return parameters; }
    /** Number of input columns. */
    public int inputSize() { return layout.group(layout.input()).size(); }
    /** Number of logits. */
    public int outputSize() { return layout.group(layout.output()).size(); }
    /** The k-WTA of the group at this evaluation position, or null. */
    public KWinners kWinners(int position) { return kWinners[position]; }
    /** The unit competition of the group at this evaluation position, or null. */
    public UnitWinners unitWinners(int position) { return unitWinners[position]; }
    /** The weight parameter of matrix block {@code i} of the layout. */
    public Parameter matrixWeight(int i) { return matrixWeight[i]; }
    /** The per-edge weights of edge-list block {@code i}. */
    public Parameter listWeight(int i) { return listWeight[i]; }
    /** The per-edge leaks of edge-list block {@code i}. */
    public Parameter listLeak(int i) { return listLeak[i]; }
    /** The bias of the group at this evaluation position (null for the input group). */
    public Parameter bias(int position) { return bias[position]; }

    /**
     * Logits {@code [B, outputs]} of a batch {@code x [B, inputs]}: one op on the tape whose backward pass
     * adds every learnable parameter's gradient into its {@code grad()}. When the tape records, k-WTA
     * layers are in training mode (duty cycles learn); on an inference tape they only select.
     */
    public Var forward(Tape tape, INDArray x) {
        if (x.rank() != 2 || x.size(1) != inputSize()) {
            throw new IllegalArgumentException("model input must be [batch, " + inputSize() + "], got " + Arrays.toString(x.shape()));
        }
        return forward(tape, tape.constant(x));
    }

    /** As {@link #forward(Tape, INDArray)} for an input on the tape; a variable input receives {@code dL/dx}. */
    public Var forward(Tape tape, Var x) {
        List<Parameter> learnable = parameters.learnable();
        Var[] inputs = new Var[1 + learnable.size()];
        inputs[0] = x;
        for (int i = 0; i < learnable.size(); i++) inputs[i + 1] = tape.param(learnable.get(i));
        return tape.apply(new ProgramOp(program, tape.isRecording(), x.requiresGrad(), inputs.length), inputs);
    }

    /** A loss and the logits it was computed from. */
    public record Classified(Var loss, INDArray logits) {
    }

    /**
     * Mean softmax cross-entropy of the logits of {@code x} against {@code labels}, fused with the forward
     * pass into one tape op (same gradients as {@link #forward} followed by
     * {@code Losses.softmaxCrossEntropy}, without its small native ops).
     */
    public Classified classify(Tape tape, INDArray x, int[] labels) {
        if (x.rank() != 2 || x.size(1) != inputSize()) {
            throw new IllegalArgumentException("model input must be [batch, " + inputSize() + "], got " + Arrays.toString(x.shape()));
        }
        List<Parameter> learnable = parameters.learnable();
        Var[] inputs = new Var[1 + learnable.size()];
        inputs[0] = tape.constant(x);
        for (int i = 0; i < learnable.size(); i++) inputs[i + 1] = tape.param(learnable.get(i));
        ClassifierOp op = new ClassifierOp(program, tape.isRecording(), false, inputs.length, labels);
        Var loss = tape.apply(op, inputs);
        return new Classified(loss, op.logits());
    }

    /**
     * The state of every group at every step for a batch, evaluation mode: {@code [t][position]} with
     * {@code t = 1..T} ({@code [0]} is all null), new arrays, for firing rasters and activity statistics.
     */
    public INDArray[][] states(INDArray x) {
        if (x.rank() != 2 || x.size(1) != inputSize()) {
            throw new IllegalArgumentException("model input must be [batch, " + inputSize() + "], got " + Arrays.toString(x.shape()));
        }
        BlockProgram.Run run = program.forward(x, false, false);
        INDArray[][] out = new INDArray[steps + 1][layout.groups().size()];
        for (int t = 1; t <= steps; t++) {
            for (int p = 0; p < out[t].length; p++) out[t][p] = program.state(run, t, p);
        }
        return out;
    }

    /** Copies the current parameter values into the network's synapses (weights, leaks) and neurons (biases). */
    public void writeBack() {
        double[] weight = graph.weight().clone();
        double[] leak = graph.leak().clone();
        double[] b = graph.bias().clone();
        for (int i = 0; i < matrixWeight.length; i++) BlockLayout.scatter(layout.matrices().get(i), matrixWeight[i].value(), weight);
        for (int i = 0; i < listWeight.length; i++) {
            BlockLayout.scatter(layout.edgeLists().get(i), listWeight[i].value(), weight);
            BlockLayout.scatter(layout.edgeLists().get(i), listLeak[i].value(), leak);
        }
        for (int p = 0; p < bias.length; p++) if (bias[p] != null) BlockLayout.scatter(layout.group(p), bias[p].value(), b);
        for (MatrixBlock blk : layout.matrices()) {
            for (int e : blk.edgeAt()) if (e >= 0) synapseAt[e].weight(weight[e]);
        }
        for (EdgeListBlock blk : layout.edgeLists()) {
            for (int e : blk.edges()) synapseAt[e].weight(weight[e]).leak(leak[e]);
        }
        for (GroupPlan g : layout.groups()) {
            if (g.isInput()) continue;
            for (int v : g.nodes()) nodeAt[v].bias(b[v]);
        }
    }
}
