package org.thousandbrains.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;

/**
 * Stochastic gradient descent with momentum as {@code torch.optim.SGD}:
 * {@code d = g + wd·p}; {@code buf = d} at the first step, then {@code buf = μ·buf + (1−dampening)·d};
 * {@code d = d + μ·buf} (Nesterov) or {@code d = buf}; {@code p −= lr·d}.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    public Sgd(List<ParamGroup> groups, double momentum, double dampening, boolean nesterov) {
        super(groups);
        if (momentum < 0 || dampening < 0) throw new IllegalArgumentException("negative momentum or dampening");
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0 and dampening 0");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
    }

    /** Plain momentum SGD over all learnable parameters, one group per tag. */
    public Sgd(Iterable<Parameter> params, double lr, double momentum, double weightDecay) {
        this(ParamGroup.byTag(params, lr, weightDecay), momentum, 0, false);
    }

    @Override
    public String type() { return "sgd"; }

    @Override
    protected Map<String, Double> hyper() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("momentum", momentum);
        h.put("dampening", dampening);
        h.put("nesterov", nesterov ? 1.0 : 0.0);
        return h;
    }

    @Override
    protected void update(ParamGroup g, Parameter p, INDArray grad, ParamState s) {
        INDArray buf = null;
        boolean first = false;
        if (momentum != 0) {
            buf = s.buffers.get("momentum_buffer");
            first = buf == null;
            if (first) {
                buf = p.value().like();
                s.buffers.put("momentum_buffer", buf);
            }
        }
        Kernels.sgd(p.value(), grad, buf, first, g.lr(), momentum, dampening, nesterov, g.weightDecay());
    }
}
