package org.thousandbrains.experiments;

import java.util.ArrayList;
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
        ctx.plan(ARMS.length * seeds + 2 * (seeds + (ctx.quick() ? 0 : HELD_OUT.length)));
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
        for (int a = 0; a < arms.length; a++) {
            LearningRule rule = Rules.parse(RULES[a]);
            double[] acc = new double[ctx.seeds().size()];
            double[] sec = new double[acc.length];
            double[] curve = new double[epochs];
            List<Object> runs = new ArrayList<>();
            for (int i = 0; i < acc.length; i++) {
                long seed = ctx.seeds().get(i);
                Network net = Architecture.DENSE.network(data.train().dim(), new int[] {128, 128}, data.train().numClasses(), seed);
                if (a == 2) {
                    for (Synapse s : net.synapses()) if (net.target(s).kind() != NodeKind.OUTPUT) s.learnable(Learnable.NONE);
                }
                RuleRun.Outcome o = RuleRun.train(ctx, "bandit " + arms[a], net, data, rule, seed, epochs, LR);
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
        ThreeFactorCartPole.Settings st = ThreeFactorCartPole.Settings.DEFAULT;
        MarkdownTable table = new MarkdownTable("learner", "seed", "episodes to mean ≥ bar over 100", "mean return, last 100",
                "episodes run", "wall s");
        LineChart curves = new LineChart("Cart-pole: return per episode (moving mean of 20)", "episode", "return");
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> runs = new ArrayList<>();
        List<Long> all = new ArrayList<>(ctx.seeds());
        if (!ctx.quick()) for (long s : HELD_OUT) all.add(s);
        double[] solved = new double[all.size()];
        double[] last = new double[solved.length];
        double[] wall = new double[solved.length];
        int solvedRuns = 0;
        for (int i = 0; i < solved.length; i++) {
            long seed = all.get(i);
            ctx.begin("cart-pole three-factor, seed " + seed);
            ThreeFactorCartPole.Result r = new ThreeFactorCartPole(st, seed).train(null);
            solved[i] = r.solvedAfter() < 0 ? r.returns().length : r.solvedAfter();
            if (r.solvedAfter() >= 0) solvedRuns++;
            last[i] = r.meanReturnLast100();
            wall[i] = r.seconds();
            table.row("three-factor", seed + (ctx.seeds().contains(seed) ? "" : " (held out)"), r.solvedAfter() < 0 ? "not within " + st.maxEpisodes() : r.solvedAfter(),
                    String.format(java.util.Locale.ROOT, "%.1f", r.meanReturnLast100()), r.returns().length,
                    String.format(java.util.Locale.ROOT, "%.2f", r.seconds()));
            if (i < ctx.seeds().size()) curves.series("three-factor, seed " + seed, movingMean(r.returns(), 20));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("held_out", !ctx.seeds().contains(seed));
            m.put("episodes", r.solvedAfter() < 0 ? r.returns().length : r.solvedAfter());
            m.put("solved", r.solvedAfter() >= 0);
            m.put("mean_return_100", r.meanReturnLast100());
            m.put("wall_seconds", r.seconds());
            runs.add(m);
        }
        Map<String, Object> tf = new LinkedHashMap<>();
        tf.put("settings", Map.of("episodes_per_update", st.batch(), "eta", st.eta(), "alpha", st.alpha(), "gamma", 1.0,
                "max_episodes", st.maxEpisodes(), "bar", st.solvedAt()));
        tf.put("policy", "4 inputs (state / [2.4, 3, 0.21, 3]) -> 2 action nodes, instant edges, softmax draw; psi = F - p");
        tf.put("solved_runs", solvedRuns + " of " + solved.length);
        tf.put("episodes", Stats.of(solved).mean());
        tf.put("mean_return_100", Stats.of(last).mean());
        tf.put("wall_seconds", Stats.of(wall).mean());
        tf.put("runs", runs);
        out.put("three_factor", tf);
        out.put("reinforce", reinforce(ctx, all, table, curves));
        ctx.plot(curves, "cartpole_returns.png");
        ctx.appendMarkdown("## (b) Cart-pole (Gymnasium CartPole-v1 dynamics)\n\nBars: three-factor, mean return ≥ " + st.solvedAt()
                + " over 100 consecutive episodes (CartPole-v0's bar); REINFORCE, ≥ " + REINFORCE_BAR + " (CartPole-v1's).\n\n" + table);
        return out;
    }

    /**
     * The comparison: REINFORCE with a baseline through BPTT of the operator ({@link Reinforce#cartPole}:
     * 4-32-2 tanh policy, Adam), to CartPole-v1's bar, on the same seeds.
     */
    private static Map<String, Object> reinforce(ExperimentContext ctx, List<Long> seeds, MarkdownTable table, LineChart curves) {
        List<Object> runs = new ArrayList<>();
        double[] episodes = new double[seeds.size()];
        double[] last = new double[episodes.length];
        double[] wall = new double[episodes.length];
        int solvedRuns = 0;
        for (int i = 0; i < episodes.length; i++) {
            long seed = seeds.get(i);
            ctx.begin("cart-pole REINFORCE, seed " + seed);
            Reinforce.Result r = Reinforce.cartPole(seed).train(REINFORCE_BUDGET, REINFORCE_BAR, 100);
            episodes[i] = r.episodes();
            last[i] = r.meanOfLast(100);
            wall[i] = r.seconds();
            if (r.solved()) solvedRuns++;
            table.row("REINFORCE (BPTT)", seed + (ctx.seeds().contains(seed) ? "" : " (held out)"),
                    r.solved() ? r.episodes() : "not within " + REINFORCE_BUDGET, String.format(java.util.Locale.ROOT, "%.1f", last[i]),
                    r.episodes(), String.format(java.util.Locale.ROOT, "%.2f", r.seconds()));
            if (i < ctx.seeds().size()) curves.series("REINFORCE, seed " + seed, movingMean(r.returns(), 20));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("held_out", !ctx.seeds().contains(seed));
            m.put("episodes", r.episodes());
            m.put("solved", r.solved());
            m.put("mean_return_100", last[i]);
            m.put("wall_seconds", r.seconds());
            runs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", Map.of("gamma", Reinforce.Settings.DEFAULT.gamma(), "adam_lr", Reinforce.Settings.DEFAULT.learningRate(),
                "normalized_advantages", Reinforce.Settings.DEFAULT.normalize(), "episodes_per_update", 8, "max_episodes", REINFORCE_BUDGET,
                "bar", REINFORCE_BAR));
        out.put("policy", "4 inputs -> 32 tanh -> 2 action nodes, instant edges, softmax draw; baseline: mean return-to-go per step");
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
