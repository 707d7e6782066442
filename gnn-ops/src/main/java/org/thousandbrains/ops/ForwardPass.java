package org.thousandbrains.ops;

/**
 * The result of one forward pass: the readout and, for {@link TemporalOperator#forward}, the node
 * states of every step (what {@link TemporalOperator#backward} needs). Arrays handed out are copies,
 * node-major {@code [N][B]}. {@link #close()} returns the state history to the operator's pool; the
 * pass cannot be used afterwards.
 */
public final class ForwardPass implements AutoCloseable {
    final TemporalOperator owner;
    final Plan plan;
    final History history;
    final Inputs.Bound inputs;
    final int meanOfLast;
    final int[] outputs;
    float[] hF;
    double[] h;
    final StageBuffers stage;
    final double[] readout;
    private final float[] aF;
    private final double[] aD;
    private final float[] sF;
    private final double[] sD;
    private boolean closed;
    /** Steps computed so far (the pass is handed to a {@link StepListener} while it runs). */
    private int done;
    private boolean finished;

    ForwardPass(TemporalOperator owner, Plan plan, History history, Inputs.Bound inputs, int meanOfLast, int[] outputs,
                float[] h, double[] readout, float[] a, float[] s, StageBuffers stage) {
        this(owner, plan, history, inputs, meanOfLast, outputs, h, null, readout, a, null, s, null, stage);
    }

    ForwardPass(TemporalOperator owner, Plan plan, History history, Inputs.Bound inputs, int meanOfLast, int[] outputs,
                double[] h, double[] readout, double[] a, double[] s, StageBuffers stage) {
        this(owner, plan, history, inputs, meanOfLast, outputs, null, h, readout, null, a, null, s, stage);
    }

    private ForwardPass(TemporalOperator owner, Plan plan, History history, Inputs.Bound inputs, int meanOfLast, int[] outputs,
                float[] hF, double[] h, double[] readout, float[] aF, double[] aD, float[] sF, double[] sD,
                StageBuffers stage) {
        this.owner = owner;
        this.plan = plan;
        this.history = history;
        this.inputs = inputs;
        this.meanOfLast = meanOfLast;
        this.outputs = outputs;
        this.hF = hF;
        this.h = h;
        this.readout = readout;
        this.aF = aF;
        this.aD = aD;
        this.sF = sF;
        this.sD = sD;
        this.stage = stage;
    }

    /** The compiled graph this pass ran on (its CSR order is the order of {@link #trace}). */
    public org.thousandbrains.graph.compile.CompiledGraph graph() { return plan.graph; }
    public int steps() { return plan.steps; }
    public int batch() { return plan.batch; }
    public int nodeCount() { return plan.n; }
    public Precision precision() { return plan.precision; }
    /** True for {@link TemporalOperator#forward} (all states kept), false for {@link TemporalOperator#infer}. */
    public boolean keepsHistory() { return !history.ring; }

    /** The readout {@code [nOut][B]}: the output states at T, or their mean over the last K steps, as a copy (call it before closing the pass: a closed pass has no readout). */
    public double[] readout() {
        open();
        requireFinished("readout()");
        return readout.clone();
    }

    /**
     * {@code x(t)} {@code [N][B]} for {@code t = 0..T} (an inference pass keeps only its last ⌊max d⌋+2 steps;
     * inside a {@link StepListener} the steps computed so far).
     */
    public double[] state(int t) {
        double[] r = new double[plan.n * plan.batch];
        stateInto(t, r);
        return r;
    }

    /** Copies {@code x(t)} into {@code into} ({@code [N][B]}, as {@link #state}) without allocating; returns it. */
    public double[] stateInto(int t, double[] into) {
        open();
        requireHeld(t);
        int B = plan.batch;
        requireLength(into.length, "state");
        if (t == 0 && plan.zeroInitialState) {
            // a zero x(0) is not stored for the nodes no kernel reads it from
            java.util.Arrays.fill(into, 0);
            return into;
        }
        int slots = history.slots;
        int slot = history.slot(t);
        for (int v = 0; v < plan.n; v++) {
            int o = (v * slots + slot) * B;
            if (hF != null) for (int b = 0; b < B; b++) into[v * B + b] = hF[o + b];
            else System.arraycopy(h, o, into, v * B, B);
        }
        return into;
    }

    /**
     * Firing mask of step t, {@code [N][B]} (DESIGN.md "Firing"): {@code x_v(t) > θ_v}, or v won its
     * k-WTA group at t (even with {@code x ≤ θ}); members of a winning unit fire by threshold only.
     */
    public boolean[] firing(int t) {
        return firingInto(t, new boolean[plan.n * plan.batch]);
    }

    /** Writes the firing mask of step t into {@code into} ({@code [N][B]}, as {@link #firing}) without allocating; returns it. */
    public boolean[] firingInto(int t, boolean[] into) {
        open();
        requireHeld(t);
        requireLength(into.length, "firing mask");
        java.util.Arrays.fill(into, false);
        orFiring(t, into);
        return into;
    }

    private void requireLength(int length, String what) {
        if (length != plan.n * plan.batch) {
            throw new IllegalArgumentException(what + " buffer has " + length + " values, expected [N=" + plan.n + "][B=" + plan.batch + "]");
        }
    }

    /** Whether each node fired at any step {@code 1..T}, per sample, {@code [N][B]} (needs the full history). */
    public boolean[] firedAtAnyStep() {
        open();
        requireFinished("firedAtAnyStep()");
        if (history.ring) throw new IllegalStateException("an inference pass keeps no history: use forward()");
        boolean[] r = new boolean[plan.n * plan.batch];
        for (int t = 1; t <= plan.steps; t++) orFiring(t, r);
        return r;
    }

    private void orFiring(int t, boolean[] r) {
        int B = plan.batch;
        int slots = history.slots;
        int slot = history.slot(t);
        double[] thr = plan.graph.thresholds();
        boolean zero = t == 0 && plan.zeroInitialState; // x(0) = 0, not stored for every node
        for (int v = 0; v < plan.n; v++) {
            int o = (v * slots + slot) * B;
            for (int b = 0; b < B; b++) {
                double x = zero ? 0 : hF != null ? hF[o + b] : h[o + b];
                if (x > thr[v]) r[v * B + b] = true;
            }
        }
        if (t == 0) return; // no k-WTA stage ran at step 0
        int[] members = plan.groups.kwtaMembers();
        int m = members.length;
        for (int i = 0; i < m; i++) {
            int o = ((t - 1) * m + i) * B;
            int v = members[i];
            for (int b = 0; b < B; b++) if (stage.kwtaWin[o + b] != 0) r[v * B + b] = true;
        }
    }

    /**
     * Firing masks of every step as bytes {@code [T][N][B]} (index {@code ((t-1)·N + v)·B + b}); needs
     * the full history ({@link TemporalOperator#forward}).
     */
    public byte[] firingMasks() {
        open();
        requireFinished("firingMasks()");
        if (history.ring) throw new IllegalStateException("an inference pass keeps no history: use forward()");
        int n = plan.n;
        int B = plan.batch;
        byte[] masks = new byte[Sizes.check("firing masks T*N*B", (long) plan.steps * n * B)];
        for (int t = 1; t <= plan.steps; t++) {
            boolean[] f = new boolean[n * B];
            orFiring(t, f);
            int o = (t - 1) * n * B;
            for (int i = 0; i < f.length; i++) masks[o + i] = (byte) (f[i] ? 1 : 0);
        }
        return masks;
    }

    /** k-WTA winners of step t per member position of {@code groupStructure().kwtaMembers()}, {@code [M][B]}. */
    public boolean[] kwtaWinners(int t) {
        open();
        if (t < 1 || t > plan.steps) throw new IndexOutOfBoundsException("step " + t + " outside 1.." + plan.steps);
        int len = plan.groups.kwtaMembers().length * plan.batch;
        boolean[] r = new boolean[len];
        for (int i = 0; i < len; i++) r[i] = stage.kwtaWin[(t - 1) * len + i] != 0;
        return r;
    }

    /** Unit-group winners of step t per unit, {@code [U][B]} (false for units outside a unit group). */
    public boolean[] unitWinners(int t) {
        open();
        if (t < 1 || t > plan.steps) throw new IndexOutOfBoundsException("step " + t + " outside 1.." + plan.steps);
        int len = plan.groups.unitCount() * plan.batch;
        boolean[] r = new boolean[len];
        for (int i = 0; i < len; i++) r[i] = stage.unitWin[(t - 1) * len + i] != 0;
        return r;
    }

    /**
     * Overseer normalization: the mean μ each overseen group ({@code groupStructure().normNames()} order)
     * normalised with at step t — the running mean after this step's update in training (or the step's
     * batch mean with batch statistics), the frozen one in eval.
     */
    public double[] normMean(int t) {
        return perGroup(stage.normMean, t);
    }

    /** Overseer normalization: the variance σ² each overseen group normalised with at step t (as {@link #normMean}). */
    public double[] normVariance(int t) {
        return perGroup(stage.normVariance, t);
    }

    private double[] perGroup(double[] values, int t) {
        open();
        if (t < 1 || t > plan.steps) throw new IndexOutOfBoundsException("step " + t + " outside 1.." + plan.steps);
        int r = plan.groups.normCount();
        return java.util.Arrays.copyOfRange(values, (t - 1) * r, t * r);
    }

    /**
     * Pre-activations {@code a(t)} {@code [N][B]}, {@code t = 1..T}; only with {@code recordInternals(true)}.
     * For members of an overseen group this is the normalised {@code â} their activation (and k-WTA) saw.
     */
    public double[] preActivation(int t) {
        return recorded(aF, aD, t, plan.n, "preActivation");
    }

    /** Edge traces {@code s(t)} {@code [E][B]} in CSR order, {@code t = 1..T}; only with {@code recordInternals(true)}. */
    public double[] trace(int t) {
        return recorded(sF, sD, t, plan.e, "trace");
    }

    private double[] recorded(float[] f, double[] d, int t, int rows, String what) {
        if (f == null && d == null) {
            throw new IllegalStateException(what + "(t) needs TemporalOperator.recordInternals(true) before the pass");
        }
        if (t < 1 || t > plan.steps) throw new IndexOutOfBoundsException("step " + t + " outside 1.." + plan.steps);
        int len = rows * plan.batch;
        int off = (t - 1) * len;
        double[] r = new double[len];
        if (f != null) for (int i = 0; i < len; i++) r[i] = f[off + i];
        else System.arraycopy(d, off, r, 0, len);
        return r;
    }

    private void requireHeld(int t) {
        if (!history.holds(t, done)) {
            throw new IllegalStateException("state of step " + t + " is not held (steps 0.." + done
                    + (history.ring ? "; an inference pass keeps only the last " + history.slots + " steps" : "") + ")");
        }
    }

    private void requireFinished(String what) {
        if (!finished) throw new IllegalStateException(what + " is known once the pass has run all " + plan.steps + " steps");
    }

    /** Called by the run once step t is computed. */
    void completed(int t) {
        done = t;
    }

    /** Called by the run after the last step (readout averaged, duty cycles updated). */
    void finished() {
        finished = true;
    }

    void open() {
        if (closed) throw new IllegalStateException("forward pass already closed");
    }

    /** Returns the state history to the operator for reuse; later calls on this pass fail. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        owner.recycle(this);
        hF = null;
        h = null;
    }
}
