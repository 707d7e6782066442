package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.graph.topology.Network;
import org.thousandbrains.graph.topology.Synapse;
import org.thousandbrains.io.Json;
import org.thousandbrains.plot.CsvWriter;
import org.thousandbrains.plot.Histogram;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.plot.Raster;
import org.thousandbrains.train.EpochResult;

/**
 * The files {@code tb train} leaves in its output folder: {@code results.json}, {@code metrics.csv},
 * {@code learning_curves.png} (accuracy), {@code loss.png}, {@code firing_raster.png} (hidden nodes that
 * fire for a few test images) and {@code histograms.png} (weights, delays and leaks of the trained graph).
 */
final class RunReport {
    static final String RESULTS = "results.json";
    static final int RASTER_SAMPLES = 12;
    static final int ACTIVITY_SAMPLES = 1000;

    private RunReport() {
    }

    /** Writes every file and returns the results object that went into {@code results.json}. */
    static Map<String, Object> write(ModelRun.Result r, Path out) throws IOException {
        Files.createDirectories(out);
        List<EpochResult> epochs = r.history().epochs();
        CsvWriter csv = new CsvWriter("epoch", "loss", "train_accuracy", "test_loss", "test_accuracy", "seconds");
        List<Object> rows = new ArrayList<>();
        for (EpochResult e : epochs) {
            csv.row(e.epoch(), e.loss(), e.accuracy(), e.metric("test_loss"), e.metric("test_accuracy"), e.seconds());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("loss", e.loss());
            m.put("train_accuracy", e.accuracy());
            m.put("test_loss", e.metric("test_loss"));
            m.put("test_accuracy", e.metric("test_accuracy"));
            m.put("seconds", e.seconds());
            rows.add(m);
        }
        csv.write(out.resolve("metrics.csv"));
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        String label = r.config().model().label() + " on " + r.data().train().name();
        new LineChart("Accuracy, " + label, "epoch", "accuracy")
                .series("train", x, r.history().series("accuracy"))
                .series("test", x, r.history().series("test_accuracy"))
                .write(out.resolve("learning_curves.png"));
        new LineChart("Loss, " + label, "epoch", "cross-entropy")
                .series("train", x, r.history().series("loss"))
                .series("test", x, r.history().series("test_loss"))
                .write(out.resolve("loss.png"));
        new Raster("Hidden nodes firing, " + RASTER_SAMPLES + " test images x " + r.model().steps() + " step(s)",
                "test image (x step)", "hidden node")
                .fired(Measures.firing(r.model(), r.data().test(), RASTER_SAMPLES))
                .write(out.resolve("firing_raster.png"));
        histograms(r.network(), "Trained graph, " + label).write(out.resolve("histograms.png"));

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("config", r.config().toJson());
        res.put("threads", org.thousandbrains.model.Threads.blas());
        res.put("dataset", Map.of("train", r.data().train().size(), "test", r.data().test().size(),
                "name", r.data().train().name()));
        res.put("graph", Map.of("nodes", r.network().nodeCount(), "synapses", r.network().synapseCount(),
                "steps", r.model().steps()));
        res.put("epochs", rows);
        res.put("test_accuracy", r.testAccuracy());
        res.put("seconds_per_epoch", r.secondsPerEpoch());
        res.put("build_seconds", r.buildSeconds());
        res.put("active_fraction", Measures.activeFraction(r.model(), r.data().test(), ACTIVITY_SAMPLES));
        res.put("peak_rss_mb", Measures.peakRssMb());
        res.put("checkpoint", r.checkpoint().toString());
        writeJson(out.resolve(RESULTS), res);
        return res;
    }

    /** Weight, delay and leak histograms of every synapse. */
    static Histogram histograms(Network net, String title) {
        int e = net.synapseCount();
        double[] w = new double[e];
        double[] d = new double[e];
        double[] l = new double[e];
        int i = 0;
        for (Synapse s : net.synapses()) {
            w[i] = s.weight();
            d[i] = s.delay();
            l[i++] = s.leak();
        }
        return new Histogram(title).panel("weight", w, 60).panel("delay", d, 20).panel("leak", l, 20);
    }

    /** Writes JSON atomically (temporary file, then rename). */
    static void writeJson(Path file, Object value) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, Json.write(value) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
