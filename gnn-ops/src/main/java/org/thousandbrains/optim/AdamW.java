package org.thousandbrains.optim;

import java.util.List;

import org.thousandbrains.autodiff.Parameter;

/**
 * Adam with decoupled weight decay as {@code torch.optim.AdamW}: {@code p *= 1 − lr·wd} before the Adam
 * step, instead of adding {@code wd·p} to the gradient.
 */
public final class AdamW extends Adam {
    public AdamW(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        super(groups, beta1, beta2, eps, true);
    }

    /** PyTorch defaults: betas (0.9, 0.999), eps 1e-8 (weight decay comes from the groups; PyTorch's default is 0.01). */
    public AdamW(List<ParamGroup> groups) {
        this(groups, 0.9, 0.999, 1e-8);
    }

    /** One group per tag with the given lr and weight decay. */
    public AdamW(Iterable<Parameter> params, double lr, double weightDecay) {
        this(ParamGroup.byTag(params, lr, weightDecay));
    }
}
