package org.thousandbrains.model;

/**
 * Mean softmax cross-entropy of node-major logits {@code y [C][B]} (row {@code j} is class {@code j}),
 * in double with {@link StrictMath}: the classification loss of {@link GraphClassifier} and of any extra
 * readout (auxiliary heads) computed from a pass's states, one implementation for both.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * {@code (1/B) Σ_b CE(y[·, b], labels[b])}; when {@code grad} ({@code [C][B]}) is not null, adds
     * {@code weight·∂loss/∂y} into it.
     */
    public static double mean(double[] y, int B, int[] labels, double weight, double[] grad) {
        if (labels.length != B) throw new IllegalArgumentException(labels.length + " labels for a batch of " + B);
        if (y.length % B != 0) throw new IllegalArgumentException("logits of length " + y.length + " are not [C][B=" + B + "]");
        int c = y.length / B;
        double loss = 0;
        for (int b = 0; b < B; b++) {
            if (labels[b] < 0 || labels[b] >= c) throw new IllegalArgumentException("label " + labels[b] + " outside the " + c + " classes");
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) m = Math.max(m, y[j * B + b]);
            double z = 0;
            for (int j = 0; j < c; j++) z += StrictMath.exp(y[j * B + b] - m);
            double lse = m + StrictMath.log(z);
            loss += lse - y[labels[b] * B + b];
            if (grad != null) {
                for (int j = 0; j < c; j++) grad[j * B + b] += weight * StrictMath.exp(y[j * B + b] - lse) / B;
                grad[labels[b] * B + b] -= weight / B;
            }
        }
        return loss / B;
    }
}
