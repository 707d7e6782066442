package org.thousandbrains.model;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.autodiff.CustomOp;
import org.thousandbrains.autodiff.GraphParameters;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.ParameterSet;
import org.thousandbrains.autodiff.Tape;
import org.thousandbrains.autodiff.Var;
import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.checkpoint.CheckpointIO;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.compile.EdgeTable;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.compile.NetworkView;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.GroupState;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.optim.ParamGroup;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Forward;
import org.thousandbrains.rules.Bptt;
import org.thousandbrains.rules.LearningRule;
import org.thousandbrains.rules.Rules;
import org.thousandbrains.train.Objective;

/**
 * A classifier over the one {@link TemporalOperator} of a compiled graph: every model — the built-in
 * layered families of {@link Architecture}, a GraphML or CSV topology a user wrote — trains and
 * evaluates through this class and nothing else.
 *
 * <p>What it computes. A batch of features {@code x [B, F]} drives the graph's input nodes
 * ({@link TemporalOperator#inputNodes()}, node order). With the graph's input steps {@code L = 0}
 * (default) a sample has {@code F = nIn} features, feature {@code i} goes to the {@code i}-th input node
 * and is held constant over the graph's {@code T = g.steps()} steps. With {@code L > 0} a sample is a
 * sequence: {@code F = L·nIn} values in step-major order, value {@code t·nIn + i} goes to input node
 * {@code i} at step {@code t+1} ({@code t < L}), and the steps after {@code L} get input 0 (so the
 * 8×8 digits, row-major, are shown one row per step to 8 input nodes with {@code L = 8}). The readout of the output nodes
 * ({@code g.outputs()} order: output {@code j} is class {@code j}) at {@code T}, or their mean over
 * the last {@code K = g.readoutWindow()} steps, are the logits {@code [B, nOut]}; the loss is the mean
 * softmax cross-entropy. Its gradient w.r.t. the readout goes to the operator's exact BPTT
 * ({@link TemporalOperator#backward}), which returns the gradients of every weight, delay, leak and
 * bias.
 *
 * <p>Parameters ({@link #parameters()}): the four tensors of {@link GraphParameters} — {@code weight},
 * {@code delay}, {@code leak} ({@code [1, E]}, CSR order) and {@code bias} ({@code [1, N]}), with their
 * projections (learnable masks, delay floors, leak range) — and, for every k-WTA group {@code G}, its
 * duty cycles {@code G.duty_cycle [1, |G|]}, observation count {@code G.observations [1, 1]} and live
 * boost strength {@code G.boost [1, 1]} as non-learnable state (group tag {@value #STATE_GROUP}), so
 * checkpoints and resumed runs carry them. A graph with overseen groups (overseer normalization) adds the
 * learnable {@code gain} and {@code shift} tensors and, per overseen group {@code G}, its running
 * statistics {@code G.running_mean [1, 1]} and {@code G.running_variance [1, 1]} as state (updated every
 * step of a training pass, frozen in eval). The state tensors are the source of truth: they are copied
 * into the operator before every pass and back after every training pass (change the boost with
 * {@link #decayBoost}, not on the operator).
 *
 * <p>Modes. On a recording {@link Tape} (training) the operator runs in training mode: k-WTA groups
 * pick their training {@code k} and their duty cycles learn after each forward. On an inference tape,
 * and in {@link #logits}, {@link #firing}, the operator runs in eval mode: inference {@code k}, duty
 * cycles frozen. The same parameters and batches give bit-identical eval-mode logits, so a model rebuilt
 * from its checkpoint ({@link #restore(Checkpoint)}) reproduces its test accuracy exactly.
 *
 * <p>The operator picks its execution strategy itself (CSR gather, dense GEMM blocks); the classifier
 * asks it to skip the gradients of frozen entries ({@link TemporalOperator#skipFrozenGradients}): their
 * {@code grad()} stays 0, which the projections would make irrelevant anyway; and not to form the gradients
 * with respect to its inputs and initial state ({@link TemporalOperator#inputGradients}), which it never reads.
 *
 * <pre>{@code
 * Network net = Architecture.SPARSE.network(64, new int[] {128, 128}, 10, seed);
 * GraphClassifier model = GraphClassifier.of(net).threads(2);
 * Adam adam = new Adam(model.parameters().learnable(), 1e-3);
 * Trainer trainer = Trainer.builder(model.parameters(), adam, model).epochs(30).batchSize(128).build();
 * trainer.fit(new DatasetExamples(split.train()));
 * GraphMLWriter.write(model.network(), Path.of("trained.graphml"));
 * }</pre>
 *
 * <p>One classifier runs one pass at a time (it reuses its input buffers).
 */
public final class GraphClassifier implements Objective, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Group tag of the k-WTA state tensors (duty cycles and observation counts). */
    public static final String STATE_GROUP = "state";
    /** Metadata keys written by {@link #checkpoint()}. */
    public static final String META_STEPS = "steps";
    public static final String META_READOUT = "readout_window";
    /** Checkpoint metadata key of the learning rule ({@link Rules#parse} form). */
    public static final String META_RULE = "rule";

    private final CompiledGraph graph;
    private final TemporalOperator op;
    private final GraphParameters gp;
    private final ParameterSet parameters = new ParameterSet();
    private final Parameter[] duty;
    private final Parameter[] observations;
    private final Parameter[] boost;
    private final Parameter[] normMean;
    private final Parameter[] normVariance;
    private final int[] inputNodes;
    private final int nIn;
    /** Input steps L (0: constant input) and features per sample F. */
    private final int inputSteps;
    private final int features;
    private final int nOut;
    private final int steps;
    private final Map<Integer, float[]> inputBuffers = new HashMap<>();
    /**
     * The most samples of one eval-mode pass; larger batches run in equal chunks. Measured on the sparse
     * Fashion-MNIST model at batch 1000: chunks of 125 to 320 samples all ran about 1.3× the images/s of one
     * pass (docs/sparse-sparse.md, "Eval passes in chunks").
     */
    static final int EVAL_CHUNK = 256;
    private float[] rows = new float[0];
    private ForwardPass open;
    private RuleDriver rules;

    private GraphClassifier(CompiledGraph g, Precision precision) {
        this.graph = g;
        this.op = TemporalOperator.of(g).precision(precision).skipFrozenGradients(true).inputGradients(false);
        this.steps = g.steps();
        this.inputNodes = op.inputNodes();
        this.nIn = inputNodes.length;
        this.nOut = op.outputs().length;
        if (nIn == 0) throw new IllegalArgumentException("the graph has no input nodes: a classifier needs some");
        if (nOut == 0) throw new IllegalArgumentException("the graph has no output nodes: a classifier needs some");
        this.inputSteps = g.inputSteps();
        if (inputSteps < 0 || inputSteps > steps) {
            throw new IllegalArgumentException("input steps L=" + inputSteps + " must lie in [0, T=" + steps + "]");
        }
        this.features = inputSteps == 0 ? nIn : inputSteps * nIn;
        if (op.readoutWindow() > steps) {
            throw new IllegalArgumentException("readout window " + op.readoutWindow() + " exceeds the graph's steps T=" + steps);
        }
        this.gp = GraphParameters.of(op, precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE);
        // float32: the operator reads the master weights in place and adds their gradients into grad()
        if (precision == Precision.FLOAT32) gp.bindWeights();
        parameters.addAll(gp.all());
        this.rules = new RuleDriver(Bptt.RULE, g, 0);
        GroupStructure s = g.groupStructure();
        int groups = s.kwtaCount();
        duty = new Parameter[groups];
        observations = new Parameter[groups];
        boost = new Parameter[groups];
        GroupState live = op.groupState();
        int[] ptr = s.kwtaPtr();
        for (int q = 0; q < groups; q++) {
            String name = s.kwtaNames()[q];
            int size = ptr[q + 1] - ptr[q];
            double[] d = new double[size];
            System.arraycopy(live.duty(), ptr[q], d, 0, size);
            duty[q] = parameters.add(new Parameter(name + ".duty_cycle", Nd4j.create(d, new long[] {1, size}, DataType.DOUBLE),
                    STATE_GROUP).learnable(false));
            INDArray obs = Nd4j.zeros(DataType.LONG, 1, 1);
            obs.putScalar(0, live.observations()[q]);
            observations[q] = parameters.add(new Parameter(name + ".observations", obs, STATE_GROUP).learnable(false));
            INDArray beta = Nd4j.zeros(DataType.DOUBLE, 1, 1);
            beta.putScalar(0, live.boost()[q]);
            boost[q] = parameters.add(new Parameter(name + ".boost", beta, STATE_GROUP).learnable(false));
        }
        int overseen = s.normCount();
        normMean = new Parameter[overseen];
        normVariance = new Parameter[overseen];
        for (int r = 0; r < overseen; r++) {
            String name = s.normNames()[r];
            normMean[r] = parameters.add(new Parameter(name + ".running_mean", scalar(live.normMean()[r]), STATE_GROUP).learnable(false));
            normVariance[r] = parameters.add(new Parameter(name + ".running_variance", scalar(live.normVariance()[r]), STATE_GROUP)
                    .learnable(false));
        }
    }

    private static INDArray scalar(double v) {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 1, 1);
        a.putScalar(0, v);
        return a;
    }

    /** A float32 classifier over the compiled {@code net} (steps and readout window from its settings). */
    public static GraphClassifier of(Network net) {
        return new GraphClassifier(GraphCompiler.compile(net), Precision.FLOAT32);
    }

    /** A classifier over the compiled {@code net} in the given precision (see {@link #of(CompiledGraph, Precision)}). */
    public static GraphClassifier of(Network net, Precision precision) {
        return new GraphClassifier(GraphCompiler.compile(net), precision);
    }

    /** A float32 classifier over {@code g}, parameters and k-WTA state started from the graph's values. */
    public static GraphClassifier of(CompiledGraph g) {
        return new GraphClassifier(g, Precision.FLOAT32);
    }

    /**
     * A classifier in the given precision: FLOAT32 (states in float, float32 master parameters, as
     * training runs) or FLOAT64 (double throughout, e.g. for gradient checks).
     */
    public static GraphClassifier of(CompiledGraph g, Precision precision) {
        return new GraphClassifier(g, precision);
    }

    /**
     * The classifier a checkpoint describes, from the file alone: the graph it holds (compiled from its
     * edge table), then its saved parameters and k-WTA state. Throws {@link IllegalArgumentException} when
     * the checkpoint holds no graph or its parameters do not fit the graph.
     */
    public static GraphClassifier restore(Checkpoint cp) {
        if (cp.graph() == null) throw new IllegalArgumentException("the checkpoint holds no graph");
        GraphClassifier c = new GraphClassifier(GraphCompiler.compile(cp.graph()), Precision.FLOAT32);
        cp.restoreParameters(c.parameters);
        c.stateIn();
        if (cp.meta(META_RULE) != null) c.rule(Rules.parse(cp.meta(META_RULE)));
        return c;
    }

    /**
     * Whether the operator reports 0 for the gradients of frozen entries (default true: less work); false
     * computes every gradient, e.g. for a finite-difference check of all entries.
     */
    public GraphClassifier skipFrozenGradients(boolean on) {
        op.skipFrozenGradients(on);
        return this;
    }

    /** Worker threads of the operator (default: available processors); results do not depend on it. */
    public GraphClassifier threads(int k) {
        op.threads(k);
        return this;
    }

    /** The compiled graph the classifier was built from (its initial parameter values). */
    /**
     * Trains with {@code rule} from now on ({@link Rules#parse} reads the one-line forms): BPTT (default),
     * fired-only, L1, Hebbian strengthening or three-factor (the bandit task: a class drawn from the
     * softmax, reward 1 when right; {@code seed} seeds those draws). Combine three-factor with plain SGD
     * at rate η to apply it exactly.
     */
    public GraphClassifier rule(LearningRule rule, long seed) {
        this.rules = new RuleDriver(rule, graph, seed);
        return this;
    }

    /** {@link #rule(LearningRule, long)} with seed 0. */
    public GraphClassifier rule(LearningRule rule) {
        return rule(rule, 0);
    }

    /**
     * The optimizer that goes with the rule: Adam at rate {@code lr} for the backpropagating rules, plain
     * SGD at the rule's own rate η for three-factor learning (which then applies the rule exactly).
     */
    public org.thousandbrains.optim.Optimizer optimizer(double lr) {
        return optimizer(lr, lr, lr);
    }

    /**
     * As {@link #optimizer(double)}, with Adam in one {@link ParamGroup} per parameter tag ({@code weight},
     * {@code delay}, {@code leak}, {@code bias}; {@link ParamGroup#byTag}) and the delays and leaks at their
     * own rates: delays are measured in steps and need far larger steps than weights (DCLS trains its delay
     * positions at rates some 100× those of the weights). Weights and biases train at {@code lr}. Three-factor
     * learning changes weights only and ignores {@code delayLr} and {@code leakLr}.
     */
    public org.thousandbrains.optim.Optimizer optimizer(double lr, double delayLr, double leakLr) {
        if (rule() instanceof org.thousandbrains.rules.ThreeFactor tf) {
            return new org.thousandbrains.optim.Sgd(parameters.learnable(), tf.eta(), 0, 0);
        }
        List<ParamGroup> groups = ParamGroup.byTag(parameters.learnable(), lr, 0);
        for (ParamGroup g : groups) {
            if (g.name().equals(GraphParameters.DELAY)) g.lr(delayLr);
            else if (g.name().equals(GraphParameters.LEAK)) g.lr(leakLr);
        }
        return new org.thousandbrains.optim.Adam(groups);
    }

    /** The learning rule in use. */
    public LearningRule rule() { return rules.rule(); }

    /** Mean reward of the last three-factor training batch (NaN otherwise). */
    public double lastReward() { return rules.lastReward(); }

    public CompiledGraph graph() { return graph; }
    public TemporalOperator operator() { return op; }
    /** weight, delay, leak, bias as trainable tensors. */
    public GraphParameters graphParameters() { return gp; }
    /** Trainable tensors and k-WTA state, by unique name: what optimizers and checkpoints see. */
    public ParameterSet parameters() { return parameters; }
    /** Features per sample: the input nodes, times the input steps L when L &gt; 0. */
    public int inputSize() { return features; }
    /** Input steps L of a sample (0: its features are held constant over the steps). */
    public int inputSteps() { return inputSteps; }
    /** Classes: the graph's output nodes. */
    public int outputSize() { return nOut; }
    /** Timesteps T per forward pass. */
    public int steps() { return steps; }
    /** The readout is the mean of the output states over the last K steps. */
    public int readoutWindow() { return op.readoutWindow(); }
    public Precision precision() { return op.precision(); }
    public int threads() { return op.threads(); }
    /** The graph's input nodes in feature order. */
    public int[] inputNodes() { return inputNodes.clone(); }

    // ---- training and evaluation -------------------------------------------------------------------

    /** {@link Objective}: the classification loss of a labelled batch {@code inputs [B, F]} ({@link #inputSize()}). */
    @Override
    public Forward forward(Tape tape, Batch batch) {
        if (batch.labels() == null) throw new IllegalArgumentException("classification needs labelled batches");
        return classify(tape, batch.inputs(), batch.labels());
    }

    /**
     * Mean softmax cross-entropy of the logits of {@code x [B, F]} against {@code labels}, as one op on
     * the tape; on a recording tape in training mode (its backward adds the gradients of the learnable
     * tensors to their {@code grad()}), on an inference tape in eval mode. The logits come back as
     * {@code [B, nOut]} float32.
     */
    public Forward classify(Tape tape, INDArray x, int[] labels) {
        int B = batchOf(x);
        if (labels.length != B) throw new IllegalArgumentException(labels.length + " labels for a batch of " + B);
        for (int y : labels) {
            if (y < 0 || y >= nOut) throw new IllegalArgumentException("label " + y + " outside the " + nOut + " classes of the graph");
        }
        ClassifyOp cop = new ClassifyOp(x, B, labels, tape.isRecording());
        Var loss = tape.apply(cop, tape.param(gp.weight()), tape.param(gp.delay()), tape.param(gp.leak()), tape.param(gp.bias()));
        return new Forward(loss, cop.logits);
    }

    /** Eval-mode logits {@code [B, nOut]} (float32) of {@code x [B, F]}. */
    public INDArray logits(INDArray x) {
        int B = batchOf(x);
        return sampleRows(evalReadout(x, B), B);
    }

    /**
     * Eval-mode readout {@code [nOut][B]} of {@code x [B, F]}, in passes of at most {@link #EVAL_CHUNK} samples:
     * in eval mode no sample's sums depend on another's, so a large batch runs as equal chunks whose states
     * stay in the core's cache (a pass over 1000 samples keeps 2 MB per 512-node layer in flight).
     */
    private double[] evalReadout(INDArray x, int B) {
        int chunks = (B + EVAL_CHUNK - 1) / EVAL_CHUNK;
        if (chunks == 1) {
            try (ForwardPass p = run(x, 0, B, false, false)) {
                return p.readout();
            }
        }
        x = floatRows(x); // once, not per chunk
        prepare(); // parameters and k-WTA state once: eval passes change neither
        double[] y = new double[nOut * B];
        for (int c = 0, row0 = 0; c < chunks; c++) {
            int b = (B - row0) / (chunks - c);
            if (c > 0) op.delaysAndLeaksUnchanged();
            try (ForwardPass p = onePass(x, row0, b, false, false)) {
                double[] part = p.readout();
                for (int j = 0; j < nOut; j++) System.arraycopy(part, j * b, y, j * B + row0, b);
            }
            row0 += b;
        }
        return y;
    }

    /**
     * Eval-mode firing masks of {@code x [B, F]} (DESIGN.md "Firing": {@code x > θ}, or a k-WTA winner):
     * bytes {@code [T][N][B]}, index {@code ((t-1)·N + v)·B + b}.
     */
    public byte[] firing(INDArray x) {
        int B = batchOf(x);
        try (ForwardPass p = run(x, 0, B, false, true)) {
            return p.firingMasks();
        }
    }

    private int batchOf(INDArray x) {
        if (x.rank() != 2 || x.size(1) != features) {
            String per = inputSteps == 0 ? "one column per input node"
                    : "input_steps L=" + inputSteps + " × " + nIn + " input nodes, step-major";
            throw new IllegalArgumentException("classifier input must be [batch, " + features + "] (" + per + "), got "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.size(0) < 1) throw new IllegalArgumentException("empty batch");
        return (int) x.size(0);
    }

    /**
     * One operator pass over {@code x [B, nIn]} keeping every state, for losses on states or other
     * timesteps ({@code org.thousandbrains.selfsup}): in training mode (k-WTA duty cycles learn) ready for
     * {@code operator().backward(...)} and then {@link #addGradients}; in eval mode for reading states.
     * The caller closes it.
     */
    public ForwardPass pass(INDArray x, boolean training) {
        return run(x, 0, batchOf(x), training, true);
    }

    /** Adds the operator's gradients of one backward into the learnable tensors' {@code grad()}. */
    public void addGradients(Gradients gr) {
        if (gr.hasWeight()) gp.addGradient(gp.weight(), gr.weight());
        if (gr.hasDelay()) gp.addGradient(gp.delay(), gr.delay());
        if (gr.hasLeak()) gp.addGradient(gp.leak(), gr.leak());
        gp.addGradient(gp.bias(), gr.bias());
        if (gp.hasNormalization()) {
            gp.addGradient(gp.gain(), gr.gain());
            gp.addGradient(gp.shift(), gr.shift());
        }
    }

    /**
     * One operator pass over the {@code B} samples of {@code x} from row {@code row0}: training mode keeps the
     * history for backward and updates duty cycles.
     */
    private ForwardPass run(INDArray x, int row0, int B, boolean training, boolean keepHistory) {
        prepare();
        return onePass(x, row0, B, training, keepHistory);
    }

    /** Before passes: the open pass closed, the parameters and the k-WTA state copied into the operator. */
    private void prepare() {
        closeOpen();
        gp.writeToOperator();
        stateIn();
    }

    /** {@link #run} after {@link #prepare}. */
    private ForwardPass onePass(INDArray x, int row0, int B, boolean training, boolean keepHistory) {
        float[] buf = nodeMajor(x, row0, B);
        Inputs in = inputSteps == 0 ? Inputs.constant(inputNodes, B, buf) : Inputs.perStep(inputNodes, steps, B, buf);
        op.training(training);
        op.recordInternals(training && rules.rule().needsTraces());
        ForwardPass p = keepHistory ? op.forward(in, steps, B, null) : op.infer(in, steps, B, null);
        if (training) stateOut();
        return p;
    }

    /**
     * The batch {@code [B, F]} transposed into a reused node-major buffer: {@code [nIn][B]} for a constant
     * input, {@code [T][nIn][B]} for a sequence (feature {@code t·nIn + i} at step {@code t+1}; the steps
     * after L stay 0, as they are never written); the samples are rows {@code row0 .. row0 + B} of {@code x}.
     */
    private float[] nodeMajor(INDArray x, int row0, int B) {
        INDArray c = floatRows(x);
        int n = B * features;
        if (rows.length < n) rows = new float[n];
        c.data().asNioFloat().get(row0 * features, rows, 0, n);
        int size = inputSteps == 0 ? B * nIn : steps * nIn * B;
        float[] buf = inputBuffers.computeIfAbsent(B, b -> new float[size]);
        // in blocks of 16 samples by 64 features, so that both sides stay in cache (a naive loop writes each
        // value to another cache line: 2 ms for a batch of 1000 images)
        for (int b0 = 0; b0 < B; b0 += 16) {
            int b1 = Math.min(B, b0 + 16);
            for (int f0 = 0; f0 < features; f0 += 64) {
                int f1 = Math.min(features, f0 + 64);
                for (int f = f0; f < f1; f++) {
                    for (int b = b0; b < b1; b++) buf[f * B + b] = rows[b * features + f];
                }
            }
        }
        return buf;
    }

    /** {@code x} as a dense C-order float32 array: itself when it is one, else a copy. */
    private static INDArray floatRows(INDArray x) {
        return x.dataType() == DataType.FLOAT && !x.isView() && x.ordering() == 'c' && x.offset() == 0 ? x
                : x.castTo(DataType.FLOAT).dup('c');
    }

    /** Node-major {@code [nOut][B]} as sample rows {@code [B, nOut]}, float32 (logits). */
    public static INDArray sampleRows(double[] readout, int B) {
        int nOut = readout.length / B;
        float[] l = new float[readout.length];
        for (int j = 0; j < nOut; j++) {
            for (int b = 0; b < B; b++) l[b * nOut + j] = (float) readout[j * B + b];
        }
        return Nd4j.create(l, new long[] {B, nOut}, DataType.FLOAT);
    }

    private void closeOpen() {
        if (open != null) {
            open.close();
            open = null;
        }
    }

    /** Copies the k-WTA state tensors into the operator. */
    private void stateIn() {
        GroupState live = op.groupState();
        int[] ptr = graph.groupStructure().kwtaPtr();
        for (int q = 0; q < duty.length; q++) {
            duty[q].value().data().asNioDouble().get(0, live.duty(), ptr[q], ptr[q + 1] - ptr[q]);
            live.observations()[q] = observations[q].value().getLong(0);
            live.boost()[q] = boost[q].value().getDouble(0);
        }
        if (normMean.length > 0) live.setNormalization(runningMeans(), runningVariances());
    }

    /** Copies the operator's k-WTA state into the state tensors. */
    private void stateOut() {
        GroupState live = op.groupState();
        int[] ptr = graph.groupStructure().kwtaPtr();
        for (int q = 0; q < duty.length; q++) {
            duty[q].value().data().asNioDouble().put(0, live.duty(), ptr[q], ptr[q + 1] - ptr[q]);
            observations[q].value().putScalar(0, live.observations()[q]);
            boost[q].value().putScalar(0, live.boost()[q]);
        }
        for (int r = 0; r < normMean.length; r++) {
            normMean[r].value().putScalar(0, live.normMean()[r]);
            normVariance[r].value().putScalar(0, live.normVariance()[r]);
        }
    }

    /** The fused forward pass and loss of one batch, one application per batch. */
    private final class ClassifyOp implements CustomOp {
        private final INDArray x;
        private final int batch;
        private final int[] labels;
        private final boolean training;
        private INDArray logits;
        private double[] dLdReadout;
        private double[] probs;
        private ForwardPass pass;

        ClassifyOp(INDArray x, int batch, int[] labels, boolean training) {
            this.x = x;
            this.batch = batch;
            this.labels = labels;
            this.training = training;
        }

        @Override
        public INDArray forward(INDArray[] inputs) {
            int B = batch;
            double[] y;
            if (training) {
                pass = run(x, 0, B, true, true);
                open = pass;
                y = pass.readout();
            } else {
                y = evalReadout(x, B);
            }
            logits = sampleRows(y, B);
            // mean softmax cross-entropy in double, and its gradient w.r.t. the readout [nOut][B]
            double[] g = training ? new double[y.length] : null;
            double loss = SoftmaxCrossEntropy.mean(y, B, labels, 1.0, g);
            dLdReadout = g;
            double extra = 0;
            if (training) {
                probs = new double[y.length];
                for (int i = 0; i < y.length; i++) probs[i] = g[i] * B;
                for (int b = 0; b < B; b++) probs[labels[b] * B + b] += 1;
                extra = rules.stateLoss(pass);
            }
            INDArray out = Nd4j.zeros(DataType.DOUBLE, 1, 1);
            out.putScalar(0, loss + extra);
            return out;
        }

        /** Adds the operator's gradients straight into the learnable tensors' {@code grad()}; nothing for the tape to add. */
        @Override
        public INDArray[] backward(INDArray gradOutput) {
            if (pass == null) throw new IllegalStateException("backward of an evaluation pass");
            double scale = gradOutput.getDouble(0);
            double[] seed = dLdReadout;
            if (scale != 1.0) {
                seed = seed.clone();
                for (int i = 0; i < seed.length; i++) seed[i] *= scale;
            }
            Gradients gr;
            try {
                if (!rules.rule().backpropagates()) {
                    gp.addGradient(gp.weight(), rules.threeFactorGradient(op, pass, probs, labels));
                    return new INDArray[4];
                }
                gr = rules.backward(op, pass, seed, scale, probs, labels);
            } finally {
                pass.close();
                if (open == pass) open = null;
                pass = null;
            }
            addGradients(gr);
            return new INDArray[4];
        }

        @Override
        public String name() {
            return "GraphClassifier(T=" + steps + ")";
        }
    }

    /** {@link Objective}: the rule's after-step weight change (Hebbian strengthening), into the weights. */
    @Override
    public void afterStep() {
        double[] d = rules.takeWeightChange();
        if (d == null) return;
        Parameter w = gp.weight();
        if (w.value().dataType() == DataType.DOUBLE) {
            java.nio.DoubleBuffer b = w.value().data().asNioDouble();
            for (int e = 0; e < d.length; e++) b.put(e, b.get(e) + d[e]);
        } else {
            java.nio.FloatBuffer b = w.value().data().asNioFloat();
            for (int e = 0; e < d.length; e++) b.put(e, b.get(e) + (float) d[e]);
        }
        w.touch();
    }

        // ---- the trained graph ---------------------------------------------------------------------------

    /** Current edge weights {@code [E]}, CSR order (a copy). */
    public double[] weights() { return values(gp.weight()); }
    /** Current edge delays {@code [E]}, CSR order (a copy). */
    public double[] delays() { return values(gp.delay()); }
    /** Current edge leaks {@code [E]}, CSR order (a copy). */
    public double[] leaks() { return values(gp.leak()); }
    /** Current node biases {@code [N]} (a copy). */
    public double[] biases() { return values(gp.bias()); }

    private static double[] values(Parameter p) {
        return p.value().dup('c').data().asDouble();
    }

    /** A trainer listener that calls {@link #decayBoost} after every epoch, as nupic.torch's {@code update_boost_strength()}. */
    public org.thousandbrains.train.TrainListener boostDecayPerEpoch(double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) throw new IllegalArgumentException("boost decay factor must be finite and >= 0, got " + factor);
        return new org.thousandbrains.train.TrainListener() {
            @Override
            public void onEpochEnd(org.thousandbrains.train.Trainer trainer, org.thousandbrains.train.EpochResult result) {
                decayBoost(factor);
            }
        };
    }

    /** Duty cycles per k-WTA member position ({@link GroupStructure#kwtaMembers()}), from the state tensors. */
    public double[] dutyCycles() {
        int[] ptr = graph.groupStructure().kwtaPtr();
        double[] d = new double[ptr[ptr.length - 1]];
        for (int q = 0; q < duty.length; q++) duty[q].value().data().asNioDouble().get(0, d, ptr[q], ptr[q + 1] - ptr[q]);
        return d;
    }

    /**
     * Multiplies every k-WTA group's boost strength β by {@code factor} (nupic.torch's per-epoch
     * {@code boost_strength_factor}, e.g. 0.9 after each epoch); kept in the {@code G.boost} state tensors.
     */
    public void decayBoost(double factor) {
        if (!(factor >= 0) || !Double.isFinite(factor)) throw new IllegalArgumentException("boost decay factor must be finite and >= 0, got " + factor);
        for (Parameter b : boost) b.value().putScalar(0, b.value().getDouble(0) * factor);
    }

    /** Boost strength β per k-WTA group, from the state tensors. */
    public double[] boostStrengths() {
        double[] b = new double[boost.length];
        for (int q = 0; q < b.length; q++) b[q] = boost[q].value().getDouble(0);
        return b;
    }

    /** Running mean μ per overseen group ({@link GroupStructure#normNames()} order), from the state tensors. */
    public double[] runningMeans() {
        double[] m = new double[normMean.length];
        for (int r = 0; r < m.length; r++) m[r] = normMean[r].value().getDouble(0);
        return m;
    }

    /** Running variance σ² per overseen group, from the state tensors. */
    public double[] runningVariances() {
        double[] v = new double[normVariance.length];
        for (int r = 0; r < v.length; r++) v[r] = normVariance[r].value().getDouble(0);
        return v;
    }

    /** Observations per k-WTA group, from the state tensors. */
    public long[] observationCounts() {
        long[] o = new long[observations.length];
        for (int q = 0; q < o.length; q++) o[q] = observations[q].value().getLong(0);
        return o;
    }

    /** The compiled graph with the current parameter values. */
    public CompiledGraph trainedGraph() {
        return graph.withParameters(weights(), delays(), leaks(), biases());
    }

    /**
     * The trained model as an edge table: current parameters, duty cycles and observations, the overseer
     * normalization's gains, shifts and running statistics, competition and readout settings.
     */
    public EdgeTable edgeTable() {
        double[] gains = gp.hasNormalization() ? values(gp.gain()) : null;
        double[] shifts = gp.hasNormalization() ? values(gp.shift()) : null;
        return EdgeTable.of(graph, weights(), delays(), leaks(), biases(), dutyCycles(), observationCounts(), gains, shifts,
                runningMeans(), runningVariances());
    }

    /** The trained model as a fresh {@link Network} (for GraphML export, plots, JGraphT). */
    public Network network() {
        return NetworkView.of(edgeTable());
    }

    /**
     * A checkpoint builder holding what {@link #restore(Checkpoint)} needs: the trained graph, the
     * parameters with k-WTA state and the readout settings as metadata; add optimizer, trainer state and
     * more metadata before {@code build()}.
     */
    public Checkpoint.Builder checkpoint() {
        return Checkpoint.builder()
                .graph(edgeTable())
                .parameters(parameters)
                .meta(META_STEPS, Integer.toString(steps))
                .meta(META_READOUT, Integer.toString(readoutWindow()))
                .meta(META_RULE, rule().spec());
    }

    /**
     * Java serialization (a Spark task's result, say) goes through the checkpoint: the graph, the parameters with
     * k-WTA state, readout and rule, restored as {@link #restore(Checkpoint)} does (float32, default threads).
     */
    @Serial
    private Object writeReplace() throws ObjectStreamException {
        if (precision() != Precision.FLOAT32) {
            throw new NotSerializableException("a " + precision() + " GraphClassifier: its checkpoint restores float32 only");
        }
        try {
            return new SerializedForm(CheckpointIO.encode(checkpoint().build()));
        } catch (IOException e) {
            throw (InvalidObjectException) new InvalidObjectException("cannot encode the checkpoint: " + e.getMessage()).initCause(e);
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a GraphClassifier is serialized through its checkpoint");
    }

    /** The serialized form: the checkpoint's payload ({@link CheckpointIO#encode}). */
    private record SerializedForm(byte[] checkpoint) implements Serializable {
        @Serial
        private Object readResolve() throws ObjectStreamException {
            try {
                return restore(CheckpointIO.decode(checkpoint));
            } catch (IOException e) {
                throw (InvalidObjectException) new InvalidObjectException(e.getMessage()).initCause(e);
            }
        }
    }

    @Override
    public String toString() {
        GroupStructure s = graph.groupStructure();
        StringBuilder sb = new StringBuilder("GraphClassifier[");
        sb.append(String.format(Locale.ROOT, "%,d nodes (%d in, %d out), %,d edges", graph.nodeCount(), nIn, nOut, graph.edgeCount()));
        if (s.kwtaCount() > 0) {
            sb.append(", k-WTA ");
            int[] ptr = s.kwtaPtr();
            for (int q = 0; q < s.kwtaCount(); q++) {
                if (q > 0) sb.append(", ");
                sb.append(s.kwtaNames()[q]).append(" k=").append(s.kwtaK()[q]).append('/').append(ptr[q + 1] - ptr[q]);
            }
        }
        if (s.normCount() > 0) sb.append(", overseen ").append(String.join(", ", s.normNames()));
        if (s.unitCount() > 0) sb.append(", ").append(s.unitCount()).append(" units");
        if (s.unitGroupCount() > 0) sb.append(" in ").append(s.unitGroupCount()).append(" unit group(s)");
        sb.append(", T=").append(steps);
        if (inputSteps > 0) sb.append(", input sequence of ").append(inputSteps).append(" steps");
        if (readoutWindow() > 1) sb.append(", readout mean of last ").append(readoutWindow());
        sb.append(", ").append(op.precision().name().toLowerCase(Locale.ROOT)).append(", ").append(op.threads()).append(" thread(s)]");
        return sb.toString();
    }
}
