package org.thousandbrains.experiments;

import java.io.Serializable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.cli.RunConfig;
import org.thousandbrains.cli.RunReport;
import org.thousandbrains.data.Digits;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.plot.Histogram;
import org.thousandbrains.plot.LineChart;

/**
 * Horizontal leak (DESIGN.md): lateral edges between the units of a group (unit {@code i} → unit {@code i+1},
 * neuron to neuron, delay 1) whose leaky traces carry information across units over time. The task needs memory:
 * the 8×8 digits are shown one row per step ({@link RowSequence}, T = 8) and read out after the last row. Three
 * variants of one unit layer ({@value #UNITS} units of {@link Architecture#UNIT_SIZE}, rec {@link Architecture#UNIT_REC},
 * a quarter of the units win): lateral edges with learnable leak (start {@link Architecture#LATERAL_LEAK}), lateral
 * edges with that leak fixed (weight still learnable), no lateral edges. In all three a winning unit keeps its own
 * state from step to step (its inner recursion starts from it), so the question is what the lateral traces add.
 * Each variant is written as GraphML in its run folder and trained as {@code tb train --topology FILE} does.
 */
public final class HorizontalLeak implements Experiment {
    static final int UNITS = 16;
    static final int QUICK_UNITS = 4;
    /** Sixty epochs: test accuracy still rises at 40; the nine runs take one to two minutes on two cores. */
    static final int EPOCHS = 60;
    /** A leak counts as moved by training beyond this distance from its start. */
    static final double MOVED = 1e-3;
    /** The paired comparisons reported, first minus second. */
    private static final Variant[][] PAIRS = {
        {Variant.LEARNABLE, Variant.NONE}, {Variant.FIXED, Variant.NONE}, {Variant.LEARNABLE, Variant.FIXED}};

    /** The three lateral settings. */
    enum Variant {
        LEARNABLE("learnable-leak", "lateral, learnable leak"),
        FIXED("fixed-leak", "lateral, leak fixed at " + Architecture.LATERAL_LEAK),
        NONE("no-lateral", "no lateral edges");

        final String slug;
        final String label;

        Variant(String slug, String label) {
            this.slug = slug;
            this.label = label;
        }
    }

    /** One trained variant of one seed. */
    record Run(long seed, double accuracy, double[] curve, double[] leaks, double secondsPerEpoch, long params, String run) implements Serializable {
    }

    @Override
    public String name() {
        return "horizontal-leak";
    }

    @Override
    public String question() {
        return "Does a learnable leak on lateral edges between units help when digits arrive one row per step "
                + "(vs fixed leak, vs no lateral edges)?";
    }

    /** The row-by-row digits network of {@code v} with {@code units} units, initialised from {@code seed}. */
    static Network network(Variant v, int units, int classes, long seed) {
        LayeredNetwork.Builder b = LayeredNetwork.builder().inputs(Digits.SIZE)
                .units(units, Architecture.UNIT_SIZE, Math.max(1, units / 4), Architecture.UNIT_REC, Activation.RELU);
        if (v != Variant.NONE) b.lateral(Architecture.LATERAL_LEAK);
        Network net = b.outputs(classes).delay(0.0).init(Init.TORCH_LINEAR).seed(seed).build();
        if (v == Variant.FIXED) {
            for (Synapse s : net.synapses()) if (isLateral(net, s)) s.learnable(Learnable.WEIGHT);
        }
        return RowSequence.rowByRow(net, Digits.SIZE);
    }

    private static boolean isLateral(Network net, Synapse s) {
        String from = net.source(s).unit();
        String to = net.target(s).unit();
        return from != null && to != null && !from.equals(to);
    }

    /** The current leaks of the lateral edges (between two different units) of a compiled graph. */
    static double[] lateralLeaks(CompiledGraph g, double[] leaks) {
        int[] unit = g.units();
        List<Double> out = new ArrayList<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            int a = unit[g.src()[e]];
            int b = unit[g.dst()[e]];
            if (a >= 0 && b >= 0 && a != b) out.add(leaks[e]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        Split split = ModelRun.load("digits");
        int units = ctx.quick() ? QUICK_UNITS : UNITS;
        int epochs = ctx.epochs(ctx.quick() ? 2 : EPOCHS);
        ctx.plan(ctx.seeds().size() * Variant.values().length);
        Map<Variant, List<Run>> runs = ctx.eachSeed(List.of(Variant.values()), v -> v.label, (v, seed) -> {
            Path dir = ctx.runDir(v.slug + "-seed" + seed);
            Files.createDirectories(dir);
            Path graph = dir.resolve(v.slug + ".graphml");
            Network net = network(v, units, split.train().numClasses(), seed);
            GraphMLWriter.write(net, graph);
            RunConfig c = RunConfig.topology("digits", graph.toString(), epochs, RunConfig.DEFAULT_BATCH, RunConfig.DEFAULT_LR, seed);
            ModelRun.Result r = ModelRun.train(c, split, dir, ctx.threads(), ctx.log());
            RunReport.write(r, dir);
            CompiledGraph g = r.model().graph();
            return new Run(seed, r.testAccuracy(), r.history().series("test_accuracy"), lateralLeaks(g, r.model().leaks()),
                    r.secondsPerEpoch(), ParameterCount.of(g), dir.getFileName().toString());
        });
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config", config(units, epochs, split));
        List<Object> variants = new ArrayList<>();
        for (Variant v : Variant.values()) variants.add(variant(v, runs.get(v)));
        results.put("variants", variants);
        Map<String, Object> diffs = new LinkedHashMap<>();
        for (Variant[] p : PAIRS) diffs.put(p[0].slug + "_minus_" + p[1].slug, Stats.paired(runs.get(p[0]), runs.get(p[1]), Run::accuracy).toJson());
        results.put("paired_accuracy_differences", diffs);
        ctx.writeResults(results);
        ctx.appendMarkdown(table(runs, units, epochs, ctx.seeds().size()));
        plots(ctx, runs);
    }

    private static Map<String, Object> config(int units, int epochs, Split split) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data", "digits, shown one row of 8 pixels per step (T = 8), readout at the last step");
        c.put("train", split.train().size());
        c.put("test", split.test().size());
        c.put("units", units);
        c.put("unit_size", Architecture.UNIT_SIZE);
        c.put("winning_units", Math.max(1, units / 4));
        c.put("rec", Architecture.UNIT_REC);
        c.put("lateral", "unit i -> unit i+1 (mod n), neuron j -> neuron j, delay 1, initial leak " + Architecture.LATERAL_LEAK);
        c.put("epochs", epochs);
        c.put("batch", RunConfig.DEFAULT_BATCH);
        c.put("lr", RunConfig.DEFAULT_LR);
        c.put("optimizer", "adam");
        return c;
    }

    private static Map<String, Object> variant(Variant v, List<Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variant", v.slug);
        m.put("description", v.label);
        m.put("learnable_parameters", runs.get(0).params());
        m.put("test_accuracy", Stats.over(runs, Run::accuracy).toJson());
        m.put("seconds_per_epoch", Stats.over(runs, Run::secondsPerEpoch).toJson());
        m.put("test_accuracy_per_epoch", meanCurve(runs));
        double[] leaks = pooledLeaks(runs);
        if (leaks.length > 0) m.put("final_lateral_leak", leakSummary(leaks));
        List<Object> seeds = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seed", r.seed());
            s.put("test_accuracy", r.accuracy());
            s.put("seconds_per_epoch", r.secondsPerEpoch());
            if (r.leaks().length > 0) s.put("final_lateral_leak", leakSummary(r.leaks()));
            s.put("run", r.run());
            seeds.add(s);
        }
        m.put("per_seed", seeds);
        return m;
    }

    private static Map<String, Object> leakSummary(double[] leaks) {
        double[] sorted = leaks.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        Stats s = Stats.of(leaks);
        m.put("edges", leaks.length);
        m.put("mean", s.mean());
        m.put("std", s.std());
        m.put("min", sorted[0]);
        m.put("median", sorted[sorted.length / 2]);
        m.put("max", sorted[sorted.length - 1]);
        m.put("moved_fraction", movedFraction(leaks));
        return m;
    }

    /** Fraction of the leaks that moved more than {@value #MOVED} from their initial {@link Architecture#LATERAL_LEAK}. */
    private static double movedFraction(double[] leaks) {
        return (double) Arrays.stream(leaks).filter(l -> Math.abs(l - Architecture.LATERAL_LEAK) > MOVED).count() / leaks.length;
    }



    private static double[] meanCurve(List<Run> runs) {
        double[] mean = new double[runs.get(0).curve().length];
        for (Run r : runs) for (int i = 0; i < mean.length; i++) mean[i] += r.curve()[i] / runs.size();
        return mean;
    }

    private static double[] pooledLeaks(List<Run> runs) {
        return runs.stream().flatMapToDouble(r -> Arrays.stream(r.leaks())).toArray();
    }

    private static String table(Map<Variant, List<Run>> runs, int units, int epochs, int seeds) {
        MarkdownTable t = new MarkdownTable("variant", "learnable params", "test accuracy",
                "final lateral leak: mean ± std (min..max), share moved > " + MOVED, "s/epoch");
        for (Variant v : Variant.values()) {
            List<Run> rs = runs.get(v);
            double[] leaks = pooledLeaks(rs);
            String leak = "-";
            if (leaks.length > 0) {
                Stats s = Stats.of(leaks);
                leak = String.format(Locale.ROOT, "%s (%.3f..%.3f), %.0f%%", s.format(3), Arrays.stream(leaks).min().getAsDouble(),
                        Arrays.stream(leaks).max().getAsDouble(), 100 * movedFraction(leaks));
            }
            t.row(v.label, String.format(Locale.ROOT, "%,d", rs.get(0).params()), Stats.over(rs, Run::accuracy).format(4), leak,
                    Stats.over(rs, Run::secondsPerEpoch).format(2));
        }
        MarkdownTable d = new MarkdownTable("paired by seed", "accuracy difference (mean ± std)", "per seed", "verdict");
        for (Variant[] p : PAIRS) {
            Stats s = Stats.paired(runs.get(p[0]), runs.get(p[1]), Run::accuracy);
            StringBuilder per = new StringBuilder();
            for (double x : s.values()) per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.4f", x));
            d.row(p[0].label + " − " + p[1].label, String.format(Locale.ROOT, "%+.4f ± %.4f", s.mean(), s.std()), per, s.pairedVerdict());
        }
        return String.format(Locale.ROOT, "## Digits row by row (T = 8), %d units of %d, %d epochs, mean ± std over %d seed(s)%n%n",
                units, Architecture.UNIT_SIZE, epochs, seeds) + t + "\n" + d
                + "\nA winning unit keeps its own state across steps in every variant; the lateral edges add leaky traces "
                + "of the neighbouring unit. Verdict: a difference counts as consistent only when every seed has the same sign "
                + "and the mean exceeds the spread over seeds.\n";
    }

    private static void plots(ExperimentContext ctx, Map<Variant, List<Run>> runs) throws IOException {
        LineChart curves = new LineChart("Digits row by row: test accuracy per epoch (mean over seeds)", "epoch", "test accuracy");
        for (Variant v : Variant.values()) curves.series(v.label, meanCurve(runs.get(v)));
        ctx.plot(curves, "learning_curves.png");
        Histogram h = new Histogram("Final lateral leaks, learnable variant (initial " + Architecture.LATERAL_LEAK + ")");
        for (Run r : runs.get(Variant.LEARNABLE)) h.panel("seed " + r.seed(), r.leaks(), 30);
        ctx.plot(h, "leak_histogram.png");
    }
}
