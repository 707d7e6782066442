package org.thousandbrains.sim;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.graph.compile.CompiledGraph;
import org.thousandbrains.io.Json;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.CsvWriter;
import org.thousandbrains.plot.LineChart;
import org.thousandbrains.plot.Raster;

/**
 * What a {@link Simulation} recorded, step {@code t = 1..T} at index {@code t − 1}: over all nodes the
 * mean state, the fraction firing and the largest |state|; for the recorded nodes their state and
 * firing; the seconds each step took; whether every state stayed finite. {@link #toString()} is a
 * short summary; {@link #raster()} and {@link #activityChart()} draw it; {@link #write} writes the
 * raster PNG, the activity CSV and the summary as JSON and text.
 */
public final class SimulationResult {
    /** File names {@link #write} uses inside its folder. */
    public static final String RASTER = "raster.png";
    public static final String ACTIVITY = "activity.csv";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_TEXT = "summary.txt";

    private final CompiledGraph graph;
    private final int steps;
    private final int[] driven;
    private final String driveLabel;
    private final String drive;
    private final String normalization;
    private final double[] weightScale;
    private final String precision;
    private final double threshold;
    private final int threads;
    private final Recorder rec;
    private final double seconds;

    SimulationResult(Simulation sim, CompiledGraph graph, int[] driven, double[] weightScale, Recorder rec, double seconds) {
        this.graph = graph;
        this.steps = rec.mean.length;
        this.driven = driven.clone();
        this.driveLabel = sim.driveLabel();
        this.drive = sim.drivePattern().toString();
        this.normalization = sim.normalizationUsed().toString();
        this.weightScale = weightScale;
        this.precision = sim.precisionUsed().name().toLowerCase(Locale.ROOT);
        this.threshold = sim.thresholdUsed();
        this.threads = sim.threadsUsed();
        this.rec = rec;
        this.seconds = seconds;
    }

    public int steps() { return steps; }
    public int nodeCount() { return graph.nodeCount(); }
    /** Indices of the driven nodes. */
    public int[] driven() { return driven.clone(); }
    /** The factor each node's in-edge weights were multiplied by ({@link Normalization}), {@code [N]}. */
    public double[] weightScale() { return weightScale.clone(); }
    /** Mean state over all nodes per step. */
    public double[] meanActivity() { return rec.mean.clone(); }
    /** Fraction of all nodes firing per step. */
    public double[] fractionFiring() { return rec.fractionFiring.clone(); }
    /** Largest |state| over all nodes per step. */
    public double[] maxAbsState() { return rec.maxAbs.clone(); }
    /** Seconds of each step (the operator's work, without the recording). */
    public double[] stepSeconds() { return rec.stepSeconds.clone(); }
    /** Wall-clock seconds of the whole run. */
    public double seconds() { return seconds; }
    /** True when every state of every node stayed finite. */
    public boolean finite() { return rec.firstNonFinite < 0; }
    /** The first step with a non-finite state, or -1. */
    public int firstNonFiniteStep() { return rec.firstNonFinite; }
    /** Indices of the recorded nodes. */
    public int[] recordedNodes() { return rec.sample.clone(); }

    /** Ids of the recorded nodes. */
    public String[] recordedIds() {
        return Arrays.stream(rec.sample).mapToObj(graph::nodeId).toArray(String[]::new);
    }

    /** State of the i-th recorded node at step t (1..T). */
    public double activity(int t, int i) {
        return rec.activity[index(t, i)];
    }

    /** The states of recorded node {@code id} at steps 1..T. */
    public double[] trace(String id) {
        int i = Arrays.asList(recordedIds()).indexOf(id);
        if (i < 0) throw new IllegalArgumentException("node '" + id + "' was not recorded (Simulation.record(...))");
        double[] r = new double[steps];
        for (int t = 1; t <= steps; t++) r[t - 1] = activity(t, i);
        return r;
    }

    /** Whether the i-th recorded node fired at step t (1..T). */
    public boolean fired(int t, int i) {
        return rec.fired[index(t, i)];
    }

    private int index(int t, int i) {
        if (t < 1 || t > steps) throw new IndexOutOfBoundsException("step " + t + " outside 1.." + steps);
        if (i < 0 || i >= rec.sample.length) throw new IndexOutOfBoundsException("recorded node " + i + " outside 0.." + (rec.sample.length - 1));
        return (t - 1) * rec.sample.length + i;
    }

    /** Mean of the step times in milliseconds. */
    public double millisPerStep() {
        return Arrays.stream(rec.stepSeconds).average().orElse(0) * 1e3;
    }

    /** Median of the step times in milliseconds. */
    public double medianMillisPerStep() {
        double[] s = rec.stepSeconds.clone();
        Arrays.sort(s);
        int n = s.length;
        return (n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])) * 1e3;
    }

    /** The firing raster of the recorded nodes (rows in node order, one column per step). */
    public Raster rasterChart() {
        int m = rec.sample.length;
        if (m == 0) throw new IllegalStateException("no nodes were recorded: Simulation.record(n) with n > 0");
        boolean[][] f = new boolean[steps][m];
        for (int t = 0; t < steps; t++) System.arraycopy(rec.fired, t * m, f[t], 0, m);
        String rows = m == graph.nodeCount() ? "node" : "node (" + m + " of " + graph.nodeCount() + ")";
        return new Raster("Firing, " + driven.length + " driven node(s), " + drive, "step", rows).fired(f);
    }

    /** The raster as an image (a notebook cell shows it). */
    public BufferedImage raster() {
        return rasterChart().render();
    }

    /** Mean state and fraction firing per step. */
    public LineChart activityChart() {
        return new LineChart("Activity over all " + graph.nodeCount() + " nodes", "step", "value")
                .series("mean state", rec.mean).series("fraction firing", rec.fractionFiring);
    }

    /** Per step: mean state, fraction firing, max |state|, then the state of each recorded node (by id). */
    public CsvWriter activityTable() {
        String[] ids = recordedIds();
        String[] header = new String[4 + ids.length];
        header[0] = "step";
        header[1] = "mean_state";
        header[2] = "fraction_firing";
        header[3] = "max_abs_state";
        System.arraycopy(ids, 0, header, 4, ids.length);
        CsvWriter csv = new CsvWriter(header);
        int m = ids.length;
        Object[] row = new Object[header.length];
        for (int t = 0; t < steps; t++) {
            row[0] = t + 1;
            row[1] = rec.mean[t];
            row[2] = rec.fractionFiring[t];
            row[3] = rec.maxAbs[t];
            for (int i = 0; i < m; i++) row[4 + i] = rec.activity[t * m + i];
            csv.row(row);
        }
        return csv;
    }

    /** The summary figures and the per-step whole-graph series, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", graph.nodeCount());
        m.put("edges", graph.edgeCount());
        m.put("steps", steps);
        m.put("driven_nodes", driven.length);
        m.put("drive_nodes", driveLabel);
        m.put("drive", drive);
        m.put("normalization", normalization);
        m.put("weight_scale_min", Arrays.stream(weightScale).min().orElse(1));
        m.put("weight_scale_max", Arrays.stream(weightScale).max().orElse(1));
        m.put("precision", precision);
        m.put("threshold", Double.isNaN(threshold) ? "graph" : threshold);
        m.put("threads", threads);
        m.put("finite", finite());
        m.put("first_non_finite_step", finite() ? null : rec.firstNonFinite);
        m.put("mean_state", mean(rec.mean));
        m.put("final_mean_state", rec.mean[steps - 1]);
        m.put("max_abs_state", Arrays.stream(rec.maxAbs).max().orElse(0));
        m.put("mean_fraction_firing", mean(rec.fractionFiring));
        m.put("ms_per_step", millisPerStep());
        m.put("median_ms_per_step", medianMillisPerStep());
        m.put("seconds", seconds);
        m.put("recorded_nodes", rec.sample.length);
        Map<String, Object> perStep = new LinkedHashMap<>();
        perStep.put("mean_state", rec.mean);
        perStep.put("fraction_firing", rec.fractionFiring);
        perStep.put("max_abs_state", rec.maxAbs);
        perStep.put("ms", Arrays.stream(rec.stepSeconds).map(s -> s * 1e3).toArray());
        m.put("per_step", perStep);
        return m;
    }

    private String scaleRange() {
        double lo = Arrays.stream(weightScale).min().orElse(1);
        double hi = Arrays.stream(weightScale).max().orElse(1);
        return lo == hi ? String.format(Locale.ROOT, "%.4g", lo) : String.format(Locale.ROOT, "%.4g..%.4g per node", lo, hi);
    }

    private static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(0);
    }

    /**
     * Writes into {@code dir}: {@value #SUMMARY_JSON} and {@value #SUMMARY_TEXT}, and unless
     * {@code summaryOnly} also {@value #RASTER} and {@value #ACTIVITY} (all atomically).
     */
    public void write(Path dir, boolean summaryOnly) throws IOException {
        if (!summaryOnly) {
            activityTable().write(dir.resolve(ACTIVITY));
            if (rec.sample.length > 0) rasterChart().write(dir.resolve(RASTER));
        }
        byte[] json = (Json.write(toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(dir.resolve(SUMMARY_JSON), out -> out.write(json));
        byte[] text = (toString() + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(dir.resolve(SUMMARY_TEXT), out -> out.write(text));
    }

    /** A few lines: graph, drive, normalization, activity, firing, finiteness, time per step. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "SimulationResult: %,d nodes, %,d edges, T=%d, %s%n"
                        + "  drive: %d node(s) (%s), %s%n"
                        + "  weights x %s (%s)%n"
                        + "  mean state %.4g (final %.4g), max |state| %.4g, %s%n"
                        + "  fraction firing %.3f on average (threshold %s), %d node(s) recorded%n"
                        + "  %.3f ms per step (median %.3f), %.3f s in all, %d thread(s)",
                graph.nodeCount(), graph.edgeCount(), steps, precision,
                driven.length, driveLabel, drive,
                scaleRange(), normalization,
                mean(rec.mean), rec.mean[steps - 1], Arrays.stream(rec.maxAbs).max().orElse(0),
                finite() ? "all finite" : "NON-FINITE from step " + rec.firstNonFinite,
                mean(rec.fractionFiring), Double.isNaN(threshold) ? "the graph's" : Double.toString(threshold), rec.sample.length,
                millisPerStep(), medianMillisPerStep(), seconds, threads);
    }
}
