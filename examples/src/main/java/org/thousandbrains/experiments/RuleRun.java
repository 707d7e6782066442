package org.thousandbrains.experiments;

import java.util.LinkedHashMap;
import java.util.Map;

import org.thousandbrains.cli.Measures;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.DatasetExamples;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.optim.Optimizer;
import org.thousandbrains.rules.LearningRule;
import org.thousandbrains.train.Evaluator;
import org.thousandbrains.train.History;
import org.thousandbrains.train.ProgressBar;
import org.thousandbrains.train.Trainer;

/**
 * One classifier trained under a learning rule, with what the rule experiments compare: test accuracy
 * and its curve, the active fraction of hidden nodes, how far each weight moved, seconds per epoch.
 */
final class RuleRun {
    static final int BATCH = 128;
    static final int EVAL_BATCH = 1000;
    static final int FIRING_SAMPLES = 300;

    /** What one run measured. */
    record Outcome(String arm, long seed, double accuracy, double activeFraction, double secondsPerEpoch, double[] testCurve,
                   double[] weightChange, GraphClassifier model) {
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

    /** Trains {@code net} on {@code data} under {@code rule} (Adam at {@code lr}, or SGD at η for three-factor). */
    static Outcome train(ExperimentContext ctx, String arm, Network net, Split data, LearningRule rule, long seed, int epochs,
                         double lr) {
        ctx.begin(arm + ", seed " + seed);
        GraphClassifier model = GraphClassifier.of(net).threads(ctx.threads()).rule(rule, seed);
        double[] w0 = model.weights();
        Optimizer opt = model.optimizer(lr);
        Trainer trainer = Trainer.builder(model.parameters(), opt, model)
                .epochs(epochs).batchSize(BATCH).seed(seed)
                .evaluator(Evaluator.of("test", new DatasetExamples(data.test()), model, EVAL_BATCH))
                .listener(new ProgressBar(ctx.log(), System.console() != null))
                .build();
        History h = trainer.fit(new DatasetExamples(data.train()));
        double[] w1 = model.weights();
        double[] dw = new double[w0.length];
        for (int i = 0; i < dw.length; i++) dw[i] = w1[i] - w0[i];
        double[] sec = h.series("seconds");
        java.util.Arrays.sort(sec);
        return new Outcome(arm, seed, Measures.accuracy(model, data.test()),
                Measures.activeFraction(model, data.test(), FIRING_SAMPLES), sec.length == 0 ? 0 : sec[sec.length / 2],
                h.series("test_accuracy"), dw, model);
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
