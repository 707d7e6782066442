package org.thousandbrains.autodiff;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The backward step of one recorded op: receives dL/d(output) and accumulates into the inputs' gradients. */
@FunctionalInterface
interface Backward {
    void apply(INDArray gradOutput);
}
