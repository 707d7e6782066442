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
    double[] hD;
    private final double[] readout;
    private final float[] aF;
    private final double[] aD;
    private final float[] sF;
    private final double[] sD;
    private boolean closed;

    ForwardPass(TemporalOperator owner, Plan plan, History history, Inputs.Bound inputs, int meanOfLast, int[] outputs,
                float[] hF, double[] hD, double[] readout, float[] aF, double[] aD, float[] sF, double[] sD) {
        this.owner = owner;
        this.plan = plan;
        this.history = history;
        this.inputs = inputs;
        this.meanOfLast = meanOfLast;
        this.outputs = outputs;
        this.hF = hF;
        this.hD = hD;
        this.readout = readout;
        this.aF = aF;
        this.aD = aD;
        this.sF = sF;
        this.sD = sD;
    }

    public int steps() { return plan.steps; }
    public int batch() { return plan.batch; }
    public int nodeCount() { return plan.n; }
    public Precision precision() { return plan.precision; }
    /** True for {@link TemporalOperator#forward} (all states kept), false for {@link TemporalOperator#infer}. */
    public boolean keepsHistory() { return !history.ring; }

    /** The readout {@code [nOut][B]}: the output states at T, or their mean over the last K steps. */
    public double[] readout() {
        return readout.clone();
    }

    /** {@code x(t)} {@code [N][B]} for {@code t = 0..T} (an inference pass keeps only its last ⌊max d⌋+2 steps). */
    public double[] state(int t) {
        open();
        requireHeld(t);
        int B = plan.batch;
        double[] r = new double[plan.n * B];
        int slots = history.slots;
        int slot = history.slot(t);
        for (int v = 0; v < plan.n; v++) {
            int o = (v * slots + slot) * B;
            if (hF != null) for (int b = 0; b < B; b++) r[v * B + b] = hF[o + b];
            else System.arraycopy(hD, o, r, v * B, B);
        }
        return r;
    }

    /** Firing mask of step t, {@code [N][B]}: {@code x_v(t) > threshold_v}. */
    public boolean[] firing(int t) {
        open();
        requireHeld(t);
        boolean[] r = new boolean[plan.n * plan.batch];
        orFiring(t, r);
        return r;
    }

    /** Whether each node fired at any step {@code 1..T}, per sample, {@code [N][B]} (needs the full history). */
    public boolean[] firedAtAnyStep() {
        open();
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
        for (int v = 0; v < plan.n; v++) {
            int o = (v * slots + slot) * B;
            for (int b = 0; b < B; b++) {
                double x = hF != null ? hF[o + b] : hD[o + b];
                if (x > thr[v]) r[v * B + b] = true;
            }
        }
    }

    /** Pre-activations {@code a(t)} {@code [N][B]}, {@code t = 1..T}; only with {@code recordInternals(true)}. */
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
        if (!history.holds(t, plan.steps)) {
            throw new IllegalStateException("state of step " + t + " is not held (steps 0.." + plan.steps
                    + (history.ring ? "; an inference pass keeps only the last " + history.slots + " steps" : "") + ")");
        }
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
        hD = null;
    }
}
