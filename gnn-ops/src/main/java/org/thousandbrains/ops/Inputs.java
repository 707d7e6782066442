package org.thousandbrains.ops;

import java.util.Arrays;

/**
 * External input {@code I_v(t)} of one forward pass, in one of three flat layouts (batch innermost):
 * {@link #dense} {@code [T][N][B]} for every node, {@link #perStep} {@code [T][n][B]} for listed
 * nodes, {@link #constant} {@code [n][B]} for listed nodes held at every step; or {@link #streamed},
 * {@code [n][B]} for listed nodes filled by a source before each step of an inference pass (long
 * simulations: memory for one step, not T). Nodes not listed get
 * {@code I = 0}. Input nodes are clamped to their input; on other nodes the input adds to the
 * pre-activation. The input gradient comes back in the same layout ({@link Gradients#inputs()}),
 * summed over steps for a constant input. Data arrays are used as given (not copied) unless the
 * operator's precision differs, and must not change during the pass.
 */
public final class Inputs {
    enum Layout { NONE, DENSE, PER_STEP, CONSTANT, STREAMED }

    /** Fills one step's values of a {@link #streamed} input. */
    @FunctionalInterface
    public interface StepValues {
        /** Writes {@code I(t)} of the listed nodes into {@code values}, {@code [nodes][batch]}; called for t = 1..T in order. */
        void fill(int t, float[] values);
    }

    final Layout layout;
    final int[] nodes;
    final int steps;
    final int batch;
    final float[] floats;
    final double[] doubles;
    private final StepValues stepValues;
    private final int nodeCount;

    private Inputs(Layout layout, int[] nodes, int nodeCount, int steps, int batch, float[] floats, double[] doubles) {
        this(layout, nodes, nodeCount, steps, batch, floats, doubles, null);
    }

    private Inputs(Layout layout, int[] nodes, int nodeCount, int steps, int batch, float[] floats, double[] doubles,
                   StepValues stepValues) {
        this.stepValues = stepValues;
        this.layout = layout;
        this.nodes = nodes;
        this.nodeCount = nodeCount;
        this.steps = steps;
        this.batch = batch;
        this.floats = floats;
        this.doubles = doubles;
        if (layout != Layout.NONE) {
            if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            boolean oneStep = layout == Layout.CONSTANT || layout == Layout.STREAMED;
            long expected = (long) (oneStep ? 1 : steps) * nodeCount * batch;
            int actual = floats != null ? floats.length : doubles.length;
            if (expected != actual) {
                throw new IllegalArgumentException(layout.name().toLowerCase() + " input needs "
                        + (oneStep ? "" : steps + "*") + nodeCount + "*" + batch + " = " + expected
                        + " values, got " + actual);
            }
        }
    }

    /** No external input (every {@code I = 0}). */
    public static Inputs none() {
        return new Inputs(Layout.NONE, null, 0, 0, 0, null, null);
    }

    /** Input for every node, {@code [steps][nodeCount][batch]}. */
    public static Inputs dense(int steps, int nodeCount, int batch, float[] data) {
        return new Inputs(Layout.DENSE, null, nodeCount, steps, batch, data, null);
    }

    /** Input for every node, {@code [steps][nodeCount][batch]}. */
    public static Inputs dense(int steps, int nodeCount, int batch, double[] data) {
        return new Inputs(Layout.DENSE, null, nodeCount, steps, batch, null, data);
    }

    /** Input for the listed nodes (in that order), {@code [steps][nodes.length][batch]}. */
    public static Inputs perStep(int[] nodes, int steps, int batch, float[] data) {
        return new Inputs(Layout.PER_STEP, nodes.clone(), nodes.length, steps, batch, data, null);
    }

    /** Input for the listed nodes (in that order), {@code [steps][nodes.length][batch]}. */
    public static Inputs perStep(int[] nodes, int steps, int batch, double[] data) {
        return new Inputs(Layout.PER_STEP, nodes.clone(), nodes.length, steps, batch, null, data);
    }

    /** Input for the listed nodes held constant over all steps, {@code [nodes.length][batch]}. */
    public static Inputs constant(int[] nodes, int batch, float[] data) {
        return new Inputs(Layout.CONSTANT, nodes.clone(), nodes.length, 0, batch, data, null);
    }

    /** Input for the listed nodes held constant over all steps, {@code [nodes.length][batch]}. */
    public static Inputs constant(int[] nodes, int batch, double[] data) {
        return new Inputs(Layout.CONSTANT, nodes.clone(), nodes.length, 0, batch, null, data);
    }

    /**
     * Input for the listed nodes that {@code source} writes before each step, {@code [nodes.length][batch]}
     * per step: for inference passes ({@link TemporalOperator#infer}), which need one step's values at a time,
     * one pass at a time (the step's buffer is this object's). A training pass refuses it: its backward needs
     * every step's input.
     */
    public static Inputs streamed(int[] nodes, int batch, StepValues source) {
        java.util.Objects.requireNonNull(source, "source");
        return new Inputs(Layout.STREAMED, nodes.clone(), nodes.length, 0, batch,
                new float[Math.multiplyExact(nodes.length, batch)], null, source);
    }

    /** Batch size, or 0 for {@link #none()}. */
    public int batch() {
        return batch;
    }

    /** Number of values (the length of the data array and of its gradient). */
    public int length() {
        return floats != null ? floats.length : doubles != null ? doubles.length : 0;
    }

    /**
     * Checks the layout against a pass of {@code T} steps over {@code n} nodes ({@code inference}: an
     * inference pass) and maps each node to its row.
     */
    Bound bind(int n, int T, int B, Precision precision, boolean inference) {
        if (layout == Layout.NONE) return new Bound(this, null, 0, null, null);
        if (batch != B) throw new IllegalArgumentException("inputs have batch " + batch + ", the pass has B=" + B);
        if (layout == Layout.STREAMED && !inference) {
            throw new IllegalArgumentException("streamed inputs are for inference passes (infer): a training pass needs every step's input");
        }
        if (layout != Layout.CONSTANT && layout != Layout.STREAMED && steps != T) {
            throw new IllegalArgumentException("inputs cover " + steps + " steps, the pass has T=" + T);
        }
        int[] pos = new int[n];
        Arrays.fill(pos, -1);
        if (layout == Layout.DENSE) {
            if (nodeCount != n) throw new IllegalArgumentException("dense inputs for " + nodeCount + " nodes, graph has N=" + n);
            for (int v = 0; v < n; v++) pos[v] = v;
        } else {
            for (int i = 0; i < nodes.length; i++) {
                int v = nodes[i];
                if (v < 0 || v >= n) throw new IllegalArgumentException("input node index " + v + " outside [0, " + n + ")");
                if (pos[v] >= 0) throw new IllegalArgumentException("input node " + v + " listed twice");
                pos[v] = i;
            }
        }
        int stepStride = layout == Layout.CONSTANT || layout == Layout.STREAMED ? 0 : nodeCount * B;
        float[] f = null;
        double[] d = null;
        if (precision == Precision.FLOAT32) {
            f = floats != null ? floats : toFloats(doubles);
        } else {
            d = doubles != null ? doubles : toDoubles(floats);
        }
        return new Bound(this, pos, stepStride, f, d);
    }

    private static float[] toFloats(double[] a) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (float) a[i];
        return r;
    }

    private static double[] toDoubles(float[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }

    /** Inputs resolved for one pass: the row of each node and the data in the operator's precision. */
    static final class Bound {
        final Inputs source;
        /** Row of node v in a step's block, or -1; null when there is no input at all. */
        final int[] pos;
        /** Values per step (0: constant over time). */
        final int stepStride;
        final float[] f;
        final double[] d;

        /** Fills a streamed input's values of step {@code t} (nothing for the other layouts). */
        void beforeStep(int t) {
            if (source.stepValues == null) return;
            source.stepValues.fill(t, source.floats);
            if (d != null) for (int i = 0; i < d.length; i++) d[i] = source.floats[i];
        }

        Bound(Inputs source, int[] pos, int stepStride, float[] f, double[] d) {
            this.source = source;
            this.pos = pos;
            this.stepStride = stepStride;
            this.f = f;
            this.d = d;
        }

        /** Offset of {@code I_v(t)[0]} in the data, or -1 when v has no input. */
        int offset(int t, int v, int B) {
            if (pos == null || pos[v] < 0) return -1;
            return (t - 1) * stepStride + pos[v] * B;
        }

        int length() {
            return f != null ? f.length : d != null ? d.length : 0;
        }
    }
}
