package org.thousandbrains.distributed;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.thousandbrains.experiments.Experiment;
import org.thousandbrains.experiments.ExperimentContext;
import org.thousandbrains.experiments.ExperimentRegistry;
import org.thousandbrains.experiments.RunScheduler;
import org.thousandbrains.experiments.TrainingRun;
import org.thousandbrains.model.Threads;

/**
 * {@code tb experiment NAME --spark MASTER}: an experiment's training runs as Spark tasks, one task per run, while
 * the driver runs the experiment itself and writes its results, tables and plots as a local run does. Each batch of
 * independent runs ({@link ExperimentContext#runAll}) is one Spark job. A task cannot be sent the run's code (it
 * holds the experiment's data and models), so it rebuilds the experiment from {@link ExperimentRegistry} with the
 * same settings and replays it: earlier batches return the results the driver already has (broadcast), and in the
 * task's own batch only its run trains; its result comes back to the driver. This needs what the context asks of
 * every experiment anyway: its batches and labels follow from its settings and seeds alone. A run's own files
 * (checkpoints, learning curves) are written by its task under the absolute output folder, so on a cluster that
 * folder must be on a file system the executors share with the driver (loopback: the same disk).
 */
public final class ExperimentOnSpark implements RunScheduler {
    /** What a task needs to rebuild the experiment's context. */
    public record Settings(String experiment, List<Long> seeds, String out, int epochs, boolean quick, int threads, String command)
            implements Serializable {
        public Settings {
            seeds = List.copyOf(seeds);
            out = Path.of(out).toAbsolutePath().toString();
        }

        ExperimentContext context(RunScheduler scheduler) {
            Experiment e = ExperimentRegistry.find(experiment);
            return new ExperimentContext(e, seeds, Path.of(out), epochs, quick, threads, command, System.out).runOn(scheduler);
        }
    }

    private final JavaSparkContext sc;
    private final Settings settings;
    private final Map<String, Serializable> done = new HashMap<>();

    public ExperimentOnSpark(JavaSparkContext sc, Settings settings) {
        this.sc = sc;
        this.settings = settings;
    }

    /** Runs {@code settings}' experiment with its training runs on {@code sc}; returns its context (for its wall time). */
    public static ExperimentContext run(JavaSparkContext sc, Settings settings) throws Exception {
        ExperimentContext ctx = settings.context(new ExperimentOnSpark(sc, settings));
        ExperimentRegistry.find(settings.experiment()).run(ctx);
        return ctx;
    }

    @Override
    public <R extends Serializable> List<R> runAll(ExperimentContext ctx, List<TrainingRun<R>> runs) {
        Set<String> labels = new HashSet<>();
        List<Task> tasks = new ArrayList<>();
        Broadcast<HashMap<String, Serializable>> before = sc.broadcast(new HashMap<>(done));
        for (TrainingRun<R> r : runs) {
            if (!labels.add(r.label()) || done.containsKey(r.label())) {
                throw new IllegalStateException(settings.experiment() + " asks for two runs labelled '" + r.label()
                        + "': on Spark each run's label must be unique");
            }
            tasks.add(new Task(settings, before, r.label()));
        }
        long t0 = System.nanoTime();
        ctx.log().printf(Locale.ROOT, "[%s] %d run(s) as Spark tasks on %s, from '%s'%n", settings.experiment(), runs.size(),
                sc.master(), runs.get(0).label());
        List<Serializable> results = Sweep.onSpark(sc, tasks);
        before.destroy();
        ctx.log().printf(Locale.ROOT, "[%s] %d run(s) done in %.1f s (%.0f s elapsed)%n", settings.experiment(), runs.size(),
                (System.nanoTime() - t0) * 1e-9, ctx.seconds());
        List<R> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            done.put(runs.get(i).label(), results.get(i));
            @SuppressWarnings("unchecked")
            R r = (R) results.get(i);
            out.add(r);
        }
        return out;
    }

    @Override
    public boolean oneRunAtATime() {
        return false;
    }

    /** One run as a Spark task: replays the experiment up to the run labelled {@code target} and returns its result. */
    record Task(Settings settings, Broadcast<HashMap<String, Serializable>> done, String target) implements Sweep.Run<Serializable> {
        @Override
        public Serializable call() throws Exception {
            Threads.set(settings.threads());
            Replay replay = new Replay(done.value(), target);
            ExperimentContext ctx = settings.context(replay);
            try {
                ExperimentRegistry.find(settings.experiment()).run(ctx);
            } catch (Reached r) {
                return r.result;
            }
            throw new IllegalStateException(settings.experiment() + " finished on the executor without asking for run '" + target
                    + "': its runs must follow from its settings and seeds alone");
        }
    }

    /** The scheduler of a task's replay: known results for earlier runs, training for the target, nothing written. */
    private record Replay(Map<String, Serializable> done, String target) implements RunScheduler {
        @Override
        public <R extends Serializable> List<R> runAll(ExperimentContext ctx, List<TrainingRun<R>> runs) throws Exception {
            List<R> out = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (TrainingRun<R> r : runs) {
                if (r.label().equals(target)) {
                    ctx.log().printf(Locale.ROOT, "[%s] %s (Spark task)%n", ctx.experimentName(), target);
                    throw new Reached(r.work().call());
                }
                @SuppressWarnings("unchecked")
                R known = (R) done.get(r.label());
                if (known == null) unknown.add(r.label());
                out.add(known);
            }
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(ctx.experimentName() + " asked on the executor for runs the driver did not ask for "
                        + unknown + ": its runs must follow from its settings and seeds alone");
            }
            return out;
        }

        @Override
        public boolean writesResults() {
            return false;
        }

        @Override
        public boolean oneRunAtATime() {
            return false;
        }
    }

    /** Ends a replay at its target run, carrying the run's result out of the experiment. */
    private static final class Reached extends RuntimeException {
        private final transient Serializable result;

        Reached(Serializable result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
