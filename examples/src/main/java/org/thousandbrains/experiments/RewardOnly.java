package org.thousandbrains.experiments;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.data.Datasets;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.NodeKind;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.rl.Reinforce;
import org.thousandbrains.rl.ThreeFactorCartPole;
import org.thousandbrains.rl.TrainingResult;
import org.thousandbrains.rules.LearningRule;
import org.thousandbrains.rules.Rules;

/**
 * The seed's "can weight updates come from reward alone?": three-factor learning (no backprop) vs
 * backpropagation on (a) the bandit digits — the network draws a class from its softmax and is told only
 * whether it was right — and (b) cart-pole, against REINFORCE with a baseline through BPTT. Learning
 * curves, episodes to the bar, wall time.
 */
final class RewardOnly implements Experiment {
    static final int EPOCHS = 30;
    static final double LR = 1e-3;
    /** The bandit arms and their rules: BPTT told the label; three-factor on all layers; three-factor on the readout only. */
    static final String[] ARMS = {"bptt (labels)", "three-factor", "three-factor, readout only"};
    static final String[] RULES = {"bptt", "three-factor=0.05,gamma=1,alpha=0.05", "three-factor=0.5,gamma=1,alpha=0.05"};
    /** Cart-pole seeds the settings were never tried on (they were chosen on seeds 0..4). */
    static final double REINFORCE_BAR = 475;
    static final int REINFORCE_BUDGET = 2000;
    static final int THREE_FACTOR_V1_BUDGET = 5000;
    static final long[] HELD_OUT = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109};

    @Override
    public String name() {
        return "reward-only";
    }

    @Override
    public String question() {
        return "Can reward-modulated three-factor learning (no backprop) replace BPTT on a bandit digits task and on cart-pole?";
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        int epochs = ctx.epochs(ctx.quick() ? 2 : EPOCHS);
        int seeds = ctx.seeds().size();
        ctx.plan(ARMS.length * seeds + 3 * (seeds + (ctx.quick() ? 0 : HELD_OUT.length)));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("bandit", bandit(ctx, epochs));
        results.put("cartpole", cartpole(ctx));
        ctx.writeResults(results);
    }

    private Map<String, Object> bandit(ExperimentContext ctx, int epochs) throws Exception {
        Split data = Datasets.load("digits", 0);
        String[] arms = ARMS;
        MarkdownTable table = new MarkdownTable("rule", "what it is told", "test accuracy", "s/epoch");
        LineChart curves = new LineChart("Bandit digits: test accuracy per epoch (mean over seeds)", "epoch", "test accuracy");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("task", "digits (embedded 8x8); three-factor: a class drawn from the softmax, reward 1 when right");
        out.put("model", "dense 64-128-128-10; bptt: Adam lr " + LR + "; three-factor applied by SGD at its eta (readout only: hidden"
                + " weights frozen at their initial values); " + epochs + " epochs, batch " + RuleRun.BATCH);
        List<TrainingRun<RuleRun.Outcome>> batch = new ArrayList<>();
        for (int a = 0; a < arms.length; a++) {
            boolean readoutOnly = a == 2;
            for (long seed : ctx.seeds()) {
                batch.add(RuleRun.run(ctx, "bandit " + arms[a], () -> {
                    Network net = Architecture.DENSE.network(data.train().dim(), new int[] {128, 128}, data.train().numClasses(), seed);
                    if (readoutOnly) {
                        for (Synapse s : net.synapses()) if (net.target(s).kind() != NodeKind.OUTPUT) s.learnable(Learnable.NONE);
                    }
                    return net;
                }, data, Rules.parse(RULES[a]), seed, epochs, LR));
            }
        }
        Iterator<RuleRun.Outcome> trained = ctx.runAll(batch).iterator();
        for (int a = 0; a < arms.length; a++) {
            LearningRule rule = Rules.parse(RULES[a]);
            double[] acc = new double[ctx.seeds().size()];
            double[] sec = new double[acc.length];
            double[] curve = new double[epochs];
            List<Object> runs = new ArrayList<>();
            for (int i = 0; i < acc.length; i++) {
                RuleRun.Outcome o = trained.next();
                acc[i] = o.accuracy();
                sec[i] = o.secondsPerEpoch();
                for (int e = 0; e < epochs; e++) curve[e] += o.testCurve()[e] / acc.length;
                runs.add(o.toJson());
            }
            Stats accuracy = Stats.of(acc);
            Stats seconds = Stats.of(sec);
            table.row(arms[a], a == 0 ? "the label" : "reward 1/0 for its drawn class", accuracy.format(4), seconds.format(2));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", rule.spec());
            m.put("test_accuracy", accuracy.toJson());
            m.put("seconds_per_epoch", seconds.toJson());
            m.put("runs", runs);
            out.put(arms[a], m);
            curves.series(arms[a], curve);
        }
        ctx.plot(curves, "bandit_learning_curves.png");
        ctx.appendMarkdown("## (a) Bandit digits\n\nMean ± std over seeds " + ctx.seeds() + ", " + epochs + " epochs.\n\n" + table);
        return out;
    }

    private Map<String, Object> cartpole(ExperimentContext ctx) throws Exception {
        MarkdownTable table = new MarkdownTable("learner", "bar", "seed", "episodes to mean ≥ bar over 100", "mean return, last 100",
                "episodes run", "wall s");
        LineChart curves = new LineChart("Cart-pole: return per episode (moving mean of 20)", "episode", "return");
        List<Long> all = new ArrayList<>(ctx.seeds());
        if (!ctx.quick()) for (long s : HELD_OUT) all.add(s);
        ThreeFactorCartPole.Settings v0 = ThreeFactorCartPole.Settings.DEFAULT;
        ThreeFactorCartPole.Settings v1 = new ThreeFactorCartPole.Settings(v0.batch(), v0.eta(), v0.alpha(), v0.initScale(),
                THREE_FACTOR_V1_BUDGET, REINFORCE_BAR);
        String policy3 = "4 inputs (state / [2.4, 3, 0.21, 3]) -> 2 action nodes, instant edges, softmax draw; psi = F - p";
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> tf = learner(ctx, "three-factor", all, v0.solvedAt(), v0.maxEpisodes(), table, curves,
                seed -> new ThreeFactorCartPole(v0, seed).train(null));
        tf.put("settings", settings(v0));
        tf.put("policy", policy3);
        out.put("three_factor", tf);
        Map<String, Object> tf1 = learner(ctx, "three-factor", all, v1.solvedAt(), v1.maxEpisodes(), table, null,
                seed -> new ThreeFactorCartPole(v1, seed).train(null));
        tf1.put("settings", settings(v1));
        tf1.put("policy", policy3);
        out.put("three_factor_v1", tf1);
        Map<String, Object> rf = learner(ctx, "REINFORCE (BPTT)", all, REINFORCE_BAR, REINFORCE_BUDGET, table, curves,
                seed -> Reinforce.cartPole(seed).train(REINFORCE_BUDGET, REINFORCE_BAR, ThreeFactorCartPole.WINDOW));
        Reinforce.Settings rs = Reinforce.Settings.DEFAULT;
        rf.put("settings", Map.of("gamma", rs.gamma(), "adam_lr", rs.learningRate(), "normalized_advantages", rs.normalize(),
                "episodes_per_update", 8, "max_episodes", REINFORCE_BUDGET, "bar", REINFORCE_BAR));
        rf.put("policy", "4 inputs -> 32 tanh -> 2 action nodes, instant edges, softmax draw; baseline: mean return-to-go per step");
        out.put("reinforce", rf);
        ctx.plot(curves, "cartpole_returns.png");
        ctx.appendMarkdown("## (b) Cart-pole (Gymnasium CartPole-v1 dynamics)\n\nBars: mean return over 100 consecutive episodes ≥ 195"
                + " (CartPole-v0's) or ≥ 475 (CartPole-v1's). Seeds marked held out were never used to choose settings.\n\n" + table);
        return out;
    }

    private static Map<String, Object> settings(ThreeFactorCartPole.Settings st) {
        return Map.of("episodes_per_update", st.batch(), "eta", st.eta(), "alpha", st.alpha(), "gamma", 1.0,
                "max_episodes", st.maxEpisodes(), "bar", st.solvedAt());
    }

    /** Trains {@code learner} on every seed to {@code bar}: table rows, curves of the experiment's own seeds, per-run figures. */
    private static Map<String, Object> learner(ExperimentContext ctx, String name, List<Long> seeds, double bar, int budget,
                                               MarkdownTable table, LineChart curves, java.util.function.LongFunction<TrainingResult> learner)
            throws Exception {
        List<TrainingRun<TrainingResult>> batch = new ArrayList<>();
        for (long seed : seeds) batch.add(new TrainingRun<>("cart-pole " + name + " to " + (int) bar + ", seed " + seed, () -> learner.apply(seed)));
        List<TrainingResult> results = ctx.runAll(batch);
        List<Object> runs = new ArrayList<>();
        double[] episodes = new double[seeds.size()];
        double[] last = new double[episodes.length];
        double[] wall = new double[episodes.length];
        int solvedRuns = 0;
        for (int i = 0; i < episodes.length; i++) {
            long seed = seeds.get(i);
            TrainingResult r = results.get(i);
            boolean solved = r.solved();
            episodes[i] = r.episodes();
            last[i] = r.meanOfLast(ThreeFactorCartPole.WINDOW);
            wall[i] = r.seconds();
            if (solved) solvedRuns++;
            table.row(name, (int) bar, seed + (ctx.seeds().contains(seed) ? "" : " (held out)"), solved ? r.episodes() : "not within " + budget,
                    String.format(java.util.Locale.ROOT, "%.1f", last[i]), r.returns().length,
                    String.format(java.util.Locale.ROOT, "%.2f", r.seconds()));
            if (curves != null && i < ctx.seeds().size()) curves.series(name + ", seed " + seed, movingMean(r.returns(), 20));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("held_out", !ctx.seeds().contains(seed));
            m.put("episodes", (int) episodes[i]);
            m.put("solved", solved);
            m.put("mean_return_100", last[i]);
            m.put("wall_seconds", r.seconds());
            runs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bar", bar);
        out.put("solved_runs", solvedRuns + " of " + episodes.length);
        out.put("episodes", Stats.of(episodes).mean());
        out.put("mean_return_100", Stats.of(last).mean());
        out.put("wall_seconds", Stats.of(wall).mean());
        out.put("runs", runs);
        return out;
    }

    static double[] movingMean(double[] v, int n) {
        double[] r = new double[v.length];
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
            if (i >= n) s -= v[i - n];
            r[i] = s / Math.min(i + 1, n);
        }
        return r;
    }
}
