package org.thousandbrains.experiments;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.Histogram;
import org.thousandbrains.rules.Rules;

/**
 * The seed's "weight updates for fired neurons only — is that like an L1 penalty?": fired-only vs L1 at
 * three strengths vs plain BPTT, on the digits with a 64-128-128-10 graph, in three regimes: ReLU with
 * θ = 0 (where fired-only and BPTT coincide on hidden nodes, DESIGN.md "Firing"), ReLU with θ = 0.25
 * and tanh (saturating) with θ = 0. Accuracy, active fraction and the distribution of weight changes.
 */
final class FiredOnlyVsL1 implements Experiment {
    static final String[] ARMS = {"bptt", "fired-only", "l1=1e-05", "l1=0.0001", "l1=0.001"};
    static final String[] REGIMES = {"relu θ=0", "relu θ=0.25", "tanh θ=0"};
    static final int EPOCHS = 30;
    static final double LR = 1e-3;

    @Override
    public String name() {
        return "fired-only-vs-l1";
    }

    @Override
    public String question() {
        return "Do updates for fired neurons only act like an L1 activity penalty (ReLU θ=0 vs θ>0 vs tanh)?";
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        Split data = Datasets.load("digits", 0);
        int epochs = ctx.epochs(ctx.quick() ? 2 : EPOCHS);
        ctx.plan(REGIMES.length * ARMS.length * ctx.seeds().size());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("data", "digits (embedded 8x8), 80/20 stratified split, seed 0");
        results.put("model", "dense 64-128-128-10, Adam lr " + LR + ", batch " + RuleRun.BATCH + ", " + epochs + " epochs");
        MarkdownTable table = new MarkdownTable("regime", "rule", "test accuracy", "active fraction", "median |Δw|",
                "weights unchanged", "s/epoch");
        BarChart acc = new BarChart("Test accuracy by rule", "test accuracy", ARMS);
        BarChart active = new BarChart("Active fraction of hidden nodes", "fraction firing", ARMS);
        List<TrainingRun<RuleRun.Outcome>> batch = new ArrayList<>();
        for (int r = 0; r < REGIMES.length; r++) {
            for (String arm : ARMS) {
                int regime = r;
                for (long seed : ctx.seeds()) {
                    batch.add(RuleRun.run(ctx, REGIMES[r] + " " + arm, () -> network(regime, data, seed), data, Rules.parse(arm), seed,
                            epochs, LR));
                }
            }
        }
        Iterator<RuleRun.Outcome> trained = ctx.runAll(batch).iterator();
        List<Object> runs = new ArrayList<>();
        for (int r = 0; r < REGIMES.length; r++) {
            double[] am = new double[ARMS.length];
            double[] as = new double[ARMS.length];
            double[] fm = new double[ARMS.length];
            double[] fs = new double[ARMS.length];
            Histogram changes = new Histogram("log10 |Δw| after training, " + REGIMES[r] + " (seed " + ctx.seeds().get(0) + ")");
            for (int a = 0; a < ARMS.length; a++) {
                List<RuleRun.Outcome> outs = new ArrayList<>();
                for (int i = 0; i < ctx.seeds().size(); i++) {
                    RuleRun.Outcome o = trained.next();
                    outs.add(o);
                    Map<String, Object> j = o.toJson();
                    j.put("regime", REGIMES[r]);
                    runs.add(j);
                }
                Stats accuracy = Stats.of(outs.stream().mapToDouble(RuleRun.Outcome::accuracy).toArray());
                Stats fraction = Stats.of(outs.stream().mapToDouble(RuleRun.Outcome::activeFraction).toArray());
                Stats median = Stats.of(outs.stream().mapToDouble(o -> RuleRun.quantile(RuleRun.abs(o.weightChange()), 0.5)).toArray());
                Stats unchanged = Stats.of(outs.stream().mapToDouble(o -> RuleRun.unchanged(o.weightChange())).toArray());
                Stats sec = Stats.of(outs.stream().mapToDouble(RuleRun.Outcome::secondsPerEpoch).toArray());
                am[a] = accuracy.mean();
                as[a] = accuracy.std();
                fm[a] = fraction.mean();
                fs[a] = fraction.std();
                table.row(REGIMES[r], ARMS[a], accuracy.format(4), fraction.format(3), String.format(java.util.Locale.ROOT, "%.2e", median.mean()),
                        unchanged.format(3), sec.format(2));
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("test_accuracy", accuracy.toJson());
                summary.put("active_fraction", fraction.toJson());
                summary.put("median_abs_weight_change", median.toJson());
                summary.put("fraction_weights_unchanged", unchanged.toJson());
                summary.put("seconds_per_epoch", sec.toJson());
                results.put(REGIMES[r] + " / " + ARMS[a], summary);
                changes.panel(ARMS[a], log10(outs.get(0).weightChange()), 40);
            }
            acc.series(REGIMES[r], am, as);
            active.series(REGIMES[r], fm, fs);
            ctx.plot(changes, "weight_changes_" + r + ".png");
        }
        results.put("runs", runs);
        ctx.plot(acc, "accuracy.png");
        ctx.plot(active, "active_fraction.png");
        ctx.appendMarkdown("Mean ± std over seeds " + ctx.seeds() + "; digits, dense 64-128-128-10, " + epochs + " epochs.\n\n" + table);
        ctx.writeResults(results);
    }

    /** The dense digits graph of one regime: hidden nodes ReLU with θ = 0 or 0.25, or tanh. */
    static Network network(int regime, Split data, long seed) {
        Network net = Architecture.DENSE.network(data.train().dim(), new int[] {128, 128}, data.train().numClasses(), seed);
        for (Neuron v : net.nodes()) {
            if (v.kind() != NodeKind.NEURON) continue;
            if (regime == 1) v.threshold(0.25);
            if (regime == 2) v.activation(Activation.TANH);
        }
        return net;
    }

    /** {@code log10 |Δw|}, with unchanged weights at −8 (below float32 resolution). */
    static double[] log10(double[] dw) {
        double[] r = new double[dw.length];
        for (int i = 0; i < dw.length; i++) r[i] = Math.log10(Math.max(1e-8, Math.abs(dw[i])));
        return r;
    }
}
