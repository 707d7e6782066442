package org.thousandbrains.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Digits;
import org.thousandbrains.data.PulseTiming;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GraphCompiler;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.Histogram;

/**
 * Time as the core: do learnable fractional delays let a graph use timing? Two tasks, both fed as sequences
 * ({@code input_steps}) through the operator, each with the three {@link DelayMode}s on the same graph and weights:
 *
 * <ul>
 *   <li>the {@link PulseTiming} task — the class is the gap between a pulse on A and one on B — on a feedforward
 *       graph without leaks ({@link TimingNetworks#pulseTiming}), where delays are the only memory. With every delay
 *       at 1 each output step sees the inputs of one earlier step only, the two pulses never share a step, and the
 *       readout (mean over all steps) is a sum of one term per pulse that does not depend on the gap: chance.</li>
 *   <li>row-sequential images (8×8 digits one row per step, and a Fashion-MNIST subset 28 rows of 28) on a recurrent
 *       graph ({@link TimingNetworks#rowRecurrent}) read at the end; the fixed-delay variants are widened to the
 *       learnable variant's parameter count (a frozen delay is not a parameter).</li>
 * </ul>
 * Delays train with their own Adam rate ({@link SequenceRun.Rates}), far above the weights', as DCLS does.
 */
public final class Delays implements Experiment {
    /** Timing task: A then B, gap 2..9 in 4 bins of 2, in sequences of 20 steps. */
    static final PulseTiming TASK = new PulseTiming(20, 4, 2, 2);
    static final int TIMING_HIDDEN = 32;
    static final double TIMING_D_MAX = 12;
    static final int TIMING_EPOCHS = 30;
    static final int TIMING_TRAIN = 2000;
    static final int TIMING_TEST = 1000;
    /** The timing task is cheap: it runs on at least this many seeds (the given ones, then the next integers). */
    static final int TIMING_MIN_SEEDS = 10;
    static final SequenceRun.Rates TIMING_RATES = new SequenceRun.Rates(0.01, 0.3, 0);

    static final int ROW_HIDDEN = 64;
    static final int ROW_RECURRENT = 8;
    static final double ROW_D_MAX = 4;
    static final int ROW_EPOCHS = 20;
    static final SequenceRun.Rates ROW_RATES = new SequenceRun.Rates(0.01, 0.03, 0);
    static final int BATCH = 64;

    static final int FASHION_SIZE = 28;
    static final int FASHION_TRAIN = 20000;
    static final int FASHION_TEST = 10000;
    static final int FASHION_EPOCHS = 4;

    @Override
    public String name() {
        return "delays";
    }

    @Override
    public String question() {
        return "Do learnable fractional delays let a graph use timing (a task decided by the gap between two pulses; "
                + "row-sequential digits and Fashion-MNIST), vs delays fixed at 1 and fixed random delays?";
    }

    /** One task's runs per delay mode, with the hidden widths used. */
    record Comparison(Map<DelayMode, List<SequenceRun.Outcome>> runs, Map<DelayMode, Integer> hidden) {
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        boolean quick = ctx.quick();
        List<Long> timingSeeds = quick ? ctx.seeds() : atLeast(ctx.seeds(), TIMING_MIN_SEEDS);
        int timingEpochs = ctx.epochs(quick ? 2 : TIMING_EPOCHS);
        int rowEpochs = ctx.epochs(quick ? 1 : ROW_EPOCHS);
        int rowHidden = quick ? 8 : ROW_HIDDEN;
        int modes = DelayMode.values().length;
        ctx.plan(modes * (timingSeeds.size() + ctx.seeds().size() * (quick ? 1 : 2)));

        Comparison timing = timingTask(ctx, timingSeeds, timingEpochs, quick);
        Split digits = ModelRun.load("digits");
        Comparison rows = rowTask(ctx, "digits", digits, Digits.SIZE, rowHidden, rowEpochs, ctx.seeds());
        Comparison fashion = null;
        if (!quick) {
            Split f = fashionSubset();
            fashion = rowTask(ctx, "fashion-mnist", f, FASHION_SIZE, ROW_HIDDEN, ctx.epochs(FASHION_EPOCHS), ctx.seeds());
        }

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config", config(timingSeeds, timingEpochs, rowHidden, rowEpochs, quick));
        Map<String, Object> t = modesJson(timing);
        t.put("chance", 1.0 / TASK.classes());
        t.put("learned_delays", delayMoves(timing.runs().get(DelayMode.LEARNABLE)));
        results.put("timing_task", t);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("digits", modesJson(rows));
        if (fashion != null) r.put("fashion_mnist", modesJson(fashion));
        results.put("row_sequential", r);
        ctx.writeResults(results);
        ctx.appendMarkdown(tables(timing, rows, fashion, timingEpochs, rowEpochs));
        plots(ctx, timing, rows, fashion);
    }

    /** {@code seeds}, then the integers after the largest, until there are {@code n}. */
    static List<Long> atLeast(List<Long> seeds, int n) {
        List<Long> out = new ArrayList<>(seeds);
        long next = seeds.stream().mapToLong(Long::longValue).max().orElse(-1) + 1;
        while (out.size() < n) out.add(next++);
        return out;
    }

    private static Comparison timingTask(ExperimentContext ctx, List<Long> seeds, int epochs, boolean quick) throws Exception {
        int train = quick ? 300 : TIMING_TRAIN;
        int test = quick ? 200 : TIMING_TEST;
        Map<DelayMode, Integer> hidden = new EnumMap<>(DelayMode.class);
        for (DelayMode m : DelayMode.values()) hidden.put(m, TIMING_HIDDEN);
        LongFunction<Split> data = ctx.perSeed(seed -> TASK.split(train, test, seed));
        Map<DelayMode, List<SequenceRun.Outcome>> runs = ctx.eachSeed(seeds, List.of(DelayMode.values()), m -> "timing task, " + m.label,
                (m, seed) -> SequenceRun.train(TimingNetworks.pulseTiming(m, TASK.steps(), TIMING_HIDDEN, TASK.classes(), TIMING_D_MAX, seed),
                        data.apply(seed), TIMING_RATES, epochs, BATCH, seed, ctx.threads()));
        return new Comparison(new EnumMap<>(runs), hidden);
    }

    private static Comparison rowTask(ExperimentContext ctx, String name, Split data, int size, int hiddenLearnable, int epochs,
                                      List<Long> seeds) throws Exception {
        Map<DelayMode, Integer> hidden = new EnumMap<>(DelayMode.class);
        long target = ParameterCount.of(GraphCompiler.compile(rowNetwork(DelayMode.LEARNABLE, size, hiddenLearnable, data, 0)));
        for (DelayMode m : DelayMode.values()) {
            hidden.put(m, m == DelayMode.LEARNABLE ? hiddenLearnable : ParameterCount.matchingWidth(h -> rowNetwork(m, size, h, data, 0), target));
        }
        Map<DelayMode, List<SequenceRun.Outcome>> runs = ctx.eachSeed(seeds, List.of(DelayMode.values()),
                m -> name + " row by row, " + m.label + ", " + hidden.get(m) + " hidden",
                (m, seed) -> SequenceRun.train(rowNetwork(m, size, hidden.get(m), data, seed), data, ROW_RATES, epochs, BATCH, seed,
                        ctx.threads()));
        return new Comparison(new EnumMap<>(runs), hidden);
    }

    private static Network rowNetwork(DelayMode m, int size, int hidden, Split data, long seed) {
        return TimingNetworks.rowRecurrent(m, size, size, hidden, Math.min(ROW_RECURRENT, hidden - 1), data.train().numClasses(),
                ROW_D_MAX, seed);
    }

    /** The first {@value #FASHION_TRAIN} training and {@value #FASHION_TEST} test images of Fashion-MNIST. */
    private static Split fashionSubset() {
        Split f = ModelRun.load("fashion-mnist");
        return new Split(first(f.train(), FASHION_TRAIN), first(f.test(), FASHION_TEST));
    }

    private static Dataset first(Dataset d, int n) {
        int[] idx = new int[Math.min(n, d.size())];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return d.subset(idx, d.name() + "[0:" + idx.length + "]");
    }

    private static Map<String, Object> config(List<Long> timingSeeds, int timingEpochs, int rowHidden, int rowEpochs, boolean quick) {
        Map<String, Object> c = new LinkedHashMap<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("task", "A pulses at t1, B at t1 + gap; class = bin of the gap (" + TASK.minGap() + ".." + TASK.maxGap() + " in "
                + TASK.classes() + " bins of " + TASK.binWidth() + "); t1 uniform, independent of the class");
        t.put("sequence_steps", TASK.steps());
        t.put("graph", "2 inputs -> " + TIMING_HIDDEN + " ReLU (each reads A and B) -> " + TASK.classes()
                + " outputs; feedforward, leaks 0 frozen; readout mean over all T steps");
        t.put("d_max", TIMING_D_MAX);
        t.put("train", quick ? 300 : TIMING_TRAIN);
        t.put("test", quick ? 200 : TIMING_TEST);
        t.put("seeds", timingSeeds);
        t.put("epochs", timingEpochs);
        t.put("rates", TIMING_RATES.toJson());
        c.put("timing_task", t);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("graph", "row pixels -> hidden ReLU with " + ROW_RECURRENT + " random recurrent in-edges each -> classes; readout at T = rows + "
                + (int) Math.ceil(ROW_D_MAX) + " + 1");
        r.put("learnable_hidden", rowHidden);
        r.put("d_max", ROW_D_MAX);
        r.put("digits_epochs", rowEpochs);
        if (!quick) {
            r.put("fashion_mnist", "first " + FASHION_TRAIN + " train / " + FASHION_TEST + " test images, " + FASHION_EPOCHS + " epochs");
        }
        r.put("rates", ROW_RATES.toJson());
        r.put("batch", BATCH);
        c.put("row_sequential", r);
        return c;
    }

    private static String key(DelayMode m) {
        return m.slug.replace('-', '_');
    }

    private static Map<String, Object> modesJson(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (DelayMode mode : DelayMode.values()) {
            Map<String, Object> s = SequenceRun.summary(c.runs().get(mode));
            s.put("hidden", c.hidden().get(mode));
            s.put("description", mode.label);
            m.put(key(mode), s);
        }
        return m;
    }

    /** How far the learnable delays moved: mean |Δd| and the share that moved more than 0.01 step, pooled over seeds. */
    private static Map<String, Object> delayMoves(List<SequenceRun.Outcome> runs) {
        double sum = 0;
        long moved = 0;
        long n = 0;
        for (SequenceRun.Outcome o : runs) {
            double[] d1 = o.model().delays();
            for (int e = 0; e < d1.length; e++) {
                if ((o.model().graph().learnable()[e] & org.thousandbrains.graph.topology.Learnable.DELAY) == 0) continue;
                double dd = Math.abs(d1[e] - o.delays0()[e]);
                sum += dd;
                if (dd > 0.01) moved++;
                n++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("learnable_delays", n);
        m.put("mean_abs_change_steps", n == 0 ? 0 : sum / n);
        m.put("moved_fraction", n == 0 ? 0 : (double) moved / n);
        return m;
    }

    private static String tables(Comparison timing, Comparison rows, Comparison fashion, int timingEpochs, int rowEpochs) {
        StringBuilder sb = new StringBuilder();
        int seeds = timing.runs().get(DelayMode.LEARNABLE).size();
        sb.append(String.format(Locale.ROOT, "## Timing task: class = gap between a pulse on A and one on B (%d classes, chance %.2f), "
                + "%d epochs, mean ± std over %d seeds%n%n", TASK.classes(), 1.0 / TASK.classes(), timingEpochs, seeds));
        sb.append(modeTable(timing, true)).append('\n');
        sb.append(String.format(Locale.ROOT, "## Row-sequential digits (8 rows of 8, T = %d), %d epochs, equal learnable parameters, "
                + "mean ± std over %d seeds%n%n", Digits.SIZE + (int) Math.ceil(ROW_D_MAX) + 1, rowEpochs, rows.runs().get(DelayMode.LEARNABLE).size()));
        sb.append(modeTable(rows, false)).append('\n');
        if (fashion != null) {
            sb.append(String.format(Locale.ROOT, "## Row-sequential Fashion-MNIST (first %d train / %d test images, 28 rows of 28, T = %d), "
                    + "%d epochs, equal learnable parameters%n%n", FASHION_TRAIN, FASHION_TEST, FASHION_SIZE + (int) Math.ceil(ROW_D_MAX) + 1,
                    fashion.runs().get(DelayMode.LEARNABLE).get(0).curve().length));
            sb.append(modeTable(fashion, false)).append('\n');
        }
        return sb.toString();
    }

    private static String modeTable(Comparison c, boolean perSeed) {
        MarkdownTable t = perSeed ? new MarkdownTable("delays", "hidden", "learnable params", "test accuracy", "min over seeds", "per seed", "s/epoch")
                : new MarkdownTable("delays", "hidden", "learnable params", "test accuracy", "per seed", "s/epoch");
        for (DelayMode m : DelayMode.values()) {
            List<SequenceRun.Outcome> rs = c.runs().get(m);
            double[] acc = rs.stream().mapToDouble(SequenceRun.Outcome::accuracy).toArray();
            String per = String.join(", ", Arrays.stream(acc).mapToObj(a -> String.format(Locale.ROOT, "%.3f", a)).toList());
            String s = String.format(Locale.ROOT, "%.2f", Stats.of(rs.stream().mapToDouble(SequenceRun.Outcome::secondsPerEpoch).toArray()).mean());
            String params = String.format(Locale.ROOT, "%,d", rs.get(0).params());
            if (perSeed) {
                t.row(m.label, c.hidden().get(m), params, Stats.of(acc).format(4),
                        String.format(Locale.ROOT, "%.4f", Arrays.stream(acc).min().getAsDouble()), per, s);
            } else {
                t.row(m.label, c.hidden().get(m), params, Stats.of(acc).format(4), per, s);
            }
        }
        return t.toString();
    }

    private static void plots(ExperimentContext ctx, Comparison timing, Comparison rows, Comparison fashion) throws java.io.IOException {
        List<String> tasks = new ArrayList<>(List.of("timing task", "digits rows"));
        if (fashion != null) tasks.add("fashion rows");
        BarChart bars = new BarChart("Test accuracy by delay mode (mean ± std)", "test accuracy", tasks.toArray(new String[0]))
                .yRange(0, 1);
        for (DelayMode m : DelayMode.values()) {
            List<Comparison> cs = new ArrayList<>(List.of(timing, rows));
            if (fashion != null) cs.add(fashion);
            double[] mean = new double[cs.size()];
            double[] std = new double[cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                Stats s = Stats.of(cs.get(i).runs().get(m).stream().mapToDouble(SequenceRun.Outcome::accuracy).toArray());
                mean[i] = s.mean();
                std[i] = s.std();
            }
            bars.series(m.label, mean, std);
        }
        ctx.plot(bars, "accuracy_by_delay_mode.png");

        SequenceRun.Outcome t0 = timing.runs().get(DelayMode.LEARNABLE).get(0);
        Histogram gaps = new Histogram("Timing task, seed " + t0.seed() + ": d(A→h) − d(B→h) per hidden neuron");
        gaps.panel("before training", delayGaps(t0.model().graph(), t0.delays0()), 24);
        gaps.panel("after training", delayGaps(t0.model().graph(), t0.model().delays()), 24);
        ctx.plot(gaps, "timing_delay_gap_histogram.png");
        Histogram td = new Histogram("Timing task, seed " + t0.seed() + ": learnable delays (input → hidden)");
        td.panel("before training", learnableDelays(t0.model().graph(), t0.delays0()), 24);
        td.panel("after training", learnableDelays(t0.model().graph(), t0.model().delays()), 24);
        ctx.plot(td, "timing_delay_histogram.png");
        SequenceRun.Outcome r0 = rows.runs().get(DelayMode.LEARNABLE).get(0);
        Histogram rd = new Histogram("Digits row by row, seed " + r0.seed() + ": learnable delays (all edges)");
        rd.panel("before training", learnableDelays(r0.model().graph(), r0.delays0()), 24);
        rd.panel("after training", learnableDelays(r0.model().graph(), r0.model().delays()), 24);
        ctx.plot(rd, "digits_delay_histogram.png");
    }

    /** The delays of the edges whose delay is learnable (CSR order). */
    static double[] learnableDelays(CompiledGraph g, double[] delays) {
        List<Double> out = new ArrayList<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            if ((g.learnable()[e] & org.thousandbrains.graph.topology.Learnable.DELAY) != 0) out.add(delays[e]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Per hidden neuron of a {@link TimingNetworks#pulseTiming} graph, the delay of its edge from A ({@code in0}) minus
     * that from B ({@code in1}): B's pulse Δ steps after A's meets A's at the neuron when the difference is Δ.
     */
    static double[] delayGaps(CompiledGraph g, double[] delays) {
        int n = g.nodeCount();
        double[] fromA = new double[n];
        double[] fromB = new double[n];
        boolean[] reads = new boolean[n];
        for (int e = 0; e < g.edgeCount(); e++) {
            String src = g.nodeId(g.src()[e]);
            if (src.equals("in0")) fromA[g.dst()[e]] = delays[e];
            else if (src.equals("in1")) fromB[g.dst()[e]] = delays[e];
            else continue;
            reads[g.dst()[e]] = true;
        }
        List<Double> out = new ArrayList<>();
        for (int v = 0; v < n; v++) if (reads[v]) out.add(fromA[v] - fromB[v]);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
