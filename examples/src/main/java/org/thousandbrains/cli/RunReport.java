package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.graph.compile.GroupStructure;
import org.thousandbrains.graph.topology.Learnable;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.plot.AtomicFile;
import org.thousandbrains.plot.CsvWriter;
import org.thousandbrains.plot.Histogram;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.plot.Raster;
import org.thousandbrains.train.EpochResult;

/**
 * The files {@code tb train} leaves in its output folder: {@code results.json}, {@code metrics.csv},
 * {@code learning_curves.png} (accuracy), {@code loss.png}, {@code firing_raster.png} (hidden nodes that
 * fire for a few test images, from the operator's firing masks) and {@code histograms.png} (weights,
 * delays and leaks of the trained graph, and their initial values where delays or leaks are learnable).
 * {@code results.json} also compares the parameters before and after training
 * ({@code parameter_change}: mean |Δ| of weights, delays, leaks and biases).
 */
public final class RunReport {
    static final String RESULTS = "results.json";
    static final String METRICS = "metrics.csv";
    static final int RASTER_SAMPLES = 12;
    static final int ACTIVITY_SAMPLES = 1000;

    private RunReport() {
    }

    /** Writes every file and returns the results object that went into {@code results.json}. */
    public static Map<String, Object> write(ModelRun.Result r, Path out) throws IOException {
        Files.createDirectories(out);
        List<EpochResult> epochs = r.history().epochs();
        CsvWriter csv = metrics(epochs);
        List<Object> rows = new ArrayList<>();
        for (EpochResult e : epochs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("loss", e.loss());
            m.put("train_accuracy", e.accuracy());
            m.put("test_loss", e.metric("test_loss"));
            m.put("test_accuracy", e.metric("test_accuracy"));
            m.put("seconds", e.seconds());
            rows.add(m);
        }
        csv.write(out.resolve(METRICS));
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        String label = r.config().label() + " on " + r.data().train().name();
        GraphClassifier model = r.model();
        new LineChart("Accuracy, " + label, "epoch", "accuracy")
                .series("train", x, r.history().series("accuracy"))
                .series("test", x, r.history().series("test_accuracy"))
                .write(out.resolve("learning_curves.png"));
        new LineChart("Loss, " + label, "epoch", "cross-entropy")
                .series("train", x, r.history().series("loss"))
                .series("test", x, r.history().series("test_loss"))
                .write(out.resolve("loss.png"));
        new Raster("Hidden nodes firing, " + RASTER_SAMPLES + " test images x " + model.steps() + " step(s)",
                "test image x step", "hidden node")
                .fired(Measures.firing(model, r.data().test(), RASTER_SAMPLES)).stepsPerSample(model.steps())
                .write(out.resolve("firing_raster.png"));
        histograms(r, "Trained graph, " + label).write(out.resolve("histograms.png"));

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("status", "finished");
        res.put("config", r.config().toJson());
        res.put("threads", model.threads());
        res.put("blas_threads", org.thousandbrains.model.Threads.blas());
        res.put("dataset", Map.of("train", r.data().train().size(), "test", r.data().test().size(),
                "name", r.data().train().name()));
        res.put("graph", graph(model));
        res.put("parameter_change", change(r));
        res.put("epochs", rows);
        res.put("test_accuracy", r.testAccuracy());
        res.put("seconds_per_epoch", r.secondsPerEpoch());
        res.put("build_seconds", r.buildSeconds());
        res.put("active_fraction", Measures.activeFraction(model, r.data().test(), ACTIVITY_SAMPLES));
        res.put("peak_rss_mb", Measures.peakRssMb());
        res.put("checkpoint", r.checkpoint().toString());
        writeJson(out.resolve(RESULTS), res);
        return res;
    }

    /** Size, competition and readout of the model's graph. */
    static Map<String, Object> graph(GraphClassifier model) {
        CompiledGraph g = model.graph();
        GroupStructure s = g.groupStructure();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", g.nodeCount());
        m.put("synapses", g.edgeCount());
        m.put("inputs", model.inputSize());
        m.put("outputs", model.outputSize());
        m.put("hidden", Measures.hiddenNodes(model).length);
        m.put("kwta_groups", s.kwtaCount());
        m.put("units", s.unitCount());
        m.put("unit_groups", s.unitGroupCount());
        m.put("steps", model.steps());
        m.put("readout_window", model.readoutWindow());
        m.put("precision", model.precision().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    /**
     * Before/after comparison of every parameter kind: mean |Δ| over all edges (nodes for the bias) and over
     * the edges where that kind is learnable, and the means before and after.
     */
    static Map<String, Object> change(ModelRun.Result r) {
        GraphClassifier model = r.model();
        byte[] learn = model.graph().learnable();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight", change(r.initialWeight(), model.weights(), learn, Learnable.WEIGHT));
        m.put("delay", change(r.initialDelay(), model.delays(), learn, Learnable.DELAY));
        m.put("leak", change(r.initialLeak(), model.leaks(), learn, Learnable.LEAK));
        m.put("bias", change(r.initialBias(), model.biases(), null, 0));
        return m;
    }

    private static Map<String, Object> change(double[] before, double[] after, byte[] learn, int bit) {
        double sum = 0;
        double sumLearnable = 0;
        int learnable = 0;
        double mean0 = 0;
        double mean1 = 0;
        double maxAbs = 0;
        for (int i = 0; i < before.length; i++) {
            double d = Math.abs(after[i] - before[i]);
            sum += d;
            maxAbs = Math.max(maxAbs, d);
            mean0 += before[i];
            mean1 += after[i];
            if (learn == null || (learn[i] & bit) != 0) {
                sumLearnable += d;
                learnable++;
            }
        }
        int n = Math.max(1, before.length);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("learnable", learnable);
        m.put("mean_abs_delta", sum / n);
        m.put("mean_abs_delta_learnable", learnable == 0 ? 0.0 : sumLearnable / learnable);
        m.put("max_abs_delta", maxAbs);
        m.put("mean_before", mean0 / n);
        m.put("mean_after", mean1 / n);
        return m;
    }

    /**
     * Weight, delay and leak histograms of the trained graph, and the initial ones where delays or leaks moved.
     * Delays and leaks are drawn over the edges where they are learnable when some are (unit-internal edges, for
     * one, ignore both and would only add a bar at their fixed value), over every edge otherwise.
     */
    static Histogram histograms(ModelRun.Result r, String title) {
        GraphClassifier model = r.model();
        Histogram h = new Histogram(title);
        if (model.graph().edgeCount() == 0) return h.panel("bias", model.biases(), 40);
        byte[] learn = model.graph().learnable();
        double[] d = model.delays();
        double[] l = model.leaks();
        boolean moved = !java.util.Arrays.equals(d, r.initialDelay()) || !java.util.Arrays.equals(l, r.initialLeak());
        h.panel("weight", model.weights(), 60).panel(label("delay", learn, Learnable.DELAY), where(d, learn, Learnable.DELAY), 20)
                .panel(label("leak", learn, Learnable.LEAK), where(l, learn, Learnable.LEAK), 20);
        if (moved) {
            h.panel("weight (initial)", r.initialWeight(), 60)
                    .panel(label("delay", learn, Learnable.DELAY) + " (initial)", where(r.initialDelay(), learn, Learnable.DELAY), 20)
                    .panel(label("leak", learn, Learnable.LEAK) + " (initial)", where(r.initialLeak(), learn, Learnable.LEAK), 20);
        }
        return h;
    }

    private static boolean some(byte[] learn, int bit) {
        if (learn == null) return false;
        for (byte b : learn) if ((b & bit) != 0) return true;
        return false;
    }

    private static String label(String kind, byte[] learn, int bit) {
        return some(learn, bit) ? kind + ", learnable" : kind;
    }

    /** The values of the edges where {@code bit} is learnable, or all values when none is. */
    private static double[] where(double[] values, byte[] learn, int bit) {
        if (!some(learn, bit)) return values;
        double[] out = new double[values.length];
        int n = 0;
        for (int e = 0; e < values.length; e++) if ((learn[e] & bit) != 0) out[n++] = values[e];
        return java.util.Arrays.copyOf(out, n);
    }

    /** The per-epoch metrics as the {@code metrics.csv} table. */
    static CsvWriter metrics(List<EpochResult> epochs) {
        CsvWriter csv = new CsvWriter("epoch", "loss", "train_accuracy", "test_loss", "test_accuracy", "seconds");
        for (EpochResult e : epochs) {
            csv.row(e.epoch(), e.loss(), e.accuracy(), e.metric("test_loss"), e.metric("test_accuracy"), e.seconds());
        }
        return csv;
    }

    /** Writes JSON atomically (temporary file, then rename). */
    static void writeJson(Path file, Object value) throws IOException {
        String text = Json.write(value) + "\n";
        AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
