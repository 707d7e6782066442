package org.thousandbrains.ops;

import java.util.Arrays;

import org.thousandbrains.graph.compile.CompiledGraph;

/**
 * The temporal CSR message-passing operator of one compiled graph (DESIGN.md, "The computation"):
 * configure it fluently, let an optimizer update its live {@link #parameters()}, run
 * {@link #forward} then {@link #backward} for exact BPTT gradients, or {@link #infer} for a
 * forward pass that keeps only the history ring. See the package documentation for layouts and
 * the memory strategy. Passes may run one after another from any thread; one operator should not
 * run two passes at the same time.
 */
public final class TemporalOperator {
    private final CompiledGraph graph;
    private final Parameters parameters;
    private final GroupState groupState;
    private boolean training;
    private Strategy strategy = Strategy.byDefault();
    private boolean skipFrozen;
    private boolean inputGradients = true;
    private DenseLayout denseLayout;
    /** The layouts of the latest passes, latest first (at most {@link #LAYOUTS_KEPT}). */
    private final java.util.LinkedList<PassLayout> layouts = new java.util.LinkedList<>();
    private static final int LAYOUTS_KEPT = 4;
    private BoundWeights bound;
    private final Plan.SeenValues seen = new Plan.SeenValues();
    private final Buffers buffers = new Buffers();
    private Precision precision = Precision.FLOAT32;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int meanOfLast = 1;
    private int[] outputs;
    private boolean recordInternals;
    private boolean simd = true;

    private TemporalOperator(CompiledGraph graph) {
        this.graph = graph;
        this.parameters = new Parameters(graph);
        this.groupState = new GroupState(graph.groupStructure());
        this.outputs = graph.outputs().clone();
        this.meanOfLast = graph.readoutWindow();
    }

    /** An operator over {@code graph}, with parameters copied from it. */
    public static TemporalOperator of(CompiledGraph graph) {
        return new TemporalOperator(graph);
    }

    public TemporalOperator precision(Precision p) {
        if (p != precision) buffers.clear();
        this.precision = p;
        return this;
    }

    /** Worker threads for the kernels (default: available processors); results do not depend on it. */
    public TemporalOperator threads(int k) {
        if (k < 1) throw new IllegalArgumentException("threads must be >= 1, got " + k);
        this.threads = k;
        return this;
    }

    /** Readout = mean of the output states over the last {@code k} steps (1: the state at T). */
    public TemporalOperator readoutMeanOfLast(int k) {
        if (k < 1) throw new IllegalArgumentException("readout window must be >= 1 step, got " + k);
        this.meanOfLast = k;
        return this;
    }

    /** Readout nodes in order (default: the graph's output nodes). */
    public TemporalOperator outputs(int... nodes) {
        for (int v : nodes) {
            if (v < 0 || v >= graph.nodeCount()) throw new IllegalArgumentException("output node " + v + " outside [0, " + graph.nodeCount() + ")");
        }
        this.outputs = nodes.clone();
        return this;
    }

    /** Also keep pre-activations and edge traces of every step (T·(N+E)·B values; for verification). */
    public TemporalOperator recordInternals(boolean on) {
        this.recordInternals = on;
        return this;
    }

    /**
     * Training mode (default off): k-WTA groups pick {@code k} winners (eval mode: the inference
     * {@code k}) and a {@link #forward} updates their duty cycles. {@link #infer} never updates them.
     */
    public TemporalOperator training(boolean on) {
        this.training = on;
        return this;
    }

    public boolean isTraining() { return training; }

    /** Execution strategy (default {@link Strategy#byDefault()}, AUTO); results do not depend on it beyond rounding. */
    public TemporalOperator strategy(Strategy s) {
        this.strategy = java.util.Objects.requireNonNull(s, "strategy");
        return this;
    }

    public Strategy strategy() { return strategy; }

    /**
     * Report 0 for the gradient of every parameter whose learnable bit is off (default: every
     * gradient is computed), which lets the dense blocks skip forming delay and leak gradients
     * nobody trains. Same results on every strategy.
     */
    public TemporalOperator skipFrozenGradients(boolean on) {
        this.skipFrozen = on;
        return this;
    }

    /**
     * Whether {@link #backward} forms the gradients with respect to the inputs and the initial state
     * (default true). A trainer that reads neither turns them off: {@link Gradients#inputs()} and
     * {@link Gradients#initialState()} are then null, and a dense block fed only by input nodes skips its
     * {@code Wᵀ·G} (whose only use is the input gradient). The parameter gradients are the same either way.
     */
    public TemporalOperator inputGradients(boolean on) {
        this.inputGradients = on;
        return this;
    }

    /**
     * Binds float32 master weights {@code [E]} (CSR order) and their gradient buffer, both native
     * memory (e.g. a trainer's float32 weight tensor and its gradient): float32 passes then read the
     * weights from {@code values} (the operator's own {@code parameters().weight()} is not used and
     * goes stale), dense blocks multiply with them in place, and {@link #backward} <em>adds</em> every
     * weight gradient into {@code grads}, returning zeros in {@link Gradients#weight()}. Null unbinds.
     */
    public TemporalOperator bindWeights(org.bytedeco.javacpp.FloatPointer values, org.bytedeco.javacpp.FloatPointer grads) {
        this.bound = values == null ? null : new BoundWeights(values, grads, graph.edgeCount());
        return this;
    }

    /**
     * Tells the next pass that no one wrote into {@link Parameters#delay()} or {@link Parameters#leak()} since the
     * last pass, so that it keeps the last pass's delay and leak pattern without comparing the two arrays with
     * their copies (two reads of {@code [E]} doubles per pass: at batch 1 a fifth of the sparse Fashion-MNIST
     * model's eval pass). For owners that know it, as {@link org.thousandbrains.autodiff.GraphParameters} does from
     * its tensors' versions; a pass after a wrong word runs with the last pass's pattern. Holds for the next pass only.
     */
    public TemporalOperator delaysAndLeaksUnchanged() {
        seen.vouch();
        return this;
    }

    /** How many dense blocks a pass of the current parameters would run as matrices (for reports and tests). */
    public int denseBlocksInUse(int T, int B) {
        return new Plan(graph, parameters, groupState, precision, T, B, threads, false, false, denseLayout(), strategy,
                skipFrozen, true, null, null, null).dense.length;
    }

    /**
     * Of the last pass's layout: the block products (forward and backward, per step) the sparse-sparse
     * kernel ran, and those it gave back to the GEMM because that was faster (for reports and tests).
     */
    public long[] sparseProducts() {
        java.util.List<PassLayout> recent = recentLayouts();
        return recent.isEmpty() ? new long[2] : recent.get(0).gatherCounts();
    }

    /** Of the last pass's layout: the block products (forward and backward, per step) its sparse-weight rows ran. */
    public long rowsProducts() {
        java.util.List<PassLayout> recent = recentLayouts();
        return recent.isEmpty() ? 0 : recent.get(0).rowsCount();
    }

    private DenseLayout denseLayout() {
        if (denseLayout == null) denseLayout = DenseLayout.of(graph);
        return denseLayout;
    }
    /** The live k-WTA duty cycles and observation counts. */
    public GroupState groupState() { return groupState; }
    public CompiledGraph graph() { return graph; }
    public Parameters parameters() { return parameters; }
    public Precision precision() { return precision; }
    public int threads() { return threads; }
    public int readoutWindow() { return meanOfLast; }
    public int[] outputs() { return outputs.clone(); }

    /** The graph's input (clamped) nodes in node order: the natural node list for {@link Inputs#perStep}/{@link Inputs#constant}. */
    public int[] inputNodes() {
        return java.util.stream.IntStream.range(0, graph.nodeCount()).filter(graph::isInput).toArray();
    }

    /**
     * Runs {@code T} steps on a batch of {@code B}, keeping every state so that {@link #backward} can
     * follow. {@code inputs} may be null (no input), {@code x0} ({@code [N][B]}) null for zeros.
     */
    public ForwardPass forward(Inputs inputs, int T, int B, double[] x0) {
        return run(inputs, T, B, x0, true, null);
    }

    /** Like {@link #forward} but keeps only a ring of the last ⌊max d⌋+2 (≤ ⌈d_max⌉+2) states: less memory, no backward. */
    public ForwardPass infer(Inputs inputs, int T, int B, double[] x0) {
        return run(inputs, T, B, x0, false, null);
    }

    /**
     * Like {@link #infer}, calling {@code listener} after every step with the running pass: memory for
     * the ring only, whatever {@code T}, while the listener records what it needs of each step.
     */
    public ForwardPass infer(Inputs inputs, int T, int B, double[] x0, StepListener listener) {
        return run(inputs, T, B, x0, false, java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Gradients of a loss whose derivative w.r.t. the readout ({@code [nOut][B]}) is {@code dLdReadout}. */
    public Gradients backward(ForwardPass pass, double[] dLdReadout) {
        return backward(pass, dLdReadout, null);
    }

    /**
     * Gradients of a loss on the readout ({@code dLdReadout}, may be null) and on any states:
     * {@code dLdStates[t]} is {@code ∂L/∂x(t)} {@code [N][B]} for {@code t = 0..T} (null entries or a
     * null array for none).
     */
    public Gradients backward(ForwardPass pass, double[] dLdReadout, double[][] dLdStates) {
        return backward(pass, dLdReadout, dLdStates, null);
    }

    /**
     * Like {@link #backward(ForwardPass, double[], double[][])}, where {@code ownMask} ({@code [N][B]},
     * may be null) says which samples reach which node's own parameters: where {@code ownMask[v·B + b]}
     * is 0, sample b adds nothing to the bias of v and to the weight, delay and leak gradients of v's
     * in-edges (unit-internal ones included), while {@code ∂L/∂a_v} still flows on to earlier nodes.
     * The fired-only rule passes "fired at some step in this sample" here. Every execution strategy
     * honours it (the float32 vector kernel steps aside for the scalar one while a mask is given).
     */
    public Gradients backward(ForwardPass pass, double[] dLdReadout, double[][] dLdStates, byte[] ownMask) {
        if (pass.owner != this) throw new IllegalArgumentException("forward pass belongs to another operator");
        pass.open();
        if (pass.history.ring) throw new IllegalStateException("an inference pass keeps no history: use forward() for backward()");
        BackwardSeeds seeds = new BackwardSeeds(pass.plan.n, pass.plan.batch, pass.plan.steps, pass.meanOfLast,
                pass.outputs, dLdReadout, dLdStates, ownMask);
        Workers workers = Workers.of(pass.plan.threads);
        return pass.plan.precision == Precision.FLOAT32 ? BackwardRun32.run(pass, seeds, workers, buffers, simd, inputGradients)
                : BackwardRun64.run(pass, seeds, workers, buffers, simd, inputGradients);
    }

    private ForwardPass run(Inputs inputs, int T, int B, double[] x0, boolean keep, StepListener listener) {
        int n = graph.nodeCount();
        Plan plan;
        try { // a vouch for the delays holds for this pass only, whether or not it gets as far as its plan
            if (T < 1) throw new IllegalArgumentException("steps T must be >= 1, got " + T);
            if (B < 1) throw new IllegalArgumentException("batch B must be >= 1, got " + B);
            if (meanOfLast > T) throw new IllegalArgumentException("readout window " + meanOfLast + " exceeds T=" + T);
            if (x0 != null && x0.length != (long) n * B) {
                throw new IllegalArgumentException("x0 has " + x0.length + " values, expected [N=" + n + "][B=" + B + "]");
            }
            plan = new Plan(graph, parameters, groupState, precision, T, B, threads, recordInternals, training && keep,
                    strategy == Strategy.CSR ? null : denseLayout(), strategy, skipFrozen, x0 == null, recentLayouts(), seen,
                    precision == Precision.FLOAT32 ? bound : null);
        } finally {
            seen.forgetVouch();
        }
        synchronized (layouts) {
            layouts.remove(plan.layout);
            layouts.addFirst(plan.layout);
            if (layouts.size() > LAYOUTS_KEPT) layouts.removeLast();
        }
        Inputs.Bound in = (inputs == null ? Inputs.none() : inputs).bind(n, T, B, precision, !keep);
        History history = new History(plan.reach, T, !keep);
        Workers workers = Workers.of(plan.threads);
        return precision == Precision.FLOAT32
                ? ForwardRun32.run(this, plan, history, in, meanOfLast, outputs, x0, recordInternals, keep, workers, buffers, simd, groupState, parameters.weight(), listener)
                : ForwardRun64.run(this, plan, history, in, meanOfLast, outputs, x0, recordInternals, keep, workers, buffers, simd, groupState, parameters.weight(), listener);
    }

    private java.util.List<PassLayout> recentLayouts() {
        synchronized (layouts) {
            return new java.util.ArrayList<>(layouts);
        }
    }

    /** Allows (default) or forbids the Vector API kernels for this operator, e.g. to compare both paths. */
    TemporalOperator simd(boolean allowed) {
        this.simd = allowed;
        return this;
    }

    void recycle(ForwardPass pass) {
        buffers.give(pass.hF);
        buffers.give(pass.h);
        buffers.give(pass.readout);
        if (pass.stage != null) pass.stage.releaseWinners(buffers);
    }

    @Override
    public String toString() {
        return "TemporalOperator[N=" + graph.nodeCount() + ", E=" + graph.edgeCount() + ", " + precision
                + (precision == Precision.FLOAT32 && simd ? " (" + Kernels.current().brief() + ")" : "")
                + ", threads=" + threads + ", readout mean of last " + meanOfLast + ", outputs=" + Arrays.toString(outputs) + "]";
    }
}
