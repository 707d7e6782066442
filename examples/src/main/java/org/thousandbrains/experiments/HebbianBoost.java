package org.thousandbrains.experiments;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.api.Evaluation;
import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.rules.Rules;

/**
 * The seed's "strengthen on correct predictions, since loss-driven learning barely moves when the
 * answer is already right": BPTT alone vs BPTT plus Hebbian strengthening at three rates, on the
 * digits with the dense 64-128-128-10 graph: accuracy (clean and with 20% pixel noise), learning curves.
 */
final class HebbianBoost implements Experiment {
    static final String[] ARMS = {"bptt", "hebbian=1e-05", "hebbian=0.0001", "hebbian=0.001"};
    static final int EPOCHS = 30;
    static final double LR = 1e-3;
    static final double NOISE = 0.2;

    @Override
    public String name() {
        return "hebbian-boost";
    }

    @Override
    public String question() {
        return "Does Hebbian strengthening on correctly predicted samples help BPTT (accuracy, noise robustness)?";
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        Split data = Datasets.load("digits", 0);
        int epochs = ctx.epochs(ctx.quick() ? 2 : EPOCHS);
        ctx.plan(ARMS.length * ctx.seeds().size());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("data", "digits (embedded 8x8), 80/20 stratified split, seed 0");
        results.put("model", "dense 64-128-128-10, Adam lr " + LR + ", batch " + RuleRun.BATCH + ", " + epochs
                + " epochs; Hebbian change added after each Adam step");
        MarkdownTable table = new MarkdownTable("rule", "test accuracy", "accuracy, " + (int) (NOISE * 100) + "% noise",
                "active fraction", "s/epoch");
        LineChart curves = new LineChart("Test accuracy per epoch (mean over seeds)", "epoch", "test accuracy");
        double[] clean = new double[ARMS.length];
        double[] cleanStd = new double[ARMS.length];
        double[] noisy = new double[ARMS.length];
        double[] noisyStd = new double[ARMS.length];
        List<TrainingRun<RuleRun.Outcome>> batch = new ArrayList<>();
        for (String arm : ARMS) {
            for (long seed : ctx.seeds()) {
                batch.add(RuleRun.run(ctx, arm, () -> Architecture.DENSE.network(data.train().dim(), new int[] {128, 128},
                        data.train().numClasses(), seed), data, Rules.parse(arm), seed, epochs, LR));
            }
        }
        Iterator<RuleRun.Outcome> trained = ctx.runAll(batch).iterator();
        List<Object> runs = new ArrayList<>();
        for (int a = 0; a < ARMS.length; a++) {
            List<RuleRun.Outcome> outs = new ArrayList<>();
            double[] noiseAcc = new double[ctx.seeds().size()];
            double[] curve = new double[epochs];
            for (int i = 0; i < ctx.seeds().size(); i++) {
                long seed = ctx.seeds().get(i);
                RuleRun.Outcome o = trained.next();
                noiseAcc[i] = Evaluation.noise(o.model(), data.test(), seed, NOISE).at(NOISE);
                for (int e = 0; e < epochs; e++) curve[e] += o.testCurve()[e] / ctx.seeds().size();
                outs.add(o);
                Map<String, Object> j = o.toJson();
                j.put("test_accuracy_noise", noiseAcc[i]);
                runs.add(j);
            }
            Stats accuracy = Stats.of(outs.stream().mapToDouble(RuleRun.Outcome::accuracy).toArray());
            Stats noise = Stats.of(noiseAcc);
            Stats fraction = Stats.of(outs.stream().mapToDouble(RuleRun.Outcome::activeFraction).toArray());
            Stats sec = Stats.of(outs.stream().mapToDouble(RuleRun.Outcome::secondsPerEpoch).toArray());
            clean[a] = accuracy.mean();
            cleanStd[a] = accuracy.std();
            noisy[a] = noise.mean();
            noisyStd[a] = noise.std();
            table.row(ARMS[a], accuracy.format(4), noise.format(4), fraction.format(3), sec.format(2));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("test_accuracy", accuracy.toJson());
            summary.put("test_accuracy_noise", noise.toJson());
            summary.put("active_fraction", fraction.toJson());
            summary.put("seconds_per_epoch", sec.toJson());
            results.put(ARMS[a], summary);
            curves.series(ARMS[a], curve);
        }
        results.put("noise_fraction", NOISE);
        results.put("runs", runs);
        ctx.plot(curves, "learning_curves.png");
        ctx.plot(new BarChart("Test accuracy", "test accuracy", ARMS).series("clean", clean, cleanStd)
                .series((int) (NOISE * 100) + "% noise", noisy, noisyStd), "accuracy.png");
        ctx.appendMarkdown("Mean ± std over seeds " + ctx.seeds() + "; digits, dense 64-128-128-10, " + epochs + " epochs.\n\n" + table);
        ctx.writeResults(results);
    }
}
