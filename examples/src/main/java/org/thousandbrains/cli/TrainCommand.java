package org.thousandbrains.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thousandbrains.checkpoint.Checkpoint;
import org.thousandbrains.data.Split;
import org.thousandbrains.graph.graphml.GraphMLWriter;
import org.thousandbrains.io.Json;
import org.thousandbrains.model.Architecture;
import org.thousandbrains.model.GraphClassifier;
import org.thousandbrains.model.Threads;

/**
 * {@code tb train [--data digits|fashion-mnist|idx:DIR] [--model temporal|dense|sparse|units] [--hidden 512,512]
 * [--topology FILE [--map weight=ATTR[*SCALE]]... [--steps T] [--readout-k K]] [--epochs N] [--batch N]
 * [--lr X] [--delay-lr X] [--leak-lr X] [--seed N] [--threads N] [--out DIR] [--graphml FILE] [--rule SPEC]}: trains one
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
 * (BLAS) threads, default 1. {@code --graphml FILE} also exports the trained graph as GraphML.
 */
public final class TrainCommand implements Command {
    static final String USAGE = "usage: tb train [--data digits|fashion-mnist|idx:DIR] [--model temporal|dense|sparse|units] "
            + "[--hidden 512,512] [--topology FILE.graphml|FILE.csv [--map weight=ATTR[*SCALE]] [--steps T] [--readout-k K]] "
            + "[--epochs N] [--batch N] [--lr X] [--delay-lr X] [--leak-lr X] [--seed N] [--threads N] [--out DIR] [--graphml FILE] "
            + "[--rule bptt|fired-only|l1=A|hebbian=E|three-factor[=ETA]|A+B] [--checkpoint-every N]\n"
            + "       tb train --resume RUN_DIR [--threads N] [--checkpoint-every N]";
    static final Set<String> VALUED = Set.of("--data", "--model", "--hidden", "--topology", "--map", "--steps", "--readout-k",
            "--epochs", "--batch", "--lr", "--delay-lr", "--leak-lr", "--seed", "--threads", "--out", "--graphml", "--rule", "--resume", "--checkpoint-every");

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a temporal (default), dense, sparse (k-WTA) or units model, or any GraphML/CSV topology (--topology), on digits, "
                + "Fashion-MNIST or IDX data";
    }

    /** The configuration given by {@code o} with the data-dependent defaults; {@code model} is ignored with --topology. */
    static RunConfig config(Options o, String model) {
        String data = o.get("--data", RunConfig.DEFAULT_DATA);
        int batch = o.positiveInt("--batch", RunConfig.DEFAULT_BATCH);
        double lr = o.positiveDouble("--lr", RunConfig.DEFAULT_LR);
        long seed = o.integer("--seed", 0);
        if (o.has("--topology")) {
            int epochs = o.positiveInt("--epochs", RunConfig.defaultEpochs(data, null));
            if (o.has("--model") || o.has("--hidden")) throw new CliException("--topology trains the graph in the file: drop --model and --hidden");
            RunConfig c = new RunConfig(data, null, o.get("--topology", ""), o.all("--map"), o.positiveInt("--steps", 0),
                    o.positiveInt("--readout-k", 0), new int[0], epochs, batch, lr, seed, o.get("--rule", null), 0, 0)
                    .withRates(o.positiveDouble("--delay-lr", 0), o.positiveDouble("--leak-lr", 0));
            c.learningRule();
            return c;
        }
        for (String only : new String[] {"--map", "--steps", "--readout-k"}) {
            if (o.has(only)) throw new CliException(only + " applies to --topology runs (the built-in models fix their steps)");
        }
        Architecture arch;
        try {
            arch = Architecture.parse(model);
        } catch (IllegalArgumentException e) {
            throw new CliException("--model: " + e.getMessage());
        }
        int epochs = o.positiveInt("--epochs", RunConfig.defaultEpochs(data, arch));
        RunConfig c = RunConfig.builtIn(data, arch, o.sizes("--hidden", RunConfig.defaultHidden(data)), epochs, batch, lr, seed)
                .withRule(o.get("--rule", null)).withRates(o.positiveDouble("--delay-lr", 0), o.positiveDouble("--leak-lr", 0));
        c.learningRule();
        return c;
    }

    /** Applies {@code --threads} (default 1) to the native side and returns it (also the operator's thread count). */
    static int threads(Options o) {
        int n = o.positiveInt("--threads", 1);
        Threads.set(n);
        return n;
    }

    @Override
    public int run(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(USAGE);
            return 0;
        }
        Options o = Options.parse(args, VALUED, Set.of(), USAGE);
        Checkpoint resume = null;
        RunConfig c;
        Path out;
        if (o.has("--resume")) {
            for (String other : VALUED) {
                if (o.has(other) && !Set.of("--resume", "--threads", "--checkpoint-every").contains(other)) {
                    throw new CliException("--resume continues the run as it was configured: drop " + other);
                }
            }
            out = Path.of(o.get("--resume", ""));
            resume = RunCheckpoints.latest(out, System.out);
            if (resume.meta("config") == null) throw new CliException("--resume " + out + ": the checkpoint names no run configuration");
            c = RunConfig.fromJson(Json.parse(resume.meta("config")));
        } else {
            c = config(o, o.get("--model", "temporal"));
            out = Path.of(o.get("--out", c.defaultOut()));
        }
        int threads = threads(o);
        Split data = ModelRun.load(c.data());
        ModelRun.Result r = ModelRun.train(c, data, out, threads, System.out, o.positiveInt("--checkpoint-every", 1), resume);
        Map<String, Object> res = RunReport.write(r, out);
        if (o.has("--graphml")) {
            org.thousandbrains.graph.topology.Network trained = r.model().network();
            trained.metadata().put(ModelRun.GRAPH_RULE, new org.thousandbrains.graph.topology.Attribute(ModelRun.GRAPH_RULE, "string",
                    r.model().rule().spec()));
            GraphMLWriter.write(trained, Path.of(o.get("--graphml", "")));
        }
        System.out.printf(Locale.ROOT, "test accuracy %.4f, %.2f s per epoch (median, training only), active fraction %.3f, "
                        + "peak RSS %.0f MB%nwrote %s (results.json, metrics.csv, learning_curves.png, loss.png, "
                        + "firing_raster.png, histograms.png, %s)%n",
                r.testAccuracy(), r.secondsPerEpoch(), (Double) res.get("active_fraction"), (Double) res.get("peak_rss_mb"),
                out, ModelRun.CHECKPOINT);
        return 0;
    }
}
