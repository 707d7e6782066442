package org.thousandbrains.rules;

import org.thousandbrains.ops.ForwardPass;

/**
 * BPTT where, in sample b, a node that never fired ({@code F_v(t) = 0} for every t) gets nothing
 * from b for its bias and its in-edges' weight, delay and leak; backpropagation to earlier nodes is
 * unchanged and the loss keeps its normalization. With ReLU and {@code θ = 0} a hidden node that never
 * fired has {@code ∂L/∂a = 0} anyway; the rule still differs from BPTT with {@code θ > 0}, a saturating
 * activation (tanh, sigmoid), and on identity output nodes, which as DESIGN.md's rule reads are masked too
 * in a sample where their state never exceeded the threshold.
 */
public final class FiredOnly implements LearningRule {
    /** The one instance. */
    public static final FiredOnly RULE = new FiredOnly();

    private FiredOnly() {
    }

    /** {@code [N][B]}: 1 where node v fired at some step of sample b. */
    public static byte[] fired(ForwardPass pass) {
        boolean[] f = pass.firedAtAnyStep();
        byte[] m = new byte[f.length];
        for (int i = 0; i < f.length; i++) m[i] = (byte) (f[i] ? 1 : 0);
        return m;
    }

    @Override
    public byte[] parameterMask(ForwardPass pass) {
        return fired(pass);
    }

    @Override
    public String spec() {
        return "fired-only";
    }

    @Override
    public String toString() {
        return spec();
    }
}
