package org.thousandbrains.rules;

import org.thousandbrains.ops.ForwardPass;

/**
 * A learning rule of DESIGN.md "Learning rules": what one training batch's forward pass turns into
 * parameter changes, on top of BPTT (fired-only, L1, Hebbian strengthening) or instead of it
 * (three-factor). A model that trains through the operator ({@code GraphClassifier}) calls the hooks
 * in this order: {@link #parameterMask} and {@link #addStateLoss} for the backward pass, then, after the
 * optimizer step, {@link #weightChangeAfterStep}. Every hook sees only the batch's own forward pass, so
 * a rule works the same for any graph and any execution strategy. {@link Rules#parse} reads the
 * one-line form ({@code "fired-only"}, {@code "l1=1e-4"}, {@code "bptt+hebbian=0.01"}) that the
 * command line, GraphML and checkpoints store.
 */
public interface LearningRule {
    /** The rule as {@link Rules#parse} reads it back, e.g. {@code "l1=0.0001"}. */
    String spec();

    /** Whether gradients come from backpropagation (false: the rule makes its own update, as three-factor does). */
    default boolean backpropagates() {
        return true;
    }

    /** Whether the rule reads edge traces {@code s(t)} (the forward must record them). */
    default boolean needsTraces() {
        return false;
    }

    /**
     * {@code [N][B]}: 0 where sample b must not reach node v's own parameters in the backward pass
     * ({@link org.thousandbrains.ops.TemporalOperator#backward(ForwardPass, double[], double[][], byte[])}),
     * or null for no mask.
     */
    default byte[] parameterMask(ForwardPass pass) {
        return null;
    }

    /**
     * Adds the rule's own loss term on states to {@code dStates} ({@code [T+1]} entries of {@code [N][B]},
     * null entries allocated as needed) and returns its value; {@code hidden[v]} marks the nodes that are
     * neither input nor output.
     */
    default double addStateLoss(ForwardPass pass, boolean[] hidden, double[][] dStates) {
        return 0;
    }

    /**
     * The weight change {@code [E]} (CSR order) to add after the optimizer step, given which samples the
     * forward predicted correctly; null for none.
     */
    default double[] weightChangeAfterStep(ForwardPass pass, boolean[] correct) {
        return null;
    }
}
