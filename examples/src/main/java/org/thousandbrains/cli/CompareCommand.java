package org.thousandbrains.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.thousandbrains.api.Evaluation;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.BarChart;
import org.thousandbrains.plot.ChartGrid;
import org.thousandbrains.plot.CsvWriter;
import org.thousandbrains.plot.LineChart;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tb compare [--models dense,sparse,units] [--data SPEC] [--hidden ...] [--epochs N] [--batch N]
 * [--lr X] [--seed N] [--threads N] [--noise LEVELS] [--out DIR]}: trains each model family on the same data with
 * the same seed (each run also leaves its {@code tb train} files in {@code DIR/<model>/}) and writes one
 * table — {@code compare.md}, {@code compare.csv}, {@code compare.json} — and one figure,
 * {@code compare.png}, with clean accuracy, the noise-robustness curves, active fraction, seconds per
 * epoch and peak memory (the process's peak RSS is reset before each run where Linux allows it).
 */
@Command(name = "compare", sortOptions = false,
        description = "Train dense, sparse and units models on the same data and seed; one table and one plot.")
public final class CompareCommand implements Callable<Integer> {
    static final int PANELS_PER_ROW = 3;
    static final int PANEL_WIDTH = 600;
    static final int PANEL_HEIGHT = 400;

    @Option(names = "--models", paramLabel = "LIST", hideParamSyntax = true, split = ",", defaultValue = "dense,sparse,units",
            description = "the model families, in order (default ${DEFAULT-VALUE})")
    List<String> models;

    @Mixin
    TrainingOptions training;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--noise", paramLabel = "LEVELS", hideParamSyntax = true, split = ",", converter = Converters.Fraction.class,
            description = "noise levels of the robustness curves (default 0,0.05,0.1,0.2,0.3,0.4,0.5)")
    double[] levelsOption;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default runs/compare-<data>-<seed>/)")
    Path outOption;

    /** One model's line of the comparison. */
    record Row(String model, double accuracy, Map<Double, Double> noise, double activeFraction, double secondsPerEpoch,
               double peakRssMb) {
    }

    @Override
    public Integer call() throws Exception {
        RunConfig first = training.builtIn(models.get(0).trim());
        int threads = this.threads.apply();
        double[] levels = levelsOption != null ? levelsOption : Evaluation.noiseLevels();
        Path out = outOption != null ? outOption
                : Path.of("runs/compare-" + first.data().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + first.seed());
        Split data = ModelRun.load(first.data());
        List<Row> rows = new ArrayList<>();
        boolean perRun = true;
        for (String m : models) {
            RunConfig c = training.builtIn(m.trim());
            System.gc();
            perRun &= ProcessMemory.resetPeakRss();
            ModelRun.Result r = ModelRun.train(c, data, out.resolve(c.model().label()), threads, System.out);
            Map<String, Object> res = RunReport.write(r, out.resolve(c.model().label()));
            Map<Double, Double> noise = Evaluation.noise(r.model(), data.test(), c.seed(), levels).asMap();
            rows.add(new Row(c.model().label(), r.testAccuracy(), noise, (Double) res.get("active_fraction"),
                    r.secondsPerEpoch(), ProcessMemory.peakRssMb()));
            System.out.printf(Locale.ROOT, "%s: test accuracy %.4f%n", c.model().label(), r.testAccuracy());
        }
        write(rows, levels, first, perRun, threads, out);
        System.out.print(markdown(rows, levels, first, perRun));
        System.out.println("wrote " + out.resolve("compare.md") + ", compare.csv, compare.json, compare.png");
        return 0;
    }

    private static void write(List<Row> rows, double[] levels, RunConfig c, boolean perRun, int threads, Path out)
            throws IOException {
        Files.createDirectories(out);
        writeText(out.resolve("compare.md"), markdown(rows, levels, c, perRun));
        List<String> header = new ArrayList<>(List.of("model", "test_accuracy"));
        for (double l : levels) header.add("noise_" + l);
        header.addAll(List.of("active_fraction", "seconds_per_epoch", "peak_rss_mb"));
        CsvWriter csv = new CsvWriter(header.toArray(new String[0]));
        List<Object> json = new ArrayList<>();
        for (Row r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.model(), r.accuracy()));
            List<Object> noise = new ArrayList<>();
            for (Map.Entry<Double, Double> e : r.noise().entrySet()) {
                cells.add(e.getValue());
                noise.add(Map.of("level", e.getKey(), "accuracy", e.getValue()));
            }
            cells.addAll(List.of(r.activeFraction(), r.secondsPerEpoch(), r.peakRssMb()));
            csv.row(cells.toArray());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", r.model());
            m.put("test_accuracy", r.accuracy());
            m.put("noise", noise);
            m.put("active_fraction", r.activeFraction());
            m.put("seconds_per_epoch", r.secondsPerEpoch());
            m.put("peak_rss_mb", r.peakRssMb());
            json.add(m);
        }
        csv.write(out.resolve("compare.csv"));
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> config = c.toJson();
        config.remove("model");
        doc.put("config", config);
        doc.put("threads", threads);
        doc.put("peak_rss_per_run", perRun);
        doc.put("models", json);
        RunReport.writeJson(out.resolve("compare.json"), doc);
        figure(rows, levels, c).write(out.resolve("compare.png"));
    }

    static String markdown(List<Row> rows, double[] levels, RunConfig c, boolean perRun) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# Model comparison: %s, hidden %s, %d epochs, batch %d, Adam lr %s, seed %d%n%n",
                c.data(), java.util.Arrays.toString(c.hidden()), c.epochs(), c.batch(), c.lr(), c.seed()));
        sb.append("| model | test accuracy |");
        for (double l : levels) if (l > 0) sb.append(String.format(Locale.ROOT, " noise %.2f |", l));
        sb.append(" active fraction | s/epoch | peak RSS MB |\n|---|---|");
        for (double l : levels) if (l > 0) sb.append("---|");
        sb.append("---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f |", r.model(), r.accuracy()));
            for (Map.Entry<Double, Double> e : r.noise().entrySet()) {
                if (e.getKey() > 0) sb.append(String.format(Locale.ROOT, " %.4f |", e.getValue()));
            }
            sb.append(String.format(Locale.ROOT, " %.3f | %.2f | %.0f |%n", r.activeFraction(), r.secondsPerEpoch(), r.peakRssMb()));
        }
        sb.append(perRun ? "\nPeak RSS is each run's own (reset before each run).\n"
                : "\nPeak RSS is the process's peak up to the end of each run (could not be reset).\n");
        return sb.toString();
    }

    /** Five panels in one image, three per row: accuracy, noise curves, active fraction, seconds per epoch, peak memory. */
    static ChartGrid figure(List<Row> rows, double[] levels, RunConfig c) {
        String[] names = rows.stream().map(Row::model).toArray(String[]::new);
        String suffix = " (" + c.data() + ", seed " + c.seed() + ")";
        ChartGrid charts = new ChartGrid("", PANELS_PER_ROW);
        charts.add(bars("Clean test accuracy" + suffix, "accuracy", names, rows.stream().mapToDouble(Row::accuracy).toArray()));
        if (levels.length > 0) {
            LineChart noise = new LineChart("Noise robustness" + suffix, "fraction of pixels replaced", "test accuracy");
            for (Row r : rows) {
                noise.series(r.model(), r.noise().keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        r.noise().values().stream().mapToDouble(Double::doubleValue).toArray());
            }
            charts.add(noise);
        }
        charts.add(bars("Active fraction of hidden nodes", "fraction", names, rows.stream().mapToDouble(Row::activeFraction).toArray()));
        charts.add(bars("Seconds per epoch (training)", "seconds", names, rows.stream().mapToDouble(Row::secondsPerEpoch).toArray()));
        charts.add(bars("Peak memory", "RSS MB", names, rows.stream().mapToDouble(Row::peakRssMb).toArray()));
        int rowsN = (charts.count() + PANELS_PER_ROW - 1) / PANELS_PER_ROW;
        return charts.size(PANELS_PER_ROW * PANEL_WIDTH, rowsN * PANEL_HEIGHT);
    }

    private static BarChart bars(String title, String yLabel, String[] models, double[] values) {
        BarChart b = new BarChart(title, yLabel, models);
        b.series(yLabel, values);
        return b;
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
