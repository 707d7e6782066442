package org.thousandbrains.model;

import java.util.SplittableRandom;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.rules.LearningRule;
import org.thousandbrains.rules.ThreeFactor;

/**
 * Applies a {@link LearningRule} to one classification batch of a {@link GraphClassifier}: the state
 * loss and parameter mask around the operator's backward pass, the weight change after the optimizer
 * step, and, for three-factor learning, the bandit version of the task: the class is drawn from the
 * softmax of the readout, the reward is 1 when it is the label, and the rule's update is handed to the
 * optimizer as the gradient {@code −Δw/η} (plain SGD with rate η then applies the rule exactly).
 */
final class RuleDriver {
    private final LearningRule rule;
    private final boolean[] hidden;
    private final byte[] learnable;
    private final SplittableRandom rng;
    private double[][] dStates;
    private double[] pending;
    private double lastReward = Double.NaN;

    RuleDriver(LearningRule rule, CompiledGraph g, long seed) {
        if (rule instanceof ThreeFactor tf && !(tf.eta() > 0)) {
            throw new IllegalArgumentException("three-factor learning on a classifier needs a rate eta > 0, got " + tf.eta());
        }
        this.rule = rule;
        this.hidden = new boolean[g.nodeCount()];
        for (int v = 0; v < hidden.length; v++) hidden[v] = !g.isInput(v);
        for (int o : g.outputs()) hidden[o] = false;
        this.learnable = g.learnable();
        this.rng = new SplittableRandom(seed);
    }

    LearningRule rule() {
        return rule;
    }

    /** After a training forward: adds the rule's state loss (its gradient is kept for the backward) and returns its value. */
    double stateLoss(ForwardPass pass) {
        dStates = null;
        if (!rule.backpropagates()) return 0;
        double[][] d = new double[pass.steps() + 1][];
        double extra = rule.addStateLoss(pass, hidden, d);
        for (double[] x : d) {
            if (x != null) {
                dStates = d;
                break;
            }
        }
        return extra;
    }

    /**
     * The operator's backward under the rule: its parameter mask and state gradients (scaled by
     * {@code scale}); keeps the after-step weight change. {@code p} is the softmax of the readout
     * {@code [nOut][B]}.
     */
    Gradients backward(TemporalOperator op, ForwardPass pass, double[] seed, double scale, double[] p, int[] labels) {
        int B = pass.batch();
        double[][] ds = dStates;
        if (ds != null && scale != 1.0) {
            for (double[] x : ds) if (x != null) for (int i = 0; i < x.length; i++) x[i] *= scale;
        }
        Gradients gr = op.backward(pass, seed, ds, rule.parameterMask(pass));
        boolean[] correct = new boolean[B];
        int nOut = p.length / B;
        for (int b = 0; b < B; b++) correct[b] = argmax(p, b, B, nOut) == labels[b];
        pending = rule.weightChangeAfterStep(pass, correct);
        return gr;
    }

    /** The weight change to add after the optimizer step ({@code [E]}, 0 on frozen weights), or null; cleared. */
    double[] takeWeightChange() {
        double[] d = pending;
        pending = null;
        if (d != null) for (int e = 0; e < d.length; e++) if ((learnable[e] & Learnable.WEIGHT) == 0) d[e] = 0;
        return d;
    }

    /** Mean reward of the last three-factor batch (NaN before the first or under other rules). */
    double lastReward() {
        return lastReward;
    }

    /**
     * Three-factor learning on the bandit task: the weight gradient {@code −Δw/η} ({@code [E]}) of the
     * batch, from the pass's traces and firing and a class drawn from {@code p}.
     */
    double[] threeFactorGradient(TemporalOperator op, ForwardPass pass, double[] p, int[] labels) {
        ThreeFactor tf = (ThreeFactor) rule;
        int B = pass.batch();
        int T = pass.steps();
        int[] outs = op.outputs();
        int nOut = outs.length;
        int K = op.readoutWindow();
        double[][] psi = ThreeFactor.Eligibility.firing(pass);
        double[] reward = new double[B];
        double mean = 0;
        for (int b = 0; b < B; b++) {
            int a = sample(p, b, B, nOut);
            reward[b] = a == labels[b] ? 1 : 0;
            mean += reward[b];
            // the outputs are the stochastic nodes: ψ = F − p over the readout steps, the chosen class firing
            for (int t = 1; t <= T; t++) {
                for (int j = 0; j < nOut; j++) {
                    psi[t][outs[j] * B + b] = t > T - K ? ((j == a ? 1 : 0) - p[j * B + b]) / K : 0;
                }
            }
        }
        lastReward = mean / B;
        ThreeFactor.Eligibility el = tf.eligibility(pass.graph().edgeCount(), B);
        el.accumulate(pass, psi);
        double[] dw = tf.update(el, reward);
        double[] g = new double[dw.length];
        for (int e = 0; e < dw.length; e++) g[e] = (learnable[e] & Learnable.WEIGHT) != 0 ? -dw[e] / tf.eta() : 0;
        return g;
    }

    private int sample(double[] p, int b, int B, int nOut) {
        double u = rng.nextDouble();
        double c = 0;
        for (int j = 0; j < nOut; j++) {
            c += p[j * B + b];
            if (u < c) return j;
        }
        return nOut - 1;
    }

    private static int argmax(double[] y, int b, int B, int nOut) {
        int best = 0;
        for (int j = 1; j < nOut; j++) if (y[j * B + b] > y[best * B + b]) best = j;
        return best;
    }
}
