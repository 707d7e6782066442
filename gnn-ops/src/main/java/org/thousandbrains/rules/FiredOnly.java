package org.thousandbrains.rules;

import org.thousandbrains.ops.ForwardPass;

/**
 * BPTT where, in sample b, a node that never fired ({@code F_v(t) = 0} for every t) gets nothing
 * from b for its bias and its in-edges' weight, delay and leak; backpropagation to earlier nodes is
 * unchanged and the loss keeps its normalization. With ReLU and {@code θ = 0} a node that never fired
 * has {@code ∂L/∂a = 0} anyway, so the rule only differs from BPTT with {@code θ > 0} or a saturating
 * activation (tanh, sigmoid).
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
