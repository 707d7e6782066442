package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.thousandbrains.experiments.Experiment;
import org.thousandbrains.experiments.ExperimentContext;
import org.thousandbrains.experiments.ExperimentRegistry;

/**
 * {@code tb experiment NAME [--seed S | --seeds 0,1,2] [--out DIR] [--epochs N] [--quick] [--threads N]} runs one
 * experiment of {@link ExperimentRegistry} (default seeds 0,1,2, default folder {@code runs/experiments/NAME/}) and
 * leaves {@code results.json}, {@code results.md}, PNG plots and one folder per training run there;
 * {@code tb experiment --list} prints each experiment's name and question.
 */
public final class ExperimentCommand implements Command {
    static final String USAGE = "usage: tb experiment NAME [--seed S | --seeds 0,1,2] [--out DIR] [--epochs N] [--quick] "
            + "[--threads N]  |  tb experiment --list";
    static final List<Long> DEFAULT_SEEDS = List.of(0L, 1L, 2L);

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "run a research experiment (units vs neurons, horizontal leak, ...) over seeds: tables and plots (--list)";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        if (args.length == 1 && args[0].equals("--list")) {
            for (Experiment e : ExperimentRegistry.ALL) System.out.printf(Locale.ROOT, "%-20s %s%n", e.name(), e.question());
            return 0;
        }
        if (args.length == 0 || args[0].startsWith("-")) throw new CliException("name an experiment (" + USAGE + ")");
        Experiment e;
        try {
            e = ExperimentRegistry.find(args[0]);
        } catch (IllegalArgumentException x) {
            throw new CliException(x.getMessage());
        }
        Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length), Set.of("--seed", "--seeds", "--out", "--epochs", "--threads"),
                Set.of("--quick"), USAGE);
        int threads = TrainCommand.threads(o);
        Path out = Path.of(o.get("--out", "runs/experiments/" + e.name()));
        ExperimentContext ctx = new ExperimentContext(e, seeds(o), out, o.positiveInt("--epochs", 0), o.has("--quick"), threads,
                "tb experiment " + String.join(" ", args), System.out);
        e.run(ctx);
        System.out.printf(Locale.ROOT, "%s finished in %.0f s: wrote %s (%s, %s, plots)%n", e.name(), ctx.seconds(), out,
                ExperimentContext.RESULTS_JSON, ExperimentContext.RESULTS_MD);
        return 0;
    }

    private static List<Long> seeds(Options o) {
        if (o.has("--seed") && o.has("--seeds")) throw new CliException("give --seed or --seeds, not both");
        if (o.has("--seed")) return List.of(o.integer("--seed", 0));
        if (!o.has("--seeds")) return DEFAULT_SEEDS;
        List<Long> seeds = new ArrayList<>();
        for (String s : o.get("--seeds", "").split(",")) {
            try {
                seeds.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException x) {
                throw new CliException("--seeds expects whole numbers like 0,1,2, got '" + o.get("--seeds", "") + "'");
            }
        }
        return seeds;
    }
}
