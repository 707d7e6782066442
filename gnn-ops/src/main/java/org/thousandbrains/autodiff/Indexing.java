package org.thousandbrains.autodiff;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Shape ops: transpose, reshape, gather of rows/columns, concatenation. */
final class Indexing {
    private Indexing() {
    }

    static Var transpose(Var x) {
        return x.tape.record(x.value.transpose(), g -> x.accumulate(g.transpose()), x);
    }

    static Var reshape(Var x, long... shape) {
        long[] old = x.shape();
        return x.tape.record(x.value.reshape('c', shape), g -> x.accumulate(g.reshape('c', old)), x);
    }

    static Var gather(Var x, int dim, int... index) {
        long[] shape = x.shape();
        if (shape.length != 2 || (dim != 0 && dim != 1)) {
            throw new IllegalArgumentException("gather needs a 2-D value and dim 0 or 1");
        }
        for (int i : index) {
            if (i < 0 || i >= shape[dim]) {
                throw new IndexOutOfBoundsException("gather index " + i + " out of range [0, " + shape[dim] + ")");
            }
        }
        int[] idx = index.clone();
        INDArray y = dim == 0 ? x.value.getRows(idx) : x.value.getColumns(idx);
        return x.tape.record(y, g -> {
            INDArray gx = Nd4j.zeros(x.dataType(), shape);
            for (int k = 0; k < idx.length; k++) {
                if (dim == 0) gx.getRow(idx[k]).addi(g.getRow(k));
                else gx.getColumn(idx[k]).addi(g.getColumn(k));
            }
            x.accumulateOwned(gx);
        }, x);
    }

    static Var concat(int dim, Var... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("concat of nothing");
        INDArray[] values = new INDArray[parts.length];
        long[] offsets = new long[parts.length + 1];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].value;
            if (values[i].rank() <= dim) {
                throw new IllegalArgumentException("concat along dim " + dim + " of a value of shape "
                        + Arrays.toString(values[i].shape()));
            }
            offsets[i + 1] = offsets[i] + values[i].size(dim);
        }
        INDArray y = Nd4j.concat(dim, values);
        return parts[0].tape.record(y, g -> {
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].requiresGrad) continue;
                INDArrayIndex[] at = new INDArrayIndex[g.rank()];
                for (int d = 0; d < at.length; d++) at[d] = NDArrayIndex.all();
                at[dim] = NDArrayIndex.interval(offsets[i], offsets[i + 1]);
                parts[i].accumulate(g.get(at));
            }
        }, parts);
    }
}
