package org.thousandbrains.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.autodiff.Parameter;

/**
 * Parameters that share a learning rate and weight decay, as a PyTorch parameter group. Both may be
 * changed between steps (learning-rate schedules, warm-up).
 */
public final class ParamGroup {
    private final String name;
    private final List<Parameter> params;
    private double lr;
    private double weightDecay;

    public ParamGroup(String name, List<Parameter> params, double lr, double weightDecay) {
        this.name = name;
        this.params = List.copyOf(params);
        lr(lr);
        weightDecay(weightDecay);
    }

    /**
     * One group per {@link Parameter#group()} tag, in first-seen order, holding the learnable parameters;
     * all start with the same learning rate and weight decay.
     */
    public static List<ParamGroup> byTag(Iterable<Parameter> params, double lr, double weightDecay) {
        Map<String, List<Parameter>> byTag = new LinkedHashMap<>();
        for (Parameter p : params) {
            if (p.learnable()) byTag.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
        }
        List<ParamGroup> out = new ArrayList<>();
        byTag.forEach((tag, ps) -> out.add(new ParamGroup(tag, ps, lr, weightDecay)));
        return out;
    }

    public String name() { return name; }
    public List<Parameter> parameters() { return Collections.unmodifiableList(params); }
    public double lr() { return lr; }
    public double weightDecay() { return weightDecay; }

    public ParamGroup lr(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) throw new IllegalArgumentException("group '" + name + "': lr " + value);
        this.lr = value;
        return this;
    }

    public ParamGroup weightDecay(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("group '" + name + "': weight decay " + value);
        }
        this.weightDecay = value;
        return this;
    }
}
