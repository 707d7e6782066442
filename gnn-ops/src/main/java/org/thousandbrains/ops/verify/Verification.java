package org.thousandbrains.ops.verify;

import java.util.ArrayList;
import java.util.List;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Gradients;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.Precision;
import org.thousandbrains.ops.Strategy;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.rules.FiredOnly;
import org.thousandbrains.rules.HebbianStrengthening;
import org.thousandbrains.rules.L1Activity;
import org.thousandbrains.rules.ThreeFactor;

/**
 * Runs the operator on a {@link TestVector} and measures how far each quantity lies from the
 * reference: states {@code x}, pre-activations {@code a} (input nodes excepted: their formula value
 * is not used), traces {@code s}, readout, loss {@code Σ readout·R} and the gradients of that loss
 * w.r.t. w, d, λ, b, I and x0, and the {@code rules} block of format 2 (fired-only gradients,
 * three-factor eligibility and update, Hebbian change, L1 penalty and its gradients). The error of a quantity is its max abs difference divided by
 * {@code max(1, max |reference|)}, against the tolerances of the test-vector README.
 */
public final class Verification {
    /** Tolerances on values (states, readout, loss, traces) and on gradients. */
    public static double valueTolerance(Precision p) {
        return p == Precision.FLOAT64 ? 1e-12 : 1e-5;
    }

    public static double gradientTolerance(Precision p) {
        return p == Precision.FLOAT64 ? 1e-10 : 1e-4;
    }

    /** One compared quantity. */
    public record Check(String quantity, int count, double maxAbsError, double scale, double tolerance) {
        /** The scaled error {@code maxAbsError / scale}. */
        public double error() {
            return maxAbsError / scale;
        }

        public boolean passed() {
            return error() <= tolerance;
        }
    }

    private Verification() {
    }

    /** Runs the case at the given precision and thread count and compares everything the file holds. */
    public static List<Check> run(TestVector v, Precision precision, int threads) {
        return run(v, precision, Strategy.AUTO, threads);
    }

    /** As {@link #run(TestVector, Precision, int)} on the given execution strategy. */
    public static List<Check> run(TestVector v, Precision precision, Strategy strategy, int threads) {
        CompiledGraph g = v.compile();
        TemporalOperator op = TemporalOperator.of(g).precision(precision).strategy(strategy).threads(threads).training(v.training)
                .readoutMeanOfLast(v.readoutK).outputs(v.outputs).recordInternals(v.a != null || v.s != null || v.rules != null);
        int T = v.steps;
        int B = v.batch;
        int n = v.n;
        int[] fileIndex = g.inputOrder();
        double vt = valueTolerance(precision);
        double gt = gradientTolerance(precision);
        List<Check> checks = new ArrayList<>();
        try (ForwardPass f = op.forward(Inputs.dense(T, n, B, v.inputs), T, B, v.x0)) {
            if (v.x != null) {
                double[] x = new double[T * n * B];
                for (int t = 1; t <= T; t++) System.arraycopy(f.state(t), 0, x, (t - 1) * n * B, n * B);
                checks.add(compare("x", x, v.x, null, vt));
            }
            if (v.a != null) {
                double[] a = new double[T * n * B];
                boolean[] skip = new boolean[T * n * B];
                for (int t = 1; t <= T; t++) {
                    System.arraycopy(f.preActivation(t), 0, a, (t - 1) * n * B, n * B);
                    for (int u = 0; u < n; u++) {
                        if (v.isInput[u]) for (int b = 0; b < B; b++) skip[((t - 1) * n + u) * B + b] = true;
                    }
                }
                checks.add(compare("a (non-input nodes)", a, v.a, skip, vt));
            }
            if (v.s != null) {
                int e = v.e;
                double[] s = new double[T * e * B];
                for (int t = 1; t <= T; t++) {
                    double[] st = f.trace(t);
                    for (int p = 0; p < e; p++) {
                        System.arraycopy(st, p * B, s, ((t - 1) * e + fileIndex[p]) * B, B);
                    }
                }
                checks.add(compare("s", s, v.s, null, vt));
            }
            if (v.firing != null) {
                byte[] masks = f.firingMasks();
                double[] fired = new double[masks.length];
                for (int i = 0; i < masks.length; i++) fired[i] = masks[i];
                checks.add(compare("firing", fired, v.firing, null, 0.0));
            }
            if (v.dutyAfter != null) {
                int[] ptr = g.groupStructure().kwtaPtr();
                double[] duty = op.groupState().duty();
                long[] obs = op.groupState().observations();
                int total = ptr[ptr.length - 1];
                double[] got = new double[total];
                double[] want = new double[total];
                double[] gotObs = new double[obs.length];
                double[] wantObs = new double[obs.length];
                for (int q = 0; q < v.dutyAfter.length; q++) {
                    System.arraycopy(duty, ptr[q], got, ptr[q], ptr[q + 1] - ptr[q]);
                    System.arraycopy(v.dutyAfter[q], 0, want, ptr[q], ptr[q + 1] - ptr[q]);
                    gotObs[q] = obs[q];
                    wantObs[q] = v.observationsAfter[q];
                }
                checks.add(compare("duty_after", got, want, null, 1e-12));
                checks.add(compare("observations_after", gotObs, wantObs, null, 0.0));
            }
            double[] readout = f.readout();
            if (v.readout != null) checks.add(compare("readout", readout, v.readout, null, vt));
            if (v.lossMatrix == null) return checks;
            double loss = 0;
            for (int i = 0; i < readout.length; i++) loss += readout[i] * v.lossMatrix[i];
            if (v.loss != null) checks.add(compare("loss", new double[] {loss}, new double[] {v.loss}, null, vt));
            Gradients gr = op.backward(f, v.lossMatrix);
            if (v.gradW != null) checks.add(compare("grad.w", toFileOrder(gr.weight(), fileIndex), v.gradW, null, gt));
            if (v.gradD != null) checks.add(compare("grad.d", toFileOrder(gr.delay(), fileIndex), v.gradD, null, gt));
            if (v.gradLam != null) checks.add(compare("grad.lam", toFileOrder(gr.leak(), fileIndex), v.gradLam, null, gt));
            if (v.gradB != null) checks.add(compare("grad.b", gr.bias(), v.gradB, null, gt));
            if (v.gradI != null) checks.add(compare("grad.I", gr.inputs(), v.gradI, null, gt));
            if (v.gradX0 != null) checks.add(compare("grad.x0", gr.initialState(), v.gradX0, null, gt));
            if (v.rules != null) checks.addAll(rules(v, op, f, fileIndex, vt, gt));
        }
        return checks;
    }

    /** The {@code rules} block: fired-only gradients, three-factor eligibility and update, Hebbian change, L1 penalty. */
    private static List<Check> rules(TestVector v, TemporalOperator op, ForwardPass f, int[] fileIndex, double vt, double gt) {
        TestVector.RuleCase r = v.rules;
        List<Check> checks = new ArrayList<>();
        byte[] fired = FiredOnly.fired(f);
        double[] firedD = new double[fired.length];
        for (int i = 0; i < fired.length; i++) firedD[i] = fired[i];
        checks.add(compare("rules.fired_only.fired", firedD, r.fired(), null, 0.0));
        Gradients fo = op.backward(f, v.lossMatrix, null, fired);
        gradients("rules.fired_only.grad", fo, fileIndex, r.firedW(), r.firedD(), r.firedLam(), r.firedB(), gt, checks);

        ThreeFactor tf = new ThreeFactor(r.gamma(), r.eta(), r.alpha());
        tf.baseline(r.baseline());
        ThreeFactor.Eligibility el = tf.eligibility(v.e, v.batch);
        el.accumulate(f, ThreeFactor.Eligibility.firing(f));
        double[] eFile = new double[v.e * v.batch];
        for (int p = 0; p < v.e; p++) System.arraycopy(el.values(), p * v.batch, eFile, fileIndex[p] * v.batch, v.batch);
        checks.add(compare("rules.three_factor.E", eFile, r.eligibility(), null, vt));
        checks.add(compare("rules.three_factor.dw", toFileOrder(tf.update(el, r.rewards()), fileIndex), r.threeFactorDw(), null, vt));
        checks.add(compare("rules.three_factor.R_bar_after", new double[] {tf.baseline()}, new double[] {r.baselineAfter()}, null, vt));

        double[] hebb = HebbianStrengthening.change(f, f.graph().dst(), r.correct(), r.hebbianEta());
        checks.add(compare("rules.hebbian.dw", toFileOrder(hebb, fileIndex), r.hebbianDw(), null, vt));

        boolean[] hidden = new boolean[v.n];
        for (int u = 0; u < v.n; u++) hidden[u] = !v.isInput[u];
        for (int o : v.outputs) hidden[o] = false;
        double[][] dStates = new double[v.steps + 1][];
        double penalty = new L1Activity(r.l1Alpha()).addStateLoss(f, hidden, dStates);
        checks.add(compare("rules.l1.penalty", new double[] {penalty}, new double[] {r.l1Penalty()}, null, vt));
        Gradients l1 = op.backward(f, null, dStates);
        gradients("rules.l1.grad", l1, fileIndex, r.l1W(), r.l1D(), r.l1Lam(), r.l1B(), gt, checks);
        return checks;
    }

    private static void gradients(String what, Gradients g, int[] fileIndex, double[] w, double[] d, double[] lam, double[] b,
                                  double tolerance, List<Check> checks) {
        checks.add(compare(what + ".w", toFileOrder(g.weight(), fileIndex), w, null, tolerance));
        checks.add(compare(what + ".d", toFileOrder(g.delay(), fileIndex), d, null, tolerance));
        checks.add(compare(what + ".lam", toFileOrder(g.leak(), fileIndex), lam, null, tolerance));
        checks.add(compare(what + ".b", g.bias(), b, null, tolerance));
    }

    static double[] toFileOrder(double[] csr, int[] fileIndex) {
        double[] r = new double[csr.length];
        for (int p = 0; p < csr.length; p++) r[fileIndex[p]] = csr[p];
        return r;
    }

    static Check compare(String what, double[] got, double[] ref, boolean[] skip, double tolerance) {
        double err = 0;
        double scale = 1;
        int count = 0;
        for (int i = 0; i < ref.length; i++) {
            if (skip != null && skip[i]) continue;
            count++;
            scale = Math.max(scale, Math.abs(ref[i]));
            double d = Math.abs(got[i] - ref[i]);
            if (!(d <= err)) err = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
        return new Check(what, count, err, scale, tolerance);
    }
}
