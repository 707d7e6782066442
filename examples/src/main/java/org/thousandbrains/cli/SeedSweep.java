package org.thousandbrains.cli;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.spark.api.java.JavaSparkContext;
import org.thousandbrains.distributed.SparkContexts;
import org.thousandbrains.distributed.Sweep;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Threads;
import org.thousandbrains.graph.io.AtomicFile;

/**
 * {@code tb train ... --seeds 0,1,2 [--spark MASTER]}: one training run per seed, each into its own folder
 * {@code <out>/seed-<S>/} with the files of a single {@code tb train} run, here one after the other or, with
 * {@code --spark}, as Spark tasks ({@link Sweep}); then {@code <out>/sweep.json}: the command, master, each run's
 * test accuracy and seconds per epoch, their mean and standard deviation, and the sweep's wall time.
 */
final class SeedSweep {
    static final String SWEEP_JSON = "sweep.json";

    /** One seed's run as a Spark task: the configuration as JSON (its record is not Serializable), absolute paths. */
    record SeedRun(String config, String dir, int threads, int checkpointEvery) implements Sweep.Run<SeedResult> {
        @Override
        public SeedResult call() throws IOException {
            RunConfig c = RunConfig.fromJson(Json.parse(config));
            Threads.set(threads);
            Path out = Path.of(dir);
            ModelRun.Result r = ModelRun.train(c, ModelRun.load(c.data()), out, threads, System.out, checkpointEvery, null);
            RunReport.write(r, out);
            return new SeedResult(c.seed(), dir, r.testAccuracy(), r.secondsPerEpoch());
        }
    }

    /** What a seed's run reports back to the driver. */
    record SeedResult(long seed, String dir, double testAccuracy, double secondsPerEpoch) implements Serializable {
    }

    private SeedSweep() {
    }

    /** Runs {@code base} under each seed into {@code out}; {@code master} null runs them here. */
    static List<SeedResult> run(RunConfig base, List<Long> seeds, Path out, String master, int threads, int checkpointEvery,
                                String command) throws Exception {
        Path root = out.toAbsolutePath();
        List<SeedRun> runs = new ArrayList<>();
        for (long s : seeds) {
            Map<String, Object> json = base.toJson();
            json.put("seed", s);
            if (base.isTopology()) json.put("topology", Path.of(base.topology()).toAbsolutePath().toString());
            runs.add(new SeedRun(Json.write(json), root.resolve("seed-" + s).toString(), threads, checkpointEvery));
        }
        long t0 = System.nanoTime();
        List<SeedResult> results;
        if (master == null) {
            results = Sweep.here(runs);
        } else {
            try (JavaSparkContext sc = SparkContexts.open(master, "tb train --seeds")) {
                results = Sweep.onSpark(sc, runs);
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        write(root, results, master, command, wall);
        return results;
    }

    private static void write(Path root, List<SeedResult> results, String master, String command, double wall) throws IOException {
        SummaryStatistics acc = new SummaryStatistics();
        List<Object> rows = new ArrayList<>();
        for (SeedResult r : results) {
            acc.addValue(r.testAccuracy());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", r.seed());
            m.put("dir", r.dir());
            m.put("test_accuracy", r.testAccuracy());
            m.put("seconds_per_epoch", r.secondsPerEpoch());
            rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", command);
        doc.put("spark_master", master == null ? "none (runs one after the other)" : master);
        doc.put("runs", rows);
        doc.put("test_accuracy_mean", acc.getMean());
        doc.put("test_accuracy_sd", results.size() > 1 ? acc.getStandardDeviation() : 0.0);
        doc.put("wall_seconds", wall);
        byte[] text = (Json.write(doc) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(root.resolve(SWEEP_JSON), o -> o.write(text));
        for (SeedResult r : results) {
            System.out.printf(Locale.ROOT, "seed %d: test accuracy %.4f, %.2f s per epoch (%s)%n", r.seed(), r.testAccuracy(),
                    r.secondsPerEpoch(), r.dir());
        }
        System.out.printf(Locale.ROOT, "%d seeds: test accuracy %.4f ± %.4f (sd), sweep wall %.1f s; wrote %s%n", results.size(),
                acc.getMean(), results.size() > 1 ? acc.getStandardDeviation() : 0.0, wall, root.resolve(SWEEP_JSON));
    }
}
