package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.thousandbrains.api.Evaluation;
import org.thousandbrains.api.Models;
import org.thousandbrains.api.Plots;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.CsvWriter;
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
        metrics(epochs).write(out.resolve(METRICS));
        String label = r.config().label() + " on " + r.data().train().name();
        GraphClassifier model = r.model();
        Plots.save(Plots.learningCurves(r.history(), label), out.resolve("learning_curves.png"));
        Plots.save(Plots.loss(r.history(), label), out.resolve("loss.png"));
        Plots.save(Plots.raster(Evaluation.firing(model, r.data().test(), RASTER_SAMPLES), "Hidden nodes firing, " + RASTER_SAMPLES
                + " test images x " + model.steps() + " step(s)"), out.resolve("firing_raster.png"));
        Plots.save(Plots.histograms(model, r.initial(), "Trained graph, " + label), out.resolve("histograms.png"));

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("status", "finished");
        res.put("config", r.config().toJson());
        res.put("threads", model.threads());
        res.put("blas_threads", org.thousandbrains.model.Threads.blas());
        res.put("dataset", Map.of("train", r.data().train().size(), "test", r.data().test().size(),
                "name", r.data().train().name()));
        res.put("graph", Models.summary(model));
        res.put("parameter_change", r.run().parameterChange().toJson());
        res.put("epochs", rows(epochs));
        res.put("test_accuracy", r.testAccuracy());
        res.put("seconds_per_epoch", r.secondsPerEpoch());
        res.put("build_seconds", r.buildSeconds());
        res.put("active_fraction", Evaluation.firing(model, r.data().test(), ACTIVITY_SAMPLES).activeFraction());
        res.put("peak_rss_mb", ProcessMemory.peakRssMb());
        res.put("checkpoint", r.checkpoint().toString());
        writeJson(out.resolve(RESULTS), res);
        return res;
    }

    /** The per-epoch rows of {@code results.json}: the columns of {@code metrics.csv}. */
    private static List<Object> rows(List<EpochResult> epochs) {
        List<Object> rows = new java.util.ArrayList<>();
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
        return rows;
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
