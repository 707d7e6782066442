package org.thousandbrains.autodiff;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sums and means, to a {@code [1,1]} scalar or along one dimension of a 2-D value. */
final class Reductions {
    private Reductions() {
    }

    static Var sumAll(Var x, boolean mean) {
        long n = x.value.length();
        double f = mean ? 1.0 / n : 1.0;
        INDArray s = x.value.sum().reshape(1, 1);
        if (mean) s.muli(f);
        long[] shape = x.shape();
        return x.tape.record(s, g -> x.accumulateOwned(Nd4j.createUninitialized(x.dataType(), shape).assign(g.getDouble(0) * f)), x);
    }

    static Var sumDim(Var x, int dim, boolean mean) {
        long[] shape = x.shape();
        if (shape.length != 2 || (dim != 0 && dim != 1)) {
            throw new IllegalArgumentException("sum/mean over dim " + dim + " needs a 2-D value, got rank " + shape.length);
        }
        double f = mean ? 1.0 / shape[dim] : 1.0;
        INDArray s = x.value.sum(true, dim);
        if (mean) s.muli(f);
        return x.tape.record(s, g -> {
            INDArray gx = Nd4j.zeros(x.dataType(), shape);
            if (dim == 0) gx.addiRowVector(g);
            else gx.addiColumnVector(g);
            if (mean) gx.muli(f);
            x.accumulateOwned(gx);
        }, x);
    }
}
