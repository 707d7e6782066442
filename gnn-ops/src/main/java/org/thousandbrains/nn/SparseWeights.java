package org.thousandbrains.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;
import org.thousandbrains.autodiff.Projection;

/**
 * Numenta's sparse weights ({@code SparseWeights} in nupic.torch): a fixed 0/1 mask over a weight
 * matrix; masked entries are zeroed at the start and again after every optimizer step (the
 * parameter's {@link Projection}), so they never take part in the forward pass. In a graph model the
 * mask is the set of absent edges of a block.
 */
public final class SparseWeights implements Projection {
    private final INDArray mask;
    private final long kept;

    /** {@code mask}: 1 where a weight exists, 0 where it is absent; its shape is the weight's. */
    public SparseWeights(INDArray mask) {
        this.mask = mask;
        this.kept = mask.neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
    }

    public INDArray mask() { return mask; }

    /** Fraction of entries kept. */
    public double density() { return (double) kept / mask.length(); }

    /** Zeroes the masked entries of {@code value} in place. */
    @Override
    public void apply(INDArray value) {
        value.muli(mask.dataType() == value.dataType() ? mask : mask.castTo(value.dataType()));
    }

    /** Zeroes the masked entries of the parameter now and after every optimizer step. */
    public Parameter attach(Parameter weight) {
        apply(weight.value());
        return weight.projection(this);
    }
}
