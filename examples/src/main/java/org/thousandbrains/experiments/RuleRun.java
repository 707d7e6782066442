package org.thousandbrains.experiments;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.thousandbrains.api.Evaluation;
import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.cli.RunConfig;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.rules.LearningRule;

/**
 * One classifier of the digits trained under a learning rule, with what the rule experiments compare: test accuracy
 * and its curve, the active fraction of hidden nodes, how far each weight moved, seconds per epoch.
 */
final class RuleRun {
    static final int BATCH = 128;
    static final int FIRING_SAMPLES = 300;

    /** What one run measured. */
    record Outcome(String arm, long seed, double accuracy, double activeFraction, double secondsPerEpoch, double[] testCurve,
                   double[] weightChange, GraphClassifier model) implements Serializable {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arm", arm);
            m.put("seed", seed);
            m.put("test_accuracy", accuracy);
            m.put("active_fraction", activeFraction);
            m.put("seconds_per_epoch", secondsPerEpoch);
            m.put("median_abs_weight_change", quantile(abs(weightChange), 0.5));
            m.put("fraction_weights_unchanged", unchanged(weightChange));
            m.put("test_accuracy_per_epoch", java.util.Arrays.stream(testCurve).boxed().toList());
            return m;
        }
    }

    private RuleRun() {
    }

    /**
     * The run labelled {@code "<arm>, seed <seed>"} that trains the network {@code net} builds on {@code data} under
     * {@code rule} through {@code tb train}'s run (Adam at {@code lr}, or SGD at η for three-factor; a checkpoint
     * and metrics per epoch in the run's folder).
     */
    static TrainingRun<Outcome> run(ExperimentContext ctx, String arm, Callable<Network> net, Split data, LearningRule rule,
                                    long seed, int epochs, double lr) {
        return new TrainingRun<>(arm + ", seed " + seed, () -> {
            RunConfig c = RunConfig.builtIn("digits", Architecture.DENSE, new int[0], epochs, BATCH, lr, seed)
                    .withRule(rule.spec());
            Path dir = ctx.runDir(arm.replaceAll("[^A-Za-z0-9._-]+", "_") + "-seed" + seed);
            ModelRun.Result r = ModelRun.train(c, net.call(), data, dir, ctx.threads(), ctx.log());
            double[] w1 = r.model().weights();
            double[] dw = new double[w1.length];
            for (int i = 0; i < dw.length; i++) dw[i] = w1[i] - r.initial().weight()[i];
            return new Outcome(arm, seed, r.testAccuracy(), Evaluation.firing(r.model(), data.test(), FIRING_SAMPLES).activeFraction(),
                    r.secondsPerEpoch(), r.history().series("test_accuracy"), dw, r.model());
        });
    }

    static double[] abs(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.abs(v[i]);
        return r;
    }

    /** Fraction of weights that moved by less than 1e-7 (float32 resolution of the initial values). */
    static double unchanged(double[] dw) {
        long n = 0;
        for (double d : dw) if (Math.abs(d) < 1e-7) n++;
        return dw.length == 0 ? 0 : (double) n / dw.length;
    }

    static double quantile(double[] v, double q) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
