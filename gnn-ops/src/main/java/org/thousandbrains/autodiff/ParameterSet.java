package org.thousandbrains.autodiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters of a model by unique name, in insertion order: what optimizers and checkpoints see. */
public final class ParameterSet implements Iterable<Parameter> {
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    public ParameterSet() {
    }

    public ParameterSet(Iterable<Parameter> params) {
        for (Parameter p : params) add(p);
    }

    /** Adds a parameter; its name must be new. Returns it. */
    public Parameter add(Parameter p) {
        if (byName.putIfAbsent(p.name(), p) != null) {
            throw new IllegalArgumentException("duplicate parameter name '" + p.name() + "'");
        }
        return p;
    }

    public ParameterSet addAll(Iterable<Parameter> params) {
        for (Parameter p : params) add(p);
        return this;
    }

    /** The parameter with this name; an error naming it when absent. */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter named '" + name + "'");
        return p;
    }

    public boolean contains(String name) { return byName.containsKey(name); }
    public int size() { return byName.size(); }

    public List<Parameter> all() { return Collections.unmodifiableList(new ArrayList<>(byName.values())); }

    public List<Parameter> learnable() {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : byName.values()) if (p.learnable()) out.add(p);
        return out;
    }

    /** Total number of scalar values. */
    public long elementCount() {
        long n = 0;
        for (Parameter p : byName.values()) n += p.size();
        return n;
    }

    public void zeroGrad() {
        for (Parameter p : byName.values()) p.zeroGrad();
    }

    @Override
    public Iterator<Parameter> iterator() {
        return Collections.unmodifiableCollection(byName.values()).iterator();
    }
}
