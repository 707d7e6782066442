package org.thousandbrains.experiments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

import org.thousandbrains.data.ChannelRecall;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Neuron;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.Histogram;

/**
 * Self-feedback as memory (the seed's question on Mamba and TransformerFAM): an edge's leaky trace
 * {@code s(t) = λ s(t−1) + r(t)} is a diagonal linear recurrence, one state per edge. On {@link ChannelRecall} — which
 * of C channels pulsed in the first steps, read out tens of steps later, under input noise — a graph whose only memory
 * is that trace (inputs → ReLU hidden through leaky edges with delay 1 → outputs, no recurrent edge) is trained with
 * no self-feedback (λ = 0), with λ fixed at {@value #LEAK0} or at {@value #LEAK_HIGH}, and with λ learnable from
 * {@value #LEAK0}. Three more variants put the feedback on the node instead: every hidden neuron gets a self-loop
 * (delay 1, learnable weight starting at {@value #SELF_WEIGHT}), a nonlinear recurrence
 * {@code x(t) = relu(w·s(t) + …)} through the loop's own trace of leak 0, fixed {@value #LEAK0} or learnable; their
 * input edges have leak 0.
 */
public final class FeedbackMemory implements Experiment {
    static final int CHANNELS = 4;
    static final int CUE_STEPS = 5;
    static final double NOISE = 0.05;
    /** Sequence lengths: the cue lies {@code L − 5} to {@code L − 1} steps before the last input step. */
    static final int[] LENGTHS = {20, 40};
    static final int HIDDEN = 16;
    static final double LEAK0 = 0.9;
    static final int EPOCHS = 30;
    static final int TRAIN = 2000;
    static final int TEST = 1000;
    static final int BATCH = 64;
    static final SequenceRun.Rates RATES = new SequenceRun.Rates(0.01, 0, 0.01);

    /** A fixed leak close to 1, to tell "learning λ" from "having λ near 1". */
    static final double LEAK_HIGH = 0.99;
    /** Initial weight of a hidden neuron's self-loop. */
    static final double SELF_WEIGHT = 0.9;

    /**
     * Where the self-feedback sits and its leak (start value when learnable): the input edges' traces, or a self-loop
     * on every hidden neuron (input edges then without leak).
     */
    enum LeakMode {
        NONE("no-feedback", "no self-feedback (λ = 0)", 0, false, false),
        FIXED("fixed-leak", "λ fixed at " + LEAK0, LEAK0, false, false),
        FIXED_HIGH("fixed-leak-high", "λ fixed at " + LEAK_HIGH, LEAK_HIGH, false, false),
        LEARNABLE("learnable-leak", "λ learnable (start " + LEAK0 + ")", LEAK0, true, false),
        SELF_LOOP("self-loop", "node self-loop, its λ = 0", 0, false, true),
        SELF_LOOP_FIXED("self-loop-fixed-leak", "node self-loop, its λ fixed at " + LEAK0, LEAK0, false, true),
        SELF_LOOP_LEARNABLE("self-loop-learnable-leak", "node self-loop, its λ learnable (start " + LEAK0 + ")", LEAK0, true, true);

        final String slug;
        final String label;
        final double leak;
        final boolean learnable;
        final boolean selfLoop;

        LeakMode(String slug, String label, double leak, boolean learnable, boolean selfLoop) {
            this.slug = slug;
            this.label = label;
            this.leak = leak;
            this.learnable = learnable;
            this.selfLoop = selfLoop;
        }
    }

    @Override
    public String name() {
        return "feedback-memory";
    }

    @Override
    public String question() {
        return "Does self-feedback (an edge's leaky trace, a diagonal linear recurrence like a state-space model's, or a node's "
                + "self-loop) give memory over tens of steps, and does learning its leak matter (vs no feedback, vs a fixed leak)?";
    }

    /**
     * {@link #CHANNELS} inputs → {@code hidden} ReLU neurons, each reading every channel through an edge with delay 1
     * (frozen) and the leak of {@code mode} (or, for a self-loop mode, leak 0 and a self-loop with that leak) → one
     * identity output per channel (delay 1, leak 0); the readout at {@code T = L + 2}, when the last input step has
     * reached the outputs.
     */
    static Network network(LeakMode mode, int steps, int hidden, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = new Network();
        net.settings().readout(steps + 2, 1).inputSteps(steps);
        Neuron[] in = TimingNetworks.inputs(net, CHANNELS);
        Neuron[] h = TimingNetworks.neurons(net, "h", hidden, Activation.RELU);
        Neuron[] out = TimingNetworks.outputs(net, CHANNELS);
        int bits = mode.learnable ? Learnable.WEIGHT | Learnable.LEAK : Learnable.WEIGHT;
        double gain = 1.0;
        for (Neuron v : h) {
            for (Neuron x : in) {
                net.connect(x, v, gain / Math.sqrt(CHANNELS) * (2 * rng.nextDouble() - 1), 1.0, mode.selfLoop ? 0 : mode.leak)
                        .learnable(mode.selfLoop ? Learnable.WEIGHT : bits);
            }
            if (mode.selfLoop) net.connect(v, v, SELF_WEIGHT, 1.0, mode.leak).learnable(bits);
        }
        for (Neuron o : out) for (Neuron v : h) TimingNetworks.edge(net, rng, v, o, hidden, 1.0, Learnable.WEIGHT, gain);
        return net;
    }

    /** A recall length and a leak mode: the runs of one seed. */
    private record Arm(int steps, LeakMode mode) {
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        boolean quick = ctx.quick();
        int epochs = ctx.epochs(quick ? 2 : EPOCHS);
        int train = quick ? 300 : TRAIN;
        int test = quick ? 200 : TEST;
        int[] lengths = quick ? new int[] {LENGTHS[0]} : LENGTHS;
        ctx.plan(lengths.length * LeakMode.values().length * ctx.seeds().size());
        Map<LeakMode, Integer> hidden = widths();
        List<Arm> arms = new ArrayList<>();
        for (int L : lengths) for (LeakMode m : LeakMode.values()) arms.add(new Arm(L, m));
        Map<Integer, LongFunction<Split>> data = new HashMap<>();
        for (int L : lengths) data.put(L, ctx.perSeed(seed -> new ChannelRecall(CHANNELS, L, CUE_STEPS, NOISE).split(train, test, seed)));
        Map<Arm, List<SequenceRun.Outcome>> byArm = ctx.eachSeed(arms, a -> "recall after " + a.steps() + " steps, " + a.mode().label,
                (a, seed) -> SequenceRun.train(network(a.mode(), a.steps(), hidden.get(a.mode()), seed), data.get(a.steps()).apply(seed),
                        RATES, epochs, BATCH, seed, ctx.threads()));
        Map<Integer, Map<LeakMode, List<SequenceRun.Outcome>>> all = new LinkedHashMap<>();
        byArm.forEach((a, r) -> all.computeIfAbsent(a.steps(), k -> new EnumMap<>(LeakMode.class)).put(a.mode(), r));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config", config(epochs, train, test, lengths));
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (Map.Entry<Integer, Map<LeakMode, List<SequenceRun.Outcome>>> e : all.entrySet()) {
            Map<String, Object> byMode = new LinkedHashMap<>();
            for (LeakMode m : LeakMode.values()) {
                Map<String, Object> s = SequenceRun.summary(e.getValue().get(m));
                s.put("description", m.label);
                s.put("hidden", hidden.get(m));
                if (m.learnable) s.put("final_leak", leakSummary(e.getValue().get(m)));
                byMode.put(m.slug.replace('-', '_'), s);
            }
            tasks.put("steps_" + e.getKey(), byMode);
        }
        results.put("recall", tasks);
        results.put("chance", 1.0 / CHANNELS);
        ctx.writeResults(results);
        ctx.appendMarkdown(table(all, hidden, epochs, ctx.seeds().size()));
        plots(ctx, all);
    }

    /**
     * Hidden widths per mode: {@value #HIDDEN} with learnable leaks; the variants whose leaks are frozen (not
     * parameters) widened to the same learnable-parameter count.
     */
    static Map<LeakMode, Integer> widths() {
        long target = ParameterCount.of(org.thousandbrains.graph.compile.GraphCompiler.compile(network(LeakMode.LEARNABLE, LENGTHS[0], HIDDEN, 0)));
        Map<LeakMode, Integer> h = new EnumMap<>(LeakMode.class);
        for (LeakMode m : LeakMode.values()) {
            h.put(m, m == LeakMode.LEARNABLE ? HIDDEN : ParameterCount.matchingWidth(w -> network(m, LENGTHS[0], w, 0), target));
        }
        return h;
    }

    private static Map<String, Object> config(int epochs, int train, int test, int[] lengths) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("task", "one of " + CHANNELS + " channels pulses (1) at a step in the first " + CUE_STEPS
                + "; Gaussian noise sd " + NOISE + " on every value; class = the channel; readout after the last step");
        c.put("sequence_steps", Arrays.stream(lengths).boxed().toList());
        c.put("graph", CHANNELS + " inputs -> hidden ReLU (leaky edges from every channel, delay 1 frozen) -> "
                + CHANNELS + " outputs (delay 1, leak 0); no recurrent edge except, in the self-loop variants, one self-loop per"
                + " hidden neuron (delay 1, weight from " + SELF_WEIGHT + ", the variant's leak; input edges then leak 0);"
                + " readout at T = L + 2; " + HIDDEN + " hidden with learnable input-edge leaks, the other variants widened to the"
                + " same learnable-parameter count");
        c.put("initial_leak", LEAK0);
        c.put("train", train);
        c.put("test", test);
        c.put("epochs", epochs);
        c.put("batch", BATCH);
        c.put("rates", RATES.toJson());
        return c;
    }

    /** The learnt leaks (of the input edges or the self-loops, pooled over seeds): mean, min, median, max. */
    private static Map<String, Object> leakSummary(List<SequenceRun.Outcome> runs) {
        double[] l = pooledLeaks(runs, false);
        double[] s = l.clone();
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("edges", l.length);
        m.put("mean", Stats.of(l).mean());
        m.put("min", s[0]);
        m.put("median", s[s.length / 2]);
        m.put("max", s[s.length - 1]);
        return m;
    }

    /** The leaks of the edges with a learnable leak, before ({@code initial}) or after training, pooled over the runs. */
    private static double[] pooledLeaks(List<SequenceRun.Outcome> runs, boolean initial) {
        List<Double> out = new ArrayList<>();
        for (SequenceRun.Outcome o : runs) {
            CompiledGraph g = o.model().graph();
            double[] l = initial ? o.leaks0() : o.model().leaks();
            for (int e = 0; e < g.edgeCount(); e++) if ((g.learnable()[e] & Learnable.LEAK) != 0) out.add(l[e]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String table(Map<Integer, Map<LeakMode, List<SequenceRun.Outcome>>> all, Map<LeakMode, Integer> hidden, int epochs,
                                int seeds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "## Recall which of %d channels pulsed (chance %.2f), noise sd %.2f, %d epochs, mean ± std over %d seed(s)%n%n",
                CHANNELS, 1.0 / CHANNELS, NOISE, epochs, seeds));
        MarkdownTable t = new MarkdownTable("sequence steps L (cue L−5..L−1 steps back)", "self-feedback", "hidden", "learnable params",
                "test accuracy", "per seed", "final λ (learnable): mean, min..max");
        for (Map.Entry<Integer, Map<LeakMode, List<SequenceRun.Outcome>>> e : all.entrySet()) {
            for (LeakMode m : LeakMode.values()) {
                List<SequenceRun.Outcome> rs = e.getValue().get(m);
                double[] acc = rs.stream().mapToDouble(SequenceRun.Outcome::accuracy).toArray();
                String leak = "-";
                if (m.learnable) {
                    double[] l = pooledLeaks(rs, false);
                    leak = String.format(Locale.ROOT, "%.3f, %.3f..%.3f", Stats.of(l).mean(), Arrays.stream(l).min().getAsDouble(),
                            Arrays.stream(l).max().getAsDouble());
                }
                t.row(e.getKey(), m.label, hidden.get(m), String.format(Locale.ROOT, "%,d", rs.get(0).params()), Stats.of(acc).format(4),
                        String.join(", ", Arrays.stream(acc).mapToObj(a -> String.format(Locale.ROOT, "%.3f", a)).toList()), leak);
            }
        }
        return sb.append(t).toString();
    }

    private static void plots(ExperimentContext ctx, Map<Integer, Map<LeakMode, List<SequenceRun.Outcome>>> all) throws IOException {
        String[] cats = all.keySet().stream().map(L -> "L = " + L).toArray(String[]::new);
        BarChart bars = new BarChart("Channel recall: test accuracy (mean ± std)", "test accuracy", cats).yRange(0, 1);
        for (LeakMode m : LeakMode.values()) {
            double[] mean = new double[cats.length];
            double[] std = new double[cats.length];
            int i = 0;
            for (Map<LeakMode, List<SequenceRun.Outcome>> runs : all.values()) {
                Stats s = Stats.of(runs.get(m).stream().mapToDouble(SequenceRun.Outcome::accuracy).toArray());
                mean[i] = s.mean();
                std[i++] = s.std();
            }
            bars.series(m.label, mean, std);
        }
        ctx.plot(bars, "recall_accuracy.png");
        Histogram h = new Histogram("Learnt leaks λ (start " + LEAK0 + "), all seeds");
        for (LeakMode m : new LeakMode[] {LeakMode.LEARNABLE, LeakMode.SELF_LOOP_LEARNABLE}) {
            for (Map.Entry<Integer, Map<LeakMode, List<SequenceRun.Outcome>>> e : all.entrySet()) {
                h.panel((m.selfLoop ? "self-loops" : "input edges") + ", L = " + e.getKey(), pooledLeaks(e.getValue().get(m), false), 30);
            }
        }
        ctx.plot(h, "leak_histogram.png");
    }
}
