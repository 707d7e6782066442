package org.thousandbrains.data;

import java.util.Objects;

/**
 * A labelled set of images for classification: {@code size()} samples of {@code dim()} float
 * features each, stored row-major in one {@code float[]} (sample {@code i}, feature {@code j} at
 * {@code i * dim() + j}), integer labels in {@code [0, numClasses)}, and the image shape
 * {@code height × width} (with {@code height * width == dim()}) so samples can be drawn.
 *
 * <p>The arrays are shared, not copied, so that 60,000-image sets are not duplicated; callers must
 * not modify them. Derived sets ({@link #subset}, {@link #withFeatures}) are new objects.
 */
public final class Dataset {
    private final String name;
    private final float[] features;
    private final int[] labels;
    private final int numClasses;
    private final int height;
    private final int width;

    /**
     * @throws IllegalArgumentException if the array lengths disagree with the shape or a label is
     *                                  outside {@code [0, numClasses)}
     */
    public Dataset(String name, float[] features, int[] labels, int numClasses, int height, int width) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(name + ": image shape " + height + "x" + width + " must be positive");
        }
        if (numClasses <= 0) {
            throw new IllegalArgumentException(name + ": class count " + numClasses + " must be positive");
        }
        long expected = (long) labels.length * height * width;
        if (features.length != expected) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels of " + height + "x" + width
                    + " images need " + expected + " features, got " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
        this.numClasses = numClasses;
        this.height = height;
        this.width = width;
    }

    public String name() {
        return name;
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Features per sample ({@code height * width}). */
    public int dim() {
        return height * width;
    }

    /** Row-major features {@code [size][dim]}; shared, do not modify. */
    public float[] features() {
        return features;
    }

    /** Labels, one per sample; shared, do not modify. */
    public int[] labels() {
        return labels;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Feature {@code j} of sample {@code i}. */
    public float feature(int i, int j) {
        return features[i * dim() + j];
    }

    /** A copy of the features of sample {@code i}. */
    public float[] row(int i) {
        float[] r = new float[dim()];
        System.arraycopy(features, i * dim(), r, 0, dim());
        return r;
    }

    /** Number of samples per class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /**
     * Features of the samples at {@code indices}, row-major {@code [indices.length][dim]} — one
     * minibatch for a trainer that picks (and shuffles) the indices itself.
     */
    public float[] gatherFeatures(int[] indices) {
        int d = dim();
        float[] f = new float[indices.length * d];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, checkIndex(indices[k]) * d, f, k * d, d);
        }
        return f;
    }

    /** Labels of the samples at {@code indices}, in that order. */
    public int[] gatherLabels(int[] indices) {
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            y[k] = labels[checkIndex(indices[k])];
        }
        return y;
    }

    /** The samples at {@code indices} (in that order), copied into a new dataset. */
    public Dataset subset(int[] indices, String newName) {
        return new Dataset(newName, gatherFeatures(indices), gatherLabels(indices), numClasses, height, width);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(name + ": sample index " + i + " outside [0, " + size() + ")");
        }
        return i;
    }

    /** The same labels and shape with other features (e.g. corrupted copies). */
    public Dataset withFeatures(float[] newFeatures, String newName) {
        return new Dataset(newName, newFeatures, labels, numClasses, height, width);
    }

    @Override
    public String toString() {
        return name + " (" + size() + " samples, " + height + "x" + width + ", " + numClasses + " classes)";
    }
}
