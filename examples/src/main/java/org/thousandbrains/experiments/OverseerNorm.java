package org.thousandbrains.experiments;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.cli.RunConfig;
import org.thousandbrains.cli.RunReport;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.ops.Inputs;
import org.thousandbrains.ops.TemporalOperator;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.LineChart;

/**
 * Overseer normalization (DESIGN.md, "Seed mechanisms"): narrow ReLU networks on the embedded digits, 2, 4 and 6
 * hidden layers of {@value #WIDTH} (instant feed-forward edges, so one step is one full forward pass), run for
 * T = {@value #STEPS} steps and read out at the last. Per depth, five variants of the same initial weights:
 * no normalization; overseer normalization on every hidden layer (running μ, σ², ρ = 0.01) without overseer edges;
 * the same with the statistics frozen at their start (ρ = {@value #FROZEN_RHO}: a probe of whether the updating of
 * μ, σ² under a gradient that treats them as constants is what matters);
 * the same with each layer's overseer feeding every node of the next layer (delay 1, weight 0 at the start,
 * learnable), so that steps 2.. are conditioned on the previous step's mean activity of the layer below; and that
 * last variant with BatchNorm-style batch statistics in training (same mechanism, group setting
 * {@code stats=batch}; the statistics are constants for the backward pass in both modes). Besides accuracy and
 * learning curves it measures what the normalization does to the hidden activity on the test set (eval mode, at
 * T): the share of active units, the share of units never active on any test digit, and the mean activity.
 */
public final class OverseerNorm implements Experiment {
    /** Hidden layers of the compared networks: the question is how the effect grows with depth. */
    static final int[] DEPTHS = {2, 4, 6};
    static final int[] QUICK_DEPTHS = {2};
    static final int WIDTH = 32;
    static final int STEPS = 3;
    static final int EPOCHS = 40;
    static final int QUICK_WIDTH = 8;
    /** Adam at 3e-3: the 6-layer plain network reaches about 0.9 in 40 epochs (at 1e-3 it is still climbing). */
    static final double LR = 3e-3;
    /**
     * ρ of the frozen-statistics probe: μ, σ² stay at 0, 1 (to 1e-6 over a run), so the normalization is a fixed
     * affine map with learned gain and shift and the backward pass's "constants" are exact.
     */
    static final double FROZEN_RHO = 1e-9;

    /** The compared settings. */
    enum Variant {
        NONE("none", "no normalization"),
        NORM("overseer-norm", "overseer normalization, no overseer edges"),
        FROZEN("frozen-stats", "overseer normalization, statistics frozen (rho 1e-9), no overseer edges"),
        FEED("overseer-feed", "overseer normalization, overseer feeds next layer"),
        BATCH("batch-stats", "batch statistics (BatchNorm style), overseer feeds next layer");

        final String slug;
        final String label;

        Variant(String slug, String label) {
            this.slug = slug;
            this.label = label;
        }
    }

    /** Hidden activity of one trained model on the test set, per hidden layer (eval mode, state at T). */
    record Activity(double[] activeShare, double[] deadShare, double[] meanState) implements Serializable {
    }

    /** A depth and a variant: the runs of one seed. */
    private record Arm(int depth, Variant variant) {
    }

    /** One trained variant of one seed. */
    record Run(int depth, long seed, double accuracy, double[] curve, double[] trainLoss, Activity activity, double[] runningMean,
               double[] runningVariance, double secondsPerEpoch, long params, String run) implements Serializable {
    }

    @Override
    public String name() {
        return "overseer-norm";
    }

    @Override
    public String question() {
        return "Does overseer normalization (running statistics, the overseer's mean state fed to the next layer) help a "
                + "deep narrow network, compared with none and with BatchNorm-style batch statistics?";
    }

    /** The network of variant {@code v}: {@code depth} hidden ReLU layers of {@code width}, T = {@value #STEPS}. */
    static Network network(Variant v, int depth, int inputs, int width, int classes, long seed) {
        LayeredNetwork.Builder b = LayeredNetwork.builder().inputs(inputs);
        for (int l = 0; l < depth; l++) {
            b.dense(width, Activation.RELU);
            if (v == Variant.NONE) continue;
            b.overseer();
            if (v == Variant.FEED || v == Variant.BATCH) b.overseerFeedsNext();
            if (v == Variant.BATCH) b.batchStatistics();
        }
        Network net = b.outputs(classes).delay(0.0).init(Init.TORCH_LINEAR).seed(seed).build();
        net.settings().readout(STEPS, 1);
        if (v == Variant.FROZEN) {
            for (int l = 1; l <= depth; l++) net.groups().get("h" + l).rho(FROZEN_RHO);
        }
        return net;
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        Split split = ModelRun.load("digits");
        int width = ctx.quick() ? QUICK_WIDTH : WIDTH;
        int[] depths = ctx.quick() ? QUICK_DEPTHS : DEPTHS;
        int epochs = ctx.epochs(ctx.quick() ? 2 : EPOCHS);
        List<Arm> arms = new ArrayList<>();
        for (int depth : depths) for (Variant v : Variant.values()) arms.add(new Arm(depth, v));
        ctx.plan(arms.size() * ctx.seeds().size());
        Map<Arm, List<Run>> byArm = ctx.eachSeed(arms, a -> a.depth() + " layers, " + a.variant().label,
                (a, seed) -> train(ctx, split, a.variant(), a.depth(), width, epochs, seed));
        Map<Integer, Map<Variant, List<Run>>> runs = new LinkedHashMap<>();
        byArm.forEach((a, r) -> runs.computeIfAbsent(a.depth(), d -> new LinkedHashMap<>()).put(a.variant(), r));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config", config(depths, width, epochs, split));
        List<Object> variants = new ArrayList<>();
        for (int depth : depths) for (Variant v : Variant.values()) variants.add(variant(v, runs.get(depth).get(v)));
        results.put("variants", variants);
        Map<String, Object> diffs = new LinkedHashMap<>();
        for (int depth : depths) {
            for (Variant[] p : PAIRS) diffs.put(depth + "_layers_" + p[0].slug + "_minus_" + p[1].slug, Stats.paired(runs.get(depth).get(p[0]), runs.get(depth).get(p[1]), Run::accuracy).toJson());
        }
        results.put("paired_accuracy_differences", diffs);
        ctx.writeResults(results);
        StringBuilder md = new StringBuilder();
        for (int depth : depths) md.append(table(runs.get(depth), depth, width, epochs, ctx.seeds().size())).append('\n');
        ctx.appendMarkdown(md.toString());
        plots(ctx, runs, depths);
    }

    /** The paired comparisons reported, first minus second. */
    private static final Variant[][] PAIRS = {{Variant.NORM, Variant.NONE}, {Variant.FROZEN, Variant.NONE},
        {Variant.FEED, Variant.NONE}, {Variant.BATCH, Variant.NONE}, {Variant.FEED, Variant.NORM}};

    private static Run train(ExperimentContext ctx, Split split, Variant v, int depth, int width, int epochs, long seed)
            throws java.io.IOException {
        String name = v.slug + "-" + depth + "layers-seed" + seed;
        Path dir = ctx.runDir(name);
        Files.createDirectories(dir);
        Network net = network(v, depth, split.train().dim(), width, split.train().numClasses(), seed);
        GraphMLWriter.write(net, dir.resolve(v.slug + ".graphml"));
        RunConfig c = RunConfig.topology("digits", v.slug + ".graphml", epochs, RunConfig.DEFAULT_BATCH, LR, seed);
        ModelRun.Result r = ModelRun.train(c, net, split, dir, ctx.threads(), ctx.log());
        RunReport.write(r, dir);
        GraphClassifier m = r.model();
        return new Run(depth, seed, r.testAccuracy(), r.history().series("test_accuracy"), r.history().series("loss"),
                activity(m, split.test(), depth), m.runningMeans(), m.runningVariances(), r.secondsPerEpoch(),
                ParameterCount.of(m.graph()), name);
    }

    /**
     * Eval-mode hidden activity on {@code test} at the last step, per hidden layer: share of (unit, digit) pairs with
     * {@code x > 0}, share of units active on no test digit, and the mean state. The classifier's own eval pass
     * ({@link GraphClassifier#logits}) first puts its current parameters into the operator, which then runs the same
     * eval pass keeping the states.
     */
    static Activity activity(GraphClassifier m, Dataset test, int depth) {
        int B = test.size();
        m.logits(Nd4j.create(test.features(), new long[] {B, test.dim()}, DataType.FLOAT));
        TemporalOperator op = m.operator();
        int[] in = op.inputNodes();
        float[] nodeMajor = new float[in.length * B];
        for (int b = 0; b < B; b++) for (int i = 0; i < in.length; i++) nodeMajor[i * B + b] = test.feature(b, i);
        double[] x;
        try (ForwardPass p = op.infer(Inputs.constant(in, B, nodeMajor), m.steps(), B, null)) {
            x = p.state(m.steps());
        }
        CompiledGraph g = m.graph();
        double[] active = new double[depth];
        double[] dead = new double[depth];
        double[] mean = new double[depth];
        for (int l = 0; l < depth; l++) {
            String layer = "h" + (l + 1);
            int units = 0;
            for (int v = 0; v < g.nodeCount(); v++) {
                if (g.groups()[v] < 0 || !g.groupNames()[g.groups()[v]].equals(layer) || g.groupStructure().isOverseer(v)) continue;
                units++;
                boolean ever = false;
                for (int b = 0; b < B; b++) {
                    double s = x[v * B + b];
                    mean[l] += s;
                    if (s > 0) {
                        active[l]++;
                        ever = true;
                    }
                }
                if (!ever) dead[l]++;
            }
            active[l] /= (double) units * B;
            mean[l] /= (double) units * B;
            dead[l] /= units;
        }
        return new Activity(active, dead, mean);
    }

    private static Map<String, Object> config(int[] depths, int width, int epochs, Split split) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data", "digits (8x8, scaled to [0, 1]), the peer's stratified split");
        c.put("train", split.train().size());
        c.put("test", split.test().size());
        c.put("hidden_layers", depths);
        c.put("width", width);
        c.put("activation", "relu");
        c.put("feed_forward_delay", 0.0);
        c.put("steps", STEPS);
        c.put("readout", "output state at T");
        c.put("rho", org.thousandbrains.graph.topology.NodeGroup.DEFAULT_RHO);
        c.put("epsilon", org.thousandbrains.graph.topology.NodeGroup.DEFAULT_EPSILON);
        c.put("overseer_edges", "overseer of h_l -> every node of h_(l+1) (outputs after the last), delay 1, weight 0 at start");
        c.put("epochs", epochs);
        c.put("batch", RunConfig.DEFAULT_BATCH);
        c.put("lr", LR);
        c.put("optimizer", "adam");
        return c;
    }

    private static Map<String, Object> variant(Variant v, List<Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", v.slug);
        m.put("hidden_layers", runs.get(0).depth());
        m.put("description", v.label);
        m.put("learnable_parameters", runs.get(0).params());
        m.put("test_accuracy", Stats.over(runs, Run::accuracy).toJson());
        m.put("final_train_loss", Stats.over(runs, r -> r.trainLoss()[r.trainLoss().length - 1]).toJson());
        m.put("seconds_per_epoch", Stats.over(runs, Run::secondsPerEpoch).toJson());
        m.put("test_accuracy_per_epoch", meanCurve(runs, Run::curve));
        m.put("train_loss_per_epoch", meanCurve(runs, Run::trainLoss));
        m.put("active_share_per_layer", meanCurve(runs, r -> r.activity().activeShare()));
        m.put("dead_share_per_layer", meanCurve(runs, r -> r.activity().deadShare()));
        m.put("mean_state_per_layer", meanCurve(runs, r -> r.activity().meanState()));
        List<Object> seeds = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seed", r.seed());
            s.put("test_accuracy", r.accuracy());
            s.put("seconds_per_epoch", r.secondsPerEpoch());
            if (r.runningMean().length > 0) {
                s.put("running_mean_per_layer", r.runningMean());
                s.put("running_variance_per_layer", r.runningVariance());
            }
            s.put("run", r.run());
            seeds.add(s);
        }
        m.put("per_seed", seeds);
        return m;
    }



    private static double[] meanCurve(List<Run> runs, java.util.function.Function<Run, double[]> f) {
        double[] mean = new double[f.apply(runs.get(0)).length];
        for (Run r : runs) for (int i = 0; i < mean.length; i++) mean[i] += f.apply(r)[i] / runs.size();
        return mean;
    }

    private static String perLayer(double[] values, boolean percent) {
        StringBuilder sb = new StringBuilder();
        for (double x : values) {
            if (sb.length() > 0) sb.append(" / ");
            sb.append(percent ? String.format(Locale.ROOT, "%.0f%%", 100 * x) : String.format(Locale.ROOT, "%.2f", x));
        }
        return sb.toString();
    }

    private static String table(Map<Variant, List<Run>> runs, int depth, int width, int epochs, int seeds) {
        MarkdownTable t = new MarkdownTable("variant", "learnable params", "test accuracy", "final train loss", "s/epoch");
        MarkdownTable a = new MarkdownTable("variant", "active units per hidden layer", "never-active units",
                "mean state", "final running μ, σ² (seed " + runs.get(Variant.NONE).get(0).seed() + ")");
        for (Variant v : Variant.values()) {
            List<Run> rs = runs.get(v);
            t.row(v.label, String.format(Locale.ROOT, "%,d", rs.get(0).params()), Stats.over(rs, Run::accuracy).format(4),
                    Stats.over(rs, r -> r.trainLoss()[r.trainLoss().length - 1]).format(4), Stats.over(rs, Run::secondsPerEpoch).format(2));
            Run first = rs.get(0);
            StringBuilder running = new StringBuilder();
            for (int l = 0; l < first.runningMean().length; l++) {
                if (l > 0) running.append("; ");
                running.append(String.format(Locale.ROOT, "%.2f, %.2f", first.runningMean()[l], first.runningVariance()[l]));
            }
            a.row(v.label, perLayer(meanCurve(rs, r -> r.activity().activeShare()), true),
                    perLayer(meanCurve(rs, r -> r.activity().deadShare()), true),
                    perLayer(meanCurve(rs, r -> r.activity().meanState()), false), running.length() == 0 ? "-" : running);
        }
        MarkdownTable d = new MarkdownTable("paired by seed", "accuracy difference (mean ± std)", "per seed", "verdict");
        for (Variant[] p : PAIRS) {
            Stats s = Stats.paired(runs.get(p[0]), runs.get(p[1]), Run::accuracy);
            StringBuilder per = new StringBuilder();
            for (double x : s.values()) per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.4f", x));
            d.row(p[0].label + " − " + p[1].label, String.format(Locale.ROOT, "%+.4f ± %.4f", s.mean(), s.std()), per,
                    s.pairedVerdict());
        }
        return String.format(Locale.ROOT, "## Digits, %d hidden ReLU layers of %d, T = %d, %d epochs, Adam %.0e, mean ± std over %d seed(s)%n%n",
                depth, width, STEPS, epochs, LR, seeds) + t + "\n"
                + "Hidden activity on the test set (eval mode, state at T, mean over seeds), per hidden layer h1 / h2 / ...:\n\n"
                + a + "\n" + d + "\nVerdict: a difference counts as consistent only when every seed has the same sign and the "
                + "mean exceeds the spread over seeds.\n";
    }

    private static void plots(ExperimentContext ctx, Map<Integer, Map<Variant, List<Run>>> runs, int[] depths)
            throws java.io.IOException {
        int deepest = depths[depths.length - 1];
        Map<Variant, List<Run>> deep = runs.get(deepest);
        LineChart curves = new LineChart("Digits, " + deepest + " hidden ReLU layers: test accuracy per epoch (mean over seeds)",
                "epoch", "test accuracy");
        for (Variant v : Variant.values()) curves.series(v.label, meanCurve(deep.get(v), Run::curve));
        ctx.plot(curves, "learning_curves.png");
        LineChart loss = new LineChart(deepest + " hidden layers: training loss per epoch (mean over seeds)", "epoch", "train loss");
        for (Variant v : Variant.values()) loss.series(v.label, meanCurve(deep.get(v), Run::trainLoss));
        ctx.plot(loss, "train_loss.png");
        String[] depthNames = new String[depths.length];
        for (int i = 0; i < depths.length; i++) depthNames[i] = depths[i] + " layers";
        BarChart byDepth = new BarChart("Test accuracy by depth (mean ± std over seeds)", "test accuracy", depthNames);
        for (Variant v : Variant.values()) {
            double[] mean = new double[depths.length];
            double[] std = new double[depths.length];
            for (int i = 0; i < depths.length; i++) {
                Stats st = Stats.over(runs.get(depths[i]).get(v), Run::accuracy);
                mean[i] = st.mean();
                std[i] = st.std();
            }
            byDepth.series(v.label, mean, std);
        }
        ctx.plot(byDepth, "accuracy_by_depth.png");
        String[] layers = new String[deepest];
        for (int l = 0; l < deepest; l++) layers[l] = "h" + (l + 1);
        BarChart active = new BarChart(deepest + " layers: share of active hidden units on the test set (eval, at T)", "share active",
                layers);
        for (Variant v : Variant.values()) active.series(v.label, meanCurve(deep.get(v), r -> r.activity().activeShare()));
        ctx.plot(active, "active_share.png");
        BarChart dead = new BarChart(deepest + " layers: share of hidden units never active on a test digit", "share never active",
                layers);
        for (Variant v : Variant.values()) dead.series(v.label, meanCurve(deep.get(v), r -> r.activity().deadShare()));
        ctx.plot(dead, "dead_share.png");
    }
}
