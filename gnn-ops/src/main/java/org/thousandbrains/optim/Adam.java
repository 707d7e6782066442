package org.thousandbrains.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;

/**
 * Adam as {@code torch.optim.Adam} (L2 weight decay added to the gradient) or, with
 * {@link AdamW}, {@code torch.optim.AdamW} (decoupled decay). With {@code t} the parameter's step:
 * {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
 * {@code p −= lr/(1−β1^t) · m / (sqrt(v)/sqrt(1−β2^t) + eps)}.
 */
public class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;

    public Adam(List<ParamGroup> groups, double beta1, double beta2, double eps) {
        this(groups, beta1, beta2, eps, false);
    }

    /** PyTorch defaults: betas (0.9, 0.999), eps 1e-8. */
    public Adam(List<ParamGroup> groups) {
        this(groups, 0.9, 0.999, 1e-8, false);
    }

    /** One group per tag, lr given, no weight decay, PyTorch defaults otherwise. */
    public Adam(Iterable<Parameter> params, double lr) {
        this(ParamGroup.byTag(params, lr, 0.0));
    }

    Adam(List<ParamGroup> groups, double beta1, double beta2, double eps, boolean decoupled) {
        super(groups);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must lie in [0, 1): " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0)) throw new IllegalArgumentException("eps " + eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.decoupled = decoupled;
    }

    /**
     * One Adam step on dense arrays of one data type, in place (the kernel behind {@link #step()}, no
     * weight decay): what a device's CPU update runs.
     */
    public static void update(INDArray p, INDArray g, INDArray m, INDArray v, double lr, double beta1, double beta2,
                              double eps, long step) {
        Kernels.adam(p, g, m, v, lr, beta1, beta2, eps, step, 0.0, 1.0);
    }

    @Override
    public String type() { return decoupled ? "adamw" : "adam"; }

    @Override
    protected Map<String, Double> hyper() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("beta1", beta1);
        h.put("beta2", beta2);
        h.put("eps", eps);
        return h;
    }

    @Override
    protected void update(ParamGroup g, Parameter p, INDArray grad, ParamState s) {
        double lr = g.lr();
        double wd = g.weightDecay();
        Kernels.adam(p.value(), grad, buffer(s, "exp_avg", p), buffer(s, "exp_avg_sq", p), lr, beta1, beta2, eps, s.step,
                decoupled ? 0 : wd, decoupled ? 1 - lr * wd : 1);
    }
}
