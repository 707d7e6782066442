package org.thousandbrains.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.thousandbrains.autodiff.Parameter;

/** Gradient clipping applied to {@link Parameter#grad()} in place, between backward and the optimizer step. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales all gradients together by {@code maxNorm / (norm + 1e-6)} when their joint L2 norm exceeds
     * {@code maxNorm}, as {@code torch.nn.utils.clip_grad_norm_}. Returns the norm before clipping.
     */
    public static double byGlobalNorm(Iterable<Parameter> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
        double sq = 0;
        for (Parameter p : params) {
            double n = p.grad().norm2Number().doubleValue();
            sq += n * n;
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Parameter p : params) p.grad().muli(coef);
        }
        return norm;
    }

    /** Clamps every gradient element to {@code [-limit, limit]}. */
    public static void byValue(Iterable<Parameter> params, double limit) {
        if (!(limit > 0)) throw new IllegalArgumentException("clip limit must be positive, got " + limit);
        for (Parameter p : params) {
            INDArray g = p.grad();
            Transforms.min(Transforms.max(g, -limit, false), limit, false);
        }
    }
}
