package org.thousandbrains.autodiff;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.ops.TemporalOperator;

/**
 * The trainable values of a {@link TemporalOperator} as four {@link Parameter}s (float64 by default, or
 * float32 master values for fast training: row vectors in the CSR edge order of its compiled graph): {@code <prefix>weight [1,E]}, {@code <prefix>delay [1,E]},
 * {@code <prefix>leak [1,E]} and {@code <prefix>bias [1,N]}, tagged with the groups {@code weight},
 * {@code delay}, {@code leak}, {@code bias} so that optimizers can give each its own learning rate.
 * Their projections keep delays in {@code [delayFloor(e), d_max]}, leaks in {@code [0, MAX_LEAK]} and put
 * back the start value of every edge whose {@link Learnable} bit is off; a tensor with no learnable
 * entry is marked not learnable. A graph with overseen groups (overseer normalization) has two more,
 * {@code <prefix>gain} and {@code <prefix>shift} ({@code [1, Mn]}, one entry per member position of
 * {@code GroupStructure.normMembers()}, groups {@code gain}, {@code shift}); other graphs keep their
 * four tensors ({@link #gain()} and {@link #shift()} are null).
 */
public final class GraphParameters {
    /** The group tags of the four tensors ({@link Parameter#group()}). */
    public static final String WEIGHT = "weight";
    public static final String DELAY = "delay";
    public static final String LEAK = "leak";
    public static final String BIAS = "bias";

    private final TemporalOperator operator;
    private final Parameter weight;
    private final Parameter delay;
    private final Parameter leak;
    private final Parameter bias;
    private final Parameter gain;
    private final Parameter shift;
    private final DataType type;
    /** Version of each tensor (weight, delay, leak, bias, gain, shift) when last copied into the operator; -1: never. */
    private final long[] copied = {-1, -1, -1, -1, -1, -1};
    private boolean weightsBound;
    /** Reused chunk for float32 transfers. */
    private float[] chunk = new float[0];

    private GraphParameters(TemporalOperator op, String prefix, DataType type) {
        if (type != DataType.DOUBLE && type != DataType.FLOAT) throw new IllegalArgumentException("parameters are FLOAT or DOUBLE, not " + type);
        this.operator = op;
        this.type = type;
        CompiledGraph g = op.graph();
        org.thousandbrains.ops.Parameters live = op.parameters();
        int e = g.edgeCount();
        byte[] learn = g.learnable();
        double[] floor = new double[e];
        double[] ceiling = new double[e];
        for (int k = 0; k < e; k++) {
            floor[k] = g.delayFloor(k);
            ceiling[k] = g.dMax();
        }
        this.weight = edgeParameter(prefix + "weight", WEIGHT, live.weight(), learn, Learnable.WEIGHT, null);
        this.delay = edgeParameter(prefix + "delay", DELAY, live.delay(), learn, Learnable.DELAY,
                Projection.atLeast(row(floor)).andThen(Projection.atMost(row(ceiling))));
        this.leak = edgeParameter(prefix + "leak", LEAK, live.leak(), learn, Learnable.LEAK,
                Projection.clamp(0, org.thousandbrains.ops.Parameters.MAX_LEAK));
        this.bias = new Parameter(prefix + "bias", row(live.bias()), BIAS);
        boolean norm = live.gain().length > 0;
        this.gain = norm ? new Parameter(prefix + "gain", row(live.gain()), "gain") : null;
        this.shift = norm ? new Parameter(prefix + "shift", row(live.shift()), "shift") : null;
    }

    /** Parameters named {@code weight}, {@code delay}, {@code leak}, {@code bias}, started from the operator's values. */
    public static GraphParameters of(TemporalOperator op) {
        return new GraphParameters(op, "", DataType.DOUBLE);
    }

    /** The same in the given data type: FLOAT keeps float32 master values (half the optimizer's memory traffic). */
    public static GraphParameters of(TemporalOperator op, DataType type) {
        return new GraphParameters(op, "", type);
    }

    /** The same with a name prefix such as {@code "graph."}. */
    public static GraphParameters of(TemporalOperator op, String prefix) {
        return new GraphParameters(op, prefix, DataType.DOUBLE);
    }

    private Parameter edgeParameter(String name, String group, double[] values, byte[] learn, int bit,
                                           Projection range) {
        INDArray start = row(values);
        Parameter p = new Parameter(name, start.dup(), group);
        int n = values.length;
        double[] mask = new double[n];
        int free = 0;
        for (int k = 0; k < n; k++) {
            if ((learn[k] & bit) != 0) {
                mask[k] = 1;
                free++;
            }
        }
        Projection constraint = range;
        if (free < n) {
            INDArray m = row(mask);
            INDArray fixed = start.mul(m.rsub(1));
            Projection keepFrozen = v -> v.muli(m).addi(fixed);
            constraint = constraint == null ? keepFrozen : constraint.andThen(keepFrozen);
        }
        return p.projection(constraint).learnable(free > 0);
    }

    private INDArray row(double[] v) {
        return Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE).castTo(type);
    }

    /**
     * Float32 only: lets the operator read the weight tensor in place and add the weight gradients
     * straight into its {@code grad()} ({@link TemporalOperator#bindWeights}), so no per-batch copy of
     * either is made; {@link #writeToOperator()} then skips the weights.
     */
    public GraphParameters bindWeights() {
        if (type != DataType.FLOAT) throw new IllegalStateException("only float32 parameters can be bound, these are " + type);
        operator.bindWeights(floats(weight.value()), floats(weight.grad()));
        weightsBound = true;
        return this;
    }

    /** The native memory of a dense float32 row as a pointer that knows its length. */
    private static org.bytedeco.javacpp.FloatPointer floats(INDArray a) {
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0) throw new IllegalStateException("parameter tensors must be dense rows");
        long n = a.length();
        org.bytedeco.javacpp.FloatPointer p = new org.bytedeco.javacpp.FloatPointer(a.data().addressPointer());
        p.capacity(n);
        p.limit(n);
        return p;
    }

    public TemporalOperator operator() { return operator; }
    public Parameter weight() { return weight; }
    public Parameter delay() { return delay; }
    public Parameter leak() { return leak; }
    public Parameter bias() { return bias; }
    /** Overseer normalization gains γ {@code [1, Mn]}, or null when the graph has no overseen group. */
    public Parameter gain() { return gain; }
    /** Overseer normalization shifts β {@code [1, Mn]}, or null when the graph has no overseen group. */
    public Parameter shift() { return shift; }
    /** True when the graph has overseen groups, so that {@link #gain()} and {@link #shift()} exist. */
    public boolean hasNormalization() { return gain != null; }

    /** weight, delay, leak, bias, and gain, shift when the graph has overseen groups. */
    public List<Parameter> all() {
        return hasNormalization() ? List.of(weight, delay, leak, bias, gain, shift) : List.of(weight, delay, leak, bias);
    }

    /**
     * Copies the current values into the operator's live parameter arrays (done by every {@link OperatorOp}
     * forward). Tensors without a learnable entry are copied when their {@link Parameter#version()} moved
     * (checkpoint restores use {@link Parameter#set}; after editing a value in place call {@link Parameter#touch()}).
     * The tensors own those arrays: when neither the delays nor the leaks were copied, the operator is told that
     * they did not change ({@link TemporalOperator#delaysAndLeaksUnchanged()}), so do not write into the operator's
     * delay or leak arrays behind them.
     */
    public void writeToOperator() {
        org.thousandbrains.ops.Parameters live = operator.parameters();
        if (!weightsBound) copy(weight, live.weight(), 0);
        boolean delays = copy(delay, live.delay(), 1);
        boolean leaks = copy(leak, live.leak(), 2);
        // the tensors own the operator's arrays: neither copied, so neither changed since the operator's last pass
        if (!delays && !leaks) operator.delaysAndLeaksUnchanged();
        copy(bias, live.bias(), 3);
        if (hasNormalization()) {
            copy(gain, live.gain(), 4);
            copy(shift, live.shift(), 5);
        }
    }

    /**
     * Copies a tensor into the operator's array; a tensor with no learnable entry only when its version changed.
     * Whether it copied.
     */
    private boolean copy(Parameter p, double[] target, int slot) {
        if (!p.learnable() && copied[slot] == p.version()) return false;
        copied[slot] = p.version();
        INDArray v = p.value();
        int n = target.length;
        if (type == DataType.DOUBLE) {
            v.data().asNioDouble().get(0, target, 0, n);
            return true;
        }
        java.nio.FloatBuffer src = v.data().asNioFloat();
        if (chunk.length == 0) chunk = new float[1 << 14];
        for (int off = 0; off < n; off += chunk.length) {
            int len = Math.min(chunk.length, n - off);
            src.get(off, chunk, 0, len);
            for (int i = 0; i < len; i++) target[off + i] = chunk[i];
        }
        return true;
    }

    /** Adds {@code g} (CSR / node order, as {@link org.thousandbrains.ops.Gradients} gives them) into {@code p}'s gradient. */
    public void addGradient(Parameter p, double[] g) {
        if (!p.learnable()) return;
        int n = g.length;
        if (type == DataType.DOUBLE) {
            java.nio.DoubleBuffer b = p.grad().data().asNioDouble();
            for (int i = 0; i < n; i++) b.put(i, b.get(i) + g[i]);
            return;
        }
        java.nio.FloatBuffer b = p.grad().data().asNioFloat();
        if (chunk.length == 0) chunk = new float[1 << 14];
        for (int off = 0; off < n; off += chunk.length) {
            int len = Math.min(chunk.length, n - off);
            b.get(off, chunk, 0, len);
            for (int i = 0; i < len; i++) chunk[i] += (float) g[off + i];
            b.put(off, chunk, 0, len);
        }
    }

}
