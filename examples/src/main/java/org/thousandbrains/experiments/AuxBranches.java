package org.thousandbrains.experiments;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.cli.ModelRun;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.build.Init;
import org.thousandbrains.graph.build.LayeredNetwork;
import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.topology.Activation;
import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.selfsup.AuxiliaryHeads;
import org.thousandbrains.train.Batch;
import org.thousandbrains.train.History;
import org.thousandbrains.train.TrainListener;
import org.thousandbrains.train.Trainer;

/**
 * Auxiliary branches (DESIGN.md "Auxiliary branches"): a deep narrow ReLU network on the embedded digits
 * ({@value #LAYERS} hidden layers of {@value #WIDTH}, PyTorch's default linear initialisation, under which the
 * signal and the gradient shrink layer by layer) trained with 0, 1 or 3 auxiliary classification heads of loss
 * weight {@value #HEAD_WEIGHT} (one on h2; three on h2, h3, h4), removed for testing. Measured: the test accuracy
 * of the main output (of the network with the heads removed, checked equal to the attached one's), and the norm
 * of the training gradient of the first layer's weights (input → h1) and of every other layer, averaged over each
 * epoch's steps.
 */
public final class AuxBranches implements Experiment {
    static final int LAYERS = 6;
    static final int WIDTH = 32;
    static final int QUICK_WIDTH = 8;
    static final int EPOCHS = 60;
    static final int BATCH = 64;
    static final double LR = 1e-3;
    static final double HEAD_WEIGHT = 0.3;

    /** The three head settings: the groups the heads read. */
    enum Variant {
        NONE("no-branches", "0 branches"),
        ONE("one-branch", "1 branch (h2)", "h2"),
        THREE("three-branches", "3 branches (h2, h3, h4)", "h2", "h3", "h4");

        final String slug;
        final String label;
        final String[] groups;

        Variant(String slug, String label, String... groups) {
            this.slug = slug;
            this.label = label;
            this.groups = groups;
        }
    }

    /**
     * One trained variant of one seed: accuracy, per-epoch test accuracy, per-epoch per-layer norms of the training
     * gradient (mean over the epoch's steps) and of the main loss's gradient alone (on a fixed batch after each epoch).
     */
    record Run(long seed, double accuracy, boolean strippedEqual, double[] curve, double[][] gradNorms, double[][] mainGradNorms)
            implements Serializable {
        double[] layer(int l) {
            return Arrays.stream(gradNorms).mapToDouble(r -> r[l]).toArray();
        }

        double[] mainLayer(int l) {
            return Arrays.stream(mainGradNorms).mapToDouble(r -> r[l]).toArray();
        }
    }

    @Override
    public String name() {
        return "aux-branches";
    }

    @Override
    public String question() {
        return "Do auxiliary readout branches (removed at inference) make more gradient reach the first layers of a "
                + "deep network, and raise its test accuracy?";
    }

    /** The deep digits network: inputs, {@value #LAYERS} ReLU layers of {@code width}, outputs; one step per forward. */
    static Network network(int width, int classes, long seed) {
        LayeredNetwork.Builder b = LayeredNetwork.builder().inputs(64);
        for (int l = 0; l < LAYERS; l++) b.dense(width, Activation.RELU);
        return b.outputs(classes).delay(0.0).init(Init.TORCH_LINEAR).seed(seed).build();
    }

    /** Layer names in order: h1..hL, output. */
    static List<String> layers() {
        List<String> names = new ArrayList<>();
        for (int l = 1; l <= LAYERS; l++) names.add("h" + l);
        names.add("output");
        return names;
    }

    @Override
    public void run(ExperimentContext ctx) throws Exception {
        Split split = ModelRun.load("digits");
        int width = ctx.quick() ? QUICK_WIDTH : WIDTH;
        int epochs = ctx.epochs(ctx.quick() ? 2 : EPOCHS);
        ctx.plan(ctx.seeds().size() * Variant.values().length);
        Map<Variant, List<Run>> runs = ctx.eachSeed(List.of(Variant.values()), v -> v.label,
                (v, seed) -> train(v, width, epochs, split, seed, ctx.threads()));
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", "digits");
        config.put("train_samples", split.train().size());
        config.put("test_samples", split.test().size());
        config.put("hidden_layers", LAYERS);
        config.put("width", width);
        config.put("epochs", epochs);
        config.put("batch", BATCH);
        config.put("lr", LR);
        config.put("head_weight", HEAD_WEIGHT);
        config.put("optimizer", "adam");
        results.put("config", config);
        List<Object> variants = new ArrayList<>();
        for (Variant v : Variant.values()) {
            List<Run> rs = runs.get(v);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variant", v.slug);
            m.put("head_groups", List.of(v.groups));
            m.put("test_accuracy", Stats.over(rs, Run::accuracy).toJson());
            m.put("stripped_equals_attached", rs.stream().allMatch(Run::strippedEqual));
            m.put("test_accuracy_per_epoch", mean(rs.stream().map(Run::curve).toList()));
            m.put("first_layer_grad_norm_per_epoch", mean(rs.stream().map(r -> r.layer(0)).toList()));
            m.put("first_layer_main_loss_grad_norm_per_epoch", mean(rs.stream().map(r -> r.mainLayer(0)).toList()));
            Map<String, Object> perLayer = new LinkedHashMap<>();
            List<String> names = layers();
            for (int l = 0; l < names.size(); l++) {
                int layer = l;
                perLayer.put(names.get(l), Map.of("epoch_1", Stats.over(rs, r -> r.gradNorms[0][layer]).toJson(),
                        "last_epoch", Stats.over(rs, r -> r.gradNorms[r.gradNorms.length - 1][layer]).toJson()));
            }
            m.put("grad_norm_per_layer", perLayer);
            variants.add(m);
        }
        results.put("variants", variants);
        ctx.writeResults(results);
        ctx.appendMarkdown(table(runs, epochs));
        plots(ctx, runs);
    }

    private static Run train(Variant v, int width, int epochs, Split split, long seed, int threads) {
        Network net = network(width, split.train().numClasses(), seed);
        AuxiliaryHeads.Builder hb = AuxiliaryHeads.on(net).seed(seed + 1000);
        for (String g : v.groups) hb.head("aux-" + g, g, 1, HEAD_WEIGHT);
        AuxiliaryHeads heads = hb.build();
        GraphClassifier model = GraphClassifier.of(net).threads(threads);
        GradientNorms norms = new GradientNorms(model, layers(), split.train());
        History h = SupervisedRuns.fit(model, heads.objective(model), split.train(), split.test(), epochs, BATCH, LR, seed, norms);
        GraphClassifier inference = GraphClassifier.of(heads.strip(model.network())).threads(threads);
        double attached = SupervisedRuns.accuracy(model, split.test());
        double stripped = SupervisedRuns.accuracy(inference, split.test());
        boolean equal = Arrays.equals(model.logits(SupervisedRuns.features(split.test())).data().asFloat(),
                inference.logits(SupervisedRuns.features(split.test())).data().asFloat());
        return new Run(seed, stripped, equal && attached == stripped, h.series("test_accuracy"), norms.perEpoch(), norms.mainPerEpoch());
    }

    /**
     * The L2 norm of each layer's weight gradient (edges into the layer): of the training loss before every step,
     * averaged per epoch, and of the main loss alone on the first {@value #PROBE_BATCH} training samples after
     * each epoch (gradients zeroed before and after, so training is unaffected).
     */
    static final class GradientNorms implements TrainListener {
        static final int PROBE_BATCH = 256;
        private final GraphClassifier model;
        private final org.nd4j.linalg.api.ndarray.INDArray probeX;
        private final int[] probeLabels;
        private final int[] layerOfEdge;
        private final int layers;
        private final List<double[]> epochs = new ArrayList<>();
        private final List<double[]> mainEpochs = new ArrayList<>();
        private double[] sum;
        private int steps;

        GradientNorms(GraphClassifier model, List<String> layerNames, org.thousandbrains.data.Dataset train) {
            this.model = model;
            int[] first = java.util.stream.IntStream.range(0, Math.min(PROBE_BATCH, train.size())).toArray();
            org.thousandbrains.data.Dataset probe = train.subset(first, train.name() + "-gradient-probe");
            this.probeX = SupervisedRuns.features(probe);
            this.probeLabels = probe.labels();
            CompiledGraph g = model.graph();
            this.layers = layerNames.size();
            this.layerOfEdge = new int[g.edgeCount()];
            List<String> groups = Arrays.asList(g.groupNames());
            for (int e = 0; e < layerOfEdge.length; e++) {
                int q = g.groups()[g.dst()[e]];
                layerOfEdge[e] = q < 0 ? -1 : layerNames.indexOf(groups.get(q));
            }
        }

        @Override
        public void onEpochStart(Trainer trainer, int epoch, int batches) {
            sum = new double[layers];
            steps = 0;
        }

        @Override
        public void beforeStep(Trainer trainer, Batch batch) {
            double[] n = norms();
            for (int l = 0; l < layers; l++) sum[l] += n[l];
            steps++;
        }

        @Override
        public void onEpochEnd(Trainer trainer, org.thousandbrains.train.EpochResult result) {
            double[] m = new double[layers];
            for (int l = 0; l < layers; l++) m[l] = sum[l] / steps;
            epochs.add(m);
            model.parameters().zeroGrad();
            org.thousandbrains.autodiff.Tape tape = new org.thousandbrains.autodiff.Tape();
            tape.backward(model.classify(tape, probeX, probeLabels).loss());
            mainEpochs.add(norms());
            model.parameters().zeroGrad();
        }

        private double[] norms() {
            float[] grad = model.graphParameters().weight().grad().data().asFloat();
            double[] sq = new double[layers];
            for (int e = 0; e < grad.length; e++) if (layerOfEdge[e] >= 0) sq[layerOfEdge[e]] += (double) grad[e] * grad[e];
            for (int l = 0; l < layers; l++) sq[l] = Math.sqrt(sq[l]);
            return sq;
        }

        double[][] perEpoch() {
            return epochs.toArray(double[][]::new);
        }

        double[][] mainPerEpoch() {
            return mainEpochs.toArray(double[][]::new);
        }
    }


    private static double[] mean(List<double[]> curves) {
        double[] m = new double[curves.get(0).length];
        for (double[] c : curves) for (int i = 0; i < m.length; i++) m[i] += c[i] / curves.size();
        return m;
    }

    private static String table(Map<Variant, List<Run>> runs, int epochs) {
        MarkdownTable t = new MarkdownTable("variant", "test accuracy", "‖∇W(input→h1)‖ epoch 1", "‖∇W(input→h1)‖ epoch " + epochs,
                "‖∇W(h6→output)‖ epoch 1", "main loss only: ‖∇W(input→h1)‖ after epoch 1", "after epoch " + epochs,
                "heads removed = attached");
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            List<Run> rs = e.getValue();
            t.row(e.getKey().label, Stats.over(rs, Run::accuracy).format(4),
                    sci(Stats.over(rs, r -> r.gradNorms[0][0])), sci(Stats.over(rs, r -> r.gradNorms[r.gradNorms.length - 1][0])),
                    sci(Stats.over(rs, r -> r.gradNorms[0][LAYERS])), sci(Stats.over(rs, r -> r.mainGradNorms[0][0])),
                    sci(Stats.over(rs, r -> r.mainGradNorms[r.mainGradNorms.length - 1][0])),
                    rs.stream().allMatch(Run::strippedEqual) ? "yes" : "NO");
        }
        return t.toString();
    }

    private static String sci(Stats s) {
        return String.format(Locale.ROOT, "%.3g ± %.2g", s.mean(), s.std());
    }

    private static void plots(ExperimentContext ctx, Map<Variant, List<Run>> runs) throws java.io.IOException {
        LineChart acc = new LineChart("Test accuracy of the main output (mean over seeds)", "epoch", "test accuracy");
        LineChart grad = new LineChart("Gradient reaching the first layer (input → h1)", "epoch", "log10 mean ‖∇W‖ per step");
        LineChart main = new LineChart("Main loss's gradient at the first layer (fixed batch, after each epoch)", "epoch", "log10 ‖∇W‖");
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            List<Run> rs = e.getValue();
            acc.series(e.getKey().label, mean(rs.stream().map(Run::curve).toList()));
            double[] g = mean(rs.stream().map(r -> r.layer(0)).toList());
            grad.series(e.getKey().label, Arrays.stream(g).map(Math::log10).toArray());
            main.series(e.getKey().label, Arrays.stream(mean(rs.stream().map(r -> r.mainLayer(0)).toList())).map(Math::log10).toArray());
        }
        ctx.plot(acc, "test_accuracy.png");
        ctx.plot(grad, "first_layer_gradient.png");
        ctx.plot(main, "first_layer_main_loss_gradient.png");
        List<String> names = layers();
        LineChart layers = new LineChart("Weight-gradient norm per layer, epoch 1 (mean over seeds)",
                "layer (1: input→h1 .. " + names.size() + ": h" + LAYERS + "→output)", "log10 mean ‖∇W‖ per step");
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            double[] v = new double[names.size()];
            for (int l = 0; l < v.length; l++) {
                int layer = l;
                v[l] = Math.log10(Stats.over(e.getValue(), r -> r.gradNorms[0][layer]).mean());
            }
            layers.series(e.getKey().label, v);
        }
        ctx.plot(layers, "gradient_per_layer.png");
    }
}
