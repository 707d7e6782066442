package org.thousandbrains.model;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Examples;

/**
 * A dataset as trainer {@link Examples} whose batches are copied into one native buffer per batch
 * size, reused from batch to batch: a fresh native array per batch costs page faults on every
 * step. A batch's inputs are therefore valid until the next {@link #batch} of the same size, which is
 * how the trainer and evaluation loops use them.
 */
public final class DatasetExamples implements Examples {
    private final Dataset data;
    private final Map<Integer, INDArray> buffers = new HashMap<>();

    public DatasetExamples(Dataset data) {
        this.data = data;
    }

    public Dataset dataset() { return data; }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public Batch batch(int[] indices) {
        int d = data.dim();
        INDArray x = buffers.computeIfAbsent(indices.length, b -> Nd4j.create(DataType.FLOAT, b, d));
        FloatBuffer out = x.data().asNioFloat();
        float[] f = data.features();
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= data.size()) throw new IndexOutOfBoundsException(data.name() + ": sample index " + i + " outside [0, " + data.size() + ")");
            out.put(k * d, f, i * d, d);
        }
        return new Batch(x, null, data.gatherLabels(indices), indices.clone());
    }
}
