package org.thousandbrains.experiments;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.SplittableRandom;

import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.data.Dataset;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.ops.ForwardPass;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.selfsup.EmaTeacher;
import org.thousandbrains.selfsup.InputMask;
import org.thousandbrains.selfsup.LinearProbe;
import org.thousandbrains.selfsup.MaskedPrediction;
import org.thousandbrains.train.EpochResult;
import org.thousandbrains.train.History;

/**
 * EMA teacher and masked prediction (DESIGN.md "EMA teacher", "Masked prediction"): a two-layer ReLU network on
 * the embedded digits is pretrained on every training image, labels unused, with half of each image's pixels
 * masked (set to 0), then a linear probe on its second hidden layer (its weights frozen, {@link LinearProbe}) is
 * trained with 10% of the training labels (stratified, per seed). Pretraining variants: reconstruction of the
 * masked pixels (readout heads), reconstruction plus the EMA teacher's h2 states as targets (data2vec style, τ
 * from 0.996 to 1 on BYOL's cosine), and the teacher term alone. Baselines on the same 10% of labels: the same
 * network trained from scratch (every parameter), and a probe on the untrained (random) network; and, beyond the
 * probe, the reconstruction-pretrained network fine-tuned whole on those labels. Every supervised phase runs at two
 * Adam rates, both reported (no selection on the test set).
 */
public final class TeacherMasked implements Experiment {
    static final int H1 = 64;
    static final int H2 = 32;
    static final int QUICK_WIDTH = 8;
    static final String PROBED = "h2";
    static final double MASK = 0.5;
    static final double LABEL_FRACTION = 0.1;
    static final double TAU0 = 0.996;
    static final int PRETRAIN_EPOCHS = 40;
    static final int SUPERVISED_EPOCHS = 150;
    static final int PRETRAIN_BATCH = 64;
    static final int SUPERVISED_BATCH = 16;
    static final double PRETRAIN_LR = 1e-3;
    /** Every arm's supervised phase runs at each of these Adam rates (a probe usually wants a larger one); both are reported, none picked. */
    static final double[] SUPERVISED_LRS = {3e-3, 1e-2};

    /** What the 10% of labels train: every parameter of a fresh network, a linear probe, or the whole pretrained network. */
    enum Supervised { SCRATCH, PROBE, FINE_TUNE }

    /** The compared arms: how the network is prepared, and what the 10% of labels then train. */
    enum Arm {
        SCRATCH("scratch", "scratch", "from scratch, 10% labels", Supervised.SCRATCH, 0, 0),
        RANDOM("random-probe", "random", "probe on the random network", Supervised.PROBE, 0, 0),
        RECONSTRUCTION("masked-recon", "recon", "masked reconstruction → probe", Supervised.PROBE, 1, 0),
        RECON_TEACHER("masked-recon-teacher", "recon+teacher", "masked reconstruction + EMA teacher → probe", Supervised.PROBE, 1, 1),
        TEACHER("masked-teacher", "teacher", "EMA teacher states only → probe", Supervised.PROBE, 0, 1),
        FINE_TUNE("masked-recon-finetune", "recon→tune", "masked reconstruction → fine-tune all", Supervised.FINE_TUNE, 1, 0);

        final String slug;
        final String tick;
        final String label;
        final Supervised supervised;
        final double reconstruction;
        final double teacher;

        Arm(String slug, String tick, String label, Supervised supervised, double reconstruction, double teacher) {
            this.slug = slug;
            this.tick = tick;
            this.label = label;
            this.supervised = supervised;
            this.reconstruction = reconstruction;
            this.teacher = teacher;
        }

        boolean pretrains() {
            return reconstruction > 0 || teacher > 0;
        }
    }

    /**
     * One arm of one seed: test accuracy and its per-epoch curve at each supervised rate, the pretraining loss per
     * epoch, and the h2 features the supervised phase starts from (on the test images): the fraction of h2 nodes
     * that are 0 on every test image, and their mean standard deviation over the test images.
     */
    record Run(long seed, double[] accuracy, double[][] curve, double[] pretrainLoss, long trainedParameters,
               double deadFraction, double featureStd) implements Serializable {
    }

    @Override
    public String name() {
        return "teacher-masked";
    }

    @Override
    public String question() {
        return "Does masked-prediction pretraining (with or without an EMA teacher) on unlabelled images give features "
                + "that a linear probe with 10% of the labels classifies better than training from scratch on them?";
    }

    /** Inputs, h1, h2 (ReLU), then {@code outputs} identity outputs fed by h2; one step per forward. */
    static Network network(int h1, int h2, int outputs, long seed) {
        return LayeredNetwork.builder().inputs(64).dense(h1, Activation.RELU).dense(h2, Activation.RELU).outputs(outputs)
                .delay(0.0).init(Init.TORCH_LINEAR).seed(seed).build();
    }

    /** {@code round(fraction·count)} samples of every class, drawn with {@code seed} (at least one per class). */
    static Dataset labelled(Dataset train, double fraction, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            int cls = c;
            int[] idx = java.util.stream.IntStream.range(0, train.size()).filter(i -> train.labels()[i] == cls).toArray();
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            int n = Math.max(1, (int) Math.round(fraction * idx.length));
            for (int i = 0; i < n; i++) keep.add(idx[i]);
        }
        int[] sel = keep.stream().mapToInt(Integer::intValue).sorted().toArray();
        return train.subset(sel, train.name() + "-labelled-" + fraction);
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        Split split = ModelRun.load("digits");
        int h1 = ctx.quick() ? QUICK_WIDTH : H1;
        int h2 = ctx.quick() ? QUICK_WIDTH : H2;
        int pre = ctx.quick() ? 1 : PRETRAIN_EPOCHS;
        int sup = ctx.epochs(ctx.quick() ? 2 : SUPERVISED_EPOCHS);
        ctx.plan(ctx.seeds().size() * Arm.values().length);
        LongFunction<Dataset> few = ctx.perSeed(seed -> labelled(split.train(), LABEL_FRACTION, seed));
        Map<Arm, List<Run>> runs = ctx.eachSeed(List.of(Arm.values()), a -> a.label,
                (a, seed) -> train(a, h1, h2, pre, sup, split, few.apply(seed), seed, ctx.threads()));
        int labelledSize = few.apply(ctx.seeds().get(ctx.seeds().size() - 1)).size();
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", "digits");
        config.put("pretrain_samples", split.train().size());
        config.put("labelled_samples", labelledSize);
        config.put("test_samples", split.test().size());
        config.put("hidden", List.of(h1, h2));
        config.put("probed_group", PROBED);
        config.put("mask_fraction", MASK);
        config.put("mask_value", (double) InputMask.MASK_VALUE);
        config.put("tau0", TAU0);
        config.put("pretrain_epochs", pre);
        config.put("pretrain_batch", PRETRAIN_BATCH);
        config.put("pretrain_lr", PRETRAIN_LR);
        config.put("supervised_epochs", sup);
        config.put("supervised_batch", SUPERVISED_BATCH);
        config.put("supervised_lrs", SUPERVISED_LRS.clone());
        config.put("optimizer", "adam");
        results.put("config", config);
        List<Object> arms = new ArrayList<>();
        for (Arm a : Arm.values()) {
            List<Run> rs = runs.get(a);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arm", a.slug);
            m.put("reconstruction_weight", a.reconstruction);
            m.put("teacher_weight", a.teacher);
            List<Object> perRate = new ArrayList<>();
            for (int k = 0; k < SUPERVISED_LRS.length; k++) {
                int rate = k;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("lr", SUPERVISED_LRS[k]);
                r.put("test_accuracy", accuracy(rs, k).toJson());
                r.put("test_accuracy_per_epoch", mean(rs.stream().map(x -> x.curve()[rate]).toList()));
                perRate.add(r);
            }
            m.put("supervised", perRate);
            m.put("trained_parameters_with_labels", rs.get(0).trainedParameters());
            m.put("h2_dead_fraction", Stats.of(rs.stream().mapToDouble(Run::deadFraction).toArray()).toJson());
            m.put("h2_mean_std", Stats.of(rs.stream().mapToDouble(Run::featureStd).toArray()).toJson());
            if (a.pretrains()) m.put("pretrain_loss_per_epoch", mean(rs.stream().map(Run::pretrainLoss).toList()));
            arms.add(m);
        }
        results.put("arms", arms);
        Map<String, Object> diffs = new LinkedHashMap<>();
        for (Arm a : Arm.values()) {
            if (a == Arm.SCRATCH) continue;
            for (int k = 0; k < SUPERVISED_LRS.length; k++) {
                double[] d = new double[ctx.seeds().size()];
                for (int i = 0; i < d.length; i++) d[i] = runs.get(a).get(i).accuracy()[k] - runs.get(Arm.SCRATCH).get(i).accuracy()[k];
                diffs.put(a.slug + "_minus_scratch_lr" + SUPERVISED_LRS[k], Stats.of(d).toJson());
            }
        }
        results.put("paired_accuracy_differences", diffs);
        ctx.writeResults(results);
        ctx.appendMarkdown(table(runs, diffs));
        plots(ctx, runs);
    }

    private static Run train(Arm a, int h1, int h2, int pre, int sup, Split split, Dataset few, long seed, int threads) {
        Dataset test = split.test();
        int rates = SUPERVISED_LRS.length;
        double[] acc = new double[rates];
        double[][] curves = new double[rates][];
        if (a.supervised == Supervised.SCRATCH) {
            long params = 0;
            double[] features = null;
            for (int k = 0; k < rates; k++) {
                GraphClassifier model = GraphClassifier.of(network(h1, h2, few.numClasses(), seed)).threads(threads);
                if (features == null) features = features(model, test);
                curves[k] = SupervisedRuns.fit(model, model, few, test, sup, SUPERVISED_BATCH, SUPERVISED_LRS[k], seed).series("test_accuracy");
                acc[k] = SupervisedRuns.accuracy(model, test);
                params = ParameterCount.of(model.graph());
            }
            return new Run(seed, acc, curves, null, params, features[0], features[1]);
        }
        GraphClassifier student = GraphClassifier.of(network(h1, h2, 64, seed)).threads(threads);
        double[] preLoss = null;
        if (a.pretrains()) {
            MaskedPrediction.Builder b = MaskedPrediction.builder(student, InputMask.nodes(MASK, seed + 7));
            if (a.reconstruction > 0) b.reconstruction(a.reconstruction);
            if (a.teacher > 0) {
                long steps = (long) pre * ((split.train().size() + PRETRAIN_BATCH - 1) / PRETRAIN_BATCH);
                b.teacherStates(EmaTeacher.of(student, TAU0, steps), PROBED, 1, a.teacher);
            }
            History h = SupervisedRuns.fit(student, b.build().objective(), split.train(), null, pre, PRETRAIN_BATCH, PRETRAIN_LR, seed);
            preLoss = h.epochs().stream().mapToDouble(EpochResult::loss).toArray();
        }
        double[] features = features(student, test);
        long trained = 0;
        for (int k = 0; k < rates; k++) {
            GraphClassifier model = a.supervised == Supervised.PROBE
                    ? LinearProbe.model(LinearProbe.network(student.network(), PROBED, few.numClasses(), seed + 11))
                    : GraphClassifier.of(LinearProbe.fineTuning(student.network(), PROBED, few.numClasses(), seed + 11));
            model.threads(threads);
            curves[k] = SupervisedRuns.fit(model, model, few, test, sup, SUPERVISED_BATCH, SUPERVISED_LRS[k], seed).series("test_accuracy");
            acc[k] = SupervisedRuns.accuracy(model, test);
            trained = a.supervised == Supervised.PROBE ? (long) h2 * few.numClasses() + few.numClasses() : ParameterCount.of(model.graph());
        }
        return new Run(seed, acc, curves, preLoss, trained, features[0], features[1]);
    }

    /** Of the h2 states on {@code data}: the fraction of h2 nodes that are 0 on every sample, and the nodes' mean standard deviation. */
    static double[] features(GraphClassifier model, Dataset data) {
        CompiledGraph g = model.graph();
        int q = Arrays.asList(g.groupNames()).indexOf(PROBED);
        int[] nodes = java.util.stream.IntStream.range(0, g.nodeCount()).filter(v -> g.groups()[v] == q).toArray();
        double[] x;
        try (ForwardPass p = model.pass(SupervisedRuns.features(data), false)) {
            x = p.state(g.steps());
        }
        int B = data.size();
        int dead = 0;
        double std = 0;
        for (int v : nodes) {
            double s = 0;
            double ss = 0;
            boolean active = false;
            for (int b = 0; b < B; b++) {
                double y = x[v * B + b];
                s += y;
                ss += y * y;
                if (y != 0) active = true;
            }
            if (!active) dead++;
            double m = s / B;
            std += Math.sqrt(Math.max(0, ss / B - m * m));
        }
        return new double[] {(double) dead / nodes.length, std / nodes.length};
    }

    private static double[] mean(List<double[]> curves) {
        double[] m = new double[curves.get(0).length];
        for (double[] c : curves) for (int i = 0; i < m.length; i++) m[i] += c[i] / curves.size();
        return m;
    }

    private static Stats accuracy(List<Run> rs, int rate) {
        return Stats.of(rs.stream().mapToDouble(r -> r.accuracy()[rate]).toArray());
    }

    private static String table(Map<Arm, List<Run>> runs, Map<String, Object> diffs) {
        List<String> head = new ArrayList<>(List.of("arm"));
        for (double lr : SUPERVISED_LRS) {
            head.add("test accuracy, lr " + lr);
            head.add("− scratch (paired), lr " + lr);
        }
        head.add("parameters trained with labels");
        head.add("final pretraining loss");
        head.add("h2 dead / mean std (start of supervised phase)");
        MarkdownTable t = new MarkdownTable(head.toArray(String[]::new));
        for (Map.Entry<Arm, List<Run>> e : runs.entrySet()) {
            Arm a = e.getKey();
            List<Run> rs = e.getValue();
            List<Object> row = new ArrayList<>(List.of(a.label));
            for (int k = 0; k < SUPERVISED_LRS.length; k++) {
                row.add(accuracy(rs, k).format(4));
                row.add(a == Arm.SCRATCH ? "—" : fmt((Map<?, ?>) diffs.get(a.slug + "_minus_scratch_lr" + SUPERVISED_LRS[k])));
            }
            row.add(rs.get(0).trainedParameters());
            row.add(a.pretrains() ? String.format(java.util.Locale.ROOT, "%.4f", rs.stream()
                    .mapToDouble(r -> r.pretrainLoss()[r.pretrainLoss().length - 1]).average().orElse(Double.NaN)) : "—");
            row.add(String.format(java.util.Locale.ROOT, "%.2f / %.3f", rs.stream().mapToDouble(Run::deadFraction).average().orElse(Double.NaN),
                    rs.stream().mapToDouble(Run::featureStd).average().orElse(Double.NaN)));
            t.row(row.toArray());
        }
        return t.toString();
    }

    private static String fmt(Map<?, ?> s) {
        return String.format(java.util.Locale.ROOT, "%+.4f ± %.4f", (Double) s.get("mean"), (Double) s.get("std"));
    }

    private static void plots(ExperimentContext ctx, Map<Arm, List<Run>> runs) throws java.io.IOException {
        LineChart pre = new LineChart("Masked-prediction pretraining loss (train, mean over seeds)", "epoch", "loss");
        for (Map.Entry<Arm, List<Run>> e : runs.entrySet()) {
            if (e.getKey().pretrains()) pre.series(e.getKey().label, mean(e.getValue().stream().map(Run::pretrainLoss).toList()));
        }
        ctx.plot(pre, "pretrain_loss.png");
        String[] slugs = runs.keySet().stream().map(a -> a.tick).toArray(String[]::new);
        BarChart bars = new BarChart("Final test accuracy, 10% of the labels (mean ± std over seeds)", "test accuracy", slugs).yRange(0, 1);
        for (int k = 0; k < SUPERVISED_LRS.length; k++) {
            int rate = k;
            LineChart acc = new LineChart("Test accuracy while training on 10% of the labels, lr " + SUPERVISED_LRS[k]
                    + " (mean over seeds)", "epoch", "test accuracy");
            double[] means = new double[slugs.length];
            double[] stds = new double[slugs.length];
            int i = 0;
            for (Map.Entry<Arm, List<Run>> e : runs.entrySet()) {
                acc.series(e.getKey().label, mean(e.getValue().stream().map(r -> r.curve()[rate]).toList()));
                Stats s = accuracy(e.getValue(), k);
                means[i] = s.mean();
                stds[i++] = s.std();
            }
            ctx.plot(acc.yRange(0, 1), "test_accuracy_lr" + SUPERVISED_LRS[k] + ".png");
            bars.series("lr " + SUPERVISED_LRS[k], means, stds);
        }
        ctx.plot(bars, "final_accuracy.png");
    }
}
