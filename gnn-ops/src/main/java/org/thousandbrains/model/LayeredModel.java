package org.thousandbrains.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * largest delay. Delays are fixed on this path.
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
    private final INDArray[] listIncidence;
    private final Parameter[] bias;
    private final KWinners[] kWinners;
    private final UnitWinners[] unitWinners;

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
        listIncidence = new INDArray[lists];
        for (int i = 0; i < lists; i++) {
            EdgeListBlock b = layout.edgeLists().get(i);
            String name = groups.get(b.source()).name() + "->" + groups.get(b.target()).name() + "@" + b.delay();
            listWeight[i] = parameters.add(new Parameter(name + ".weight", BlockLayout.row(b, graph.weight(), type), "weight")
                    .learnable(b.weightLearnable()));
            listLeak[i] = parameters.add(new Parameter(name + ".leak", BlockLayout.row(b, graph.leak(), type), "leak")
                    .learnable(b.leakLearnable()).projection(Projection.clamp(0, type == DataType.FLOAT ? Math.nextDown(1f) : Math.nextDown(1.0))));
            INDArray inc = Nd4j.zeros(type, b.size(), groups.get(b.target()).size());
            for (int k = 0; k < b.size(); k++) inc.putScalar(k, b.targetCol()[k], 1.0);
            listIncidence[i] = inc;
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

    /** Logits {@code [B, outputs]} of a batch {@code x [B, inputs]}; k-WTA trains its duty cycles when the tape records. */
    public Var forward(Tape tape, INDArray x) {
        return run(tape, x, tape.isRecording())[steps][layout.output()];
    }

    /**
     * The state of every group at every step: {@code [t][position]}, {@code t = 0..T} ({@code t = 0} all
     * null, meaning zero), for firing rasters and activity statistics. Evaluation mode, no gradients.
     */
    public INDArray[][] states(INDArray x) {
        Var[][] s = run(Tape.inference(), x, false);
        INDArray[][] out = new INDArray[s.length][];
        for (int t = 0; t < s.length; t++) {
            out[t] = new INDArray[s[t].length];
            for (int p = 0; p < s[t].length; p++) out[t][p] = s[t][p] == null ? null : s[t][p].value();
        }
        return out;
    }

    private Var[][] run(Tape tape, INDArray x, boolean training) {
        int groups = layout.groups().size();
        if (x.rank() != 2 || x.size(1) != inputSize()) {
            throw new IllegalArgumentException("model input must be [batch, " + inputSize() + "], got " + Arrays.toString(x.shape()));
        }
        INDArray input = x.dataType() == type ? x : x.castTo(type);
        long rows = x.size(0);
        Var[][] state = new Var[steps + 1][groups];
        Var[] trace = new Var[layout.edgeLists().size()];
        Var[] w = new Var[matrixWeight.length];
        for (int i = 0; i < w.length; i++) w[i] = tape.param(matrixWeight[i]);
        Var inputVar = tape.constant(input);
        for (int t = 1; t <= steps; t++) {
            for (int p = 0; p < groups; p++) {
                GroupPlan g = layout.group(p);
                if (g.isInput()) {
                    state[t][p] = inputVar;
                    continue;
                }
                Var e = preActivation(tape, p, t, state, trace, w, rows);
                Var z = activate(g, p, t, e, state, w);
                if (unitWinners[p] != null) z = unitWinners[p].apply(z);
                if (kWinners[p] != null) z = kWinners[p].apply(z, training);
                state[t][p] = z;
            }
        }
        return state;
    }

    private Var preActivation(Tape tape, int p, int t, Var[][] state, Var[] trace, Var[] w, long rows) {
        List<Var> xs = new ArrayList<>();
        List<Var> ws = new ArrayList<>();
        for (int i = 0; i < matrixWeight.length; i++) {
            MatrixBlock b = layout.matrices().get(i);
            if (b.target() != p || b.role() != MatrixBlock.Role.FEED_FORWARD || t - b.delay() < 1) continue;
            Var src = state[t - b.delay()][b.source()];
            if (src == null) continue;
            xs.add(src);
            ws.add(w[i]);
        }
        Var e = Affine.apply(tape.param(bias[p]), xs.toArray(new Var[0]), ws.toArray(new Var[0]), rows);
        for (int i = 0; i < trace.length; i++) {
            EdgeListBlock b = layout.edgeLists().get(i);
            if (b.target() != p) continue;
            Var r = read(state, b, t);
            if (r == null && trace[i] == null) continue;
            Var s = trace[i] == null ? r : trace[i].mul(tape.param(listLeak[i]));
            if (r != null && trace[i] != null) s = s.add(r);
            trace[i] = s;
            e = e.add(s.mul(tape.param(listWeight[i])).matmul(tape.constant(listIncidence[i])));
        }
        return e;
    }

    /** {@code r_e(t) = (1-f) x_u(t-k) + f x_u(t-k-1)} for the block's edges, or null when both reads are zero. */
    private static Var read(Var[][] state, EdgeListBlock b, int t) {
        int k = b.wholeSteps();
        double f = b.fraction();
        Var near = t - k >= 1 ? state[t - k][b.source()] : null;
        Var far = f > 0 && t - k - 1 >= 1 ? state[t - k - 1][b.source()] : null;
        Var r = null;
        if (near != null) r = near.gather(1, b.sourceCol());
        if (r != null && f > 0) r = r.scale(1 - f);
        if (far != null) {
            Var rf = far.gather(1, b.sourceCol()).scale(f);
            r = r == null ? rf : r.add(rf);
        }
        return r;
    }

    private Var activate(GroupPlan g, int p, int t, Var e, Var[][] state, Var[] w) {
        int internal = -1;
        for (int i = 0; i < matrixWeight.length; i++) {
            MatrixBlock b = layout.matrices().get(i);
            if (b.target() == p && b.role() == MatrixBlock.Role.UNIT_INTERNAL) internal = i;
        }
        if (internal < 0) return e.activation(g.activation());
        Var z = state[t - 1][p];
        for (int j = 0; j < g.rec(); j++) {
            Var a = z == null ? e : e.add(z.matmul(w[internal]));
            z = a.activation(g.activation());
        }
        return z;
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
