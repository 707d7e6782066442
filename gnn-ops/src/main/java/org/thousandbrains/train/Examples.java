package org.thousandbrains.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.data.Dataset;

/** A finite, indexable set of training examples that can assemble any subset into a {@link Batch}. */
public interface Examples {
    int size();

    /** The examples at {@code indices}, in that order. */
    Batch batch(int[] indices);

    /** A labelled image dataset as float32 rows {@code [B, dim]} with labels. */
    static Examples of(Dataset ds) {
        return new Examples() {
            @Override
            public int size() {
                return ds.size();
            }

            @Override
            public Batch batch(int[] indices) {
                float[] f = ds.gatherFeatures(indices);
                return new Batch(Nd4j.create(f, new long[] {indices.length, ds.dim()}, DataType.FLOAT), null,
                        ds.gatherLabels(indices), indices.clone());
            }
        };
    }
}
