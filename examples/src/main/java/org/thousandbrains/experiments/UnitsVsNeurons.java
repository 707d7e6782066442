package org.thousandbrains.experiments;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.api.Evaluation;
import org.thousandbrains.cli.ProcessMemory;
import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.cli.RunConfig;
import org.thousandbrains.cli.RunReport;
import org.thousandbrains.data.Split;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.LineChart;

/**
 * Thousand-brains units ({@link Architecture#UNITS}) against plain ReLU neurons ({@link Architecture#DENSE}) and
 * Numenta's sparse weights with k-WTA ({@link Architecture#SPARSE}) at equal learnable parameter count: the
 * units model fixes the count (two hidden layers of {@value #UNITS_WIDTH}: 32 units of 16), the other two get
 * the hidden width that matches it ({@link ParameterCount#matchingWidth}). Each model trains as {@code tb train}
 * does (Adam, batch 128, evaluation every epoch) on Fashion-MNIST; measured per seed: clean test accuracy,
 * accuracy with 10/20/30% of the pixels replaced by noise ({@link Evaluation#noise}, as {@code tb eval}), the
 * active fraction of hidden nodes (firing masks), seconds per epoch and the run's peak RSS. {@code --quick}: the
 * embedded digits, width 32, one epoch.
 */
public final class UnitsVsNeurons implements Experiment {
    static final int UNITS_WIDTH = 512;
    static final int QUICK_WIDTH = 32;
    static final int LAYERS = 2;
    /** Five epochs: the nine runs (3 models x 3 seeds) take about ten minutes on two cores. */
    static final int EPOCHS = 5;
    static final double[] NOISE = {0, 0.1, 0.2, 0.3};
    static final List<Architecture> MODELS = List.of(Architecture.UNITS, Architecture.DENSE, Architecture.SPARSE);

    /** One trained model of one seed. */
    record Run(long seed, double accuracy, double[] noise, double activeFraction, double secondsPerEpoch, double peakRssMb,
               boolean rssOfThisRun, long params, String run) implements Serializable {
    }

    @Override
    public String name() {
        return "units-vs-neurons";
    }

    @Override
    public String question() {
        return "At equal parameter count, do thousand-brains units differ from plain neurons and Numenta sparse k-WTA "
                + "(accuracy, noise robustness, activity) on Fashion-MNIST?";
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        String data = ctx.quick() ? "digits" : "fashion-mnist";
        Split split = ModelRun.load(data);
        int in = split.train().dim();
        int out = split.train().numClasses();
        int unitsWidth = ctx.quick() ? QUICK_WIDTH : UNITS_WIDTH;
        long target = ParameterCount.of(Architecture.UNITS, in, unitsWidth, LAYERS, out);
        Map<Architecture, Integer> width = new LinkedHashMap<>();
        for (Architecture a : MODELS) {
            width.put(a, a == Architecture.UNITS ? unitsWidth : ParameterCount.matchingWidth(a, in, LAYERS, out, target));
        }
        int epochs = ctx.epochs(ctx.quick() ? 1 : EPOCHS);
        ctx.plan(ctx.seeds().size() * MODELS.size());
        Map<Architecture, List<Run>> runs = ctx.eachSeed(MODELS, a -> a.label() + " " + Arrays.toString(hidden(width.get(a))), (a, seed) -> {
            System.gc();
            boolean alone = ctx.oneRunAtATime() && ProcessMemory.resetPeakRss();
            RunConfig c = RunConfig.builtIn(data, a, hidden(width.get(a)), epochs, RunConfig.DEFAULT_BATCH, RunConfig.DEFAULT_LR, seed);
            String name = a.label() + "-seed" + seed;
            Path dir = ctx.runDir(name);
            ModelRun.Result r = ModelRun.train(c, split, dir, ctx.threads(), ctx.log());
            Map<String, Object> report = RunReport.write(r, dir);
            double[] noise = Evaluation.noise(r.model(), split.test(), seed, NOISE).accuracies();
            return new Run(seed, r.testAccuracy(), noise, (Double) report.get("active_fraction"), r.secondsPerEpoch(),
                    ProcessMemory.peakRssMb(), alone, ParameterCount.of(r.model().graph()), name);
        });
        Map<Architecture, Long> params = new LinkedHashMap<>();
        boolean perRunRss = true;
        for (Architecture a : MODELS) {
            params.put(a, runs.get(a).get(0).params());
            for (Run r : runs.get(a)) perRunRss &= r.rssOfThisRun();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config", config(data, split, width, epochs));
        results.put("peak_rss_per_run", perRunRss);
        List<Object> models = new ArrayList<>();
        for (Architecture a : MODELS) models.add(model(a, width.get(a), params.get(a), params.get(Architecture.UNITS), runs.get(a)));
        results.put("models", models);
        ctx.writeResults(results);
        ctx.appendMarkdown(table(width, params, runs, data, epochs, ctx.seeds().size(), perRunRss));
        plots(ctx, runs, data);
    }

    /** {@link #LAYERS} hidden layers of {@code width}. */
    private static int[] hidden(int width) {
        int[] h = new int[LAYERS];
        Arrays.fill(h, width);
        return h;
    }

    private static Map<String, Object> config(String data, Split split, Map<Architecture, Integer> width, int epochs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data", data);
        c.put("train", split.train().size());
        c.put("test", split.test().size());
        c.put("hidden_layers", LAYERS);
        Map<String, Object> w = new LinkedHashMap<>();
        width.forEach((a, h) -> w.put(a.label(), h));
        c.put("hidden_width", w);
        Map<String, Object> units = new LinkedHashMap<>();
        int count = width.get(Architecture.UNITS) / Architecture.UNIT_SIZE;
        units.put("units_per_layer", count);
        units.put("unit_size", Architecture.UNIT_SIZE);
        units.put("winning_units", Math.max(1, count / 4));
        units.put("rec", Architecture.UNIT_REC);
        units.put("lateral_leak_initial", Architecture.LATERAL_LEAK);
        units.put("steps", Architecture.UNITS.steps());
        c.put("units", units);
        Map<String, Object> sparse = new LinkedHashMap<>();
        sparse.put("weight_density", Architecture.WEIGHT_DENSITY);
        sparse.put("kwta_active_fraction", Architecture.ACTIVE_FRACTION);
        c.put("sparse", sparse);
        c.put("epochs", epochs);
        c.put("batch", RunConfig.DEFAULT_BATCH);
        c.put("lr", RunConfig.DEFAULT_LR);
        c.put("optimizer", "adam");
        c.put("noise_levels", NOISE.clone());
        c.put("noise_seed", "seed + " + Evaluation.NOISE_SEED_OFFSET);
        c.put("parameters", "learnable weights, delays and leaks of every edge (per its learnable flags) and the bias "
                + "of every non-input node; dense and sparse widths solved to match the units model");
        c.put("budget", EPOCHS + " epochs and units width " + UNITS_WIDTH + " so that 3 models x 3 seeds take about "
                + "10-15 minutes on 2 cores (Fashion-MNIST epoch: dense ~4 s, units ~11 s)");
        return c;
    }

    private static Map<String, Object> model(Architecture a, int width, long params, long unitsParams, List<Run> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", a.label());
        m.put("hidden", new int[] {width, width});
        m.put("learnable_parameters", params);
        m.put("parameters_vs_units", (double) params / unitsParams);
        m.put("test_accuracy", Stats.over(runs, Run::accuracy).toJson());
        List<Object> noise = new ArrayList<>();
        for (int i = 0; i < NOISE.length; i++) {
            int level = i;
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("level", NOISE[i]);
            n.putAll(Stats.over(runs, r -> r.noise()[level]).toJson());
            noise.add(n);
        }
        m.put("noise_accuracy", noise);
        m.put("active_fraction", Stats.over(runs, Run::activeFraction).toJson());
        m.put("seconds_per_epoch", Stats.over(runs, Run::secondsPerEpoch).toJson());
        m.put("peak_rss_mb", Stats.over(runs, Run::peakRssMb).toJson());
        List<Object> seeds = new ArrayList<>();
        for (Run r : runs) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seed", r.seed());
            s.put("test_accuracy", r.accuracy());
            s.put("noise_accuracy", r.noise().clone());
            s.put("active_fraction", r.activeFraction());
            s.put("seconds_per_epoch", r.secondsPerEpoch());
            s.put("peak_rss_mb", r.peakRssMb());
            s.put("run", r.run());
            seeds.add(s);
        }
        m.put("per_seed", seeds);
        return m;
    }


    private static String table(Map<Architecture, Integer> width, Map<Architecture, Long> params, Map<Architecture, List<Run>> runs,
                                String data, int epochs, int seeds, boolean perRunRss) {
        List<String> header = new ArrayList<>(List.of("model", "hidden", "learnable params", "test accuracy"));
        for (double l : NOISE) if (l > 0) header.add(String.format(Locale.ROOT, "noise %.1f", l));
        header.addAll(List.of("active fraction", "s/epoch", "peak RSS MB"));
        MarkdownTable t = new MarkdownTable(header.toArray(new String[0]));
        for (Architecture a : MODELS) {
            List<Run> rs = runs.get(a);
            List<Object> cells = new ArrayList<>(List.of(a.label(), width.get(a) + "," + width.get(a),
                    String.format(Locale.ROOT, "%,d", params.get(a)), Stats.over(rs, Run::accuracy).format(4)));
            for (int i = 1; i < NOISE.length; i++) {
                int level = i;
                cells.add(Stats.over(rs, r -> r.noise()[level]).format(4));
            }
            cells.add(Stats.over(rs, Run::activeFraction).format(3));
            cells.add(Stats.over(rs, Run::secondsPerEpoch).format(2));
            cells.add(String.format(Locale.ROOT, "%.0f", Stats.over(rs, Run::peakRssMb).mean()));
            t.row(cells.toArray());
        }
        return String.format(Locale.ROOT, "## %s, %d epochs, mean ± std over %d seed(s)%n%n", data, epochs, seeds) + t
                + "\nNoise: that fraction of each test image's pixels replaced by uniform values in [0, 1). Active fraction: "
                + "hidden nodes firing per sample and step (1,000 test images). Peak RSS: "
                + (perRunRss ? "each run's own (reset before each run)." : "the process's peak up to each run (could not be reset).")
                + "\n";
    }

    private static void plots(ExperimentContext ctx, Map<Architecture, List<Run>> runs, String data) throws IOException {
        LineChart noise = new LineChart("Accuracy under input noise, " + data + " (mean over seeds)", "fraction of pixels replaced",
                "test accuracy").yRange(0, 1);
        String[] names = MODELS.stream().map(Architecture::label).toArray(String[]::new);
        double[] active = new double[names.length];
        double[] spread = new double[names.length];
        for (int m = 0; m < names.length; m++) {
            List<Run> rs = runs.get(MODELS.get(m));
            double[] y = new double[NOISE.length];
            for (int i = 0; i < y.length; i++) {
                int level = i;
                y[i] = Stats.over(rs, r -> r.noise()[level]).mean();
            }
            noise.series(names[m], NOISE, y);
            Stats s = Stats.over(rs, Run::activeFraction);
            active[m] = s.mean();
            spread[m] = s.std();
        }
        ctx.plot(noise, "accuracy_vs_noise.png");
        ctx.plot(new BarChart("Active fraction of hidden nodes (mean ± std over seeds)", "fraction", names)
                .series("active fraction", active, spread), "active_fraction.png");
    }
}
