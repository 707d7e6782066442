package org.thousandbrains.ops.device;

/**
 * One Adam step's settings (as {@code torch.optim.Adam} without weight decay): {@code step} counts
 * from 1; {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
 * {@code p −= lr/(1−β1^step) · m / (sqrt(v)/sqrt(1−β2^step) + eps)}.
 */
public record AdamStep(double lr, double beta1, double beta2, double eps, long step) {
    public AdamStep {
        if (!(lr >= 0)) throw new IllegalArgumentException("Adam lr must be >= 0, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (step < 1) throw new IllegalArgumentException("Adam step counts from 1, got " + step);
    }

    /** PyTorch's defaults (betas 0.9, 0.999, eps 1e-8) at rate {@code lr}. */
    public static AdamStep of(double lr, long step) {
        return new AdamStep(lr, 0.9, 0.999, 1e-8, step);
    }
}
