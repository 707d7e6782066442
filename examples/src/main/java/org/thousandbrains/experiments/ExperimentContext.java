package org.thousandbrains.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thousandbrains.io.Json;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.Chart;

/**
 * What an {@link Experiment} runs with — seeds, output folder, the {@code --epochs} override, the
 * {@code --quick} flag (tiny data and epochs, for tests), worker threads, a log — and writes through:
 * {@code results.json} (the command line and settings first, then the experiment's figures),
 * {@code results.md} (a header, then the tables appended) and PNG plots, each written atomically into
 * {@link #out()}, so a reader never sees half a file. {@link #plan}/{@link #begin} print one progress line
 * per training run (run k of n, elapsed, remaining); the trainer draws its own bar within a run.
 */
public final class ExperimentContext {
    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_MD = "results.md";

    private final Experiment experiment;
    private final List<Long> seeds;
    private final Path out;
    private final int epochs;
    private final boolean quick;
    private final int threads;
    private final String command;
    private final PrintStream log;
    private final StringBuilder markdown = new StringBuilder();
    private final long start = System.nanoTime();
    private int planned;
    private int begun;

    /**
     * @param epochs  the {@code --epochs} override, or 0 for each experiment's default
     * @param command the command line that started the run, recorded in the results
     */
    public ExperimentContext(Experiment experiment, List<Long> seeds, Path out, int epochs, boolean quick, int threads,
                             String command, PrintStream log) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("an experiment needs at least one seed");
        this.experiment = experiment;
        this.seeds = List.copyOf(seeds);
        this.out = out;
        this.epochs = epochs;
        this.quick = quick;
        this.threads = threads;
        this.command = command;
        this.log = log;
        markdown.append("# ").append(experiment.name()).append("\n\n").append(experiment.question()).append("\n\n`")
                .append(command).append("`\n");
    }

    public List<Long> seeds() { return seeds; }
    public Path out() { return out; }
    public boolean quick() { return quick; }
    public int threads() { return threads; }
    public PrintStream log() { return log; }

    /** The {@code --epochs} override, or {@code fallback} (the experiment's default) when none was given. */
    public int epochs(int fallback) {
        return epochs > 0 ? epochs : fallback;
    }

    /** The folder of one training run's own files (checkpoint, learning curves), inside {@link #out()}. */
    public Path runDir(String name) {
        return out.resolve(name);
    }

    /** Announces how many training runs {@link #begin} will count. */
    public void plan(int runs) {
        planned = runs;
        begun = 0;
    }

    /** Prints the progress line of the next training run. */
    public void begin(String label) {
        begun++;
        double elapsed = seconds();
        String eta = begun > 1 ? String.format(Locale.ROOT, ", about %s left", clock(elapsed / (begun - 1) * (planned - begun + 1))) : "";
        log.printf(Locale.ROOT, "[%s %d/%d] %s (%s elapsed%s)%n", experiment.name(), begun, planned, label, clock(elapsed), eta);
    }

    /** One training run of an experiment: a variant under a seed. */
    @FunctionalInterface
    public interface VariantRun<V, R> {
        R train(V variant, long seed) throws Exception;
    }

    /**
     * Trains every variant under every seed, seed by seed (so that runs of one seed share its data order), with
     * a progress line {@code "<label>, seed <s>"} each, and returns each variant's runs in seed order — the lists
     * paired by seed that {@link Stats#paired} compares. {@link #plan} counts them beforehand.
     */
    public <V, R> Map<V, List<R>> eachSeed(List<V> variants, java.util.function.Function<V, String> label, VariantRun<V, R> run)
            throws Exception {
        Map<V, List<R>> runs = new LinkedHashMap<>();
        for (V v : variants) runs.put(v, new ArrayList<>());
        for (long seed : seeds) {
            for (V v : variants) {
                begin(label.apply(v) + ", seed " + seed);
                runs.get(v).add(run.train(v, seed));
            }
        }
        return runs;
    }

    /** Seconds since the context was created. */
    public double seconds() {
        return (System.nanoTime() - start) * 1e-9;
    }

    /**
     * Writes {@code results.json}: experiment, question, command, seeds, quick flag and wall seconds so far,
     * then {@code results}' entries in their order.
     */
    public Path writeResults(Map<String, Object> results) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("experiment", experiment.name());
        doc.put("question", experiment.question());
        doc.put("command", command);
        doc.put("seeds", new ArrayList<Object>(seeds));
        doc.put("quick", quick);
        doc.put("threads", threads);
        doc.put("wall_seconds", seconds());
        doc.putAll(results);
        return writeText(RESULTS_JSON, Json.write(doc) + "\n");
    }

    /** Appends a block (a table, a paragraph) to {@code results.md} and rewrites the file. */
    public Path appendMarkdown(String block) throws IOException {
        markdown.append('\n').append(block);
        if (!block.endsWith("\n")) markdown.append('\n');
        return writeText(RESULTS_MD, markdown.toString());
    }

    /** Renders {@code chart} into the PNG {@code file} of {@link #out()}. */
    public Path plot(Chart<?> chart, String file) throws IOException {
        return chart.write(out.resolve(file));
    }

    private Path writeText(String file, String text) throws IOException {
        Path p = out.resolve(file);
        AtomicFile.write(p, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        return p;
    }

    private static String clock(double s) {
        long t = Math.round(s);
        return t < 60 ? t + "s" : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
