package org.thousandbrains.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.thousandbrains.autodiff.Parameter;

/**
 * Base of the optimizers: walks the groups, updates each learnable parameter from its gradient (a
 * parameter whose gradient is all zero is still updated, as PyTorch does for a zero, not absent,
 * gradient), then applies the parameter's projection. Keeps per-parameter state for checkpoints.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
    private final Map<Parameter, ParamState> state = new IdentityHashMap<>();

    protected Optimizer(List<ParamGroup> groups) {
        if (groups.isEmpty()) throw new IllegalArgumentException("optimizer without parameter groups");
        Set<String> names = new HashSet<>();
        Set<String> params = new HashSet<>();
        for (ParamGroup g : groups) {
            if (!names.add(g.name())) throw new IllegalArgumentException("duplicate parameter group '" + g.name() + "'");
            for (Parameter p : g.parameters()) {
                if (!params.add(p.name())) {
                    throw new IllegalArgumentException("parameter '" + p.name() + "' appears in more than one group");
                }
            }
        }
        this.groups = List.copyOf(groups);
    }

    /** Short type name stored in checkpoints, e.g. {@code adam}. */
    public abstract String type();

    /** The fixed hyper-parameters (not per group), for checkpoints. */
    protected abstract Map<String, Double> hyper();

    /** Updates one parameter in place from its gradient; {@code s.step} was already incremented. */
    protected abstract void update(ParamGroup g, Parameter p, INDArray grad, ParamState s);

    /**
     * One optimization step over all learnable parameters, each followed by its projection. First checks
     * every learnable gradient (one pass over each): when one holds a NaN or an infinity, throws a
     * {@link NonFiniteGradientException} naming it, before any parameter or state has changed.
     */
    public void step() {
        Parameter bad = firstNonFiniteGradient();
        if (bad != null) throw new NonFiniteGradientException(bad.name());
        for (ParamGroup g : groups) {
            for (Parameter p : g.parameters()) {
                if (!p.learnable()) continue;
                ParamState s = state.computeIfAbsent(p, k -> new ParamState());
                s.step++;
                update(g, p, p.grad(), s);
                p.project();
            }
        }
    }

    /** The first learnable parameter, in group order, whose gradient holds a NaN or an infinity; null when all are finite. */
    public Parameter firstNonFiniteGradient() {
        return firstNonFiniteGradient(parameters());
    }

    /** The first learnable parameter of {@code params} whose gradient holds a NaN or an infinity (one pass over each gradient), or null. */
    public static Parameter firstNonFiniteGradient(Iterable<Parameter> params) {
        for (Parameter p : params) {
            if (p.learnable() && !Kernels.allFinite(p.grad())) return p;
        }
        return null;
    }

    public void zeroGrad() {
        for (ParamGroup g : groups) for (Parameter p : g.parameters()) p.zeroGrad();
    }

    public List<ParamGroup> groups() { return groups; }

    /** The group with this name; an error listing the names when absent. */
    public ParamGroup group(String name) {
        for (ParamGroup g : groups) if (g.name().equals(name)) return g;
        List<String> names = new ArrayList<>();
        for (ParamGroup g : groups) names.add(g.name());
        throw new IllegalArgumentException("no parameter group '" + name + "' (groups: " + names + ")");
    }

    /** All parameters of all groups, in group order. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (ParamGroup g : groups) out.addAll(g.parameters());
        return out;
    }

    /** Sets the learning rate of every group. */
    public void lr(double value) {
        for (ParamGroup g : groups) g.lr(value);
    }

    /** A deep copy of the state (later steps do not change it). */
    public OptimizerState state() {
        List<OptimizerState.Group> gs = new ArrayList<>();
        Map<String, ParamState> ps = new LinkedHashMap<>();
        for (ParamGroup g : groups) {
            List<String> names = new ArrayList<>();
            for (Parameter p : g.parameters()) {
                names.add(p.name());
                ParamState s = state.get(p);
                if (s != null) ps.put(p.name(), s.copy());
            }
            gs.add(new OptimizerState.Group(g.name(), g.lr(), g.weightDecay(), names));
        }
        return new OptimizerState(type(), hyper(), gs, ps);
    }

    /**
     * Restores a state saved from an optimizer of the same type, hyper-parameters and groups; errors name
     * the first mismatch. Group learning rates and weight decays are restored too.
     */
    public void loadState(OptimizerState saved) {
        if (!saved.type().equals(type())) {
            throw new IllegalArgumentException("optimizer state is for '" + saved.type() + "', this optimizer is '" + type() + "'");
        }
        if (!saved.hyper().equals(hyper())) {
            throw new IllegalArgumentException("optimizer hyper-parameters differ: saved " + saved.hyper() + ", here " + hyper());
        }
        if (saved.groups().size() != groups.size()) {
            throw new IllegalArgumentException("optimizer state has " + saved.groups().size() + " groups, this optimizer "
                    + groups.size());
        }
        Map<Parameter, ParamState> restored = new IdentityHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup g = groups.get(i);
            OptimizerState.Group sg = saved.groups().get(i);
            List<String> names = new ArrayList<>();
            for (Parameter p : g.parameters()) names.add(p.name());
            if (!sg.name().equals(g.name()) || !sg.parameterNames().equals(names)) {
                throw new IllegalArgumentException("optimizer group " + i + " differs: saved '" + sg.name() + "' "
                        + sg.parameterNames() + ", here '" + g.name() + "' " + names);
            }
            for (Parameter p : g.parameters()) {
                ParamState s = saved.params().get(p.name());
                if (s == null) continue;
                for (Map.Entry<String, INDArray> b : s.buffers.entrySet()) {
                    INDArray v = b.getValue();
                    if (!Arrays.equals(v.shape(), p.value().shape()) || v.dataType() != p.value().dataType()) {
                        throw new IllegalArgumentException("optimizer buffer '" + b.getKey() + "' of '" + p.name() + "' is "
                                + v.dataType() + Arrays.toString(v.shape()) + ", the parameter " + p.value().dataType()
                                + Arrays.toString(p.value().shape()));
                    }
                }
                restored.put(p, s.copy());
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).lr(saved.groups().get(i).lr()).weightDecay(saved.groups().get(i).weightDecay());
        }
        state.clear();
        state.putAll(restored);
    }

    /** The buffer {@code name} of a state, created as zeros like the parameter when absent. */
    protected static INDArray buffer(ParamState s, String name, Parameter p) {
        return s.buffers.computeIfAbsent(name, k -> p.value().like());
    }
}
