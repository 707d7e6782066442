package org.thousandbrains.distributed;

import java.io.Serializable;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.Examples;

/**
 * Labelled examples as plain arrays ({@code float32} rows of {@code dim} features), so that Spark can broadcast
 * them to the executors once per run; {@link #batch} assembles any subset exactly as the examples it was copied
 * from.
 */
public final class ShardData implements Examples, Serializable {
    private static final long serialVersionUID = 1L;
    private final float[] features;
    private final int[] labels;
    private final int dim;

    private ShardData(float[] features, int[] labels, int dim) {
        this.features = features;
        this.labels = labels;
        this.dim = dim;
    }

    /** A copy of every example of {@code ex}, which must be labelled and give {@code [n, dim]} inputs. */
    public static ShardData of(Examples ex) {
        int n = ex.size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        Batch b = ex.batch(all);
        if (b.labels() == null) throw new IllegalArgumentException("data-parallel training needs labelled examples");
        if (b.inputs().rank() != 2) throw new IllegalArgumentException("examples must give [batch, features] inputs, got rank "
                + b.inputs().rank());
        int dim = (int) b.inputs().size(1);
        float[] f = b.inputs().castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new ShardData(f, b.labels().clone(), dim);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Batch batch(int[] indices) {
        float[] x = new float[indices.length * dim];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * dim, x, i * dim, dim);
            y[i] = labels[indices[i]];
        }
        return new Batch(Nd4j.create(x, new long[] {indices.length, dim}, DataType.FLOAT), null, y, indices.clone());
    }
}
