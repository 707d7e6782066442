package org.thousandbrains.autodiff;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A named, persistent tensor trained across tapes. Optimizers update {@link #value()} in place (the
 * array object never changes, so models may hold on to it), gradients from every
 * {@link Tape#backward(Var)} are summed into {@link #grad()} until {@link #zeroGrad()}. The
 * {@link #group()} tag selects the optimizer's parameter group (own learning rate, weight decay); a
 * non-learnable parameter enters tapes as a constant and is skipped by optimizers.
 */
public final class Parameter {
    public static final String DEFAULT_GROUP = "default";

    private final String name;
    private final INDArray value;
    private final INDArray grad;
    private boolean learnable = true;
    private String group = DEFAULT_GROUP;
    private Projection projection;

    /** Takes {@code value} over (not copied); it must be a dense C-order array, not a view. */
    public Parameter(String name, INDArray value) {
        this.name = Objects.requireNonNull(name, "name");
        if (value.isView() || value.ordering() != 'c') {
            throw new IllegalArgumentException("parameter '" + name + "': value must be a dense C-order array, not a view "
                    + "(use dup('c'))");
        }
        this.value = value;
        this.grad = Nd4j.zeros(value.dataType(), value.shape());
    }

    public Parameter(String name, INDArray value, String group) {
        this(name, value);
        group(group);
    }

    private long version;

    public String name() { return name; }
    public INDArray value() { return value; }
    /** Summed gradient since the last {@link #zeroGrad()}, same shape and data type as the value. */
    public INDArray grad() { return grad; }
    public boolean learnable() { return learnable; }
    public String group() { return group; }
    public Projection projection() { return projection; }

    public Parameter learnable(boolean on) {
        this.learnable = on;
        return this;
    }

    public Parameter group(String tag) {
        this.group = Objects.requireNonNull(tag, "group");
        return this;
    }

    /** Sets the constraint applied after each optimizer step (null for none). */
    public Parameter projection(Projection p) {
        this.projection = p;
        return this;
    }

    /** Applies the projection, if any. */
    public void project() {
        if (projection != null) projection.apply(value);
    }

    public void zeroGrad() {
        grad.assign(0);
    }

    /** Copies {@code newValue} (same shape) into the value. */
    /**
     * Counts replacements of the value through {@link #set} and {@link #touch}; lets holders of copies
     * (e.g. {@link GraphParameters} for a frozen tensor) skip copying a value that did not change.
     * Optimizers change learnable values in place without counting: copies of learnable values are
     * always refreshed.
     */
    public long version() { return version; }

    /** Marks the value as changed, after editing {@link #value()} in place. */
    public void touch() { version++; }

    public void set(INDArray newValue) {
        version++;
        if (!java.util.Arrays.equals(newValue.shape(), value.shape())) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + java.util.Arrays.toString(value.shape())
                    + ", not " + java.util.Arrays.toString(newValue.shape()));
        }
        value.assign(newValue);
    }

    public long size() { return value.length(); }

    @Override
    public String toString() {
        return "Parameter(" + name + java.util.Arrays.toString(value.shape()) + ", " + group + (learnable ? "" : ", frozen") + ")";
    }
}
