package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.thousandbrains.distributed.ExperimentOnSpark;
import org.thousandbrains.distributed.SparkContexts;
import org.thousandbrains.experiments.Experiment;
import org.thousandbrains.experiments.ExperimentContext;
import org.thousandbrains.experiments.ExperimentRegistry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tb experiment NAME [--seed S | --seeds 0,1,2] [--out DIR] [--epochs N] [--quick] [--threads N] [--spark MASTER]}
 * runs one experiment of {@link ExperimentRegistry} (default seeds 0,1,2, default folder {@code runs/experiments/NAME/})
 * and leaves {@code results.json}, {@code results.md}, PNG plots and one folder per training run there; with
 * {@code --spark} its training runs are Spark tasks ({@link ExperimentOnSpark}), the files the same;
 * {@code tb experiment --list} prints each experiment's name and question.
 */
@Command(name = "experiment", sortOptions = false,
        description = "Run a research experiment (units vs neurons, horizontal leak, ...) over seeds: tables and plots (--list).")
public final class ExperimentCommand implements Callable<Integer> {
    static final List<Long> DEFAULT_SEEDS = List.of(0L, 1L, 2L);

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the experiment (tb experiment --list names them)")
    String name;

    @Option(names = "--list", description = "print each experiment's name and question")
    boolean list;

    @Option(names = "--seed", paramLabel = "S", converter = Converters.WholeNumber.class, description = "one seed")
    Long seed;

    @Option(names = "--seeds", paramLabel = "LIST", hideParamSyntax = true, split = ",", converter = Converters.WholeNumber.class,
            description = "seeds, e.g. 0,1,2 (default)")
    List<Long> seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default runs/experiments/NAME/)")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", converter = Converters.PositiveInt.class,
            description = "epochs per training run (default: the experiment's)")
    int epochs;

    @Option(names = "--quick", description = "a small, fast version (as the tests run it)")
    boolean quick;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "train the runs as Spark tasks on MASTER (local[*]: embedded; spark://HOST:PORT: a cluster)")
    String spark;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (list) {
            if (name != null) throw new CliException("--list takes no experiment name");
            for (Experiment e : ExperimentRegistry.ALL) System.out.printf(Locale.ROOT, "%-20s %s%n", e.name(), e.question());
            return 0;
        }
        if (name == null) throw new CliException("name an experiment (tb experiment --list names them)");
        Experiment e;
        try {
            e = ExperimentRegistry.find(name);
        } catch (IllegalArgumentException x) {
            throw new CliException(x.getMessage());
        }
        if (seed != null && seeds != null) throw new CliException("give --seed or --seeds, not both");
        List<Long> runSeeds = seed != null ? List.of(seed) : seeds != null ? List.copyOf(seeds) : DEFAULT_SEEDS;
        int n = threads.apply();
        Path dir = out != null ? out : Path.of("runs/experiments/" + e.name());
        String command = "tb " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ExperimentContext ctx;
        if (spark == null) {
            ctx = new ExperimentContext(e, runSeeds, dir, epochs, quick, n, command, System.out);
            e.run(ctx);
        } else {
            try (JavaSparkContext sc = SparkContexts.open(spark, "tb experiment " + e.name())) {
                ctx = ExperimentOnSpark.run(sc, new ExperimentOnSpark.Settings(e.name(), runSeeds, dir.toString(), epochs, quick, n, command));
            }
        }
        System.out.printf(Locale.ROOT, "%s finished in %.0f s: wrote %s (%s, %s, plots)%n", e.name(), ctx.seconds(), dir,
                ExperimentContext.RESULTS_JSON, ExperimentContext.RESULTS_MD);
        return 0;
    }
}
