package org.thousandbrains.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.thousandbrains.io.Json;
import org.thousandbrains.graph.io.AtomicFile;
import org.thousandbrains.plot.Chart;

/**
 * What an {@link Experiment} runs with — seeds, output folder, the {@code --epochs} override, the
 * {@code --quick} flag (tiny data and epochs, for tests), worker threads, a log — and writes through:
 * {@code results.json} (the command line and settings first, then the experiment's figures),
 * {@code results.md} (a header, then the tables appended) and PNG plots, each written atomically into
 * {@link #out()}, so a reader never sees half a file. Training runs go through {@link #runAll} (or
 * {@link #eachSeed}, {@link #run}) in batches of independent runs, so that a {@link RunScheduler} decides where
 * they execute: here one after the other, with one progress line each after {@link #plan} (run k of n,
 * elapsed, remaining; the trainer draws its own bar within a run), or as Spark tasks.
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
    private RunScheduler scheduler = RunScheduler.HERE;
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

    /** Runs the training runs on {@code s} from now on (default {@link RunScheduler#HERE}); returns this context. */
    public ExperimentContext runOn(RunScheduler s) {
        scheduler = s;
        return this;
    }

    public String experimentName() { return experiment.name(); }
    /** Whether each training run has the process to itself ({@link RunScheduler#oneRunAtATime}). */
    public boolean oneRunAtATime() { return scheduler.oneRunAtATime(); }
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
    void begin(String label) {
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
     * Trains a batch of independent runs on this context's {@link RunScheduler} and returns their results in the
     * batch's order. The batches an experiment asks for, and their labels, must follow from its settings and seeds
     * alone (a Spark task replays the experiment up to its own run); labels are unique within the experiment.
     */
    public <R extends Serializable> List<R> runAll(List<TrainingRun<R>> runs) throws Exception {
        return scheduler.runAll(this, runs);
    }

    /** One run on its own: {@link #runAll} of one. */
    public <R extends Serializable> R run(String label, Callable<R> work) throws Exception {
        return runAll(List.of(new TrainingRun<>(label, work))).get(0);
    }

    /**
     * Trains every variant under every seed of the context, as one batch ordered seed by seed (so that runs of one
     * seed share its data order), labelled {@code "<label>, seed <s>"}, and returns each variant's runs in seed
     * order — the lists paired by seed that {@link Stats#paired} compares. {@link #plan} counts them beforehand.
     */
    public <V, R extends Serializable> Map<V, List<R>> eachSeed(List<V> variants, Function<V, String> label,
                                                                VariantRun<V, R> run) throws Exception {
        return eachSeed(seeds, variants, label, run);
    }

    /** {@link #eachSeed(List, Function, VariantRun)} over the given seeds. */
    public <V, R extends Serializable> Map<V, List<R>> eachSeed(List<Long> seeds, List<V> variants, Function<V, String> label,
                                                                VariantRun<V, R> run) throws Exception {
        List<TrainingRun<R>> batch = new ArrayList<>();
        for (long seed : seeds) {
            for (V v : variants) batch.add(new TrainingRun<>(label.apply(v) + ", seed " + seed, () -> run.train(v, seed)));
        }
        List<R> results = runAll(batch);
        Map<V, List<R>> runs = new LinkedHashMap<>();
        for (V v : variants) runs.put(v, new ArrayList<>());
        int i = 0;
        for (int s = 0; s < seeds.size(); s++) {
            for (V v : variants) runs.get(v).add(results.get(i++));
        }
        return runs;
    }

    /**
     * {@code make} made once per seed: the data a seed's runs share (a generated split, a labelled subset), built at
     * its first run and kept for the others of the batch (one replay of a Spark task builds only its own seed's).
     */
    public <T> LongFunction<T> perSeed(LongFunction<T> make) {
        Map<Long, T> made = new HashMap<>();
        return seed -> made.computeIfAbsent(seed, make::apply);
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
        if (!scheduler.writesResults()) return out.resolve(RESULTS_JSON);
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
        if (!scheduler.writesResults()) return out.resolve(RESULTS_MD);
        markdown.append('\n').append(block);
        if (!block.endsWith("\n")) markdown.append('\n');
        return writeText(RESULTS_MD, markdown.toString());
    }

    /** Renders {@code chart} into the PNG {@code file} of {@link #out()}. */
    public Path plot(Chart<?> chart, String file) throws IOException {
        if (!scheduler.writesResults()) return out.resolve(file);
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
