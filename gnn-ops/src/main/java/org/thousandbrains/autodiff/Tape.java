package org.thousandbrains.autodiff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Define-by-run record of the ops of one forward pass, replayed in reverse by {@link #backward(Var)}.
 * A recording tape keeps a backward step for every op that has an input requiring a gradient; an
 * {@link #inference()} tape keeps nothing (evaluation without gradient bookkeeping).
 */
public final class Tape {
    private final boolean recording;
    private final List<Var> nodes = new ArrayList<>();
    private final Map<Parameter, Var> parameters = new IdentityHashMap<>();
    private boolean backwardDone;

    public Tape() {
        this(true);
    }

    private Tape(boolean recording) {
        this.recording = recording;
    }

    /** A tape that records no gradients: ops compute values only. */
    public static Tape inference() {
        return new Tape(false);
    }

    public boolean isRecording() { return recording; }

    /** A value without gradient. */
    public Var constant(INDArray value) {
        return new Var(this, value, false, null);
    }

    /** A leaf that receives a gradient (e.g. an input whose gradient is wanted); read it with {@link Var#grad()}. */
    public Var variable(INDArray value) {
        return new Var(this, value, recording, null);
    }

    /**
     * The Var of a parameter on this tape (the same Var each call). Non-learnable parameters and
     * inference tapes give a Var without gradient.
     */
    public Var param(Parameter p) {
        return parameters.computeIfAbsent(p, q -> new Var(this, q.value(), recording && q.learnable(), q));
    }

    /** Applies a {@link CustomOp} to the given inputs (all on this tape). */
    public Var apply(CustomOp op, Var... inputs) {
        INDArray[] values = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            requireOwn(inputs[i]);
            values[i] = inputs[i].value;
        }
        INDArray out = op.forward(values);
        if (out == null) throw new IllegalStateException(op.name() + ".forward returned null");
        return record(out, g -> {
            INDArray[] grads = op.backward(g);
            if (grads == null || grads.length != inputs.length) {
                throw new IllegalStateException(op.name() + ".backward returned " + (grads == null ? "null" : grads.length
                        + " gradients") + " for " + inputs.length + " inputs");
            }
            for (int i = 0; i < inputs.length; i++) {
                if (grads[i] != null && inputs[i].requiresGrad) {
                    try {
                        inputs[i].accumulate(grads[i]);
                    } catch (IllegalStateException ex) {
                        throw new IllegalStateException(op.name() + " input " + i + ": " + ex.getMessage(), ex);
                    }
                }
            }
        }, inputs);
    }

    /** Records an op result; the backward step is kept only when some input needs a gradient. */
    Var record(INDArray value, Backward backward, Var... inputs) {
        boolean needs = false;
        if (recording) {
            for (Var in : inputs) {
                requireOwn(in);
                needs |= in.requiresGrad;
            }
        }
        Var out = new Var(this, value, needs, null);
        if (needs) {
            out.backward = backward;
            nodes.add(out);
        }
        return out;
    }

    private void requireOwn(Var v) {
        if (v.tape != this) throw new IllegalArgumentException(v + " belongs to another tape");
    }

    /**
     * Back-propagates from a scalar {@code loss} (one element): fills {@link Var#grad()} of every Var that
     * the loss depends on and adds the parameters' gradients to {@link Parameter#grad()}. Once per tape.
     */
    public void backward(Var loss) {
        requireOwn(loss);
        if (!recording) throw new IllegalStateException("backward on an inference tape");
        if (backwardDone) throw new IllegalStateException("backward already ran on this tape");
        if (loss.value.length() != 1) {
            throw new IllegalArgumentException("loss must be a scalar, got shape " + java.util.Arrays.toString(loss.shape()));
        }
        backwardDone = true;
        if (!loss.requiresGrad) return;
        loss.accumulate(Nd4j.ones(loss.value.dataType(), loss.value.shape()));
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Var v = nodes.get(i);
            if (v.grad != null) v.backward.apply(v.grad);
        }
        for (Var pv : parameters.values()) {
            if (pv.grad != null) pv.parameter.grad().addi(pv.grad);
        }
    }
}
