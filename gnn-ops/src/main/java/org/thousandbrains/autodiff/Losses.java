package org.thousandbrains.autodiff;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Scalar training losses with exact backward, and accuracy helpers. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean over the batch of {@code -log softmax(logits)[b, labels[b]]}, with {@code logits [B, C]}; the
     * log-softmax subtracts each row's maximum first, so large logits do not overflow.
     */
    public static Var softmaxCrossEntropy(Var logits, int[] labels) {
        long[] shape = logits.shape();
        if (shape.length != 2 || shape[0] != labels.length) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits of shape " + Arrays.toString(shape) + " for "
                    + labels.length + " labels (expected [" + labels.length + ", classes])");
        }
        int b = labels.length;
        long c = shape[1];
        INDArray onehot = Nd4j.zeros(logits.dataType(), b, c);
        for (int i = 0; i < b; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("label " + labels[i] + " at batch row " + i + " is outside [0, " + c + ")");
            }
            onehot.putScalar(i, labels[i], 1.0);
        }
        INDArray z = logits.value;
        INDArray logp = z.subColumnVector(z.max(true, 1));
        INDArray lse = Transforms.log(Transforms.exp(logp, true).sum(true, 1), false);
        logp.subiColumnVector(lse);
        INDArray loss = logp.mul(onehot).sum().reshape(1, 1).muli(-1.0 / b);
        return logits.tape.record(loss, g -> {
            INDArray grad = Transforms.exp(logp, true).subi(onehot).muli(g.getDouble(0) / b);
            logits.accumulateOwned(grad);
        }, logits);
    }

    /** Mean over all elements of {@code (pred - target)^2}; both shapes must be equal. */
    public static Var mse(Var pred, Var target) {
        if (!Arrays.equals(pred.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + Arrays.toString(pred.shape()) + " and target "
                    + Arrays.toString(target.shape()) + " differ in shape");
        }
        INDArray diff = pred.value.sub(target.value);
        double n = diff.length();
        INDArray loss = diff.mul(diff).sum().reshape(1, 1).muli(1.0 / n);
        return pred.tape.record(loss, g -> {
            INDArray gp = diff.mul(2.0 * g.getDouble(0) / n);
            if (target.requiresGrad) target.accumulateOwned(gp.neg());
            if (pred.requiresGrad) pred.accumulateOwned(gp);
        }, pred, target);
    }

    /** Mean squared error against a constant target. */
    public static Var mse(Var pred, INDArray target) {
        return mse(pred, pred.tape.constant(target));
    }

    /** Index of the largest entry of each row of {@code [B, C]}. */
    public static int[] argmax(INDArray logits) {
        return Nd4j.argMax(logits, 1).toIntVector();
    }

    /** Number of rows whose argmax equals the label. */
    public static int correct(INDArray logits, int[] labels) {
        int[] pred = argmax(logits);
        if (pred.length != labels.length) {
            throw new IllegalArgumentException(pred.length + " predictions for " + labels.length + " labels");
        }
        int k = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == labels[i]) k++;
        return k;
    }
}
