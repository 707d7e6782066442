package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.GraphClassifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tb train [--data digits|fashion-mnist|idx:DIR] [--model temporal|dense|sparse|units] [--hidden 512,512]
 * [--topology FILE [--map weight=ATTR[*SCALE]]... [--steps T] [--readout-k K]] [--epochs N] [--batch N]
 * [--lr X] [--delay-lr X] [--leak-lr X] [--seed N | --seeds 0,1,2 [--spark MASTER]] [--threads N] [--out DIR] [--graphml FILE]
 * [--rule SPEC] [--data-parallel --spark MASTER [--partitions N]]}: trains one
 * model (delays and leaks at their own Adam rates when given, the weights' rate otherwise) and writes results,
 * metrics, plots and a checkpoint into the output folder (default {@code runs/<model>-<data>-<seed>/},
 * or {@code runs/<topology file name>-<data>-<seed>/}). With no options: the temporal model (units, six
 * steps, learnable delays and leaks) on the embedded digits; {@code --model dense} is the one-step MLP baseline.
 *
 * <p>Every model is a graph trained by the one temporal operator ({@link GraphClassifier}): a built-in
 * family built by {@code LayeredNetwork}, or with {@code --topology} a GraphML or edge-list CSV file: its
 * input nodes (node order) take the dataset's features, its output nodes are the classes, and
 * {@code --steps}/{@code --readout-k} override the graph's readout settings (graph keys {@code steps},
 * {@code readout_k}). {@code --threads} is the number of the operator's worker threads and of native
 * (BLAS) threads, default 1. {@code --graphml FILE} also exports the trained graph as GraphML. {@code --seeds}
 * trains one run per seed ({@link SeedSweep}), with {@code --spark MASTER} as Spark tasks; {@code --data-parallel}
 * trains one run in shards per step on Spark ({@link DataParallelRun}).
 */
@Command(name = "train", sortOptions = false, description = "Train a temporal (default), dense, sparse (k-WTA) or units model, "
        + "or any GraphML/CSV topology (--topology), on digits, Fashion-MNIST or IDX data.",
        customSynopsis = {"tb train [--model MODEL | --topology FILE [--map SPEC]... [--steps T] [--readout-k K]] [OPTIONS]",
                "tb train --resume RUN_DIR [--threads N] [--checkpoint-every N]"})
public final class TrainCommand implements Callable<Integer> {
    /** What {@code --resume} may be given with: the rest comes from the run's saved configuration. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--threads", "--checkpoint-every");

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "temporal",
            description = "temporal (default: units, six steps, learnable delays and leaks), dense, sparse or units")
    String model;

    @Mixin
    TrainingOptions training;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DeviceOption device;

    @Option(names = "--topology", paramLabel = "FILE", description = "train the graph in a GraphML or edge-list CSV file: "
            + "its input nodes take the features, its output nodes are the classes")
    String topology;

    @Option(names = "--map", paramLabel = "weight=ATTR[*SCALE]",
            description = "with --topology: take a parameter from a GraphML attribute (repeatable)")
    List<String> maps;

    @Option(names = "--steps", paramLabel = "T", converter = Converters.PositiveInt.class,
            description = "with --topology: steps of a pass (default: the graph's key steps)")
    Integer steps;

    @Option(names = "--readout-k", paramLabel = "K", converter = Converters.PositiveInt.class,
            description = "with --topology: readout over the last K steps (default: the graph's key readout_k)")
    Integer readoutK;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default runs/<model>-<data>-<seed>/)")
    Path out;

    @Option(names = "--graphml", paramLabel = "FILE", description = "also export the trained graph as GraphML")
    Path graphml;

    @Option(names = "--checkpoint-every", paramLabel = "N", converter = Converters.PositiveInt.class, defaultValue = "1",
            description = "write a checkpoint every N epochs (default ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--seeds", paramLabel = "LIST", hideParamSyntax = true, split = ",", converter = Converters.WholeNumber.class,
            description = "one run per seed, e.g. 0,1,2: each into <out>/seed-S/, a summary in <out>/sweep.json")
    List<Long> seeds;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "with --seeds: run them as Spark tasks on MASTER (local[*]: embedded; spark://HOST:PORT: a cluster); "
                    + "with --data-parallel: the master of the shards")
    String spark;

    @Option(names = "--data-parallel", description = "train one run synchronously data-parallel on --spark MASTER: each batch in "
            + "--partitions shards, one Spark task each (backpropagating rules, graphs without k-WTA or overseer state)")
    boolean dataParallel;

    @Option(names = "--partitions", paramLabel = "N", converter = Converters.PositiveInt.class, defaultValue = "2",
            description = "with --data-parallel: shards (Spark tasks) per step (default 2)")
    int partitions;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue a killed or stopped run from its newest intact checkpoint, as it was configured")
    Path resume;

    /** The configuration these options give, with the data-dependent defaults. */
    RunConfig config() {
        if (topology == null) {
            for (String only : new String[] {"--map", "--steps", "--readout-k"}) {
                if (given(only)) throw new CliException(only + " applies to --topology runs (the built-in models fix their steps)");
            }
            return training.builtIn(model);
        }
        if (given("--model") || given("--hidden")) throw new CliException("--topology trains the graph in the file: drop --model and --hidden");
        TrainingOptions t = training;
        int epochs = t.epochs != null ? t.epochs : RunConfig.defaultEpochs(t.data, null);
        RunConfig c = new RunConfig(t.data, null, topology, maps == null ? List.of() : maps, steps == null ? 0 : steps,
                readoutK == null ? 0 : readoutK, new int[0], epochs, t.batch, t.lr, t.seed, t.rule, 0, 0)
                .withRates(t.delayLr, t.leakLr);
        c.learningRule();
        return c;
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    @Override
    public Integer call() throws Exception {
        Checkpoint checkpoint = null;
        RunConfig c;
        Path dir;
        if (resume != null) {
            for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
                if (!RESUME_OPTIONS.contains(o.longestName())) {
                    throw new CliException("--resume continues the run as it was configured: drop " + o.longestName());
                }
            }
            dir = resume;
            checkpoint = RunCheckpoints.latest(dir, System.out);
            if (checkpoint.meta("config") == null) throw new CliException("--resume " + dir + ": the checkpoint names no run configuration");
            c = RunConfig.fromJson(Json.parse(checkpoint.meta("config")));
        } else {
            c = config();
            dir = out != null ? out : Path.of(c.defaultOut());
        }
        device.requireCpu("tb train");
        int n = threads.apply();
        if (given("--partitions") && !dataParallel) throw new CliException("--partitions applies to --data-parallel runs");
        if (dataParallel) {
            if (spark == null) throw new CliException("--data-parallel needs --spark MASTER (local[*]: embedded)");
            if (seeds != null || resume != null || graphml != null) {
                throw new CliException("--data-parallel trains one fresh run: drop --seeds, --resume and --graphml");
            }
            ModelRun.Result r = DataParallelRun.train(c, spark, partitions, dir, n, System.out);
            RunReport.write(r, dir);
            System.out.printf(Locale.ROOT, "test accuracy %.4f, %.2f s per epoch (median, training only); wrote %s (results.json, "
                    + "metrics.csv, plots, %s)%n", r.testAccuracy(), r.secondsPerEpoch(), dir, ModelRun.CHECKPOINT);
            return 0;
        }
        if (spark != null && seeds == null) throw new CliException("--spark runs the --seeds of a sweep (or --data-parallel): give --seeds too");
        if (seeds != null) {
            if (resume != null || given("--seed") || graphml != null) throw new CliException("--seeds runs one training per seed: drop --seed, --resume and --graphml");
            Path root = out != null ? out : Path.of(c.defaultOut().replaceFirst("-" + c.seed() + "$", "-seeds"));
            SeedSweep.run(c, seeds, root, spark, n, checkpointEvery, "tb " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            return 0;
        }
        Split data = ModelRun.load(c.data());
        ModelRun.Result r = ModelRun.train(c, data, dir, n, System.out, checkpointEvery, checkpoint);
        Map<String, Object> res = RunReport.write(r, dir);
        if (graphml != null) {
            org.thousandbrains.graph.topology.Network trained = r.model().network();
            trained.metadata().put(ModelRun.GRAPH_RULE, new org.thousandbrains.graph.topology.Attribute(ModelRun.GRAPH_RULE, "string",
                    r.model().rule().spec()));
            GraphMLWriter.write(trained, graphml);
        }
        System.out.printf(Locale.ROOT, "test accuracy %.4f, %.2f s per epoch (median, training only), active fraction %.3f, "
                        + "peak RSS %.0f MB%nwrote %s (results.json, metrics.csv, learning_curves.png, loss.png, "
                        + "firing_raster.png, histograms.png, %s)%n",
                r.testAccuracy(), r.secondsPerEpoch(), (Double) res.get("active_fraction"), (Double) res.get("peak_rss_mb"),
                dir, ModelRun.CHECKPOINT);
        return 0;
    }
}
