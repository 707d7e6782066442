package org.thousandbrains.autodiff;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.graph.topology.Activation;

/**
 * A value on a {@link Tape}: the result of an op, a constant, an input or a {@link Parameter}. After
 * {@link Tape#backward(Var)} its {@link #grad()} holds dL/d(this) (null if no gradient reached it).
 * Values are never modified by ops; each fluent op records one node on the same tape.
 */
public final class Var {
    final Tape tape;
    final INDArray value;
    final boolean requiresGrad;
    final Parameter parameter;
    Backward backward;
    INDArray grad;
    private boolean gradOwned;

    Var(Tape tape, INDArray value, boolean requiresGrad, Parameter parameter) {
        this.tape = tape;
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.parameter = parameter;
    }

    public INDArray value() { return value; }
    /** dL/d(this) after backward; null before, or when no gradient flowed here. */
    public INDArray grad() { return grad; }
    public boolean requiresGrad() { return requiresGrad; }
    public Tape tape() { return tape; }
    public long[] shape() { return value.shape(); }
    public DataType dataType() { return value.dataType(); }
    /** The parameter this Var stands for on the tape, or null. */
    public Parameter parameter() { return parameter; }

    /** Adds {@code g} to this Var's gradient; {@code g} may be shared with other Vars, so it is copied on first use. */
    void accumulate(INDArray g) {
        add(g, false);
    }

    /** Adds a gradient array that no one else holds (a fresh op result): kept as is on first use, no copy. */
    void accumulateOwned(INDArray g) {
        add(g, true);
    }

    private void add(INDArray g, boolean owned) {
        if (!requiresGrad) return;
        if (!java.util.Arrays.equals(g.shape(), value.shape())) {
            throw new IllegalStateException("gradient of shape " + java.util.Arrays.toString(g.shape())
                    + " for a value of shape " + java.util.Arrays.toString(value.shape()));
        }
        if (grad == null) {
            grad = owned ? g : g.dup();
            gradOwned = true;
        } else {
            if (!gradOwned) {
                grad = grad.dup();
                gradOwned = true;
            }
            grad.addi(g);
        }
    }

    // ---- arithmetic -------------------------------------------------------------------------------------

    /** Matrix product {@code [m,k] x [k,n]}. */
    public Var matmul(Var b) { return Arith.matmul(this, b); }
    /** Elementwise sum; {@code b} may be the same shape, a row {@code [1,n]}, a column {@code [m,1]} or {@code [1,1]}. */
    public Var add(Var b) { return Arith.add(this, b); }
    /** Elementwise difference, broadcasting as {@link #add}. */
    public Var sub(Var b) { return Arith.sub(this, b); }
    /** Elementwise product, broadcasting as {@link #add}. */
    public Var mul(Var b) { return Arith.mul(this, b); }
    /** Adds a bias of shape {@code [n]} or {@code [1,n]} to every row of {@code [m,n]}. */
    public Var addBias(Var bias) { return Arith.addBias(this, bias); }
    /** Multiplies by a constant. */
    public Var scale(double c) { return Arith.scale(this, c); }
    public Var neg() { return Arith.scale(this, -1.0); }
    /** Elementwise product with a fixed mask of the same shape (no gradient to the mask), e.g. sparse weights. */
    public Var maskedMul(INDArray mask) { return Arith.maskedMul(this, mask); }

    // ---- activations ------------------------------------------------------------------------------------

    public Var relu() { return Activations.relu(this); }
    public Var tanh() { return Activations.tanh(this); }
    public Var sigmoid() { return Activations.sigmoid(this); }
    public Var identity() { return Activations.identity(this); }
    /** The graph's activation function φ. */
    public Var activation(Activation a) { return Activations.of(this, a); }

    // ---- reductions -------------------------------------------------------------------------------------

    /** Sum of all elements, as a {@code [1,1]} scalar. */
    public Var sum() { return Reductions.sumAll(this, false); }
    /** Mean of all elements, as a {@code [1,1]} scalar. */
    public Var mean() { return Reductions.sumAll(this, true); }
    /** Sum over dimension {@code dim} of a 2-D value, keeping it as size 1. */
    public Var sum(int dim) { return Reductions.sumDim(this, dim, false); }
    /** Mean over dimension {@code dim} of a 2-D value, keeping it as size 1. */
    public Var mean(int dim) { return Reductions.sumDim(this, dim, true); }

    // ---- shape and indexing -----------------------------------------------------------------------------

    public Var transpose() { return Indexing.transpose(this); }
    /** Same elements in C order with a new shape. */
    public Var reshape(long... shape) { return Indexing.reshape(this, shape); }
    /** Rows ({@code dim = 0}) or columns ({@code dim = 1}) at {@code index}; repeated indices accumulate gradient. */
    public Var gather(int dim, int... index) { return Indexing.gather(this, dim, index); }
    /** Concatenation along {@code dim}; all parts must lie on one tape. */
    public static Var concat(int dim, Var... parts) { return Indexing.concat(dim, parts); }

    @Override
    public String toString() {
        return "Var" + java.util.Arrays.toString(value.shape()) + (parameter != null ? "(" + parameter.name() + ")" : "");
    }
}
