package org.thousandbrains.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between 2-D INDArrays and row-major {@code float[]} for the layers that work element by element. */
final class Floats {
    private Floats() {
    }

    /** The values of a 2-D array, row-major, as a new {@code float[]}. */
    static float[] of(INDArray a) {
        if (a.rank() != 2) throw new IllegalArgumentException("expected a 2-D array, got shape " + java.util.Arrays.toString(a.shape()));
        INDArray c = a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView() ? a : a.castTo(DataType.FLOAT).dup('c');
        return c.data().asFloat();
    }

    /** A new {@code [rows, cols]} array of the given data type holding {@code values}. */
    static INDArray array(float[] values, long rows, long cols, DataType type) {
        INDArray out = Nd4j.create(values, new long[] {rows, cols}, DataType.FLOAT);
        return type == DataType.FLOAT ? out : out.castTo(type);
    }

    /**
     * {@code in} where {@code mask} is 1 and exactly {@code +0} where it is 0 (as {@code masked_fill}),
     * with {@code in}'s data type; {@code values} are {@code in}'s values as floats.
     */
    static INDArray masked(INDArray in, float[] values, float[] mask) {
        if (in.dataType() != DataType.FLOAT) {
            return in.mul(array(mask, in.size(0), in.size(1), in.dataType())).addi(0.0);
        }
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) if (mask[i] != 0) out[i] = values[i];
        return array(out, in.size(0), in.size(1), DataType.FLOAT);
    }
}
