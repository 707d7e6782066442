package org.thousandbrains.autodiff;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An op defined outside this package (k-WTA, the temporal graph operator, ...), applied with
 * {@link Tape#apply(CustomOp, Var...)}. Use one instance per application: {@link #forward} may keep
 * whatever {@link #backward} needs, like the context object of a PyTorch autograd function.
 */
public interface CustomOp {
    /** Computes the output from the input values; must not modify the inputs. */
    INDArray forward(INDArray[] inputs);

    /**
     * Given dL/d(output), returns dL/d(input) for each input in order, each of the input's shape, or
     * {@code null} for inputs without gradient. Called at most once, after {@link #forward}.
     */
    INDArray[] backward(INDArray gradOutput);

    /** Name used in error messages. */
    default String name() {
        return getClass().getSimpleName();
    }
}
